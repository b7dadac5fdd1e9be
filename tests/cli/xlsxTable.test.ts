/**
 * The Excel table (ListObject) the streaming XLSX output carries: unit tests of the naming
 * and XML, the parts inside the zip (unzipped with jszip, exceljs's own dependency), and the
 * workbook read back with exceljs's in-memory reader, which parses tables.
 */
import { readFileSync, writeFileSync } from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { tableColumnNames, tableXml, xmlAttr } from "../../src/cli/xlsxTable";
import { headerText } from "../../src/cli/writeXlsx";
import { readWorkbook, rowValues, runCli, tempDir } from "./helpers";

jest.setTimeout(30_000);
const TODAY = ["--today", "2026-11-22"];

const OUT_ZH = [
  "价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距",
  "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题",
];
const TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** The table model exceljs's reader builds (Table wraps it as `.table`). */
interface ReadTable {
  name: string;
  displayName: string;
  tableRef: string;
  columns: { name: string }[];
  style: { theme: string; showRowStripes: boolean };
}
const tablesOf = (ws: ExcelJS.Worksheet): ReadTable[] =>
  (ws.getTables() as unknown as { table: ReadTable }[]).map((t) => t.table);

async function unzip(file: string): Promise<(name: string) => Promise<string | null>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return async (name) => (zip.file(name) ? await zip.file(name)!.async("string") : null);
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe("tableColumnNames: unique, non-empty names as Excel makes them", () => {
  it("numbers repeated headers from 2", () => {
    expect(tableColumnNames(["名称", "名称", "名称"])).toEqual(["名称", "名称2", "名称3"]);
  });
  it("compares without case and skips a number a later header already uses", () => {
    expect(tableColumnNames(["Name", "name", "Name2"])).toEqual(["Name", "name3", "Name2"]);
  });
  it("names empty and blank headers Column1, Column2… in order, skipping names in use", () => {
    expect(tableColumnNames(["", "A", " ", "Column1"])).toEqual(["Column2", "A", "Column3", "Column1"]);
  });
  it("never renames the kept columns: the earlier duplicate is numbered instead", () => {
    expect(tableColumnNames(["RFM", "x", "RFM"], new Set([2]))).toEqual(["RFM2", "x", "RFM"]);
  });
  it("leaves unique names alone", () => {
    expect(tableColumnNames(["a", "b"])).toEqual(["a", "b"]);
    expect(tableColumnNames([])).toEqual([]);
  });
});

describe("table XML", () => {
  it("escapes attribute text, line breaks and tabs included", () => {
    expect(xmlAttr('a&b<c>"d"\te\nf\rg\'h')).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&#9;e&#10;f&#13;g'h");
  });
  it("writes a table part with its autofilter, columns and style", () => {
    expect(tableXml(3, { name: "T", ref: "A1:B2", columns: ["a", "<b>"] })).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="3" name="T" displayName="T" ref="A1:B2" totalsRowShown="0">' +
        '<autoFilter ref="A1:B2"/>' +
        '<tableColumns count="2"><tableColumn id="1" name="a"/><tableColumn id="2" name="&lt;b&gt;"/></tableColumns>' +
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
        "</table>",
    );
  });
  it("headerText: a header cell as the text of its column", () => {
    expect([2025, 0.5, true, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T08:30:00Z"), null, "a\u0001b"].map(headerText)).toEqual([
      "2025", "0.5", "TRUE", "2026-01-01", "2026-01-01 08:30:00", "", "ab",
    ]);
  });
});

