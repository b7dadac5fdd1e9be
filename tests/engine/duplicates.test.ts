/**
 * Duplicate customers (docs/METHOD-NOTES.md, "Engine — reading cells and headers"): a row
 * whose key (trimmed id, else trimmed name) repeats an earlier row's key of the same kind
 * gets a "duplicate" problem on that field; the row is still classified.
 */
import { classify, ClassifyResult } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { problemMessage } from "../../src/engine/labels";
import { outputRow, problemsText } from "../../src/engine/output";
import { Abc } from "../../src/engine/types";
import type { CellProblem, CellValue, FieldKey } from "../../src/engine/types";

const T = dayFromYmd(2027, 3, 10);
const PROBLEMS_CELL = 13;

function run(columns: Partial<Record<FieldKey, CellValue[]>>, rowCount?: number): ClassifyResult {
  const n = rowCount ?? Math.max(...Object.values(columns).map((c) => c.length));
  return classify({ rowCount: n, columns }, { today: T });
}

/** The duplicate problems as [row, field, found]. */
function duplicates(r: ClassifyResult): [number, FieldKey, string][] {
  return r.problems.filter((p) => p.reason === "duplicate").map((p) => [p.row, p.field, p.found]);
}

describe("which rows are duplicates", () => {
  test("names: the second and later rows with the same trimmed name; the first is not", () => {
    const r = run({ name: ["甲", "乙", "甲", " 甲 "] });
    expect(duplicates(r)).toEqual([
      [2, "name", "甲"],
      [3, "name", "甲"],
    ]);
    expect(r.problemStart[1] - r.problemStart[0]).toBe(0);
  });

  test("with an id column the id is the key; a row without an id is keyed by its name", () => {
    const r = run({
      id: ["K1", "K2", "K1", "", " "],
      name: ["甲", "乙", "丙", "甲", "甲"],
    });
    // Row 2 repeats K1 (its name 丙 is new). Row 3 has no id: its key is 甲, which no earlier
    // row has as its key (row 0 is K1). Row 4 has a blank id too and repeats row 3's 甲.
    expect(duplicates(r)).toEqual([
      [2, "id", "K1"],
      [4, "name", "甲"],
    ]);
  });

  test("an id never repeats a name, even with the same text", () => {
    const r = run({ id: ["X", "", "Y"], name: ["甲", "X", "Y"] });
    // Row 1 is keyed by the name X, row 0 by the id X; row 2 by the id Y, row 1 only had the name X.
    expect(duplicates(r)).toEqual([]);
  });

  test("a number id and the same id as text are the same customer", () => {
    const r = run({ id: [1001, "1001", " 1001 "], name: ["甲", "乙", "丙"] });
    expect(duplicates(r)).toEqual([
      [1, "id", "1001"],
      [2, "id", "1001"],
    ]);
  });

  test("blank names (empty, spaces, null, an Excel error, past the column's end) are never duplicates", () => {
    const r = run({ name: ["", "  ", null, undefined, "#N/A", "", "#N/A"] }, 9);
    expect(duplicates(r)).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  test("exact text: case and full-width forms differ, inner spaces count", () => {
    const r = run({ name: ["abc", "ABC", "ａｂｃ", "a bc", "abc"] });
    expect(duplicates(r)).toEqual([[4, "name", "abc"]]);
  });

  test("no name and no id column: nothing to compare", () => {
    const r = run({ revenue: [1, 1, 1] });
    expect(r.problems).toEqual([]);
  });

  test("many rows: 5,000 names cycling through 1,000 give exactly 4,000 duplicates, one per later row", () => {
    const n = 5000;
    const name = Array.from({ length: n }, (_, i) => `客户${i % 1000}`);
    const r = run({ name });
    const d = duplicates(r);
    expect(d).toHaveLength(4000);
    for (let i = 0; i < n; i++) {
      expect(r.problemStart[i + 1] - r.problemStart[i]).toBe(i < 1000 ? 0 : 1);
    }
    expect(d[0]).toEqual([1000, "name", "客户0"]);
    expect(d[3999]).toEqual([4999, "name", "客户999"]);
  });

  test("a second run with a reused workspace finds the same duplicates and no stale ones", () => {
    run({ name: Array.from({ length: 3000 }, () => "同一个") }); // fills the table
    const r = run({ name: ["甲", "乙", "丙", "乙"] });
    expect(duplicates(r)).toEqual([[3, "name", "乙"]]);
  });
});

describe("the message", () => {
  const r = run({
    id: ["K1", "K2", "K1", "", ""],
    name: ["华安建材", "乙", "丙", "华安建材", "华安建材"],
    revenue: [100, 200, 300, 400, "abc"],
  });

  test("zh, through outputRow's Problems cell", () => {
    expect(outputRow(r, 0, "zh")[PROBLEMS_CELL]).toBe(null);
    expect(outputRow(r, 2, "zh")[PROBLEMS_CELL]).toBe('客户编号：重复的客户（"K1"），前面已有相同编号的记录');
    expect(outputRow(r, 3, "zh")[PROBLEMS_CELL]).toBe(null); // row 0 is keyed by K1
    // Row 4: the duplicate (name) comes before the revenue problem (METHOD.md field order).
    expect(outputRow(r, 4, "zh")[PROBLEMS_CELL]).toBe(
      '客户名称：重复的客户（"华安建材"），前面已有同名记录；本期销售额：无法识别为数字（"abc"）',
    );
  });

  test("en, through outputRow's Problems cell", () => {
    expect(outputRow(r, 2, "en")[PROBLEMS_CELL]).toBe('Customer ID: duplicate ("K1"), an earlier row has the same ID');
    expect(outputRow(r, 4, "en")[PROBLEMS_CELL]).toBe(
      'Customer: duplicate ("华安建材"), an earlier row has the same name；Revenue: not a number ("abc")',
    );
  });

  test("the sheet's own header names the column", () => {
    const header = (f: FieldKey) => (f === "name" ? "公司" : f === "id" ? "编号" : "销售额");
    expect(problemsText(r, 2, "zh", header)).toBe('编号：重复的客户（"K1"），前面已有相同编号的记录');
    expect(outputRow(r, 4, "en", header)[PROBLEMS_CELL]).toBe(
      '公司: duplicate ("华安建材"), an earlier row has the same name；销售额: not a number ("abc")',
    );
  });

  test("problemMessage without found text still says what is wrong", () => {
    const p: CellProblem = { row: 1, field: "name", reason: "duplicate", found: "" };
    expect(problemMessage(p, "zh")).toBe("客户名称：重复的客户，前面已有同名记录");
    expect(problemMessage(p, "en")).toBe("Customer: duplicate, an earlier row has the same name");
  });

  test("a long name is cut in the message like any found text", () => {
    const long = "很长的客户名称".repeat(10); // 70 characters
    const r2 = run({ name: [long, long] });
    // classify keeps 39 characters + "…"; the message shows 29 + "…".
    expect(duplicates(r2)).toEqual([[1, "name", long.slice(0, 39) + "…"]]);
    expect(problemsText(r2, 1, "zh")).toBe(`客户名称：重复的客户（"${long.slice(0, 29)}…"），前面已有同名记录`);
  });
});

describe("duplicate rows are classified like any other", () => {
  const numbers = {
    revenue: [600, 300, 100],
    lastOrder: ["2027-03-01", "2027-02-01", "2027-03-01"],
    orders: [10, 5, 10],
    lastContact: ["2027-02-01", "2027-01-15", "2027-02-01"],
    familiarity: [3, 2, 3],
  };
  const dup = run({ name: ["甲", "乙", "甲"], ...numbers });
  const distinct = run({ name: ["甲", "乙", "丙"], ...numbers });

  test("both rows count in the total: shares 600/1000, 300/1000, 100/1000; ABC A, A, B", () => {
    expect(Array.from(dup.share)).toEqual([0.6, 0.3, 0.1]);
    // before: 0 < 800 → A; 600 < 800 → A; 900 ≥ 800 and < 950 → B
    expect(Array.from(dup.abc)).toEqual([Abc.A, Abc.A, Abc.B]);
    expect(duplicates(dup)).toEqual([[2, "name", "甲"]]);
    expect(distinct.problems).toEqual([]);
  });

  test("every result but the problems is the same as with distinct names (rows 0 and 1 keep their names)", () => {
    for (const k of ["tier", "abc", "share", "cumShare", "volumePct", "keyIndex", "level", "gap", "action", "risk"] as const) {
      expect(Array.from(dup[k])).toEqual(Array.from(distinct[k]));
    }
    // The §8 jitter hashes the name, so only rows 0 and 1 must keep their next contact.
    expect(Array.from(dup.nextContact.subarray(0, 2))).toEqual(Array.from(distinct.nextContact.subarray(0, 2)));
    // Same name, same data: the duplicate plans the same day as the first row.
    expect(dup.nextContact[2]).toBe(dup.nextContact[0]);
  });

  test("the §8 jitter still hashes the name when there is an id (the key), and the id when the name is blank", () => {
    const base = { lastOrder: ["2027-03-01", "2027-03-01"], lastContact: ["2027-02-01", "2027-02-01"], revenue: [5, 5] };
    const byName = run({ name: ["华安建材", "K9"], ...base });
    const withIds = run({ id: ["K1", "K9"], name: ["华安建材", ""], ...base });
    expect(Array.from(withIds.nextContact)).toEqual(Array.from(byName.nextContact));
    expect(Array.from(withIds.overdue)).toEqual(Array.from(byName.overdue));
  });

  test("problems stay sorted by row and problemStart matches them", () => {
    const r = run({
      name: ["甲", "乙", "甲", "乙", "甲"],
      revenue: ["x", 1, "y", 2, -3],
    });
    const rows = r.problems.map((p) => p.row);
    expect(rows).toEqual([0, 2, 2, 3, 4, 4]);
    expect(r.problems.map((p) => p.field)).toEqual(["revenue", "name", "revenue", "name", "name", "revenue"]);
    expect(Array.from(r.problemStart)).toEqual([0, 1, 1, 3, 4, 6]);
  });
});
