/**
 * crm-classify end to end on a workbook built here with exceljs: the customers of
 * small-zh.csv (hand-checked values in classifyCsv.test.ts) written with the cell kinds
 * Excel produces: rich text, a formula with its cached result, date cells, an #N/A error.
 */
import { readFileSync } from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readWorkbook, rowValues, runCli, sha256, tempDir } from "./helpers";

// Workbooks are zipped and unzipped; leave room on a busy 2-core machine.
jest.setTimeout(30_000);
const TODAY = ["--today", "2026-11-22"];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let tmp: ReturnType<typeof tempDir>;
let input: string;

beforeEach(async () => {
  tmp = tempDir();
  input = tmp.file("customers.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户");
  ws.addRow(["客户名称", "销售额", "上期销售额", "订单数", "最近下单日期", "最近联系日期", "备注"]);
  ws.addRow([{ richText: [{ text: "甲" }, { text: "公司", font: { bold: true } }] }, 600, 400, 10, d("2026-11-01"), d("2026-11-20"), "=1+1"]);
  ws.addRow(["乙公司", { formula: "200+50", result: 250 }, 500, 5, d("2026-10-01"), d("2026-10-01"), -5]);
  ws.addRow(["丙公司", 100, 50, 3, d("2026-09-01"), d("2026-09-01"), "@cmd"]);
  ws.addRow(["丁公司", 50, null, 1, d("2026-11-15"), null, null]);
  ws.addRow(["戊公司", { error: "#N/A" }, null, null, null, null, null]);
  for (let r = 2; r <= 6; r++) for (const c of [5, 6]) ws.getRow(r).getCell(c).numFmt = "yyyy-mm-dd";
  const other = wb.addWorksheet("备用");
  other.addRow(["说明"]);
  await wb.xlsx.writeFile(input);
});
afterEach(() => tmp.cleanup());

