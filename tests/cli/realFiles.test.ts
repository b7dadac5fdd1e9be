/**
 * Files shaped like real users' exports, read and written back: every input cell comes out
 * unchanged, and what cannot be read is said with its address.
 */
import { readFileSync, writeFileSync } from "fs";
import { Readable } from "stream";
import ExcelJS from "exceljs";
import { parseXml } from "../../src/cli/xlsxParts";
import { readXlsx } from "../../src/cli/readXlsx";
import { readCsv } from "../../src/cli/readCsv";
import { engineColumn, sheetColumn } from "../../src/cli/sheet";
import { readCsvOut, readWorkbook, rowValues, runCli, tempDir } from "./helpers";
import { n, row, ss, t, writeFixture } from "./xlsxFixture";

jest.setTimeout(60_000);
const TODAY = ["--today", "2026-11-22"];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe("stateful UTF-8 decoding", () => {
  it("a multi-byte character cut by any chunk boundary is decoded whole", async () => {
    const text = "天成五金商贸有限公司𠮷é";
    const xml = Buffer.from(`<a>${text}</a>`, "utf8");
    for (let cut = 1; cut < xml.length; cut++) {
      let got = "";
      await parseXml(Readable.from([xml.subarray(0, cut), xml.subarray(cut)]), (p) =>
        p.on("text", (s) => (got += s)),
      );
      expect(got).toBe(text);
    }
    // One byte at a time.
    let got = "";
    await parseXml(Readable.from([...xml].map((b) => Buffer.from([b]))), (p) =>
      p.on("text", (s) => (got += s)),
    );
    expect(got).toBe(text);
  });
});

