/**
 * Independent audit of the engine against /work/shared/METHOD.md, section by section.
 *
 * Every expected value below is computed by hand from METHOD.md's text (the arithmetic is in
 * the comment above each assertion), and checked only through the public API: mapHeaders →
 * classify → outputRow / whyText (and summarize / outputHeaders for §8/§11). Day numbers and
 * the FNV-1a hash are recomputed here independently (Date.UTC, Buffer), not with engine helpers.
 */
import { Buffer } from "node:buffer";
import {
  classify,
  DEFAULT_SETTINGS,
  mapHeaders,
  outputHeaders,
  outputRow,
  summarize,
  whyText,
} from "../../src/engine/index";
import type { CellValue, ClassifyResult, FieldKey, Lang } from "../../src/engine/index";

// ---------------------------------------------------------------- independent helpers

/** Whole days since 1970-01-01 of an ISO date (the engine's DayNumber), via Date.UTC. */
const day = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
/** Excel 1900-system serial of an ISO date: days since 1899-12-30. */
const serial = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
};

/** FNV-1a 32-bit over the UTF-8 bytes (Buffer), in BigInt so no int32 shortcut is shared with the engine. */
function fnv1aRef(text: string): number {
  let h = 2166136261n;
  for (const b of Buffer.from(text, "utf8")) {
    h ^= BigInt(b);
    h = (h * 16777619n) & 0xffffffffn;
  }
  return Number(h);
}
/** METHOD §8: jitter = (h mod 7) − 3. */
const jitter = (name: string): number => (fnv1aRef(name.trim()) % 7) - 3;

const COLS = [
  "tier",
  "abc",
  "share",
  "index",
  "potential",
  "level",
  "gap",
  "action",
  "next",
  "risk",
  "strategy",
  "rfm",
  "why",
  "problems",
] as const;
type Col = (typeof COLS)[number];
type Row = Record<Col, string | number | null>;

interface Run {
  result: ClassifyResult;
  out: (i: number, lang?: Lang) => Row;
  why: (i: number, lang?: Lang) => string;
  /** One output column for every row. */
  col: (c: Col, lang?: Lang) => (string | number | null)[];
}

/** Header row + data rows → mapHeaders → classify (default settings) → §11 rows. */
function run(header: string[], rows: CellValue[][], today: number): Run {
  const mapping = mapHeaders(header);
  const columns: Partial<Record<FieldKey, CellValue[]>> = {};
  for (const [field, c] of Object.entries(mapping.columns)) columns[field as FieldKey] = rows.map((r) => r[c as number]);
  const result = classify({ rowCount: rows.length, columns }, { today, settings: { ...DEFAULT_SETTINGS } });
  const out = (i: number, lang: Lang = "zh"): Row => {
    const cells = outputRow(result, i, lang);
    return Object.fromEntries(COLS.map((k, j) => [k, cells[j]])) as Row;
  };
  return {
    result,
    out,
    why: (i, lang = "zh") => whyText(result, i, lang),
    col: (c, lang = "zh") => rows.map((_, i) => out(i, lang)[c]),
  };
}

/** Evaluation date used unless a test needs another: no major holiday within 14 days (清明 2027-04-05 is 26 days away). */
const T = day("2027-03-10");
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

