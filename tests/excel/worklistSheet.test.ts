/**
 * The Worklist sheet's cells (pure worklistGrid): title with the evaluation date, the shared
 * model's headers, customers in METHOD §8's order, dates as Excel serials, the user's contact
 * columns, every text inert. The fixture and its hand-computed order are those of
 * tests/taskpane/worklist.test.tsx.
 */
import { classify } from "../../src/engine/classify";
import { excelSerialFromDay, parseIsoDay } from "../../src/engine/days";
import { mapHeaders } from "../../src/engine/headers";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { buildTableInput } from "../../src/engine/tableInput";
import type { CellValue } from "../../src/engine/types";
import { worklistGrid, worklistSheetName } from "../../src/excel/worklistSheet";

const HEADERS = ["客户编号", "客户名称", "销售额", "上期销售额", "最近联系日期", "负责销售", "联系电话"];
const ROWS: CellValue[][] = [
  ["KH1", "甲公司", 500, 400, null, "王芳", "138-0000-0001"],
  ["KH2", "乙公司", 300, 500, null, "王芳", "=HYPERLINK(1)"],
  ["KH3", "丙公司", 100, 50, null, "王芳", null],
  ["KH4", "丁公司", 60, 60, "2026-11-01", "李强", "138-0000-0004"],
  ["KH5", "戊公司", 40, 0, null, "李强", "138-0000-0005"],
  ["KH6", "己公司", "abc", 10, null, "李强", null],
];
const TODAY = parseIsoDay("2026-11-02");

function result(settings = DEFAULT_SETTINGS) {
  const columns = HEADERS.map((_, c) => ROWS.map((r) => r[c]));
  const mapping = mapHeaders(HEADERS);
  const input = buildTableInput({ rowCount: ROWS.length, column: (c) => columns[c] }, mapping, { owner: 5 });
  return { result: classify(input, { today: TODAY, settings: { ...settings } }), columns };
}

test("title with the date and days, headers, METHOD §8 order, dates as serials, contact column inert", () => {
  const { result: r, columns } = result();
  const grid = worklistGrid(r, "zh", [{ header: "联系电话", cells: columns[6] }]);
  expect(grid.rowCount).toBe(5);
  expect(grid.cells[0][0]).toBe("本周待办：5 位客户，下次联系日期在 2026-11-02 至 2026-11-08（评估日期 2026-11-02）");
  expect(grid.cells[0].slice(1)).toEqual(["", "", "", "", "", "", ""]);
  expect(grid.cells[1]).toEqual(["客户编号", "客户名称", "负责销售", "价值等级", "下一步行动", "下次联系日期", "依据", "联系电话"]);
  const body = grid.cells.slice(2);
  expect(body.map((row) => [row[0], row[1], row[2], row[3], row[5], row[7]])).toEqual([
    ["KH1", "甲公司", "王芳", "天王巨星", excelSerialFromDay(TODAY), "138-0000-0001"],
    ["KH3", "丙公司", "王芳", "后起之秀", excelSerialFromDay(TODAY), ""],
    ["KH5", "戊公司", "李强", "后起之秀", excelSerialFromDay(TODAY), "138-0000-0005"],
    ["KH2", "乙公司", "王芳", "明日黄花", excelSerialFromDay(TODAY), "'=HYPERLINK(1)"],
    ["KH6", "己公司", "李强", "数据不足", excelSerialFromDay(TODAY), ""],
  ]);
  expect(String(body[3][4])).toMatch(/^挽回：/);
  for (const row of body) expect(String(row[6]).length).toBeGreaterThan(0);
  expect(grid.formats[0]).toEqual(Array(8).fill("@"));
  expect(grid.formats[2]).toEqual(["@", "@", "@", "@", "@", "yyyy-mm-dd", "@", "@"]);
  expect(grid.widths).toEqual([12, 28, 12, 10, 40, 12, 40, 16]);
});

test("English, and worklistDays from the settings", () => {
  const { result: r } = result({ ...DEFAULT_SETTINGS, worklistDays: 1 });
  const grid = worklistGrid(r, "en");
  expect(worklistSheetName("en")).toBe("Worklist");
  expect(worklistSheetName("zh")).toBe("本周待办");
  expect(grid.cells[0][0]).toBe("Worklist: 5 customers due 2026-11-02 to 2026-11-02 (evaluation date 2026-11-02)");
  expect(grid.cells[1]).toEqual(["Customer ID", "Customer", "Owner", "Tier", "Next action", "Next contact", "Why"]);
  expect(grid.cells.slice(2).map((row) => row[3])).toEqual(["Star", "Rising", "Rising", "Fading", "Insufficient data"]);
});