describe("XLSX exports", () => {
  it("a report's footer below the table after a blank row: cut from the table, written back below it", async () => {
    const input = tmp.file("footer.xlsx");
    await writeFixture(input, {
      sheets: [
        {
          name: "客户",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额")) +
            row(2, t("A2", "甲公司"), n("B2", 600)) +
            row(3, t("A3", "乙公司"), n("B3", 400)) +
            row(5, t("A5", "制表人：张伟")) +
            row(6, t("A6", "打印日期：2026-12-01")),
        },
      ],
    });
    const sheet = await readXlsx(input);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.columns).toEqual([
      ["甲公司", "乙公司"],
      [600, 400],
    ]);
    expect(sheet.footer).toEqual([
      { rowNumber: 5, values: ["制表人：张伟", null] },
      { rowNumber: 6, values: ["打印日期：2026-12-01", null] },
    ]);
    const out = tmp.file("footer-out.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已分级 2 位客户");
    expect(r.stderr).toContain("注意：第 5–6 行在表格下方的空行之后");
    const ws = (await readWorkbook(out)).getWorksheet("客户")!;
    expect(rowValues(ws, 3, 3)).toEqual(["乙公司", 400, "天王巨星"]);
    expect(ws.getCell("A4").value).toBe(null);
    expect(ws.getCell("A5").value).toBe("制表人：张伟");
    expect(ws.getCell("A6").value).toBe("打印日期：2026-12-01");
    expect(ws.getCell("C5").value).toBe(null);
  });

  it("an owner and a region merged down over their customers count for each in the summary; the cells come back as they were", async () => {
    const input = tmp.file("merged-owner.xlsx");
    await writeFixture(input, {
      sheets: [
        {
          name: "客户",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额"), t("C1", "负责销售"), t("D1", "区域")) +
            row(2, t("A2", "甲公司"), n("B2", 600), t("C2", "张伟"), t("D2", "华东")) +
            row(3, t("A3", "乙公司"), n("B3", 300)) +
            row(5, t("A5", "丙公司"), n("B5", 100), t("C5", "王芳")) +
            row(6, t("A6", "丁公司"), n("B6", 0)) +
            // C2:C3 and D2:D6 run down (D over the blank row 4); A7:B7 runs across, below the data.
            '<mergeCells count="3"><mergeCell ref="C2:C3"/><mergeCell ref="D2:D6"/><mergeCell ref="A7:B7"/></mergeCells>',
        },
      ],
    });
    const sheet = await readXlsx(input);
    expect(sheet.mergedDown).toEqual([
      { col: 2, from: 0, to: 1 },
      { col: 3, from: 0, to: 3 },
    ]);
    expect(sheet.columns[2]).toEqual(["张伟", null, "王芳", null]);

    const out = tmp.file("merged-owner-out.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    // 甲 600 + 乙 300 under 张伟 (90 %), 丙 100 under 王芳, 丁 (0) with no owner; all four in 华东.
    expect(r.stdout).toContain("张伟             2     90.0%");
    expect(r.stdout).toContain("王芳             1     10.0%");
    expect(r.stdout).toContain("（未填写）       1      0.0%");
    expect(r.stdout).toContain("华东       4    100.0%");
    expect(r.stderr).toContain("工作表“客户”的 C2:C3、D2:D6 是合并单元格");
    const ws = (await readWorkbook(out)).getWorksheet("客户")!;
    expect(rowValues(ws, 2, 4)).toEqual(["甲公司", 600, "张伟", "华东"]);
    expect(ws.getCell("C3").value).toBe(null);
    expect(ws.getCell("D3").value).toBe(null);
  });

  it("an ERP report: merged title row, blank row, header on row 3; the title comes back merged", async () => {
    const input = tmp.file("report.xlsx");
    await writeFixture(input, {
      sheets: [
        {
          name: "销售汇总",
          body:
            row(1, t("A1", "客户销售汇总表 2026年1-10月")) +
            row(3, t("A3", "客户名称"), t("B3", "销售额")) +
            row(4, t("A4", "甲公司"), n("B4", 600)) +
            row(5, t("A5", "乙公司"), n("B5", 400)) +
            '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
        },
      ],
    });
    const sheet = await readXlsx(input);
    expect(sheet.headerRowNumber).toBe(3);
    expect(sheet.headers).toEqual(["客户名称", "销售额"]);
    expect(sheet.columns).toEqual([
      ["甲公司", "乙公司"],
      [600, 400],
    ]);
    expect(sheet.preamble).toEqual([{ rowNumber: 1, values: ["客户销售汇总表 2026年1-10月"] }]);
    expect(sheet.preambleMerges).toEqual(["A1:B1"]);

    const out = tmp.file("out.xlsx");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);
    const ws = (await readWorkbook(out)).getWorksheet("销售汇总")!;
    expect(ws.getCell("A1").value).toBe("客户销售汇总表 2026年1-10月");
    expect(ws.getCell("A1").isMerged && ws.getCell("B1").isMerged).toBe(true);
    expect(rowValues(ws, 3, 3)).toEqual(["客户名称", "销售额", "价值等级"]);
    expect(rowValues(ws, 4, 2)).toEqual(["甲公司", 600]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3, xSplit: 1 });
  });

  it("a cover sheet and a hidden lookup sheet first: the first visible customer table is read", async () => {
    const input = tmp.file("book.xlsx");
    await writeFixture(input, {
      sheets: [
        {
          name: "lookup",
          state: "hidden",
          body: row(1, t("A1", "客户名称"), t("B1", "销售额")) + row(2, t("A2", "假"), n("B2", 1)),
        },
        { name: "封面", body: row(1, t("A1", "2026 年度客户报告")) + row(2, t("A2", "编制：销售部")) },
        {
          name: "客户",
          body: row(1, t("A1", "客户名称"), t("B1", "销售额")) + row(2, t("A2", "甲公司"), n("B2", 5)),
        },
      ],
    });
    const sheet = await readXlsx(input);
    expect(sheet.sheetName).toBe("客户");
    expect(sheet.columns[0]).toEqual(["甲公司"]);
  });

  it("no visible sheet holds a customer table: the message lists the sheets", async () => {
    const input = tmp.file("book.xlsx");
    await writeFixture(input, {
      sheets: [
        { name: "封面", body: row(1, t("A1", "报告")) },
        { name: "数据", state: "hidden", body: row(1, t("A1", "客户名称"), t("B1", "销售额")) },
        { name: "说明", body: row(1, t("A1", "见附件")) },
      ],
    });
    const r = await runCli([input, "--out", tmp.file("o.xlsx"), ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("工作簿中的工作表：封面、数据（隐藏/hidden）、说明；请用 --sheet 指定");
  });

  it("cached #DIV/0! results are reported with their address and written back as errors", async () => {
    const input = tmp.file("errors.xlsx");
    const f = (ref: string, formula: string, v: string) =>
      `<c r="${ref}" t="e"><f>${formula}</f><v>${v}</v></c>`;
    await writeFixture(input, {
      sheets: [
        {
          name: "客户",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额"), t("C1", "毛利率")) +
            row(2, t("A2", "甲公司"), n("B2", 600), f("C2", "D2/E2", "#DIV/0!")) +
            row(3, t("A3", "乙公司"), n("B3", 400), f("C3", "D3/E3", "#DIV/0!")),
        },
      ],
    });
    const out = tmp.file("out.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("工作表“客户”C2 等 2 个单元格的公式结果为错误 #DIV/0!：按错误报告，原样写回");
    const ws = (await readWorkbook(out)).getWorksheet("客户")!;
    expect(ws.getCell("C2").value).toEqual({ error: "#DIV/0!" });
    const csvOut = tmp.file("out.csv");
    expect((await runCli([input, "--out", csvOut, ...TODAY])).code).toBe(0);
    expect(readCsvOut(csvOut).rows[1].slice(0, 3)).toEqual(["甲公司", "600", "#DIV/0!"]);
  });

  it("formulas never calculated (a report generator's output) are reported", async () => {
    const input = tmp.file("nocache.xlsx");
    await writeFixture(input, {
      sheets: [
        {
          name: "客户",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额")) +
            row(2, t("A2", "甲公司"), '<c r="B2"><f>100*6</f></c>') +
            row(3, t("A3", "乙公司"), '<c r="B3"><f>100*4</f></c>'),
        },
      ],
    });
    const r = await runCli([input, "--out", tmp.file("o.csv"), ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("工作表“客户”B2、B3：公式未计算，请在 Excel 中保存后再试");
  });

  it.each(["1", "true"])('date1904="%s": dates read in the 1904 system', async (flag) => {
    const input = tmp.file("mac.xlsx");
    // 2026-11-01 is serial 46327 in 1900, 44865 in 1904.
    await writeFixture(input, {
      date1904: flag,
      cellXfs: [0, 14],
      sheets: [
        {
          name: "S",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额"), t("C1", "最近下单日期")) +
            row(2, t("A2", "甲"), n("B2", 1), n("C2", 44865, 1)),
        },
      ],
    });
    expect((await readXlsx(input)).columns[2]).toEqual([d("2026-11-01")]);
  });

  it("numFmtId 31 (yyyy年m月d日) and a custom y/m/d format are dates, and come back as dates in that format", async () => {
    const input = tmp.file("cn.xlsx");
    await writeFixture(input, {
      numFmts: [{ id: 176, code: 'yyyy"年"mm"月"dd"日"' }],
      cellXfs: [0, 31, 176],
      sheets: [
        {
          name: "S",
          body:
            row(1, t("A1", "客户名称"), t("B1", "销售额"), t("C1", "最近下单日期"), t("D1", "最近联系日期")) +
            row(2, t("A2", "甲"), n("B2", 1), n("C2", 46327, 1), n("D2", 46330, 2)),
        },
      ],
    });
    const sheet = await readXlsx(input);
    expect([sheet.columns[2][0], sheet.columns[3][0]]).toEqual([d("2026-11-01"), d("2026-11-04")]);
    const out = tmp.file("o.xlsx");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);
    const ws = (await readWorkbook(out)).getWorksheet("S")!;
    expect(ws.getCell("C2").value).toEqual(d("2026-11-01"));
    expect(ws.getCell("C2").numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(ws.getCell("D2").numFmt).toBe('yyyy"年"mm"月"dd"日"');
  });

  it("a stray cell in XFD with 20k rows: reported by address, kept in place, never allocated across", async () => {
    const input = tmp.file("stray.xlsx");
    let body = row(1, t("A1", "客户名称"), t("B1", "销售额"));
    for (let r = 2; r <= 20_001; r++) body += row(r, t(`A${r}`, `客户${r}`), n(`B${r}`, r));
    body += row(20_002, t("XFD20002", "x"));
    await writeFixture(input, { sheets: [{ name: "S", body }] });
    const sheet = await readXlsx(input);
    expect(sheet.columnCount).toBe(2);
    expect(sheet.rowCount).toBe(20_000);
    expect(sheet.notes.join("\n")).toContain("单元格 XFD20002 远在表格右侧（表格到 B 列）");
    const csvOut = tmp.file("o.csv");
    expect((await runCli([input, "--out", csvOut, ...TODAY])).code).toBe(0);
    expect(readCsvOut(csvOut).rows[1]).toHaveLength(2 + 14);
    const out = tmp.file("o.xlsx");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(out, {});
    for await (const ws of wb) {
      const name = (ws as unknown as { name: string }).name;
      if (name !== "S") {
        for await (const _ of ws) void _;
        continue;
      }
      let last: ExcelJS.Row | null = null;
      for await (const r of ws as unknown as AsyncIterable<ExcelJS.Row>) last = r;
      // Kept with the last customer row, shifted right past the 14 inserted columns (capped at XFD).
      expect(last!.getCell(16384).value).toBe("x");
    }
  });

  it("a Chinese sheet over 1 MB of shared strings: every name comes back unchanged", async () => {
    const input = tmp.file("zh.xlsx");
    const names = Array.from({ length: 18_000 }, (_, i) => `天成五金商贸有限公司第${i}分公司（华东区）`);
    const strings = ["客户名称", "销售额", ...names];
    expect(Buffer.byteLength(strings.join(""))).toBeGreaterThan(1 << 20);
    let body = row(1, ss("A1", 0), ss("B1", 1));
    names.forEach((_, i) => (body += row(i + 2, ss(`A${i + 2}`, i + 2), n(`B${i + 2}`, i + 1))));
    await writeFixture(input, { sharedStrings: strings, sheets: [{ name: "客户", body }] });
    const out = tmp.file("o.csv");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);
    expect(
      readCsvOut(out)
        .rows.slice(1)
        .map((r) => r[0]),
    ).toEqual(names);
  });

  it("an old .xls or password-protected workbook (CFB) and a damaged zip say so", async () => {
    const xls = tmp.file("old.xlsx");
    writeFileSync(xls, Buffer.concat([Buffer.from("D0CF11E0A1B11AE1", "hex"), Buffer.alloc(512)]));
    const r1 = await runCli([xls, "--out", tmp.file("o.xlsx"), ...TODAY]);
    expect(r1.stderr).toContain("不是 .xlsx 工作簿，而是旧版 .xls 文件或设置了打开密码的工作簿");
    const good = tmp.file("good.xlsx");
    await writeFixture(good, {
      sheets: [{ name: "S", body: row(1, t("A1", "客户名称"), t("B1", "销售额")) }],
    });
    const truncated = tmp.file("cut.xlsx");
    const bytes = readFileSync(good);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 200));
    const r2 = await runCli([truncated, "--out", tmp.file("o.xlsx"), ...TODAY]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("cut.xlsx 已损坏或不是 .xlsx 工作簿");
  });
});

describe("CSV exports", () => {
  /** A CRM export's lines (ending each with `eol`) through the CLI into a CSV: the run and the output's rows. */
  async function exportThroughCli(name: string, lines: string[], eol: string) {
    const input = tmp.file(`${name}.csv`);
    writeFileSync(input, lines.join(eol) + eol);
    const out = tmp.file(`${name}-out.csv`);
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    return { r, rows: readCsvOut(out).rows };
  }

  it("a lone LF and a lone CR in a name and in a header are quoted: no record splits, no formula revived", async () => {
    const input = tmp.file("in.csv");
    writeFileSync(
      input,
      '客户名称,销售额,"备注\r说明"\r\n"甲公司\n=1+1",600,"a\rb"\r\n乙公司,400,@SUM(1)\r\n',
    );
    const out = tmp.file("o.csv");
    expect((await runCli([input, "--out", out, ...TODAY])).code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith('\uFEFF客户名称,销售额,"备注\r说明",价值等级')).toBe(true);
    const { rows } = readCsvOut(out);
    expect(rows).toHaveLength(3);
    expect(rows[1].slice(0, 3)).toEqual(["甲公司\n=1+1", "600", "a\rb"]);
    expect(rows[2].slice(0, 3)).toEqual(["乙公司", "400", "'@SUM(1)"]);
    // XLSX keeps the CR too (as &#13;, which XML does not fold into LF).
    const xo = tmp.file("o.xlsx");
    expect((await runCli([input, "--out", xo, ...TODAY])).code).toBe(0);
    const ws = (await readWorkbook(xo)).worksheets[2];
    expect(rowValues(ws, 1, 3)[2]).toBe("备注\r说明");
    expect(rowValues(ws, 2, 3)).toEqual(["甲公司\n=1+1", 600, "a\rb"]);
  });

  it("a Salesforce-style report export: every field quoted, Sales Amount is the value (not Annual Revenue), a Total row", async () => {
    const lines = [
      '"Account Name","Account ID","Account Owner","Annual Revenue","Sales Amount","Last Order Date","Billing City"',
      '"Acme, Inc.","001A","Jane Doe","5000000","1,200.00","2026-10-01","Boston"',
      '"Globex","001B","John Roe","90000000","300.00","2026-06-15","Springfield"',
      '"Initech","001C","Jane Doe","","","",""',
      '"Total","","","","1,500.00","",""',
    ];
    const { r, rows } = await exportThroughCli("sf", lines, "\r\n");
    expect(rows[0].slice(0, 10)).toEqual([
      "Account Name", "Account ID", "Account Owner", "Annual Revenue", "Sales Amount", "Last Order Date", "Billing City",
      "Tier", "ABC", "Value share",
    ]); // prettier-ignore
    // The input cells as they were; then tier, class and share by Sales Amount: 1,200 of 1,500 is
    // 80 % (A, a Star), 300 is B (by Annual Revenue, Globex would have been the Star).
    expect(rows.slice(1).map((row) => row.slice(0, 10))).toEqual([
      ["Acme, Inc.", "001A", "Jane Doe", "5000000", "1,200.00", "2026-10-01", "Boston", "Star", "A", "0.8"],
      [
        "Globex",
        "001B",
        "John Roe",
        "90000000",
        "300.00",
        "2026-06-15",
        "Springfield",
        "Regular",
        "B",
        "0.2",
      ],
      ["Initech", "001C", "Jane Doe", "", "", "", "", "Insufficient data", "", ""],
      ["Total", "", "", "", "1,500.00", "", "", "", "", ""],
    ]);
    expect(rows[4][rows[4].length - 1]).toBe("totals row, not classified");
    expect(r.stdout).toContain("Jane Doe          2        80.0%");
  });

  it("a Salesforce report's footer (blank lines, copyright, Generated By, company) is not customers; it comes back below the table", async () => {
    const footer = [
      '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
      '"Confidential Information - Do Not Distribute"',
      '"Generated By:  Jane Doe  12/1/2026 10:00 AM"',
      '"Acme Corp"',
    ];
    const lines = [
      '"Account Name","Account ID","Sales Amount"',
      '"Acme, Inc.","001A","1,200.00"',
      '"Globex","001B","300.00"',
      '"Initech","",""',
      '"Total","","1,500.00"',
      '""',
      '""',
      ...footer,
    ];
    const { r, rows } = await exportThroughCli("sf-footer", lines, "\r\n");
    expect(r.stdout).toContain("Classified 3 customers");
    expect(r.stderr).toContain("line(s) 8–11, after a blank line below the table");
    // Initech (a name alone, but no blank line before it) is a customer; Total a totals row.
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ["Account Name", "Account ID", "Sales Amount", "Tier"],
      ["Acme, Inc.", "001A", "1,200.00", "Star"],
      ["Globex", "001B", "300.00", "Regular"],
      ["Initech", "", "", "Insufficient data"],
      ["Total", "", "1,500.00", ""],
      [""],
      ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.", "", "", ""],
      ["Confidential Information - Do Not Distribute", "", "", ""],
      ["Generated By:  Jane Doe  12/1/2026 10:00 AM", "", "", ""],
      ["Acme Corp", "", "", ""],
    ]);
    expect(
      rows.slice(6).every((row) => row.length === 3 + 14 && row.slice(1).every((cell) => cell === "")),
    ).toBe(true);
    // The output, classified again, finds the same footer (after its blank line) and customers.
    const again = await runCli([tmp.file("sf-footer-out.csv"), "--out", tmp.file("sf-again.csv"), ...TODAY]);
    expect(again.stdout).toContain("Classified 3 customers");
    expect(readCsvOut(tmp.file("sf-again.csv")).rows).toEqual(rows);
    // In .xlsx: the table ends at Total (row 5); the footer lines follow after a blank row.
    const input = tmp.file("sf-footer.csv");
    const xo = tmp.file("sf-footer-out.xlsx");
    expect((await runCli([input, "--out", xo, ...TODAY])).code).toBe(0);
    const ws = (await readWorkbook(xo)).getWorksheet("Customers")!;
    expect(ws.getCell("A5").value).toBe("Total");
    expect(ws.getCell("A6").value).toBe(null);
    expect([7, 8, 9, 10].map((r) => ws.getCell(`A${r}`).value)).toEqual(footer.map((f) => f.slice(1, -1)));
    expect(ws.getCell("D7").value).toBe(null);
  });

  it("a HubSpot company export: Total Revenue is the value (not Annual Revenue), date-times, Last Contacted", async () => {
    const lines = [
      '"Record ID","Company name","Company owner","Create Date","Last Activity Date","Annual Revenue","Total Revenue","Recent Deal Close Date","Last Contacted"',
      '"5001","Acme, Inc.","Jane Doe","2024-01-05 10:00","2026-11-20 14:30","5000000","1200","2026-10-01 09:30","2026-11-20 14:30"',
      '"5002","Globex","John Roe","2024-02-01 09:00","","90000000","300","2026-06-15 11:00",""',
      '"5003","Initech","Jane Doe","2025-03-01 08:00","","","","",""',
    ];
    const { r, rows } = await exportThroughCli("hubspot", lines, "\n");
    expect(rows[0].slice(9, 12)).toEqual(["Tier", "ABC", "Value share"]);
    // The input cells as they were; then tier, class and share by Total Revenue: 1,200 of 1,500 is
    // 80 % (A, a Star), 300 is B (by Annual Revenue, Globex would have been the Star).
    expect(rows.slice(1).map((row) => row.slice(0, 12))).toEqual([
      ["5001", "Acme, Inc.", "Jane Doe", "2024-01-05 10:00", "2026-11-20 14:30", "5000000", "1200", "2026-10-01 09:30", "2026-11-20 14:30", "Star", "A", "0.8"],
      ["5002", "Globex", "John Roe", "2024-02-01 09:00", "", "90000000", "300", "2026-06-15 11:00", "", "Regular", "B", "0.2"],
      ["5003", "Initech", "Jane Doe", "2025-03-01 08:00", "", "", "", "", "", "Insufficient data", "", ""],
    ]); // prettier-ignore
    // Last deal closed → RFM recency (Acme 2026-10-01: 5, Globex 2026-06-15: 3); last contacted →
    // next contact (Acme, contacted 2026-11-20, is due later; Globex, never, today).
    expect(rows.slice(1, 3).map((row) => [row[17], row[20]])).toEqual([
      ["2026-12-05", "5_5"],
      ["2026-11-22", "3_3"],
    ]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Jane Doe          2        80.0%");
  });

  it("a tab-separated report whose title line has no tab: the delimiter is the header's, the title a preamble", async () => {
    const lines = [
      "客户销售汇总表 2026年1-10月",
      "",
      "客户名称\t销售额\t最近下单日期",
      "甲公司\t600\t2026-10-01",
      "乙公司\t400\t2026-09-01",
    ];
    const { r, rows } = await exportThroughCli("tab-title", lines, "\r\n");
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ["客户名称", "销售额", "最近下单日期", "价值等级", "ABC分类", "价值占比"],
      ["甲公司", "600", "2026-10-01", "天王巨星", "A", "0.6"],
      ["乙公司", "400", "2026-09-01", "天王巨星", "A", "0.4"],
    ]);
    expect(r.stderr).toContain("注意：表头在第 3 行；其上的 1 行（标题等）不属于表格");
  });

  it("a semicolon-separated export whose title holds a comma: the header's delimiter wins, quoted ; kept", async () => {
    const lines = [
      "Sales report, Jan-Oct 2026",
      "",
      "Customer;Sales;Last order",
      "Acme;600;2026-10-01",
      '"Globex; Ltd";400;2026-09-01',
    ];
    const { rows } = await exportThroughCli("semi-title", lines, "\r\n");
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ["Customer", "Sales", "Last order", "Tier", "ABC", "Value share"],
      ["Acme", "600", "2026-10-01", "Star", "A", "0.6"],
      ["Globex; Ltd", "400", "2026-09-01", "Star", "A", "0.4"],
    ]);
  });

  it("ids and names read from the file's bytes: duplicates, doubled quotes, spaces, a 合计 row", async () => {
    // The CSV reader hands the engine the id and name columns as bytes (engine/utf8Texts.ts).
    const lines = [
      "客户编号,客户名称,销售额",
      'K1,"华安""建材""",600',
      "K2, 乙公司 ,300",
      "K1,丙公司,100", // repeats K1
      ',"华安""建材""",50', // no id: keyed by its name, which no row before is keyed by
      ',"华安""建材""",50', // repeats the row above's name
      "合计,,1100",
    ];
    const { rows } = await exportThroughCli("keys", lines, "\r\n");
    // Input cells as they were; the share is of 1,100 (the 合计 row is not a customer).
    expect(rows.slice(1).map((row) => [...row.slice(0, 3), row[5], row[row.length - 1]])).toEqual([
      ["K1", '华安"建材"', "600", String(600 / 1100), ""],
      ["K2", " 乙公司 ", "300", String(300 / 1100), ""],
      ["K1", "丙公司", "100", String(100 / 1100), '客户编号：重复的客户（"K1"），前面已有相同编号的记录'],
      ["", '华安"建材"', "50", String(50 / 1100), ""],
      ["", '华安"建材"', "50", String(50 / 1100), '客户名称：重复的客户（"华安"建材""），前面已有同名记录'],
      ["合计", "", "1100", "", "合计行，未参与分级"],
    ]);
  });

  it("UTF-16 (Excel's Unicode text, tab-separated) is read", async () => {
    const input = tmp.file("u16.txt");
    const body = Buffer.from("客户名称\t销售额\r\n甲公司\t600\r\n", "utf16le");
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const sheet = await readCsv(input);
    expect(sheet.headers).toEqual(["客户名称", "销售额"]);
    expect([sheetColumn(sheet, 0), sheetColumn(sheet, 1)]).toEqual([["甲公司"], ["600"]]);
    // The engine's value field was parsed while reading: 600 as a number.
    expect(engineColumn(sheet, 1, "revenue")).toEqual(Float64Array.of(600));
    expect(sheet.notes[0]).toContain("UTF-16");
  });

  it("an unbalanced quote names the line where it opened", async () => {
    const input = tmp.file("q.csv");
    writeFileSync(input, '客户名称,销售额\n甲公司,600\n"乙公司,400\n丙公司,300\n');
    const r = await runCli([input, "--out", tmp.file("o.csv"), ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 3 行的引号（"）没有配对');
    expect(r.stderr).toContain('the quote (") opened on line 3 is never closed');
  });

  it("a title line above the header is skipped for the table", async () => {
    const input = tmp.file("t.csv");
    writeFileSync(input, "客户销售汇总表,,\n,,\n客户名称,销售额,备注\n甲公司,600,x\n");
    const sheet = await readCsv(input);
    expect(sheet.headers).toEqual(["客户名称", "销售额", "备注"]);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.preamble).toEqual([{ rowNumber: 1, values: ["客户销售汇总表", "", ""] }]);
  });
});