// ================================================================ §1 reading values
describe("§1 reading values", () => {
  test("headers: case, spaces, full/half width and ()/（） are ignored", () => {
    const m = mapHeaders(["Ｃｕｓｔｏｍｅｒ　ＩＤ", " customer ", "REVENUE", "Gross Margin (%)", "（上期 销售额）", "ｏｒｄｅｒｓ", "Last Year Sales"]);
    // "Ｃｕｓｔｏｍｅｒ　ＩＤ" → "customerid" = id; " customer " → name; "REVENUE" → revenue;
    // "Gross Margin (%)" without () → "grossmargin%" = "Gross margin %"; "（上期 销售额）" → 上期销售额;
    // "ｏｒｄｅｒｓ" → orders; "Last Year Sales" is a second prevRevenue (the first is used).
    expect(m.columns).toEqual({ id: 0, name: 1, revenue: 2, marginRate: 3, prevRevenue: 4, orders: 5 });
    expect(m.missing).toEqual([]);
  });

  test("every header of METHOD's §1 table maps to its field; name/id and a value measure are required", () => {
    // transcribed from METHOD.md §1 (not from the engine's synonym list)
    const table: [FieldKey, string[]][] = [
      ["id", ["客户编号", "编号", "Customer ID", "ID"]],
      ["name", ["客户名称", "客户", "公司名称", "名称", "Customer", "Name", "Company"]],
      ["revenue", ["本期销售额", "销售额", "年销售额", "购买金额", "Revenue", "Sales", "Amount"]],
      ["prevRevenue", ["上期销售额", "去年销售额", "Previous revenue", "Last year sales"]],
      ["profit", ["毛利", "毛利额", "利润", "Gross profit", "Profit"]],
      ["marginRate", ["毛利率", "Margin rate", "Gross margin %"]],
      ["prevMarginRate", ["上期毛利率", "Previous margin rate"]],
      ["orders", ["订单数", "购买次数", "Orders", "Order count", "Frequency"]],
      ["activeMonths", ["下单月数", "活跃月数", "Active months"]],
      ["firstOrder", ["首次合作日期", "首次购买日期", "First order", "Customer since"]],
      ["lastOrder", ["最近下单日期", "最近购买日期", "Last order"]],
      ["overdueDays", ["平均逾期天数", "回款逾期天数", "Days late", "Overdue days"]],
      ["c1", ["成长性", "Growth"]],
      ["c2", ["业务规划", "Business plan"]],
      ["c3", ["资金潜力", "Funding"]],
      ["c4", ["商机", "Opportunities"]],
      ["c5", ["方案适合度", "Solution fit"]],
      ["c6", ["竞争力", "Competitiveness"]],
      ["c7", ["客户关系", "Relationship"]],
      ["potential", ["潜力得分", "Potential"]],
      ["familiarity", ["熟悉程度", "关系程度", "Familiarity"]],
      ["lastContact", ["最近联系日期", "上次拜访日期", "Last contact"]],
      ["birthday", ["生日", "负责人生日", "Birthday"]],
      ["referrals", ["转介绍数", "Referrals"]],
      ["incumbent", ["现有供应商", "Incumbent"]],
      ["position", ["竞争地位", "Competitive position"]],
      ["opportunity", ["当前商机", "Open opportunity"]],
    ];
    for (const [field, headers] of table) {
      for (const h of headers) expect([h, mapHeaders([h]).columns]).toEqual([h, { [field]: 0 }]);
    }
    expect(mapHeaders(["备注", "地区"]).missing).toEqual(["name", "value"]);
    expect(mapHeaders(["编号", "利润"]).missing).toEqual([]);
  });

  test("numbers: 1,234.5 / ¥1,234 / 1.2万 / 12% / Excel numbers; nan, inf, 1e999, #N/A, text unreadable; blank missing", () => {
    const cells: CellValue[] = ["1,234.5", "¥1,234", "1.2万", "12%", 500, "nan", "inf", "1e999", "", "#N/A", "abc"];
    const r = run(["客户名称", "本期销售额"], cells.map((v, i) => [`c${i}`, v]), T);
    // 1.2万 = 1.2 × 10,000 = 12000; 12% = 12/100 = 0.12; unreadable and blank → missing (NaN)
    expect(Array.from(r.result.value)).toEqual([1234.5, 1234, 12000, 0.12, 500, NaN, NaN, NaN, NaN, NaN, NaN]);
    // a problem line for each unreadable cell (rows 5,6,7,9,10), none for the blank (row 8)
    const withProblem = r.col("problems").map((p) => p !== null);
    expect(withProblem).toEqual([false, false, false, false, false, true, true, true, false, true, true]);
    // no value measure → 数据不足 and no ABC class
    expect(r.col("tier").slice(5)).toEqual(Array(6).fill("数据不足"));
    expect(r.col("abc").slice(5)).toEqual(Array(6).fill(null));
  });

  test("rates: 0.3, 30%, 30 are 0.30 (high band); tolerance 1e-9 at 0.30 and 0.15; unknown → medium", () => {
    // Anchor profit 1,000,000 is A; each test row has profit 1, so before ≥ 1e6 ≥ 0.95 × total → C, tier Regular.
    // C row level by band: high → 可靠, medium → 反应, low → 一般 (§7 table).
    const rates: CellValue[] = ["0.3", "30%", 30, 0.3, 0.2999999999, 0.2999, "15%", 15, 0.15, 0.1499999995, 0.1499, "", "abc", "150%"];
    const rows: CellValue[][] = [["anchor", 1_000_000, ""], ...rates.map((v, i) => [`c${i}`, 1, v])];
    const r = run(["客户名称", "毛利", "毛利率"], rows, T);
    const expected = [
      "可靠", // "0.3" = 0.30 ≥ 0.30 → high
      "可靠", // "30%" = 30/100 = 0.30 → high
      "可靠", // 30 plain > 1 → 30/100 = 0.30 → high
      "可靠", // 0.3 → high
      "可靠", // 0.2999999999 is 1e-10 below 0.30: within 1e-9 → on it → high
      "反应", // 0.2999 → below 0.30 by 1e-4 → ≥ 0.15 → medium
      "反应", // "15%" = 0.15 → medium
      "反应", // 15 → 0.15 → medium
      "反应", // 0.15 → medium
      "反应", // 0.1499999995: 5e-10 below 0.15 → on it → medium
      "一般", // 0.1499 → low
      "反应", // blank → unknown → medium
      "反应", // unreadable → unknown → medium (and a problem)
      "可靠", // "150%" = 1.5 (÷100 once) → high
    ];
    expect(r.col("level").slice(1)).toEqual(expected);
    expect(r.out(13).problems).not.toBeNull();
    expect(r.out(12).problems).toBeNull();
  });

  test("dates: serials from 61, ISO, slashes, dots, 年月日, time of day ignored; future and impossible → missing + problem", () => {
    const cells: CellValue[] = [
      serial("2027-03-01"), // 9 days before T
      serial("2027-03-01") + 0.75, // 18:00 on that day: time ignored → 9
      "2027-03-05",
      "2027/3/5",
      "2027.3.5",
      "2027年3月5日",
      "2027-03-05 14:30",
      "2027-03-10", // today itself is not the future → 0
      "2027-03-11", // after today → problem, missing
      "2027-02-30", // impossible → problem
      60, // below serial 61 → unreadable
      61, // 1900-03-01
      "",
      "#N/A",
    ];
    const r = run(["客户名称", "本期销售额", "最近下单日期"], cells.map((v, i) => [`c${i}`, 100, v]), T);
    // recency = T − lastOrder: 2027-03-10 − 2027-03-01 = 9; − 2027-03-05 = 5
    const expected = [9, 9, 5, 5, 5, 5, 5, 0, NaN, NaN, NaN, T - day("1900-03-01"), NaN, NaN];
    expect(Array.from(r.result.recency)).toEqual(expected);
    const withProblem = r.col("problems").map((p) => p !== null);
    expect(withProblem).toEqual([false, false, false, false, false, false, false, false, true, true, true, false, false, true]);
  });

  test("birthday forms 3月24日 and 03-24 and a full date keep month-day (14 days → birthday greeting)", () => {
    // T = 03-10; 03-24 is 14 days away → candidate 1 due 03-24. lastContact T−1 → regular due ≥ T−1+90−3 = T+86.
    const rows: CellValue[][] = [
      ["anchor", 1_000_000, "", ""],
      ["甲", 1, "3月24日", "2027-03-09"],
      ["乙", 1, "03-24", "2027-03-09"],
      ["丙", 1, "1990-03-24", "2027-03-09"],
      ["丁", 1, "2030-03-24", "2027-03-09"], // a birthday's year is not checked against today (month-day used)
    ];
    const r = run(["客户名称", "毛利", "生日", "最近联系日期"], rows, T);
    expect(r.col("next").slice(1)).toEqual(Array(4).fill(day("2027-03-24")));
    expect(r.col("action").slice(1)).toEqual(Array(4).fill("生日祝福：发送个性化生日祝福"));
    expect(r.col("problems").slice(1)).toEqual([null, null, null, null]);
  });

  test("yes/no words for c1..c7; blank = no; unreadable = no with a problem", () => {
    const yes: CellValue[] = [1, "是", "有", "好", "高", "强", "多", "Y", "Yes", "TRUE", "√", "✓", true];
    const no: CellValue[] = [0, "否", "无", "差", "低", "弱", "少", "N", "No", "FALSE", "×", "✗", false];
    const cells = [...yes, ...no, "", "maybe"];
    const r = run(["客户名称", "毛利", "成长性"], cells.map((v, i) => [`c${i}`, 1, v]), T);
    // §6: potential = count of yes among the c columns (only c1 here): 1 for yes, 0 for no/blank/unreadable
    expect(r.col("potential")).toEqual([...yes.map(() => 1), ...no.map(() => 0), 0, 0]);
    expect(r.out(cells.length - 2).problems).toBeNull(); // blank: no problem
    expect(r.out(cells.length - 1).problems).not.toBeNull(); // "maybe": problem
  });

  test("familiarity: 1–5 or 认识..相知; 3.5, 0, 9 unreadable → gap blank + problem", () => {
    // C row, margin unknown → 反应, target familiarity 2; gap = 2 − familiarity.
    const fam: CellValue[] = ["认识", "还熟悉", "比较熟悉", "很熟悉", "相知", 1, 5, 3.5, 0, 9, ""];
    const rows: CellValue[][] = [["anchor", 1_000_000, ""], ...fam.map((v, i) => [`c${i}`, 1, v])];
    const r = run(["客户名称", "毛利", "熟悉程度"], rows, T);
    expect(r.col("gap").slice(1)).toEqual([1, 0, -1, -2, -3, 1, -3, null, null, null, null]);
    expect(r.col("problems").slice(8).map((p) => p !== null)).toEqual([true, true, true, false]);
  });

  test("missing is not zero: overdue blank drops the payment component, 0 scores it 1", () => {
    // volumePct: 100 rank 1 → 1; the two 10s rank 2 → 1 − 1/2 = 0.5.
    // X (overdue blank): 100 × 0.4·0.5 / 0.4 = 50. Y (overdue 0): 100 × (0.4·0.5 + 0.2·1)/(0.4+0.2) = 66.67 → 67.
    const r = run(["客户名称", "毛利", "平均逾期天数"], [["big", 100, ""], ["X", 10, ""], ["Y", 10, 0]], T);
    expect(r.col("index")).toEqual([100, 50, 67]);
  });

  test("missing is not zero: blank value → 数据不足; value 0 → class C, 一般客户", () => {
    const r = run(["客户名称", "本期销售额"], [["big", 100], ["blank", ""], ["zero", 0]], T);
    expect(r.col("tier")).toEqual(["天王巨星", "数据不足", "一般客户"]);
    expect(r.col("abc")).toEqual(["A", null, "C"]);
  });

  test("unreadable position cells are a problem on EVERY row where they occur", () => {
    // §1: "A cell that cannot be read … adds a line to the row's problems". Two rows with "中".
    const r = run(["客户名称", "本期销售额", "竞争地位"], [["甲", 100, "中"], ["乙", 100, "中"], ["丙", 100, 1], ["丁", 100, 1]], T);
    expect(r.col("problems").map((p) => p !== null)).toEqual([true, true, true, true]);
  });
});

