/** CRM.ABC, CRM.SHARE, CRM.TIER and CRM.KEYINDEX: hand-computed expectations. */
import { abc, keyIndex, share, tier } from "../../src/functions/impl";
import { col, errorMessage, flat, thrownMessage } from "./helpers";

const T = 46000; // 2025-12-09 as an Excel serial

describe("CRM.ABC", () => {
  // 50, 30, 15, 5: total 100; before = 0, 50, 80, 95.
  test("cut points: before exactly 80% → B, exactly 95% → C", () => {
    expect(abc(col(50, 30, 15, 5))).toEqual(col("A", "A", "B", "C"));
  });

  test("per-row form with a population agrees with the spilled form on distinct values", () => {
    const pop = col(50, 30, 15, 5);
    expect([50, 30, 15, 5].map((v) => abc([[v]], pop)[0][0])).toEqual(["A", "A", "B", "C"]);
  });

  test("a value not in the population is added to it: 20 → before 80 of 120 → A", () => {
    expect(abc([[20]], col(50, 30, 15, 5))).toEqual([["A"]]);
  });

  test("equal values share the better class", () => {
    // 10, 10, 5: total 25; both 10s have before 0 → A; 5 has before 20 = 0.8 × 25 → B.
    expect(abc(col(10, 10, 5))).toEqual(col("A", "A", "B"));
  });

  test("blank → blank; text numbers read; negative counts as 0 (C); zero is C", () => {
    expect(abc(col("1.2万", "", "¥3,000", -5, 0))).toEqual(col("A", "", "B", "C", "C"));
  });

  test("an unreadable or error cell gives #VALUE! in that cell only, naming the row", () => {
    const out = abc(col(50, "abc", { code: "#N/A" }, "#DIV/0!"));
    expect(out[0]).toEqual(["A"]);
    expect(errorMessage(out[1][0])).toBe('values 第2行：无法识别为数字（"abc"） / values row 2: is not a number ("abc")');
    expect(errorMessage(out[2][0])).toMatch(/^values 第3行：是 Excel 错误值（"#N\/A"）/);
    expect(errorMessage(out[3][0])).toMatch(/values row 4: is an Excel error/);
  });

  test("population cells that are not numbers (a header, an error) are left out", () => {
    expect(abc([[15]], col("销售额", 50, 30, 15, 5, "#N/A"))).toEqual([["B"]]);
  });

  test("a 2-D range keeps its shape", () => {
    expect(abc([[50, 30], [15, 5]])).toEqual([["A", "A"], ["B", "C"]]);
  });
});

describe("CRM.SHARE", () => {
  test("cumulative share of this customer and all bigger ones", () => {
    expect(share(col(50, 30, 15, 5))).toEqual(col(0.5, 0.8, 0.95, 1));
  });

  test("with a population; an added value joins the total", () => {
    expect(share([[30]], col(50, 30, 15, 5))).toEqual([[0.8]]);
    expect(share([[20]], col(50, 30, 15, 5))).toEqual([[100 / 120]]);
  });

  test("total 0 → 0; blank → blank", () => {
    expect(share(col(0, 0, ""))).toEqual(col(0, 0, ""));
  });
});

