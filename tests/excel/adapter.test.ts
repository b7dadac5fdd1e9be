import * as output from "../../src/engine/output";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { addTable, putFormat, putGrid, readGrid } from "./fakeExcel";
import {
  adapterFor,
  CUSTOMERS,
  findAndClassify,
  leaksNotLoaded,
  serial,
  sheetState,
  workbook,
  workbookState,
} from "./helpers";
import { SNAPSHOT_SHEET } from "../../src/excel/snapshot";
import { readBlockValues } from "../../src/excel/findTable";

const ZH_HEADERS = ["价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距", "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题"];

describe("finding the customer table", () => {
  test("the Excel table under the selection wins", async () => {
    const { host } = workbook();
    putGrid(host.sheet("Sheet1"), "K1", [["其他"], ["x"]]);
    addTable(host, "Sheet1", "A1:D6", "客户表");
    host.select("Sheet1", "B3");
    const found = await adapterFor(host).findCustomerTable();
    expect(found.location).toEqual({
      sheetName: "Sheet1",
      tableName: "客户表",
      address: "Sheet1!A1:D6",
      headerRow: 0,
      firstColumn: 0,
      rowCount: 5,
      columnCount: 4,
      source: "table",
    });
    expect(found.headers).toEqual(["客户名称", "本期销售额", "上期销售额", "最近联系日期"]);
    expect(found.columns[1]).toEqual([500000, 300000, 150000, 50000, ""]);
    expect(found.ownColumns).toEqual([]);
  });

  test("else the current region of the selection", async () => {
    const { host } = workbook(CUSTOMERS, "C3");
    putGrid(host.sheet("Sheet1"), "A20", [["别的数据"]]);
    host.select("Sheet1", "D5");
    const found = await adapterFor(host).findCustomerTable();
    expect(found.location.address).toBe("Sheet1!C3:F8");
    expect(found.location.source).toBe("region");
    expect(found.location.headerRow).toBe(2);
    expect(found.location.firstColumn).toBe(2);
    expect(found.columns[0]).toEqual(["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]);
  });

  test("a selection in an empty corner falls back to the used range", async () => {
    const { host } = workbook(CUSTOMERS, "B2");
    host.select("Sheet1", "Z100");
    const found = await adapterFor(host).findCustomerTable();
    expect(found.location.source).toBe("usedRange");
    expect(found.location.rowCount).toBe(5);
  });

  test("big blocks are read in row chunks sized from the bytes seen", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`客户${i}`, i]);
    const { host } = workbook(rows);
    const before = host.syncCount;
    // First read: 60 bytes / (2 cells × 100 bytes assumed) → 1 row. Each row is about
    // 2 + 10 + 2 = 14 bytes, so the next reads take 4 rows: 1 + 4 + 4 + 1 = 10 rows in 4 reads.
    const got = await host.run((ctx) =>
      readBlockValues(ctx as unknown as Excel.RequestContext, "Sheet1", { sheet: "Sheet1", row: 0, col: 0, rowCount: 10, colCount: 2 }, "values", 60),
    );
    expect(got).toEqual(rows);
    expect(host.syncCount - before).toBe(4);
  });

  test("no read asks for more than 5,000,000 cells, whatever the byte budget", async () => {
    // A counting context (the double would build every cell): 6 columns × 1,048,575 rows.
    const asked: number[] = [];
    const row = [1, 2, 3, 4, 5, 6];
    const range = (address: string) => {
      const [, first, last] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(address)!;
      const rows = +last - +first + 1;
      return {
        load: () => asked.push(rows * row.length),
        get values() {
          return Array.from({ length: rows }, () => row);
        },
      };
    };
    const ctx = { workbook: { worksheets: { getItem: () => ({ getRange: range }) } }, sync: async () => undefined };
    const got = await readBlockValues(ctx as unknown as Excel.RequestContext, "S", { sheet: "S", row: 0, col: 0, rowCount: 1048575, colCount: 6 }, "values", 1e12);
    expect(got.length).toBe(1048575);
    expect(Math.max(...asked)).toBeLessThanOrEqual(5_000_000);
    expect(asked.reduce((a, b) => a + b, 0)).toBe(1048575 * 6);
  });

  test("long Chinese text: the first read is sized by bytes, so no response exceeds the limit", async () => {
    const text = (i: number) => `客户${i}：` + "华东区重点客户长期合作伙伴".repeat(2); // ≈ 90 bytes a cell
    const rows = [["客户名称", "备注", "地址"], ...Array.from({ length: 2000 }, (_, i) => [text(i), text(i + 1), text(i + 2)])];
    const { host } = workbook(rows, "A1", { responseLimit: 100_000 });
    const found = await adapterFor(host, { byteBudget: 80_000 }).findCustomerTable();
    expect(found.location.rowCount).toBe(2000);
    expect(found.columns[0][1999]).toBe(text(1999));
    expect(found.columns[2][0]).toBe(text(2));
  });

  test("a read refused for its size is halved and read again", async () => {
    const long = (i: number) => `${i}号` + "客".repeat(300); // ≈ 900 bytes a cell
    const rows = [["客户名称", "备注"], ...Array.from({ length: 200 }, (_, i) => [long(i), long(i + 1)])];
    const { host } = workbook(rows, "A1", { responseLimit: 100_000 });
    const found = await adapterFor(host, { byteBudget: 80_000 }).findCustomerTable();
    expect(found.location.rowCount).toBe(200);
    expect(found.columns[0]).toEqual(rows.slice(1).map((r) => r[0]));
    expect(found.columns[1][199]).toBe(long(200));
  });

  test("while the user is typing in a cell, the batch waits (delayForCellEdit) instead of failing", async () => {
    const { host } = workbook();
    host.beginCellEdit();
    const pending = adapterFor(host).findCustomerTable();
    await new Promise((r) => setTimeout(r, 0));
    host.endCellEdit();
    expect((await pending).location.address).toBe("Sheet1!A1:D6");
  });

  test("a multi-area selection gets a clear message", async () => {
    const { host } = workbook();
    host.select("Sheet1", "A1:A3", "C1:C3");
    await expect(adapterFor(host).findCustomerTable()).rejects.toThrow(
      "选区包含多个区域：请只选中客户表中的一个单元格后重试 / The selection has several areas: select one cell in the customer table and try again",
    );
  });

  test("nothing read before load+sync leaks into the result", async () => {
    const { host } = workbook();
    const found = await adapterFor(host).findCustomerTable();
    expect(leaksNotLoaded(found)).toBe(false);
  });
});