// ================================================================ §2 value, ABC, share, volumePct
describe("§2 value and ABC", () => {
  test("v2: one measure per table — profit column → profit, rows without it estimated", () => {
    // P: profit 30. RM: no profit, 200 × 10% = 20 (estimated from its own rate).
    // R: no profit, no rate: 50 × the median profit/revenue over rows with both (only P: 30/1000 = 3%) = 1.5.
    // v1 valued R at its whole revenue 50 — a third of the table.
    const r = run(
      ["客户名称", "毛利", "本期销售额", "毛利率"],
      [["P", 30, 1000, 0.5], ["RM", "", 200, "10%"], ["R", "", 50, ""]],
      T,
    );
    expect(Array.from(r.result.value)).toEqual([30, 20, 1.5]);
    expect(r.col("share")).toEqual([30 / 51.5, 20 / 51.5, 1.5 / 51.5]);
    // total 51.5: 30 (before 0 → A), 20 (before 30 < 41.2 → A), 1.5 (before 50 ≥ 48.925 → C)
    expect(r.col("abc")).toEqual(["A", "A", "C"]);
    expect(r.col("problems")).toEqual([null, "毛利缺失，按销售额×毛利率估算", "毛利缺失，按毛利率中位数3%估算"]);
    expect(r.out(2, "en").problems).toBe("profit missing, estimated at the median margin 3%");
  });

  test("v2: revenue and margin columns → revenue × margin; a blank margin at the median (METHOD's example)", () => {
    // margins 20%, 23%, 30% → median 23%; D: 1000 × 23% = 230
    const r = run(
      ["客户名称", "本期销售额", "毛利率"],
      [["A", 1000, "20%"], ["B", 1000, "23%"], ["C", 1000, "30%"], ["D", 1000, ""]],
      T,
    );
    expect(Array.from(r.result.value)).toEqual([200, 230, 300, 230]);
    expect(r.out(3, "zh").problems).toBe("毛利率缺失，按中位数23%估算");
    expect(r.out(3, "en").problems).toBe("margin rate missing, estimated at the median 23%");
    // a plain margin 30 means 30%: 200 × 0.30 = 60
    expect(Array.from(run(["客户名称", "本期销售额", "毛利率"], [["x", 200, 30]], T).result.value)).toEqual([60]);
    // no row with a margin: no median, so no value → 数据不足, no estimate problem
    const none = run(["客户名称", "本期销售额", "毛利率"], [["x", 200, ""]], T);
    expect(none.col("tier")).toEqual(["数据不足"]);
    expect(none.col("problems")).toEqual([null]);
  });

  test("v2: revenue only → revenue; zero value → volumePct 0 (v1: a table of zeros got 100 each)", () => {
    const r = run(["客户名称", "本期销售额"], [["a", 0], ["b", 0], ["c", 10]], T);
    expect(Array.from(r.result.volumePct)).toEqual([0, 0, 1]);
    expect(r.col("index")).toEqual([0, 0, 100]);
    expect(Array.from(run(["客户名称", "本期销售额"], [["z", 0]], T).result.volumePct)).toEqual([0]);
  });

  test("cumulative share exactly at 80% → B and exactly at 95% → C; just below 80% → A", () => {
    // [50,30,15,5] total 100: before 0 A, 50 A, 80 (= 0.8×100, not <) B, 95 (= 0.95×100, not <) C
    const at80 = run(["客户名称", "毛利"], [["a", 50], ["b", 30], ["c", 15], ["d", 5]], T);
    expect(at80.col("abc")).toEqual(["A", "A", "B", "C"]);
    expect([at80.why(2), at80.why(3)]).toEqual(["B类：累计前95%", "C类"]);
    // [49,30,16,5]: before 0, 49, 79 (< 80 → A), 95 → C
    expect(run(["客户名称", "毛利"], [["a", 49], ["b", 30], ["c", 16], ["d", 5]], T).col("abc")).toEqual(["A", "A", "A", "C"]);
  });

  test("ties: equal values keep original row order for ABC; volumePct gives them the same rank", () => {
    // [20,30,30,20]: order r1(30) r2(30) r0(20) r3(20); before 0,30,60,80 → r1 A, r2 A, r0 A, r3 B
    const r = run(["客户名称", "毛利"], [["r0", 20], ["r1", 30], ["r2", 30], ["r3", 20]], T);
    expect(r.col("abc")).toEqual(["A", "A", "A", "B"]);
    // rank 20s = 1 + 2 larger = 3 → 1 − 2/3 = 0.333 → index (volume only) 33; 30s rank 1 → 100
    expect(r.col("index")).toEqual([33, 100, 100, 33]);
  });

  test("total 0 → everyone C, share 0", () => {
    const r = run(["客户名称", "毛利"], [["a", 0], ["b", 0]], T);
    expect(r.col("abc")).toEqual(["C", "C"]);
    expect(r.col("share")).toEqual([0, 0]);
  });

  test("negative value counts as 0 (class C, share 0) and is a problem", () => {
    const r = run(["客户名称", "毛利"], [["neg", -50], ["pos", 100]], T);
    // value −50 → 0; total 100; share 0/100 = 0; the 0 row is C
    expect(r.col("abc")).toEqual(["C", "A"]);
    expect(r.col("share")).toEqual([0, 1]);
    expect(r.out(0).problems).not.toBeNull();
    expect(r.out(1).problems).toBeNull();
  });

  test("volumePct = 1 − (rank−1)/(n−1); n = 1 gives 1; rows without value take no part", () => {
    // [40,30,20,10,blank]: n = 4 → 1, 2/3, 1/3, 0 → index (volume only) 100, 67, 33, 0; blank → no index
    const r = run(["客户名称", "毛利"], [["a", 40], ["b", 30], ["c", 20], ["d", 10], ["e", ""]], T);
    expect(r.col("index")).toEqual([100, 67, 33, 0, null]);
    expect(r.col("share")).toEqual([0.4, 0.3, 0.2, 0.1, null]);
    expect(run(["客户名称", "毛利"], [["only", 5]], T).col("index")).toEqual([100]);
  });
});