describe("crm-classify XLSX output: the customer block is the table CRM_Customers", () => {
  it("empty, repeated and XML-special headers: valid names, written into the header cells too", async () => {
    const csv = tmp.file("odd.csv");
    writeFileSync(
      csv,
      '客户名称,,备注,备注,RFM,"A&B <""x"">","多行\n表头",销售额\n' + "甲公司,x1,n1,n2,r1,ab,ml,600\n乙公司,x2,,,,,,250\n",
    );
    const out = tmp.file("odd.xlsx");
    const r = await runCli([csv, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    const names = ["客户名称", "Column1", "备注", "备注2", "RFM2", 'A&B <"x">', "多行\n表头", "销售额", ...OUT_ZH];

    // Read back by exceljs's in-memory reader: the table, and header cells equal to its names.
    const ws = (await readWorkbook(out)).getWorksheet("客户分级")!;
    const [table, ...more] = tablesOf(ws);
    expect(more).toEqual([]);
    expect(table.name).toBe("CRM_Customers");
    expect(table.displayName).toBe("CRM_Customers");
    expect(table.tableRef).toBe("A1:V3");
    expect(table.columns.map((c) => c.name)).toEqual(names);
    expect(table.style).toMatchObject({ theme: "TableStyleMedium2", showRowStripes: true });
    expect(rowValues(ws, 1, 22)).toEqual(names);
    expect(ws.autoFilter).toBeUndefined();

    // The parts, as Excel reads them.
    const part = await unzip(out);
    const xml = await part("xl/tables/table1.xml");
    expect(xml).toContain(
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="CRM_Customers" displayName="CRM_Customers" ref="A1:V3" totalsRowShown="0"><autoFilter ref="A1:V3"/><tableColumns count="22">',
    );
    expect(xml).toContain(
      '<tableColumn id="2" name="Column1"/><tableColumn id="3" name="备注"/><tableColumn id="4" name="备注2"/><tableColumn id="5" name="RFM2"/>' +
        '<tableColumn id="6" name="A&amp;B &lt;&quot;x&quot;&gt;"/><tableColumn id="7" name="多行&#10;表头"/>',
    );
    expect(xml).toContain('<tableColumn id="20" name="RFM"/><tableColumn id="21" name="依据"/><tableColumn id="22" name="数据问题"/></tableColumns>');
    const sheet = (await part("xl/worksheets/sheet3.xml")) ?? "";
    expect(sheet).not.toContain("<autoFilter");
    expect(sheet).toMatch(/<pageSetup [^>]*\/><tableParts count="1"><tablePart r:id="rId1"\/><\/tableParts><\/worksheet>$/);
    expect(await part("xl/worksheets/_rels/sheet3.xml.rels")).toContain(
      `<Relationship Id="rId1" Type="${TABLE_REL}" Target="../tables/table1.xml"/></Relationships>`,
    );
    expect(await part("[Content_Types].xml")).toContain(`<Override PartName="/xl/tables/table1.xml" ContentType="${TABLE_TYPE}"/>`);
    // The Summary and Worklist sheets have no table.
    expect(await part("xl/worksheets/sheet1.xml")).not.toContain("tablePart");
    expect(await part("xl/worksheets/sheet2.xml")).not.toContain("tablePart");
  });

  it("number, date and empty headers of an XLSX input become text header cells", async () => {
    const input = tmp.file("in.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.addRow(["客户名称", 2025, new Date("2026-01-01T00:00:00Z"), null, "销售额"]);
    ws.addRow(["甲公司", 1, 2, 3, 600]);
    await wb.xlsx.writeFile(input);
    const out = tmp.file("out.xlsx");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);

    const back = (await readWorkbook(out)).getWorksheet("客户")!;
    const names = ["客户名称", "2025", "2026-01-01", "Column1", "销售额", ...OUT_ZH];
    expect(tablesOf(back).map((t) => [t.name, t.tableRef, t.columns.map((c) => c.name)])).toEqual([["CRM_Customers", "A1:S2", names]]);
    expect(rowValues(back, 1, 19)).toEqual(names);
    expect(rowValues(back, 2, 5)).toEqual(["甲公司", 1, 2, 3, 600]);
  });

  it("--lang en: English §11 column names in the table", async () => {
    const out = tmp.file("en.xlsx");
    const csv = tmp.file("in.csv");
    writeFileSync(csv, "客户名称,销售额\n甲公司,600\n");
    expect((await runCli([csv, "--out", out, ...TODAY, "--lang", "en"])).code).toBe(0);
    const [t] = tablesOf((await readWorkbook(out)).worksheets[2]);
    expect(t.tableRef).toBe("A1:P2");
    expect(t.columns.map((c) => c.name).slice(0, 4)).toEqual(["客户名称", "销售额", "Tier", "ABC"]);
  });
});