describe("apply", () => {
  test("writes the 14 columns right of the region with formats, and leaves user cells alone", async () => {
    const { host, sheet } = workbook();
    putGrid(sheet, "H3", [["用户备注"]]); // in the way of E..R: ours must go past it
    const before = readGrid(sheet, "A1:H6");
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    const progress: number[] = [];
    const report = await adapter.apply({ ...req, onProgress: (f) => progress.push(f) });
    expect(report.cancelled).toBe(false);
    expect(report.rowsWritten).toBe(5);
    expect(report.outputAddress).toBe("Sheet1!I1:V6");
    expect(report.summarySheet).toBe("客户分级汇总");
    expect(report.warnings).toEqual([]);
    expect(readGrid(sheet, "A1:H6")).toEqual(before);
    expect(readGrid(sheet, "I1:V1")[0]).toEqual(ZH_HEADERS);
    // 甲 500k, 乙 300k, 丙 150k, 丁 50k: total 1,000,000. before: 0, 0.5, 0.8, 0.95 → A, A, B, C.
    expect(readGrid(sheet, "J2:J6").map((r) => r[0])).toEqual(["A", "A", "B", "C", ""]);
    expect(readGrid(sheet, "K2:K5").map((r) => r[0])).toEqual([0.5, 0.3, 0.15, 0.05]);
    expect(readGrid(sheet, "I2:I6").map((r) => r[0])).toEqual(["天王巨星", "天王巨星", "后起之秀", "一般客户", "数据不足"]);
    expect(sheet.cell(1, 10)!.numberFormat).toBe("0.0%");
    expect(sheet.cell(1, 11)!.numberFormat).toBe("0");
    expect(sheet.cell(1, 16)!.numberFormat).toBe("yyyy-mm-dd");
    expect(sheet.cell(1, 8)!.numberFormat).toBe("@");
    const next = sheet.cell(1, 16)!.value;
    expect(typeof next).toBe("number");
    expect(next as number).toBeGreaterThanOrEqual(serial(2026, 3, 15));
    // Tier fills are conditional formats on the tier column's data.
    expect(sheet.conditionalFormats.map((f) => [f.block.col, f.block.row, f.block.rowCount, f.fill])).toEqual([
      [8, 1, 5, "#FFE699"],
      [8, 1, 5, "#C6EFCE"],
      [8, 1, 5, "#F8CBAD"],
      [8, 1, 5, "#D9D9D9"],
    ]);
    expect(sheet.widths.get(15)).toBe(285); // Next action: 40 characters in report/columns.ts → 40 × 7 + 5 points
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(host.screenSuspendCount).toBe(1);
    expect(host.calcSuspendCount).toBeGreaterThan(0);
    const snap = host.sheet(SNAPSHOT_SHEET);
    expect(snap.visibility).toBe("VeryHidden");
    expect(leaksNotLoaded(report)).toBe(false);
    expect(leaksNotLoaded(readGrid(sheet, "A1:V6"))).toBe(false);
  });

  test("after apply and after restore the workbook is recalculated (writes ran with calculation suspended)", async () => {
    const { host } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    expect([host.formulasStale, host.calculations]).toEqual([false, ["Full"]]);
    await adapter.restore();
    expect([host.formulasStale, host.calculations]).toEqual([false, ["Full", "Full"]]);
  });

  test("saving settings recalculates the workbook, so existing =CRM.* cells use them", async () => {
    const { host } = workbook();
    const store = new Map<string, unknown>();
    const adapter = adapterFor(host, {
      documentSettings: () => ({
        get: (k) => store.get(k) ?? null,
        set: (k, v) => void store.set(k, v),
        saveAsync: (cb) => cb?.({ status: "succeeded" }),
      }),
    });
    await adapter.saveSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.7 });
    expect(host.calculations).toEqual(["Full"]);
    setCurrentSettings({ ...DEFAULT_SETTINGS });
  });

  test("apply then restore gives back the exact values and formats", async () => {
    const { host, sheet } = workbook();
    // User formatting where our columns will land: a fill, bold, a number format, a width.
    putGrid(sheet, "F8", [["合计以下"]]);
    putFormat(sheet, "E1:F6", { fill: "#123456" });
    putFormat(sheet, "E2", { bold: true });
    putFormat(sheet, "G2:G6", { numberFormat: "0.00" });
    sheet.widths.set(5, 30);
    const before = workbookState(host);
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    expect(workbookState(host)).not.toBe(before);
    expect(await adapter.hasSnapshot()).toBe(true);
    const r = await adapter.restore();
    expect(r).toEqual({ restored: true, message: "已恢复到上次写入之前的状态。" });
    expect(workbookState(host)).toBe(before);
    expect(await adapter.hasSnapshot()).toBe(false);
    expect(await adapter.restore()).toEqual({ restored: false, message: "没有可恢复的快照。" });
  });

  test("the snapshot sheet is very hidden, and a second apply replaces it (delete needs it Hidden first)", async () => {
    const { host } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    expect(host.sheet(SNAPSHOT_SHEET).visibility).toBe("VeryHidden");
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(report.cancelled).toBe(false);
    expect(host.sheets.filter((s) => s.name === SNAPSHOT_SHEET).map((s) => s.visibility)).toEqual(["VeryHidden"]);
  });

  test("restore says the cells are back even when the snapshot sheet cannot be removed afterwards", async () => {
    const { host } = workbook();
    const before = sheetState(host.sheet("Sheet1"));
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    let armed = false;
    host.onSync = () => {
      if (!armed && !host.findSheet("客户分级汇总") && host.findSheet(SNAPSHOT_SHEET)) {
        armed = true;
        host.failNextSync = new Error("GeneralException");
      }
    };
    const r = await adapter.restore();
    host.onSync = null;
    expect(r).toEqual({
      restored: true,
      message: `已恢复到上次写入之前的状态，但未能删除隐藏的快照工作表“${SNAPSHOT_SHEET}”：GeneralException`,
    });
    expect(sheetState(host.sheet("Sheet1"))).toBe(before);
  });

  test("a re-run reuses our columns (no new ones), and restore goes back to the first run's result", async () => {
    const { host, sheet } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    const afterFirst = sheetState(sheet);
    const again = await findAndClassify(adapter);
    expect(again.table.location.address).toBe("Sheet1!A1:R6");
    expect(again.table.ownColumns).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const report = await adapter.apply({ ...again, lang: "en" });
    expect(report.outputAddress).toBe("Sheet1!E1:R6");
    expect(readGrid(sheet, "E1:H1")[0]).toEqual(["Tier", "ABC", "Value share", "Key account index"]);
    expect(readGrid(sheet, "S1:Z6").flat().every((v) => v === "")).toBe(true);
    expect(report.summarySheet).toBe("CRM Summary");
    await adapter.restore();
    expect(sheetState(sheet)).toBe(afterFirst);
  });

  test("colliding headers: the user's own RFM column and data beside the table are kept", async () => {
    const rows = CUSTOMERS.map((r, i) => [...r, i === 0 ? "RFM" : `用户${i}`]);
    const { host, sheet } = workbook(rows);
    addTable(host, "Sheet1", "A1:E6", "客户表");
    putGrid(sheet, "F1", [["备注"], ["请勿覆盖"]]);
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    expect(req.table.ownColumns).toEqual([]);
    const report = await adapter.apply(req);
    expect(readGrid(sheet, "E1:F2")).toEqual([["RFM", "备注"], ["用户1", "请勿覆盖"]]);
    expect(report.outputAddress).toBe("Sheet1!G1:T6");
    expect(readGrid(sheet, "R1")[0][0]).toBe("RFM");
    // F holds data, so the table cannot grow over it: it stays, and the pane is told why.
    expect(host.table("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 5 });
    expect(report.warnings).toEqual(["表格右侧的列已有数据：结果列写在更右侧的空列中，未并入表格。"]);
  });

  test("a table's totals row is never a customer, and stays the table's totals row after the resize", async () => {
    const rows = [...CUSTOMERS, ["合计", 1000000, 770000, ""]];
    const { host, sheet } = workbook(rows);
    addTable(host, "Sheet1", "A1:D7", "客户表", { showTotals: true });
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    expect(req.table.location.rowCount).toBe(5);
    expect(req.table.location.address).toBe("Sheet1!A1:D6");
    expect(req.table.columns[0]).toEqual(["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]);
    const report = await adapter.apply(req);
    expect(report.outputAddress).toBe("Sheet1!E1:R6");
    const t = host.table("客户表");
    expect([t.block, t.showTotals]).toEqual([{ row: 0, col: 0, rowCount: 7, colCount: 18 }, true]);
    expect(readGrid(sheet, "A7:F7")).toEqual([["合计", 1000000, 770000, "", "", ""]]);
  });

  test("a table header that our column repeats: the table is not resized, so Excel cannot rename ours", async () => {
    const rows = CUSTOMERS.map((r, i) => [...r, i === 0 ? "潜力得分" : i]);
    const { host, sheet } = workbook(rows);
    addTable(host, "Sheet1", "A1:E6", "客户表");
    const adapter = adapterFor(host);
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(report.outputAddress).toBe("Sheet1!F1:S6");
    expect(readGrid(sheet, "J1")).toEqual([["潜力得分"]]);
    expect(host.table("客户表").block.colCount).toBe(5);
    expect(report.warnings).toEqual(["表格中已有同名的列（潜力得分）：结果列未并入表格，以免 Excel 给它们改名。"]);
  });

  test("a table with its header row hidden gets a clear message", async () => {
    const { host } = workbook();
    addTable(host, "Sheet1", "A1:D6", "客户表").showHeaders = false;
    host.select("Sheet1", "B3");
    await expect(adapterFor(host).findCustomerTable()).rejects.toThrow(
      "表格“客户表”没有标题行：请在“表设计”中勾选“标题行” / Table \"客户表\" has no header row: turn on Header Row in Table Design",
    );
  });

  test("an Excel table grows over our columns; restore shrinks it back", async () => {
    const { host } = workbook();
    addTable(host, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    expect(host.table("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 18 });
    await adapter.restore();
    expect(host.table("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 4 });
  });

  test("without ExcelApi 1.13 the table keeps its size and the warning names the feature", async () => {
    // ExcelApi 1.12 with SharedRuntime 1.1: a real combination (e.g. Excel 2021 before its updates).
    const { host } = workbook(CUSTOMERS, "A1", { excelApi: "1.12" });
    addTable(host, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(host);
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(host.table("客户表").block.colCount).toBe(4);
    expect(report.warnings).toEqual(["此 Excel 版本不支持把结果列并入Excel表格（需要 ExcelApi 1.13），已跳过。"]);
  });

  test("formula-looking strings are written as text, never as formulas", async () => {
    const { host, sheet } = workbook();
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    const real = output.outputRow;
    const spy = jest.spyOn(output, "outputRow").mockImplementation((result, i, lang, name) => {
      const row = real(result, i, lang, name);
      if (i === 0) {
        row[12] = "=HYPERLINK(\"http://evil\")"; // raw (not prefixed by the engine)
        row[13] = "-5%折扣"; // the engine's texts are raw: the adapter guards them
        row[10] = "@SUM(A1)";
        row[11] = "545";
      }
      return row;
    });
    try {
      await adapter.apply(req);
    } finally {
      spy.mockRestore();
    }
    const cells = [sheet.cell(1, 16), sheet.cell(1, 17), sheet.cell(1, 14), sheet.cell(1, 15)];
    expect(cells.map((c) => c!.value)).toEqual(["=HYPERLINK(\"http://evil\")", "-5%折扣", "@SUM(A1)", "545"]);
    expect(cells.map((c) => c!.formula)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test("cancelling mid-way puts back what was written (no half-written columns)", async () => {
    const { host } = workbook();
    const before = workbookState(host);
    const ac = new AbortController();
    const adapter = adapterFor(host, { byteBudget: 400 });
    const req = await findAndClassify(adapter);
    let writesSeen = 0;
    host.onSync = () => {
      // Abort once some output rows are in the sheet.
      if (host.sheet("Sheet1").cell(0, 4)?.value === "价值等级" && ++writesSeen === 2) ac.abort();
    };
    const report = await adapter.apply({ ...req, signal: ac.signal });
    host.onSync = null;
    expect(report.cancelled).toBe(true);
    expect(report.rowsWritten).toBe(0);
    expect(workbookState(host)).toBe(before);
  });

  test("a failing sync restores the sheet and says so", async () => {
    const { host } = workbook();
    const before = workbookState(host);
    const adapter = adapterFor(host, { byteBudget: 400 });
    const req = await findAndClassify(adapter);
    let n = 0;
    host.onSync = () => {
      if (host.sheet("Sheet1").cell(0, 4)?.value === "价值等级" && ++n === 1)
        host.failNextSync = new Error("RequestPayloadSizeLimitExceeded");
    };
    await expect(adapter.apply(req)).rejects.toThrow(
      "写入失败，工作表已恢复原状 / Writing failed; the sheet was put back as it was: RequestPayloadSizeLimitExceeded",
    );
    host.onSync = null;
    expect(workbookState(host)).toBe(before);
  });

  test("a failing snapshot writes nothing and leaves no snapshot behind", async () => {
    const { host } = workbook();
    const before = workbookState(host);
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    let armed = false;
    host.onSync = () => {
      if (!armed && host.sheets.some((s) => s.name === SNAPSHOT_SHEET)) {
        armed = true;
        host.failNextSync = new Error("GeneralException");
      }
    };
    await expect(adapter.apply(req)).rejects.toThrow(
      "无法保存快照，未写入任何内容 / Could not save the snapshot; nothing was written: GeneralException",
    );
    host.onSync = null;
    expect(workbookState(host)).toBe(before);
  });

  test("a table at the right edge of the sheet: a clear message, nothing written", async () => {
    const { host } = workbook(CUSTOMERS, "XEZ1");
    const before = workbookState(host);
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    expect(req.table.location.address).toBe("Sheet1!XEZ1:XFC6");
    await expect(adapter.apply(req)).rejects.toThrow(
      "工作表右侧没有足够的空列写入结果 / There are not enough empty columns right of the table for the results",
    );
    expect(workbookState(host)).toBe(before);
  });

  test("every chunk request of the output stays under the host's request limit", async () => {
    // The adapter's budget is to the limit as its default 4 MB is to Excel on the web's 5 MB:
    // every output request, measured serialized, stays within 1.25 × the budget.
    const { host } = workbook();
    const adapter = adapterFor(host, { byteBudget: 1000 });
    const req = await findAndClassify(adapter);
    host.requestLog = [];
    await adapter.apply(req);
    const outputWrites = host.requestLog.filter((r) => r.ranges.some((a) => a.startsWith("Sheet1!")));
    expect(outputWrites.length).toBeGreaterThan(1);
    for (const w of outputWrites) expect(w.bytes).toBeLessThanOrEqual(1250);
  });
});

describe("summary sheet", () => {
  test("counts, value shares and a combo Pareto chart", async () => {
    const { host } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    const s = host.sheet("客户分级汇总");
    // Headline first (report/summarySheet.ts), then the tables.
    expect(readGrid(s, "A2:B6").map((r) => r[0])).toEqual([
      "评估日期",
      "客户数",
      "天王巨星的价值占比",
      "超期未联系的客户",
      "有数据问题的客户",
    ]);
    expect(readGrid(s, "B4:B4")).toEqual([[0.8]]);
    expect(readGrid(s, "A8:D14")).toEqual([
      ["价值等级", "客户数", "价值", "价值占比"],
      ["天王巨星", 2, 800000, 0.8],
      ["后起之秀", 1, 150000, 0.15],
      ["一般客户", 1, 50000, 0.05],
      ["明日黄花", 0, 0, 0],
      ["数据不足", 1, 0, 0],
      ["合计", 5, 1000000, 1],
    ]);
    expect(readGrid(s, "A16:B19")).toEqual([["ABC分类", "客户数"], ["A", 2], ["B", 1], ["C", 1]]);
    expect(readGrid(s, "I1:K3")).toEqual([
      ["", "本段价值占比", "累计价值占比"],
      [0, 0, 0],
      [0.25, 0.5, 0.5],
    ]);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0].type).toBe("ColumnClustered");
    // The blank top-left cell makes column I the categories: two series, named by row 1.
    expect(s.charts[0].categories).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(s.charts[0].series).toEqual([
      { name: "本段价值占比", values: [0, 0.5, 0.8 - 0.5, 0.95 - 0.8, 1 - 0.95] },
      { name: "累计价值占比", values: [0, 0.5, 0.8, 0.95, 1], chartType: "Line", axisGroup: "Secondary" },
    ]);
  });

});

describe("managers' tools", () => {
  test("sort by key-account index on a table, descending", async () => {
    const { host, sheet } = workbook();
    addTable(host, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.sortBy("keyIndex", true);
    const idx = readGrid(sheet, "H2:H6").map((r) => r[0]);
    const numbers = idx.filter((v) => v !== "") as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(idx[idx.length - 1]).toBe(""); // the row without a value sorts last
    // Rows move together: each name still has its own revenue.
    const rows = readGrid(sheet, "A2:B6");
    expect(rows).toContainEqual(["甲公司", 500000]);
    expect(rows).toContainEqual(["戊公司", ""]);
  });

  test("sort by next contact on a plain range keeps the header", async () => {
    const { host, sheet } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.sortBy("nextContact", false);
    expect(readGrid(sheet, "A1")[0][0]).toBe("客户名称");
    const dates = readGrid(sheet, "M2:M6").map((r) => r[0]) as number[];
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  test("sorting before any run says what is missing", async () => {
    const { host } = workbook();
    await expect(adapterFor(host).sortBy("potential", true)).rejects.toThrow(
      "找不到“潜力得分”列，请先运行分级 / Column \"Potential\" not found: run the classification first",
    );
  });

  test("filter a table by tier, then clear", async () => {
    const { host } = workbook();
    addTable(host, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier("天王巨星");
    const t = host.table("客户表");
    expect([...t.filters.entries()]).toEqual([[4, ["天王巨星"]]]);
    await adapter.filterTier(null);
    expect(t.filters.size).toBe(0);
  });

  test("filter a range with the sheet's AutoFilter", async () => {
    const { host, sheet } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier("后起之秀");
    expect(sheet.autoFilter.criteria).toEqual({ block: { row: 0, col: 0, rowCount: 6, colCount: 18 }, column: 4, values: ["后起之秀"] });
    await adapter.filterTier(null);
    expect(sheet.autoFilter.criteria!.values).toEqual([]);
  });

  test("clearing the filter of a range without one is harmless", async () => {
    const { host, sheet } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier(null);
    expect(sheet.autoFilter.criteria).toBeNull();
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const { host } = workbook();
    host.addSheet("其他 表");
    await adapterFor(host).selectCell("'其他 表'!D7");
    expect(host.selection).toEqual({ sheet: "其他 表", areas: ["D7"] });
    expect(host.active).toBe("其他 表");
  });
});