// ================================================================ §3 growth, new, recency / §4 tiers
describe("§3 growth / new / recency and §4 tier", () => {
  // Anchor revenue 100000 is A; every test row is ≤ 130, so before ≥ 100000 ≥ 0.95 × total → C.
  const H = ["客户名称", "本期销售额", "上期销售额", "首次合作日期"];
  const rows: CellValue[][] = [
    ["anchor", 100000, "", ""],
    ["g+30", 130, 100, ""], // (130−100)/100 = 0.30 → ≥ 0.30 → Rising
    ["g-30", 70, 100, ""], // (70−100)/100 = −0.30 → ≤ −0.30 → Fading
    ["f+", 9.1, 7, ""], // (9.1−7)/7 = 0.29999999999999993: within 1e-9 of 0.30 → Rising
    ["f-", 4.9, 7, ""], // (4.9−7)/7 = −0.29999999999999993: within 1e-9 → Fading
    ["g+29.99", 129.99, 100, ""], // 0.2999 → Regular
    ["g-29.99", 70.01, 100, ""], // −0.2999 → Regular
    ["new0", 50, 0, ""], // prevRevenue 0 and revenue > 0 → new → Rising
    ["new365", 50, "", iso(T - 365)], // prev missing, today − firstOrder = 365 ≤ 365 → new
    ["old366", 50, "", iso(T - 366)], // 366 > 365 → not new → Regular
    ["newToday", 50, "", iso(T)], // 0 days → new
    ["futureFirst", 50, "", iso(T + 1)], // future firstOrder → problem, missing → not new
    ["zero", 0, 0, ""], // revenue 0 is not > 0 → not new; value 0 → C → Regular
    ["f1.3", 1.3, 1, ""], // 0.30000000000000004 → Rising
    ["f0.7", 0.7, 1, ""], // −0.30000000000000004 → Fading
  ];
  const r = run(H, rows, T);
  test("growth at exactly ±30% (incl. float cases within 1e-9) and the new-customer rule", () => {
    expect(r.col("tier")).toEqual([
      "天王巨星",
      "后起之秀",
      "明日黄花",
      "后起之秀",
      "明日黄花",
      "一般客户",
      "一般客户",
      "后起之秀",
      "后起之秀",
      "一般客户",
      "后起之秀",
      "一般客户",
      "一般客户",
      "后起之秀",
      "明日黄花",
    ]);
    expect(r.out(11).problems).not.toBeNull(); // future firstOrder is a problem
  });
  test("Why names the growth or the newness that made the tier", () => {
    expect(r.why(1)).toBe("后起之秀：同比+30%");
    expect(r.why(2)).toBe("明日黄花：同比-30%");
    expect(r.why(7)).toBe("后起之秀：新客户");
  });

  test("recency 180 is not Fading, 181 is; a future lastOrder is a problem and missing", () => {
    const t = run(
      ["客户名称", "本期销售额", "最近下单日期"],
      [["anchor", 100000, ""], ["r180", 10, iso(T - 180)], ["r181", 10, iso(T - 181)], ["future", 10, iso(T + 1)]],
      T,
    );
    // 180 > 180 is false → Regular; 181 > 180 → has history (a lastOrder) → Fading
    expect(t.col("tier")).toEqual(["天王巨星", "一般客户", "明日黄花", "一般客户"]);
    expect(t.why(2)).toBe("明日黄花：181天未下单");
    // future → missing: no recency, no RFM R ('_' first), and a problem
    expect(Array.from(t.result.recency)[3]).toBeNaN();
    expect(t.out(3).problems).not.toBeNull();
  });

  test("Star vs Fading: a class-A customer that is fading is 明日黄花; a growing A is 天王巨星", () => {
    // single rows are class A (before 0 < 0.8 × total)
    expect(run(["客户名称", "本期销售额", "上期销售额"], [["a", 70, 100]], T).col("tier")).toEqual(["明日黄花"]);
    expect(run(["客户名称", "本期销售额", "上期销售额"], [["a", 150, 100]], T).col("tier")).toEqual(["天王巨星"]);
  });

  test("Rising needs overdueDays ≤ 15 or unknown (15 vs 16, exact comparison)", () => {
    const t = run(
      ["客户名称", "本期销售额", "上期销售额", "平均逾期天数"],
      [["anchor", 100000, "", ""], ["d15", 50, 0, 15], ["d16", 50, 0, 16], ["dBlank", 50, 0, ""], ["d15+", 50, 0, 15.000001]],
      T,
    );
    // new customers: 15 ≤ 15 → Rising; 16 → Regular; unknown → Rising; 15.000001 > 15 (exact) → Regular
    expect(t.col("tier")).toEqual(["天王巨星", "后起之秀", "一般客户", "后起之秀", "一般客户"]);
  });

  test("potential ≥ 5 makes Rising; 4 does not", () => {
    const t = run(["客户名称", "毛利", "潜力得分"], [["anchor", 100000, ""], ["p5", 1, 5], ["p4", 1, 4]], T);
    expect(t.col("tier")).toEqual(["天王巨星", "后起之秀", "一般客户"]);
    expect(t.why(1)).toBe("后起之秀：潜力5分");
  });
});

// ================================================================ §5 key-account index and risk flags
describe("§5 key-account index", () => {
  const one = (h: string[], row: CellValue[]) => run(["客户名称", ...h], [["x", ...row]], T).out(0).index;
  test("missing components are left out and the weights renormalised (single row: volume = 1)", () => {
    // volume 1 + payment (60 days → 1 − 1 = 0): 100 × 0.4 / 0.6 = 66.67 → 67
    expect(one(["本期销售额", "平均逾期天数"], [100, 60])).toBe(67);
    // volume 1 + continuity orders 6 → 0.5: 100 × (0.4 + 0.125)/0.65 = 80.77 → 81
    expect(one(["本期销售额", "订单数"], [100, 6])).toBe(81);
    // activeMonths wins over orders: 6/12 = 0.5 (orders 24 would give 1) → 81
    expect(one(["本期销售额", "订单数", "下单月数"], [100, 24, 6])).toBe(81);
    // orders 24 → min(2, 1) = 1: (0.4 + 0.25)/0.65 = 100
    expect(one(["本期销售额", "订单数"], [100, 24])).toBe(100);
    // new customer → growth 0.75: (0.4 + 0.15 × 0.75)/0.55 = 0.5125/0.55 = 93.18 → 93
    expect(one(["本期销售额", "上期销售额"], [100, 0])).toBe(93);
    // growth −0.6 → clamp(−0.1) = 0: 0.4/0.55 = 72.73 → 73
    expect(one(["本期销售额", "上期销售额"], [40, 100])).toBe(73);
    // growth +2.0 → clamp(2.5) = 1: (0.4 + 0.15)/0.55 = 100
    expect(one(["本期销售额", "上期销售额"], [300, 100])).toBe(100);
    // overdue −5 → max(−5, 0) = 0 → payment 1: (0.4 + 0.2)/0.6 = 100
    expect(one(["本期销售额", "平均逾期天数"], [100, -5])).toBe(100);
  });

  test("halves are rounded up: 67.5 → 68 and 98.5 → 99", () => {
    const t = run(
      ["客户名称", "本期销售额", "上期销售额", "下单月数", "平均逾期天数"],
      [
        ["top", 140, 100, 12, 0], // v 1, c 1, p 1, g (0.4+0.5) = 0.9: 40 + 25 + 20 + 13.5 = 98.5 → 99
        ["mid", 120, 80, 6, 0], // v 1 − 1/2 = 0.5, c 0.5, p 1, g (0.5+0.5) = 1: 20 + 12.5 + 20 + 15 = 67.5 → 68
        ["low", 10, "", "", ""], // v 0 only → 0
      ],
      T,
    );
    expect(t.col("index")).toEqual([99, 68, 0]);
  });

  test("blank for 数据不足 rows", () => {
    const t = run(["客户名称", "本期销售额", "订单数"], [["a", 100, 5], ["b", "", 5]], T);
    expect(t.col("index")[1]).toBeNull();
    expect(t.col("tier")[1]).toBe("数据不足");
  });
});

