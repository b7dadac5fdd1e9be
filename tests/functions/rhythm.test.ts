/** CRM.PALIVE and CRM.RHYTHMFIT (METHOD.md §13) as Excel calls them. */
import { readFileSync } from "fs";
import { join } from "path";
import { parseIsoDay } from "../../src/engine/days";
import { historiesOfDates } from "../../src/engine/rhythm";
import { palive, rhythmFit } from "../../src/functions/rhythm";
import { col, errorMessage, flat, thrownMessage } from "./helpers";

/** CDNOW as three columns x, t, T in days (as-of 1997-09-30), plus the row of customer 00004. */
function cdnowColumns(): { x: unknown[][]; t: unknown[][]; T: unknown[][]; row00004: number } {
  const text = readFileSync(join(__dirname, "../fixtures/cdnow-sample-ledger.csv"), "utf8");
  const byId = new Map<string, number[]>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [id, date] = line.split(",");
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push(parseIsoDay(date));
  }
  const h = historiesOfDates([...byId.values()], parseIsoDay("1997-09-30"));
  return {
    x: col(...h.x),
    t: col(...h.t),
    T: col(...h.T),
    row00004: [...byId.keys()].indexOf("00004"),
  };
}

describe("CRM.RHYTHMFIT", () => {
  test("CDNOW in days spills r, α, a, b, LL in one row: the published figures", () => {
    const { x, t, T } = cdnowColumns();
    const out = rhythmFit(x, t, T);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(5);
    const [r, alpha, a, b, ll] = out[0] as number[];
    expect(r).toBeCloseTo(0.2426, 4);
    expect(alpha).toBeCloseTo(30.895, 3);
    expect(a).toBeCloseTo(0.7929, 4);
    expect(b).toBeCloseTo(2.4259, 4);
    expect(ll).toBeCloseTo(-14363.53, 2);
  });

  test("weeks (t/7, T/7, as lifetimes' quickstart): α 4.4136, LL −9582.43", () => {
    const { x, t, T } = cdnowColumns();
    const weeks = (m: unknown[][]) => m.map(([v]) => [(v as number) / 7]);
    const [, alpha, , , ll] = rhythmFit(x, weeks(t), weeks(T))[0] as number[];
    expect(alpha).toBeCloseTo(4.4136, 4);
    expect(ll).toBeCloseTo(-9582.43, 2);
  });

  test("20 customers: #VALUE! saying how many repeat buyers there are and how many are needed", () => {
    const x = col(...Array.from({ length: 20 }, (_, i) => i % 4));
    const t = col(...Array.from({ length: 20 }, (_, i) => (i % 4) * 20));
    expect(thrownMessage(() => rhythmFit(x, t, [[200]]))).toBe(
      "只有15行 x ≥ 1（至少需要30行），无法拟合 / only 15 rows have x ≥ 1 (30 needed): cannot fit",
    );
  });

  test("a bad cell stops the fit and names its row", () => {
    expect(thrownMessage(() => rhythmFit(col(1, 2, "三"), col(5, 9, 9), col(10, 10, 10)))).toBe(
      'x 第3行：无法识别为数字（"三"） / x row 3: is not a number ("三")',
    );
    expect(thrownMessage(() => rhythmFit(col(1, 2), col(5, 12), col(10, 10)))).toBe(
      "T 第2行：小于 t（10 < 12） / T row 2: is less than t (10 < 12)",
    );
  });
});

describe("CRM.PALIVE", () => {
  const params = [0.2426, 30.895, 0.7929, 2.4259] as const;

  test("customer 00004 of CDNOW: 0.7266; x = 0: 1; blank x: blank", () => {
    const out = flat(palive(col(2, 0, ""), col(213, 0, ""), col(272, 100, ""), ...params));
    expect(out[0] as number).toBeCloseTo(0.7266, 4);
    expect(out[1]).toBe(1);
    expect(out[2]).toBe("");
  });

  test("T = t: (b+x−1)/(a+b+x−1) with r=0.25, α=30, a=0.8, b=2.5, x=2: 3.5/4.3", () => {
    expect(palive([[2]], [[100]], [[100]], 0.25, 30, 0.8, 2.5)[0][0] as number).toBeCloseTo(3.5 / 4.3, 14);
  });

  test("a single-cell T applies to every row; parameters may come as 1×1 ranges", () => {
    const out = flat(palive(col(2, 2), col(213, 100), [[272]], [[0.2426]], [[30.895]], [[0.7929]], [[2.4259]]));
    expect(out[0] as number).toBeCloseTo(0.7266, 4);
    expect(out[1] as number).toBeLessThan(out[0] as number); // longer silence for the same x
  });

  test("a bad row is #VALUE! in its own cell only", () => {
    const out = flat(palive(col(2, 1.5, 2), col(213, 10, 300), col(272, 20, 272), ...params));
    expect(out[0] as number).toBeCloseTo(0.7266, 4);
    expect(errorMessage(out[1])).toBe('x 第2行：应为 0 或正整数（"1.5"） / x row 2: must be a whole number ≥ 0 ("1.5")');
    expect(errorMessage(out[2])).toBe("T 第3行：小于 t（272 < 300） / T row 3: is less than t (272 < 300)");
  });

  test("a parameter that is not a positive number: #VALUE! for the formula", () => {
    expect(thrownMessage(() => palive([[1]], [[1]], [[2]], 0, 30, 0.8, 2.5))).toBe(
      '参数 r 应为正数（"0"）/ Argument r must be a positive number ("0")',
    );
    expect(thrownMessage(() => palive([[1]], [[1]], [[2]], 0.2, col(1, 2), 0.8, 2.5))).toBe(
      "参数 alpha 应为一个单元格 / Argument alpha must be a single cell",
    );
  });
});

test("RHYTHMFIT's spill feeds PALIVE (CDNOW customer 00004)", () => {
  const { x, t, T, row00004 } = cdnowColumns();
  const [r, alpha, a, b] = rhythmFit(x, t, T)[0];
  const out = palive(x, t, T, r, alpha, a, b);
  expect(out[row00004][0] as number).toBeCloseTo(0.7266, 4);
});