describe("XLSX → XLSX", () => {
  it("writes the input columns back as read, then the §11 columns as typed cells", async () => {
    const before = sha256(input);
    const out = tmp.file("out.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY]);
    // The #N/A result of 戊公司's 销售额 is reported (and the engine lists it in 数据问题).
    expect(r.stderr).toBe(
      "工作表“客户”B6的公式结果为错误 #N/A：按错误报告，原样写回 / the sheet \"客户\" B6: the formula result is the error #N/A; reported and written back as it is\n",
    );
    expect(r.code).toBe(0);
    expect(sha256(input)).toBe(before);

    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["客户分级汇总", "本周待办", "客户"]);
    const ws = wb.getWorksheet("客户")!;
    expect(rowValues(ws, 1, 21).slice(6)).toEqual([
      "备注", "价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距",
      "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题",
    ]);
    // Input cells: rich text kept, the formula replaced by its value, dates as dates, the error kept.
    expect(rowValues(ws, 2, 7)).toEqual([
      { richText: [{ text: "甲" }, { text: "公司", font: { bold: true } }] },
      600, 400, 10, d("2026-11-01"), d("2026-11-20"), "=1+1",
    ]);
    expect(rowValues(ws, 3, 7)).toEqual(["乙公司", 250, 500, 5, d("2026-10-01"), d("2026-10-01"), -5]);
    expect(rowValues(ws, 6, 2)).toEqual(["戊公司", { error: "#N/A" }]);
    expect(ws.getCell("E2").numFmt).toBe("yyyy-mm-dd");

    // §11 cells (Why left out: see classifyCsv.test.ts).
    const outCells = (r: number) => {
      const v = rowValues(ws, r, 21).slice(7);
      return [...v.slice(0, 12), v[13]];
    };
    expect(outCells(2)).toEqual(["天王巨星", "A", 0.6, 95, null, "主动", null, "定期联系：情感电话", d("2026-12-05"), null, null, "455", null]);
    expect(outCells(3)).toEqual(["明日黄花", "A", 0.25, 46, null, "主动", null, "挽回：登门拜访，了解下滑原因", d("2026-11-22"), null, null, "344", null]);
    expect(outCells(5)).toEqual(["一般客户", "C", 0.05, 3, null, "反应", null, "售后回访：回访使用情况和满意度", d("2026-11-22"), null, null, "522", null]);
    expect(outCells(6)).toEqual(["数据不足", null, null, null, null, "一般", null, "定期联系：电话回访", d("2026-11-22"), null, null, null, '销售额：单元格是错误值（"#N/A"）']);
    expect(ws.getCell("J2").numFmt).toBe("0.0%"); // the one share format (report/columns.ts), as in the pane
    expect(ws.getCell("K2").numFmt).toBe("0"); // key-account index: a whole number
    expect(ws.getCell("P2").numFmt).toBe("yyyy-mm-dd");
  });

  it("fills the tier cells, freezes the header and makes the block a table with its autofilter", async () => {
    const out = tmp.file("out.xlsx");
    await runCli([input, "--out", out, ...TODAY]);
    const ws = (await readWorkbook(out)).getWorksheet("客户")!;
    const fillOf = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null;
    expect(["H2", "H3", "H4", "H5", "H6"].map(fillOf)).toEqual(["FFFFE699", "FFF8CBAD", "FFC6EFCE", null, "FFD9D9D9"]);
    // The table CRM_Customers carries the autofilter over the block (A1:U6); a sheet-level
    // autofilter on the same range as well makes Excel report a corrupt file.
    expect(ws.autoFilter).toBeUndefined();
    const table = (ws.getTable("CRM_Customers") as unknown as { table: { tableRef: string; autoFilterRef: string } }).table;
    expect(table.tableRef).toBe("A1:U6");
    expect(table.autoFilterRef).toBe("A1:U6");
    // The header row and the name column (A) are frozen.
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 1 });
  });

  it("fits widths to content, prints landscape one page wide with the header repeated, opens on the Summary", async () => {
    const out = tmp.file("out.xlsx");
    await runCli([input, "--out", out, ...TODAY]);
    const wb = await readWorkbook(out);
    const ws = wb.getWorksheet("客户")!;
    // A: header 客户名称 is 8 wide + 2 → 10 (the names are 6); E: 最近下单日期 12 + 2 → 14;
    // G: 备注 2 + 2 = 4, "@cmd" 4 + 1 = 5 → the minimum 6; the result columns take the model's
    // widths (价值等级 10, 下一步行动 40).
    expect([1, 5, 7, 8, 15].map((c) => ws.getColumn(c).width)).toEqual([10, 14, 6, 10, 40]);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const zip = await JSZip.loadAsync(readFileSync(out));
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toContain('<workbookView activeTab="0"/>');
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'客户'!$1:$1</definedName>`);
  });

  it("writes formula-looking strings as string cells, never as formulas", async () => {
    const out = tmp.file("out.xlsx");
    await runCli([input, "--out", out, ...TODAY]);
    const ws = (await readWorkbook(out)).getWorksheet("客户")!;
    for (const a of ["G2", "G4"]) {
      expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(a).formula).toBeUndefined();
    }
    expect(ws.getCell("G2").value).toBe("=1+1");
    expect(ws.getCell("G4").value).toBe("@cmd");
    expect(ws.getCell("G3").value).toBe(-5);
  });

  it("adds a Summary sheet: customers and value share per tier and class, overdue, problems", async () => {
    const out = tmp.file("out.xlsx");
    await runCli([input, "--out", out, ...TODAY]);
    const s = (await readWorkbook(out)).getWorksheet("客户分级汇总")!;
    const rows: ExcelJS.CellValue[][] = [];
    s.eachRow((row, n) => rows.push([n, ...rowValues(s, n, 3)]));
    // The engine's one Summary sheet (report/summarySheet.ts), the pane writes the same cells.
    // Values 600/100/50/250/— of 1000 (shares 60/10/5/25 %), classes A 850, B 100, C 50.
    expect(rows).toEqual([
      [1, "客户分级汇总", null, null],
      [2, "评估日期", d("2026-11-22"), null],
      [3, "客户数", 5, null],
      [4, "天王巨星的价值占比", 0.6, null],
      [5, "超期未联系的客户", 2, null],
      [6, "有数据问题的客户", 1, null],
      [8, "价值等级", "客户数", "价值"],
      [9, "天王巨星", 1, 600],
      [10, "后起之秀", 1, 100],
      [11, "一般客户", 1, 50],
      [12, "明日黄花", 1, 250],
      [13, "数据不足", 1, 0],
      [14, "合计", 5, 1000],
      [16, "ABC分类", "客户数", "价值"],
      [17, "A", 2, 850],
      [18, "B", 1, 100],
      [19, "C", 1, 50],
      [21, "大客户指数前10", null, null],
      [22, "客户编号", "客户名称", "价值等级"],
      [23, null, "甲公司", "天王巨星"],
      [24, null, "乙公司", "明日黄花"],
      [25, null, "丙公司", "后起之秀"],
      [26, null, "丁公司", "一般客户"],
    ]);
  });

  it("adds the Worklist 本周待办 in METHOD §8's order, header frozen", async () => {
    // Next contacts (see classifyCsv.test.ts): 甲 2026-12-05 (after the 7 days), the others today
    // 2026-11-22; same day → tier order 后起之秀 (丙), 明日黄花 (乙), 一般客户 (丁), 数据不足 (戊).
    const out = tmp.file("out.xlsx");
    await runCli([input, "--out", out, ...TODAY]);
    const ws = (await readWorkbook(out)).getWorksheet("本周待办")!;
    expect(rowValues(ws, 1, 7)).toEqual(["客户编号", "客户名称", "负责销售", "价值等级", "下一步行动", "下次联系日期", "依据"]);
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row, n) => n > 1 && rows.push(rowValues(ws, n, 6).slice(1, 6)));
    expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([
      ["丙公司", "后起之秀", d("2026-11-22")],
      ["乙公司", "明日黄花", d("2026-11-22")],
      ["丁公司", "一般客户", d("2026-11-22")],
      ["戊公司", "数据不足", d("2026-11-22")],
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("--sheet picks a sheet; --lang en writes English headers and an English summary sheet", async () => {
    const out = tmp.file("en.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY, "--sheet", "客户", "--lang", "en"]);
    expect(r.code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["CRM Summary", "Worklist", "客户"]);
    const ws = wb.getWorksheet("客户")!;
    expect(rowValues(ws, 1, 9).slice(7)).toEqual(["Tier", "ABC"]);
    expect(rowValues(ws, 2, 9).slice(7)).toEqual(["Star", "A"]);
  });
});

describe("XLSX ↔ CSV", () => {
  it("XLSX → CSV: dates ISO, errors as text, rich text as plain text, strings neutralised", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    const text = require("fs").readFileSync(out, "utf8") as string;
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1].split(",").slice(0, 7)).toEqual(["甲公司", "600", "400", "10", "2026-11-01", "2026-11-20", "'=1+1"]);
    expect(lines[2].split(",").slice(0, 7)).toEqual(["乙公司", "250", "500", "5", "2026-10-01", "2026-10-01", "-5"]);
    expect(lines[5].split(",").slice(0, 2)).toEqual(["戊公司", "#N/A"]);
  });

  it("CSV → XLSX: plain numbers become number cells, ids with leading zeros stay text", async () => {
    const csv = tmp.file("ids.csv");
    require("fs").writeFileSync(csv, "客户编号,客户名称,销售额\n007,甲公司,1200.5\n");
    const out = tmp.file("ids.xlsx");
    expect((await runCli([csv, "--out", out, ...TODAY])).code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["客户分级汇总", "本周待办", "客户分级"]);
    expect(rowValues(wb.worksheets[2], 2, 3)).toEqual(["007", "甲公司", 1200.5]);
  });
});