describe("§5 risk flags", () => {
  test("one-off big order: class A and (orders ≤ 1 or activeMonths ≤ 1); never for class B", () => {
    const t = run(
      ["客户名称", "毛利", "订单数", "下单月数"],
      [["A1", 70, 1, ""], ["A2", 20, 2, 1], ["B1", 8, 1, ""], ["C", 2, 1, ""]],
      T,
    );
    // total 100: 70 A (before 0), 20 A (before 70), 8 B (before 90), 2 C (before 98)
    expect(t.col("abc")).toEqual(["A", "A", "B", "C"]);
    expect(t.col("risk")).toEqual(["一次性大单", "一次性大单", null, null]);
    const t2 = run(["客户名称", "毛利", "订单数", "下单月数"], [["A", 70, 2, 2]], T);
    expect(t2.col("risk")).toEqual([null]);
  });

  test("margin squeeze: class A and prevMarginRate − marginRate ≥ 0.05 (within 1e-9)", () => {
    const t = (prev: CellValue, now: CellValue) =>
      run(["客户名称", "毛利", "毛利率", "上期毛利率"], [["A", 100, now, prev]], T).out(0).risk;
    // 0.45 − 0.40 = 0.04999999999999999 in doubles: within 1e-9 of 0.05 → on it → flag
    expect(t("45%", "40%")).toBe("压价风险");
    expect(t(0.45, 0.4)).toBe("压价风险");
    // 0.46 − 0.40 = 0.06 → flag; 0.44 − 0.40 = 0.04 → none
    expect(t(0.46, 0.4)).toBe("压价风险");
    expect(t(0.44, 0.4)).toBeNull();
  });

  test("payment risk: overdueDays > 30 (30 no, 31 yes), any class; flags joined with ；", () => {
    const t = run(["客户名称", "毛利", "平均逾期天数"], [["anchor", 1000, ""], ["d30", 1, 30], ["d31", 1, 31]], T);
    expect(t.col("risk")).toEqual([null, null, "回款风险"]);
    const all = run(
      ["客户名称", "毛利", "订单数", "毛利率", "上期毛利率", "平均逾期天数"],
      [["A", 100, 1, 0.3, 0.5, 45]],
      T,
    );
    expect(all.out(0).risk).toBe("一次性大单；压价风险；回款风险");
    expect(all.out(0, "en").risk).toBe("One-off big order；Margin squeeze；Payment risk");
  });
});

// ================================================================ §6 potential
describe("§6 potential", () => {
  test("with c columns: count of yes (blank/unreadable = no), even when a potential column exists", () => {
    const t = run(
      ["客户名称", "毛利", "成长性", "业务规划", "资金潜力", "潜力得分"],
      [["a", 1, "是", "否", "", 7], ["b", 1, "是", "是", "是", 0], ["c", 1, "abc", "是", "是", 7], ["d", 1, "", "", "", ""]],
      T,
    );
    expect(t.col("potential")).toEqual([1, 3, 2, 0]);
  });
  test("without c columns: potential clamped to 0..7; blank unknown", () => {
    const t = run(["客户名称", "毛利", "潜力得分"], [["a", 1, 9], ["b", 1, -1], ["c", 1, 4.5], ["d", 1, ""]], T);
    expect(t.col("potential")).toEqual([7, 0, 4.5, null]);
  });
  test("five yes among c1..c7 → potential 5 → Rising", () => {
    const t = run(
      ["客户名称", "毛利", "成长性", "业务规划", "资金潜力", "商机", "方案适合度", "竞争力", "客户关系"],
      [["anchor", 1000, "", "", "", "", "", "", ""], ["x", 1, "是", "是", "是", "是", "是", "否", ""]],
      T,
    );
    expect(t.out(1).potential).toBe(5);
    expect(t.out(1).tier).toBe("后起之秀");
  });
});

// ================================================================ §7 relationship level
describe("§7 relationship level", () => {
  // profits [80,15,5]: before 0 → A; 80 (not < 80) → B; 95 (not < 95) → C. Tiers Star, Regular, Regular.
  const level = (margin: CellValue) =>
    run(["客户名称", "毛利", "毛利率"], [["a", 80, margin], ["b", 15, margin], ["c", 5, margin]], T).col("level");
  test("matrix: high/medium/low × A/B/C", () => {
    expect(level("30%")).toEqual(["主动", "主动", "可靠"]);
    expect(level(0.15)).toEqual(["主动", "可靠", "反应"]);
    expect(level(0.1)).toEqual(["可靠", "反应", "一般"]);
  });

  test("Rising and Fading raised to at least 可靠; Insufficient is 一般", () => {
    const t = run(
      ["客户名称", "毛利", "毛利率", "潜力得分", "最近下单日期"],
      [
        ["A", 80, 0.2, "", iso(T - 200)], // A, medium → 主动; Fading (recency 200) keeps 主动
        ["B", 15, 0.1, 5, ""], // B, low → 反应; Rising (potential 5) → 可靠
        ["C", 5, 0.1, "", iso(T - 181)], // C, low → 一般; Fading → 可靠
        ["C2", 0, 0.1, "", ""], // C, low → 一般, Regular
        ["none", "", 0.1, "", ""], // 数据不足 → 一般
      ],
      T,
    );
    expect(t.col("tier")).toEqual(["明日黄花", "后起之秀", "明日黄花", "一般客户", "数据不足"]);
    expect(t.col("level")).toEqual(["主动", "可靠", "可靠", "一般", "一般"]);
  });

  test("target familiarity 主动 4, 可靠 3, 反应 2, 一般 1; gap = target − familiarity", () => {
    const t = run(
      ["客户名称", "毛利", "毛利率", "熟悉程度"],
      [
        ["A1", 500, 0.2, 1], // before 0 → A, medium → 主动: 4 − 1 = 3
        ["A4", 200, 0.2, "很熟悉"], // before 500 → A 主动: 4 − 4 = 0
        ["Al", 90, 0.1, 1], // before 700 → A, low → 可靠: 3 − 1 = 2
        ["A5", 80, 0.2, 5], // before 790 < 800 → A 主动: 4 − 5 = −1
        ["Bl", 80, 0.1, 1], // before 870 → B, low → 反应: 2 − 1 = 1
        ["Cl", 40, 0.1, 1], // before 950 (not < 950) → C, low → 一般: 1 − 1 = 0
        ["blank", 10, 0.2, ""], // before 990 → C, medium → 反应; familiarity unknown → gap blank
      ],
      T,
    );
    // total 1000: cuts 800 and 950
    expect(t.col("abc")).toEqual(["A", "A", "A", "A", "B", "C", "C"]);
    expect(t.col("level")).toEqual(["主动", "主动", "可靠", "主动", "反应", "一般", "反应"]);
    expect(t.col("gap")).toEqual([3, 0, 2, -1, 1, 0, null]);
  });
});