describe("CRM.TIER", () => {
  // Population 100, 60, 25, 10, 5: total 200; A while before < 160, B while before < 190.
  const pop = col(100, 60, 25, 10, 5);

  test("each rule of §4, spilled", () => {
    const out = tier(
      col(100, 60, 25, 10, 5),
      pop,
      col(null, 100, 0, 10 / 1.3, null), // growth: -, -40%, new, +30% (float noise), -
      col(null, null, null, null, T - 181), // last order 181 days ago
      null,
      col(null, null, null, 15, null), // 15 days late still counts as on time
      null,
      T,
    );
    expect(flat(out)).toEqual(["天王巨星", "明日黄花", "后起之秀", "后起之秀", "明日黄花"]);
  });

  test("per-row form agrees with the spilled form", () => {
    const spilled = flat(tier(col(100, 60, 25, 10, 5), pop, null, null, null, null, null, T));
    const perRow = [100, 60, 25, 10, 5].map((v) => tier([[v]], pop, null, null, null, null, null, T)[0][0]);
    expect(perRow).toEqual(spilled);
    expect(spilled).toEqual(["天王巨星", "天王巨星", "一般客户", "一般客户", "一般客户"]);
  });

  test("growth exactly −30% is Fading, −29% is not", () => {
    // 25 is class B in this population, so not Star.
    expect(tier(col(25, 25), pop, col(25 / 0.7, 25 / 0.71), null, null, null, null, T)).toEqual(col("明日黄花", "一般客户"));
  });

  test("recency 180 days is not Fading, 181 is; a future last order counts as missing", () => {
    expect(tier(col(10, 10, 10), pop, null, col(T - 180, T - 181, T + 5), null, null, null, T)).toEqual(
      col("一般客户", "明日黄花", "一般客户"),
    );
  });

  test("potential ≥ 5 is Rising only with overdue ≤ 15 days", () => {
    expect(tier(col(10, 10, 10), pop, null, null, null, col(15, 16, ""), col(5, 5, 4), T)).toEqual(
      col("后起之秀", "一般客户", "一般客户"),
    );
  });

  test("history from orders alone makes a lapsed customer Fading only with a growth drop", () => {
    expect(tier(col(10), pop, col(100), null, col(3), null, null, T)).toEqual(col("明日黄花"));
  });

  test("blank value → 数据不足; English labels; a single cell applies to every row", () => {
    expect(tier(col(100, "", 5), pop, [[0]], null, null, null, null, T, "en")).toEqual(col("Star", "Insufficient data", "Rising"));
  });

  test("an unreadable optional cell gives #VALUE! in that row only", () => {
    const out = tier(col(100, 5), pop, null, col("", "soon"), null, null, null, T);
    expect(out[0]).toEqual(["天王巨星"]);
    expect(errorMessage(out[1][0])).toBe('lastOrder 第2行：无法识别为日期（"soon"） / lastOrder row 2: is not a date ("soon")');
  });

  test("mismatched sizes, a missing population, a bad today or language → #VALUE! for the formula", () => {
    expect(thrownMessage(() => tier(col(1, 2, 3), pop, col(1, 2)))).toBe(
      "参数 prevRevenue 的大小（2×1）与 values（3×1）不同，应相同或为一个单元格 / Argument prevRevenue is 2×1 but values is 3×1: use the same size or a single cell",
    );
    expect(thrownMessage(() => tier(col(1), undefined))).toMatch(/population/);
    expect(thrownMessage(() => tier(col(1), pop, null, null, null, null, null, "tomorrow"))).toMatch(/today/);
    expect(thrownMessage(() => tier(col(1), pop, null, null, null, null, null, T, "fr"))).toMatch(/language/);
  });

  test("today as text and language words are accepted", () => {
    expect(tier(col(100), pop, null, null, null, null, null, "2025-12-09", "English")).toEqual([["Star"]]);
    expect(tier(col(100), pop, null, null, null, null, null, "", "中文")).toEqual([["天王巨星"]]);
  });
});

describe("CRM.KEYINDEX", () => {
  test("weights renormalised over the known components (hand-computed)", () => {
    // Volume ranks 1..4 of 4 → 1, 2/3, 1/3, 0. Row 2: (0.4·2/3 + 0.25·6/12 + 0.2·(1 − 30/60)) / 0.85
    // = 0.491667 / 0.85 = 57.8 → 58. Row 3: 0.4·1/3 / 0.85 = 15.7 → 16. Row 4: 0.25·1/12 / 0.65 = 3.2 → 3.
    expect(keyIndex(col(50, 30, 15, 5), col(50, 30, 15, 5), col(12, 6, 0, 1), col(0, 30, 60, ""))).toEqual(col(100, 58, 16, 3));
  });

  test("a new customer (previous revenue 0) scores 0.75 on growth", () => {
    // (0.4·1 + 0.15·0.75) / 0.55 = 0.5125 / 0.55 = 93.2 → 93
    expect(keyIndex([[50]], col(50, 30), null, null, [[0]])).toEqual([[93]]);
  });

  test("growth is clamped: +80% scores 1, −60% scores 0; active months win over orders", () => {
    // Row 1: growth +80% → 1; active months 3 → 3/12. (0.4·1 + 0.25·0.25 + 0.15·1) / 0.8 = 0.6125 / 0.8 = 76.6 → 77.
    // Row 2: volume 0 (rank 2 of 2); no active months → orders 12 → 1; growth −60% → 0.
    // (0 + 0.25·1 + 0.15·0) / 0.8 = 31.25 → 31.
    expect(keyIndex(col(90, 20), col(90, 20), col(12, 12), null, col(50, 50), col(3, ""))).toEqual(col(77, 31));
  });

  test("blank value → blank", () => {
    expect(keyIndex(col("", 5), col(5))).toEqual(col("", 100));
  });
});
