/** output.ts: the §11 row, the Why line, the problems text and the summary. */
import { classify } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { OUTPUT_COLUMNS } from "../../src/engine/labels";
import { outputRow, paretoPoints, problemsText, rfmText, summarize, whyText } from "../../src/engine/output";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { Abc, Tier } from "../../src/engine/types";
import type { CellValue, FieldKey } from "../../src/engine/types";

const T = dayFromYmd(2027, 3, 10);
const cols: Partial<Record<FieldKey, CellValue[]>> = {
  name: ["华东建材", "东方商贸", "西城五金", "南山电器", "无名"],
  revenue: [1000000, 400000, 70000, 30000, "#N/A"],
  prevRevenue: [740000, 400000, 100000, null, null],
  profit: [300000, 80000, 14000, 6000, null],
  marginRate: ["30%", "20%", "20%", "20%", null],
  orders: [24, 6, 3, 1, null],
  lastOrder: ["2027-03-01", "2027-01-15", "2026-12-01", "2027-02-01", null],
  lastContact: ["2026-12-01", "2027-03-05", "2027-01-01", "2027-02-05", null],
  familiarity: [4, 1, 3, 3, null],
  firstOrder: [null, null, null, "2026-06-01", null],
};
const r = classify({ rowCount: 5, columns: cols }, { today: T });

describe("outputRow", () => {
  test("14 cells in OUTPUT_COLUMNS order, zh", () => {
    const row = outputRow(r, 0, "zh");
    expect(row).toHaveLength(OUTPUT_COLUMNS.length);
    // value 300000 of 400000 total → share 0.75, class A, Star; growth 1000000/740000 − 1 = +35%
    expect(row[0]).toBe("天王巨星");
    expect(row[1]).toBe("A");
    expect(row[2]).toBe(0.75);
    expect(row[5]).toBe("主动"); // A × high margin
    expect(row[6]).toBe(0); // target 4 − familiarity 4
    expect(row[9]).toBe(null); // no risk: 24 orders, no margin history, no lateness known
    expect(row[10]).toBe(null); // no strategy columns
    expect(row[13]).toBe(null);
  });
  test("Star ordered 9 days ago, last contact 99 days ago: after-sale wins the tie today; overdue", () => {
    const row = outputRow(r, 0, "zh");
    // regular due 2026-12-01 + 14 + jitter (−3..3): overdue 99 − 14 − jitter = 82..88 days
    const overdue = r.overdue[0];
    expect(overdue).toBeGreaterThanOrEqual(82);
    expect(overdue).toBeLessThanOrEqual(88);
    // after-sale due 03-01 + 7 = 03-08, before today → today; regular (overdue) also today → lower number wins
    expect(row[7]).toBe("售后回访：回访使用情况和满意度");
    expect(row[8]).toBe(T);
    expect(row[12]).toBe(`A类：累计前80%；同比+35%；9天前下单；超期未联系${overdue}天`);
    expect(outputRow(r, 0, "en")[12]).toBe(
      `Class A: top 80% cumulative; +35% YoY; ordered 9 days ago; contact overdue ${overdue} days`,
    );
  });
  test("the class reason follows each table's own cuts, in either language, from one run to the next", () => {
    // Shares 68.5 %, 27.4 %, 4.1 %; a row is in a class while the share before it is under the cut
    // (§2): cuts 60/97 → A, B, B; cuts 80/95 → A, A, C (95.9 % before the third row).
    const rows = { name: ["甲", "乙", "丙"], revenue: [1000000, 400000, 60000] };
    const run = (abcCutA: number, abcCutB: number) =>
      classify({ rowCount: 3, columns: rows }, { today: T, settings: { ...DEFAULT_SETTINGS, abcCutA, abcCutB } });
    const a = run(0.6, 0.97);
    const b = run(0.8, 0.95);
    expect([whyText(a, 0, "zh"), whyText(a, 1, "zh"), whyText(a, 2, "en")]).toEqual([
      "A类：累计前60%",
      "B类：累计前97%",
      "Class B: top 97% cumulative",
    ]);
    expect([whyText(b, 0, "zh"), whyText(b, 1, "en"), whyText(b, 2, "zh"), whyText(b, 2, "en")]).toEqual([
      "A类：累计前80%",
      "Class A: top 80% cumulative",
      "C类",
      "Class C",
    ]);
    expect(whyText(a, 0, "en")).toBe("Class A: top 60% cumulative");
  });
  test("Insufficient data: blanks where unknown, the problem named, RFM unknown", () => {
    const row = outputRow(r, 4, "zh");
    expect(row[0]).toBe("数据不足");
    expect(row[1]).toBe(null);
    expect(row[2]).toBe(null);
    expect(row[3]).toBe(null);
    expect(row[11]).toBe(null);
    expect(row[12]).toBe("数据不足：无销售额或毛利");
    expect(row[13]).toBe('本期销售额：单元格是错误值（"#N/A"）');
    expect(outputRow(r, 4, "en", (f) => (f === "revenue" ? "Sales 2026" : f))[13]).toBe('Sales 2026: Excel error ("#N/A")');
  });
  test("Fading row: why names the drop; RFM digits", () => {
    // 西城五金: 70000 vs 100000 → −30% → Fading, win-back
    expect(r.tier[2]).toBe(Tier.Fading);
    // cadence 30 from 2027-01-01: due 01-31 + jitter, so overdue 38 − jitter days
    const od = r.overdue[2];
    expect(od).toBeGreaterThanOrEqual(35);
    expect(od).toBeLessThanOrEqual(41);
    expect(whyText(r, 2, "zh")).toBe(`明日黄花：同比-30%；超期未联系${od}天`);
    expect(whyText(r, 2, "en")).toBe(`Fading: -30% YoY; contact overdue ${od} days`);
    expect(outputRow(r, 2, "zh")[7]).toBe("挽回：致电了解需求变化"); // class C, 3 orders
  });
  test("RFM text (METHOD v2 §10): three digits, '_' for unknown, null when all unknown", () => {
    expect(rfmText(5, 4, 5)).toBe("545");
    expect(rfmText(5, 0, 1)).toBe("5_1");
    expect(rfmText(0, 4, 5)).toBe("_45"); // v1 wrote "-45"
    expect(rfmText(0, 0, 1)).toBe("__1"); // v1 wrote "--1", which Excel evaluates
    expect(rfmText(5, 5, 0)).toBe("55_");
    expect(rfmText(0, 0, 0)).toBe(null);
  });
});