// ================================================================ §8 next action
describe("§8 jitter (FNV-1a 32 over UTF-8)", () => {
  test("reference hash: FNV-1a('a') = 0xe40c292c; 华安建材有限公司 → h mod 7 = 0 → jitter −3", () => {
    expect(fnv1aRef("a")).toBe(0xe40c292c);
    expect(fnv1aRef("华安建材有限公司")).toBe(1535487709);
    expect(jitter("华安建材有限公司")).toBe(-3);
  });

  test("names outside the BMP (4-byte UTF-8) hash the same as the reference", () => {
    const names = ["𠮷野家", "😀 Trading", "Café Ltd"];
    const t = run(
      ["客户名称", "毛利", "最近联系日期"],
      [["anchor", 100000, ""], ...names.map((n) => [n, 1, iso(T - 10)])],
      T,
    );
    // regular contact: (T − 10) + 90 + (h mod 7) − 3
    expect(t.col("next").slice(1)).toEqual(names.map((n) => T - 10 + 90 + jitter(n)));
  });

  test("regular contact due = lastContact + cadence + jitter (trimmed name; id when the name is empty)", () => {
    const lc = iso(T - 10);
    const rows: CellValue[][] = [
      ["X0", "anchor", 100000, ""],
      ["X1", "华安建材有限公司", 1, lc],
      ["X2", "  华安建材有限公司 ", 1, lc],
      ["C001", "", 1, lc],
      ["X4", "远方贸易", 1, lc],
      ["X5", "金石科技", 1, lc],
    ];
    const t = run(["客户编号", "客户名称", "毛利", "最近联系日期"], rows, T);
    // Regular cadence 90: due = (T − 10) + 90 + jitter
    expect(t.col("next").slice(1)).toEqual([
      T - 10 + 90 - 3, // 华安建材有限公司: −3
      T - 10 + 90 - 3, // trimmed → same
      T - 10 + 90 + jitter("C001"), // empty name → id "C001"
      T - 10 + 90 + jitter("远方贸易"),
      T - 10 + 90 + jitter("金石科技"),
    ]);
    expect(t.col("action").slice(1)).toEqual(Array(5).fill("定期联系：电话回访"));
  });
});

describe("§8 overdue and the end of Why", () => {
  // Regular C row 华安建材有限公司 (jitter −3): due = lastContact + 87
  const t = run(
    ["客户名称", "毛利", "最近联系日期"],
    [
      ["anchor", 100000, ""],
      ["华安建材有限公司", 1, iso(T - 100)], // due T − 13 → overdue 13
      ["华安建材有限公司", 1, iso(T - 87)], // due T → not before today → not overdue
      ["华安建材有限公司", 1, iso(T - 89)], // due T − 2 → overdue 2
    ],
    T,
  );
  test("overdue N days at the end of Why; next contact clamped to today", () => {
    expect(t.why(1)).toBe("C类；超期未联系13天");
    expect(t.why(1, "en")).toBe("Class C; contact overdue 13 days");
    expect(t.out(1).next).toBe(T);
    expect(t.why(2)).toBe("C类");
    expect(t.out(2).next).toBe(T);
    expect(t.why(3)).toBe("C类；超期未联系2天");
  });
  test("数据不足 rows use cadence 90 and are overdue too (METHOD-NOTES)", () => {
    // value blank → 数据不足; due (T − 100) + 90 − 3 = T − 13 → overdue 13
    const u = run(["客户名称", "本期销售额", "最近联系日期"], [["华安建材有限公司", "", iso(T - 100)]], T);
    expect(u.why(0)).toBe("数据不足：无销售额或毛利；超期未联系13天");
    expect(u.out(0).level).toBe("一般");
    expect(u.out(0).index).toBeNull();
  });
  test("summaries count overdue contacts", () => {
    expect(summarize(t.result).overdueCount).toBe(2);
  });
});

describe("§8 birthday (candidate 1)", () => {
  const H = ["客户名称", "毛利", "上期销售额", "本期销售额", "生日", "最近联系日期"];
  test("today / 14 days away → greeting due that day; 15 days → not; Star/Rising get the visit text", () => {
    const lc = iso(T - 1); // regular due ≥ T − 1 + 30 − 3 for Rising, + 90 − 3 for Regular: later than T + 14
    const t = run(
      H,
      [
        ["anchor", 100000, "", "", "", ""],
        ["today", 1, "", "", "3月10日", lc], // 0 days → due T
        ["d14", 1, "", "", "03-24", lc], // 14 days → due 03-24
        ["d15", 1, "", "", "03-25", lc], // 15 days → not a candidate → regular
        ["rising", 1, 0, 50, "03-10", lc], // new → Rising → 生日当天登门或致电祝福，备小礼物
      ],
      T,
    );
    expect(t.col("action").slice(1)).toEqual([
      "生日祝福：发送个性化生日祝福",
      "生日祝福：发送个性化生日祝福",
      "定期联系：电话回访",
      "生日祝福：生日当天登门或致电祝福，备小礼物",
    ]);
    expect(t.col("next").slice(1, 4)).toEqual([T, day("2027-03-24"), T - 1 + 90 + jitter("d15")]);
    expect(t.why(1)).toBe("C类；生日3月10日");
    expect(t.out(2, "en").action).toMatch(/^Birthday greeting: /);
  });

  test("29 Feb is 28 Feb in a non-leap year, 29 Feb in a leap year", () => {
    const at = (today: string) =>
      run(["客户名称", "毛利", "生日", "最近联系日期"], [["anchor", 100000, "", ""], ["x", 1, "02-29", iso(day(today) - 1)]], day(today)).out(1);
    // 2027-02-21 (no holiday: 元宵 02-20 passed, 清明 04-05 far): next 2027-02-28, 7 days → due 02-28
    expect(at("2027-02-21").next).toBe(day("2027-02-28"));
    // 2027-02-28: the birthday is today
    expect(at("2027-02-28").next).toBe(day("2027-02-28"));
    // 2028 is leap: 2028-02-21 → 2028-02-29, 8 days
    expect(at("2028-02-21").next).toBe(day("2028-02-29"));
    // 2027-03-01: next is 2028-02-29, far away → regular due 02-28 + 90 + jitter("x")
    expect(at("2027-03-01").action).toBe("定期联系：电话回访");
  });
});

describe("§8 holiday (candidate 2): 0–14 days away, due 2 days before (today if passed)", () => {
  const at = (today: string, name = "x", extra: CellValue[] = []) => {
    const t0 = day(today);
    const H = ["客户名称", "毛利", "最近联系日期", "本期销售额", "上期销售额"];
    return run(H, [["anchor", 100000, iso(t0), "", ""], [name, 1, iso(t0 - 1), ...(extra.length ? extra : ["", ""])]], t0);
  };
  test.each([
    // [today, expected due, why] — 春节 2027-02-06, 元宵 02-20, 清明 04-05, 端午 06-09, 中秋 09-15, 国庆 10-01, 元旦 2028-01-01
    ["2027-01-23", "2027-02-04", "C类；春节2月6日"], // 14 days → 02-06 − 2
    ["2027-02-05", "2027-02-05", "C类；春节2月6日"], // 1 day → 02-04 passed → today
    ["2027-02-06", "2027-02-06", "C类；春节2月6日"], // 0 days; 元宵 also within 14 but later
    ["2027-02-07", "2027-02-18", "C类；元宵2月20日"], // 13 days → 02-18
    ["2027-03-22", "2027-04-03", "C类；清明4月5日"], // 14 days
    ["2027-05-26", "2027-06-07", "C类；端午6月9日"], // 14 days
    ["2027-09-01", "2027-09-13", "C类；中秋9月15日"], // 14 days
    ["2027-09-17", "2027-09-29", "C类；国庆10月1日"], // 14 days
    ["2027-12-18", "2027-12-30", "C类；元旦1月1日"], // 14 days to 2028-01-01
  ])("today %s → due %s", (today, due, why) => {
    const t = at(today);
    expect(t.out(1).action).toBe("节日问候：发送个性化问候（勿群发）");
    expect(t.out(1).next).toBe(day(due));
    expect(t.why(1)).toBe(why);
  });
  test.each([["2027-01-22"], ["2027-03-21"], ["2027-09-16"]])("today %s: the holiday is 15 days away → no greeting", (today) => {
    const t = at(today);
    // regular contact due (today − 1) + 90 + jitter
    expect(t.out(1).action).toBe("定期联系：电话回访");
    expect(t.out(1).next).toBe(day(today) - 1 + 90 + jitter("x"));
  });
  test("Star → handwritten card; Rising → personal call", () => {
    const t0 = day("2027-02-05"); // 春节 tomorrow → due today
    const star = run(["客户名称", "毛利", "最近联系日期"], [["s", 100, iso(t0 - 1)]], t0);
    expect(star.out(0).action).toBe("节日问候：手写贺卡并送有来历的小礼品");
    const rising = at("2027-02-05", "r", [50, 0]);
    expect(rising.out(1).tier).toBe("后起之秀");
    expect(rising.out(1).action).toBe("节日问候：亲自致电问候");
    expect(rising.out(1, "en").action).toMatch(/^Holiday greeting: /);
  });
});

describe("§8 after-sale (3), win-back (4), regular (5), referral (6), deepen (7), ties", () => {
  test("after-sale: 0 ≤ recency ≤ 30 and (no lastContact or lastContact < lastOrder); due lastOrder + 7", () => {
    const t = run(
      ["客户名称", "毛利", "最近下单日期", "最近联系日期"],
      [
        ["anchor", 100000, "", ""],
        ["a", 1, iso(T - 5), iso(T - 9)], // contact before order → due T − 5 + 7 = T + 2 (< regular T+78..84)
        ["b", 1, iso(T - 5), iso(T - 5)], // contact same day → no after-sale → regular (T − 5) + 90 + j
        ["c", 1, iso(T - 30), ""], // recency 30, no contact → due T − 23 → today; regular also today → tie → 3
        ["d", 1, iso(T - 31), ""], // recency 31 → no after-sale → regular due today
      ],
      T,
    );
    expect(t.col("action").slice(1).map((a) => String(a).split("：")[0])).toEqual(["售后回访", "定期联系", "售后回访", "定期联系"]);
    expect(t.col("next").slice(1)).toEqual([T + 2, T - 5 + 90 + jitter("b"), T, T]);
    expect(t.why(1)).toBe("C类；5天前下单");
    expect(t.out(1, "en").action).toMatch(/^After-sale follow-up: /);
  });

  test("win-back: Fading, due today; A/B visit, orders ≤ 1 repurchase plan, else call", () => {
    // profits total 1000: 800 A (before 0); 150 B (before 800); 20, 20, 10, 0 C (before ≥ 950)
    const old = iso(T - 200);
    const lc = iso(T - 1);
    const t = run(
      ["客户名称", "毛利", "订单数", "最近下单日期", "最近联系日期"],
      [
        ["A", 800, 5, old, lc],
        ["B", 150, 5, old, lc],
        ["C1", 20, 1, old, lc],
        ["C5", 20, 5, old, lc],
        ["Cblank", 10, "", old, lc],
        ["C0", 0, 0, old, lc],
      ],
      T,
    );
    expect(t.col("abc")).toEqual(["A", "B", "C", "C", "C", "C"]);
    expect(t.col("tier")).toEqual(Array(6).fill("明日黄花"));
    expect(t.col("action")).toEqual([
      "挽回：登门拜访，了解下滑原因",
      "挽回：登门拜访，了解下滑原因",
      "挽回：制定回购营销方案",
      "挽回：致电了解需求变化",
      "挽回：致电了解需求变化",
      "挽回：制定回购营销方案",
    ]);
    expect(t.col("next")).toEqual(Array(6).fill(T));
    expect(t.why(0)).toBe("明日黄花：200天未下单");
    expect(t.out(0, "en").action).toMatch(/^Win-back: /);
  });

  test("ties go to the lower candidate number; a due date before today counts as today", () => {
    const t = run(
      ["客户名称", "本期销售额", "上期销售额", "最近下单日期", "生日"],
      [
        ["anchor", 100000, "", "", ""],
        // birthday today (1, due T) vs regular (no lastContact, due T) → 1
        ["bd", 1, "", "", "3月10日"],
        // Fading by growth (50/100 → −0.5), ordered 10 days ago, no contact:
        // after-sale due T − 3 → T; win-back T; regular T → 3 wins
        ["fadeAfter", 50, 100, iso(T - 10), ""],
        // Fading, birthday today: 1 (T) beats 4 (T)
        ["fadeBd", 50, 100, "", "03-10"],
      ],
      T,
    );
    expect(t.col("action").slice(1).map((a) => String(a).split("：")[0])).toEqual(["生日祝福", "售后回访", "生日祝福"]);
    expect(t.col("next").slice(1)).toEqual([T, T, T]);
  });

  test("Star regular contact: 实地拜访 when last contact ≥ 30 days ago, else 情感电话; others 电话回访", () => {
    const star = (lcDaysAgo: number | null) =>
      run(["客户名称", "毛利", "最近联系日期"], [["华安建材有限公司", 100, lcDaysAgo === null ? "" : iso(T - lcDaysAgo)]], T);
    const s30 = star(30);
    expect(s30.out(0).action).toBe("定期联系：实地拜访");
    // Star cadence 14, jitter −3: due T − 30 + 11 = T − 19 → overdue 19
    expect(s30.why(0)).toBe("A类：累计前80%；超期未联系19天");
    expect(star(29).out(0).action).toBe("定期联系：情感电话");
    // 29 days ago: due T − 29 + 11 = T − 18 → overdue 18
    expect(star(29).why(0)).toBe("A类：累计前80%；超期未联系18天");
    expect(star(5).out(0).next).toBe(T - 5 + 11);
    expect(star(null).out(0).action).toBe("定期联系：实地拜访");
    expect(star(5).out(0, "en").action).toMatch(/^Regular contact: /);
  });

  test("referral replaces candidate 5 with the same due date: orders ≥ 2, familiarity ≥ 3, referrals = 0 known", () => {
    const lc = iso(T - 10);
    const t = run(
      ["客户名称", "毛利", "订单数", "熟悉程度", "转介绍数", "最近联系日期"],
      [
        ["anchor", 100000, "", "", "", ""],
        ["ref", 1, 2, 3, 0, lc], // all hold → referral, due (T − 10) + 90 + j
        ["refBlank", 1, 2, 3, "", lc], // referrals unknown → regular
        ["ref1", 1, 2, 3, 1, lc], // referrals 1 → regular
        ["ord1", 1, 1, 3, 0, lc], // orders 1 → regular
        ["fam2", 1, 2, 2, 0, lc], // familiarity 2 → regular
      ],
      T,
    );
    expect(t.col("action").slice(1)).toEqual([
      "请求转介绍：请客户推荐同行或朋友，并给予回馈",
      "定期联系：电话回访",
      "定期联系：电话回访",
      "定期联系：电话回访",
      "定期联系：电话回访",
    ]);
    expect(t.out(1).next).toBe(T - 10 + 90 + jitter("ref"));
    expect(t.why(1)).toBe("C类；关系熟悉，尚无转介绍");
    expect(t.out(1, "en").action).toMatch(/^Ask for referral: /);
  });

  test("deepen replaces candidate 5 when gap ≥ 2 (same due date)", () => {
    // single row → A → Star; margin unknown → 主动, target 4
    const star = (fam: number) =>
      run(["客户名称", "毛利", "熟悉程度", "最近联系日期"], [["华安建材有限公司", 100, fam, iso(T - 5)]], T);
    // familiarity 2 → gap 2 → deepen; due T − 5 + 14 − 3 = T + 6
    expect(star(2).out(0).action).toBe("深化关系：邀请参加培训或活动（同流→交流→交心）");
    expect(star(2).out(0).next).toBe(T + 6);
    expect(star(2).why(0)).toBe("A类：累计前80%；关系差距2");
    expect(star(2).out(0, "en").action).toMatch(/^Deepen relationship: /);
    // familiarity 3 → gap 1 → regular 情感电话 (contact 5 days ago), same date
    expect(star(3).out(0).action).toBe("定期联系：情感电话");
    expect(star(3).out(0).next).toBe(T + 6);
  });

  test("a future lastContact is a problem and missing: regular contact due today", () => {
    const t = run(["客户名称", "毛利", "最近联系日期"], [["anchor", 1000, ""], ["x", 1, iso(T + 3)]], T);
    expect(t.out(1).next).toBe(T);
    expect(t.out(1).problems).not.toBeNull();
  });
});