describe("Why", () => {
  test("Rising new customer; Regular class B; after-sale reason", () => {
    // 南山电器: revenue 30000, no prevRevenue, first order 2026-06-01 (282 days) → new → Rising
    expect(r.tier[3]).toBe(Tier.Rising);
    expect(whyText(r, 3, "zh").startsWith("后起之秀：新客户")).toBe(true);
    expect(whyText(r, 3, "en").startsWith("Rising: new customer")).toBe(true);
    // 东方商贸: 80000, before 300000 < 320000 → A … Star
    expect(r.abc[1]).toBe(Abc.A);
  });
});

describe("texts come out raw (each writer keeps them inert)", () => {
  test("a header that looks like a formula reaches the problems cell as it is", () => {
    const t = classify({ rowCount: 1, columns: { name: ["a"], revenue: ["oops"] } }, { today: T });
    expect(outputRow(t, 0, "en", () => "=HYPERLINK(1)")[13]).toBe(`=HYPERLINK(1): not a number ("oops")`);
  });
  test("problems joined with ；", () => {
    const t = classify({ rowCount: 1, columns: { name: ["a"], revenue: ["x"], orders: ["y"] } }, { today: T });
    expect(problemsText(t, 0, "zh")).toBe('本期销售额：无法识别为数字（"x"）；订单数：无法识别为数字（"y"）');
  });
});

describe("summarize", () => {
  const s = summarize(r);
  test("counts and values per tier and class, overdue and problem rows", () => {
    expect(s.rowCount).toBe(5);
    expect(s.valuedCount).toBe(4);
    expect(s.totalValue).toBe(400000);
    const byTier = Object.fromEntries(s.tiers.map((t) => [t.tier, t.count]));
    expect(byTier).toEqual({
      [Tier.Star]: 2,
      [Tier.Rising]: 1,
      [Tier.Regular]: 0,
      [Tier.Fading]: 1,
      [Tier.Insufficient]: 1,
    });
    expect(s.tiers[0]).toEqual({ tier: Tier.Star, count: 2, value: 380000, share: 0.95 });
    expect(s.abc.map((a) => a.count)).toEqual([2, 0, 2]);
    expect(s.problemRowCount).toBe(1);
    expect(s.problemCount).toBe(1);
    let overdue = 0;
    for (let i = 0; i < 5; i++) if (r.overdue[i] > 0) overdue++;
    expect(s.overdueCount).toBe(overdue);
  });
  test("Pareto: from (0,0) to (1,1) by rank", () => {
    expect(s.pareto).toEqual([
      { customers: 0, value: 0 },
      { customers: 0.25, value: 0.75 },
      { customers: 0.5, value: 0.95 },
      { customers: 0.75, value: 0.985 },
      { customers: 1, value: 1 },
    ]);
  });
  test("Pareto is downsampled to at most 200 points and stays monotone", () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const p = paretoPoints(values);
    expect(p).toHaveLength(200);
    expect(p[0]).toEqual({ customers: 0, value: 0 });
    expect(p[199]).toEqual({ customers: 1, value: 1 });
    for (let k = 1; k < p.length; k++) {
      expect(p[k].customers).toBeGreaterThan(p[k - 1].customers);
      expect(p[k].value).toBeGreaterThanOrEqual(p[k - 1].value);
    }
    expect(paretoPoints(Float64Array.from([0, 0, NaN]))).toEqual([]);
  });
});

describe("Pareto from §2's cumShare = Pareto by sorting the values", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const summary =
    require("../../src/engine/report/summary") as typeof import("../../src/engine/report/summary");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { abcClasses } = require("../../src/engine/rules") as typeof import("../../src/engine/rules");
  let seed = 5;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  test.each([1, 2, 3, 7, 199, 200, 201, 1000, 20000])("%i rows: ties, zeros, blanks, a long tail", (n) => {
    for (let round = 0; round < 4; round++) {
      const value = Float64Array.from({ length: n }, () => {
        const r = rnd();
        if (r < 0.05) return NaN;
        if (r < 0.1 + round * 0.1) return 0; // up to a third zero: many equal cumShares
        if (r < 0.3) return Math.floor(rnd() * 5) * 100; // ties
        return Math.round(1e6 * Math.pow(rnd(), 4)) / 100; // Pareto-like tail
      });
      const { cumShare } = abcClasses(value, { abcCutA: 0.8, abcCutB: 0.95 });
      expect(summary.paretoOfResult({ value, cumShare }, 200)).toEqual(summary.paretoCurve(value, 200));
      expect(summary.paretoOfResult({ value, cumShare }, 5)).toEqual(summary.paretoCurve(value, 5));
    }
  });
  test("all zero or blank: no curve", () => {
    const value = Float64Array.from([0, NaN, 0]);
    const { cumShare } = abcClasses(value, { abcCutA: 0.8, abcCutB: 0.95 });
    expect(summary.paretoOfResult({ value, cumShare }, 200)).toEqual({ points: [], top20Share: NaN });
  });
});