// ================================================================ §9 strategy
describe("§9 sales strategy", () => {
  test("first that holds; unknown never matches; blank when all three unknown", () => {
    const t = run(
      ["客户名称", "毛利", "现有供应商", "竞争地位", "当前商机"],
      [
        ["1", 1, "是", "强", "否"], // incumbent yes → 加强防御
        ["2", 1, "否", "强", "否"], // position strong → 正面出击
        ["3", 1, "", "", "否"], // opportunity no → 立足长远
        ["4", 1, "否", "弱", "是"], // position weak → 出其不意
        ["5", 1, "否", "平", "是"], // else → 分而治之
        ["6", 1, "", "", ""], // all unknown → blank
        ["7", 1, "maybe", "中", ""], // unreadable counts as unknown → blank
        ["8", 1, "", "弱", ""], // opportunity unknown never matches "no" → weak → 出其不意
        ["9", 1, "", "平", ""], // → 分而治之
        ["10", 1, "", "strong", "否"], // English word: strong → 正面出击
        ["11", 1, "否", "", ""], // only incumbent known (no) → 分而治之
      ],
      T,
    );
    expect(t.col("strategy")).toEqual([
      "加强防御",
      "正面出击",
      "立足长远",
      "出其不意",
      "分而治之",
      null,
      null,
      "出其不意",
      "分而治之",
      "正面出击",
      "分而治之",
    ]);
    expect(t.col("strategy", "en").slice(0, 5)).toEqual(["Fortify", "Frontal", "Develop for future", "Flank", "Divide and conquer"]);
  });
});

// ================================================================ §10 RFM
describe("§10 RFM", () => {
  test("k = 1 + rows strictly worse, score = ⌈5k/n⌉; ties share the lower score; '_' for unknown (v2)", () => {
    const t = run(
      ["客户名称", "本期销售额", "订单数", "最近下单日期"],
      [
        ["r0", 100, 0, iso(T)],
        ["r1", 50, 0, iso(T - 10)],
        ["r2", 50, 0, iso(T - 10)],
        ["r3", 20, 0, iso(T - 30)],
        ["r4", 10, 5, ""],
        ["r5", "", "", ""],
      ],
      T,
    );
    // R over n = 4 known recencies 0,10,10,30 (fewer better): 0 → k = 1+3 = 4 → ⌈20/4⌉ = 5;
    //   10 → k = 1+1 = 2 → ⌈10/4⌉ = 3 (both); 30 → k = 1 → ⌈5/4⌉ = 2
    // F over n = 5 orders 0,0,0,0,5: zeros k = 1 → ⌈5/5⌉ = 1 (mostly 0 → 1); 5 → k = 5 → 5
    // M over n = 5 values 100,50,50,20,10: 100 → 5; 50 → k = 3 → 3; 20 → 2; 10 → 1
    expect(t.col("rfm")).toEqual(["515", "313", "313", "212", "_51", null]);
  });
  test("all-equal values: every row k = 1 → score ⌈5/n⌉ = 1 (n = 5)", () => {
    const t = run(["客户名称", "本期销售额"], [["a", 7], ["b", 7], ["c", 7], ["d", 7], ["e", 7]], T);
    // no recency / orders columns → R and F unknown
    expect(t.col("rfm")).toEqual(Array(5).fill("__1"));
  });
});

// ================================================================ §11 output
describe("§11 output columns, labels and formats", () => {
  test("the 14 headers in order, zh and en", () => {
    expect(outputHeaders("zh")).toEqual([
      "价值等级",
      "ABC分类",
      "价值占比",
      "大客户指数",
      "潜力得分",
      "建议关系水平",
      "关系差距",
      "下一步行动",
      "下次联系日期",
      "风险提示",
      "销售策略",
      "RFM",
      "依据",
      "数据问题",
    ]);
    expect(outputHeaders("en")).toEqual([
      "Tier",
      "ABC",
      "Value share",
      "Key account index",
      "Potential",
      "Relationship level",
      "Familiarity gap",
      "Next action",
      "Next contact",
      "Risk flags",
      "Strategy",
      "RFM",
      "Why",
      "Problems",
    ]);
  });

  test("Why example of METHOD: A类：累计前80%；同比+35%; en labels alone; unknown empty; share unrounded", () => {
    // single row → A → Star; growth (135−100)/100 = +35%; no lastContact → regular due today (visit), not overdue
    const t = run(["客户名称", "本期销售额", "上期销售额", "现有供应商"], [["s", 135, 100, "是"]], T);
    expect(t.why(0)).toBe("A类：累计前80%；同比+35%");
    expect(t.why(0, "en")).toBe("Class A: top 80% cumulative; +35% YoY");
    const en = t.out(0, "en");
    expect([en.tier, en.abc, en.level, en.strategy, en.gap, en.risk, en.problems]).toEqual([
      "Star",
      "A",
      "Proactive",
      "Fortify",
      null,
      null,
      null,
    ]);
    expect(en.next).toBe(T);
    // share is the unrounded fraction: 1/3 and 2/3
    const s = run(["客户名称", "毛利"], [["a", 1], ["b", 2]], T);
    expect(s.col("share")).toEqual([1 / 3, 2 / 3]);
  });

  test("en tier and level labels: Rising, Fading, Regular, Insufficient data; Accountable, Reactive, Basic", () => {
    const t = run(
      ["Customer", "Revenue", "Previous revenue"],
      [["anchor", 100000, ""], ["r", 50, 0], ["f", 10, 100], ["g", 10, ""], ["i", "", ""]],
      T,
    );
    expect(t.col("tier", "en")).toEqual(["Star", "Rising", "Fading", "Regular", "Insufficient data"]);
    // r: C medium → Reactive raised to Accountable; f: Fading → Accountable; g: C medium → Reactive; i: Basic
    expect(t.col("level", "en")).toEqual(["Proactive", "Accountable", "Accountable", "Reactive", "Basic"]);
    expect(t.col("index", "en")[4]).toBeNull();
  });
});
