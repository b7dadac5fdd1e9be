import * as output from "../../src/engine/output";
import { addTable, putGrid, readGrid } from "./fakeExcel";
import {
  adapterFor,
  CUSTOMERS,
  findAndClassify,
  leaksNotLoaded,
  serial,
  sheetState,
  UP_TO,
  workbook,
  workbookState,
} from "./helpers";
import { SNAPSHOT_SHEET } from "../../src/excel/snapshot";
import { readBlockValues } from "../../src/excel/findTable";

const ZH_HEADERS = ["价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距", "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题"];

describe("finding the customer table", () => {
  test("the Excel table under the selection wins", async () => {
    const { ctx } = workbook();
    putGrid(ctx.workbook.worksheets.getItem("Sheet1"), "K1", [["其他"], ["x"]]);
    addTable(ctx, "Sheet1", "A1:D6", "客户表");
    ctx.workbook.selection = { sheet: "Sheet1", address: "B3" };
    const found = await adapterFor(ctx).findCustomerTable();
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
    const { ctx } = workbook(CUSTOMERS, "C3");
    putGrid(ctx.workbook.worksheets.getItem("Sheet1"), "A20", [["别的数据"]]);
    ctx.workbook.selection = { sheet: "Sheet1", address: "D5" };
    const found = await adapterFor(ctx).findCustomerTable();
    expect(found.location.address).toBe("Sheet1!C3:F8");
    expect(found.location.source).toBe("region");
    expect(found.location.headerRow).toBe(2);
    expect(found.location.firstColumn).toBe(2);
    expect(found.columns[0]).toEqual(["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]);
  });

  test("else (no ExcelApi 1.7) the used range of the sheet", async () => {
    const { ctx } = workbook(CUSTOMERS, "B2");
    ctx.workbook.selection = { sheet: "Sheet1", address: "C4" };
    const found = await adapterFor(ctx, { setCheck: UP_TO("1.6") }).findCustomerTable();
    expect(found.location.source).toBe("usedRange");
    expect(found.location.address).toBe("Sheet1!B2:E7");
  });

  test("a selection in an empty corner falls back to the used range", async () => {
    const { ctx } = workbook(CUSTOMERS, "B2");
    ctx.workbook.selection = { sheet: "Sheet1", address: "Z100" };
    const found = await adapterFor(ctx).findCustomerTable();
    expect(found.location.source).toBe("usedRange");
    expect(found.location.rowCount).toBe(5);
  });

  test("big blocks are read in row chunks sized from the bytes seen", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`客户${i}`, i]);
    const { ctx } = workbook(rows);
    const before = ctx.syncCount;
    // First read: 4 cells = 2 rows. Each row is about 2 + 10 + 2 = 14 bytes, so with a
    // 60-byte budget the next reads take 4 rows: 2 + 4 + 4 = 10 rows in 3 reads.
    const got = await readBlockValues(ctx as unknown as Excel.RequestContext, "Sheet1", { sheet: "Sheet1", row: 0, col: 0, rowCount: 10, colCount: 2 }, "values", 4, 60);
    expect(got).toEqual(rows);
    expect(ctx.syncCount - before).toBe(3);
  });

  test("nothing read before load+sync leaks into the result", async () => {
    const { ctx } = workbook();
    const found = await adapterFor(ctx).findCustomerTable();
    expect(leaksNotLoaded(found)).toBe(false);
  });
});

describe("apply", () => {
  test("writes the 14 columns right of the region with formats, and leaves user cells alone", async () => {
    const { ctx, sheet } = workbook();
    putGrid(sheet, "H3", [["用户备注"]]); // in the way of E..R: ours must go past it
    const before = readGrid(sheet, "A1:H6");
    const adapter = adapterFor(ctx);
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
    expect(ctx.application.screenSuspendCount).toBe(1);
    expect(ctx.application.calcSuspendCount).toBeGreaterThan(0);
    const snap = ctx.workbook.worksheets.getItem(SNAPSHOT_SHEET);
    expect(snap.visibility).toBe("VeryHidden");
    expect(leaksNotLoaded(report)).toBe(false);
    expect(leaksNotLoaded(readGrid(sheet, "A1:V6"))).toBe(false);
  });

  test("apply then restore gives back the exact values and formats", async () => {
    const { ctx, sheet } = workbook();
    // User formatting where our columns will land: a fill, bold, a number format, a width.
    putGrid(sheet, "F8", [["合计以下"]]);
    sheet.getRange("E1:F6").format.fill.color = "#123456";
    sheet.getRange("E2").format.font.bold = true;
    sheet.getRange("G2:G6").numberFormat = [["0.00"], ["0.00"], ["0.00"], ["0.00"], ["0.00"]];
    sheet.widths.set(5, 30);
    const before = workbookState(ctx);
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    expect(workbookState(ctx)).not.toBe(before);
    expect(await adapter.hasSnapshot()).toBe(true);
    const r = await adapter.restore();
    expect(r).toEqual({ restored: true, message: "已恢复到上次写入之前的状态。" });
    expect(workbookState(ctx)).toBe(before);
    expect(await adapter.hasSnapshot()).toBe(false);
    expect(await adapter.restore()).toEqual({ restored: false, message: "没有可恢复的快照。" });
  });

  test("without ExcelApi 1.9 the snapshot keeps values and number formats and says so", async () => {
    const { ctx, sheet } = workbook();
    putGrid(sheet, "E1", [[""], ["=A1&\"x\""], ["旧值"]]);
    sheet.getRange("E4").numberFormat = [["0.00"]];
    sheet.getRange("E4").values = [[3]];
    const before = sheetState(sheet);
    const adapter = adapterFor(ctx, { setCheck: UP_TO("1.8") });
    // E holds data next to the table, so the region is A1:E6 and ours go to F..S.
    const req = await findAndClassify(adapter);
    const report = await adapter.apply(req);
    expect(report.outputAddress).toBe("Sheet1!F1:S6");
    expect(report.warnings).toContain(
      "此 Excel 版本不支持复制格式（需要 ExcelApi 1.9）：恢复时只还原数值和数字格式，不还原填充色和字体。",
    );
    expect(report.warnings).toContain("此 Excel 版本不支持写入时暂停屏幕刷新（需要 ExcelApi 1.9），已跳过。");
    await adapter.restore();
    expect(sheetState(sheet)).toBe(before);
  });

  test("a re-run reuses our columns (no new ones), and restore goes back to the first run's result", async () => {
    const { ctx, sheet } = workbook();
    const adapter = adapterFor(ctx);
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
    const { ctx, sheet } = workbook(rows);
    addTable(ctx, "Sheet1", "A1:E6", "客户表");
    putGrid(sheet, "F1", [["备注"], ["请勿覆盖"]]);
    const adapter = adapterFor(ctx);
    const req = await findAndClassify(adapter);
    expect(req.table.ownColumns).toEqual([]);
    const report = await adapter.apply(req);
    expect(readGrid(sheet, "E1:F2")).toEqual([["RFM", "备注"], ["用户1", "请勿覆盖"]]);
    expect(report.outputAddress).toBe("Sheet1!G1:T6");
    expect(readGrid(sheet, "R1")[0][0]).toBe("RFM");
    // F holds data, so the table cannot grow over it: it stays, and the pane is told why.
    expect(ctx.workbook.tables.getItem("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 5 });
    expect(report.warnings).toEqual(["表格右侧的列已有数据：结果列写在更右侧的空列中，未并入表格。"]);
  });

  test("an Excel table grows over our columns; restore shrinks it back", async () => {
    const { ctx } = workbook();
    addTable(ctx, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    expect(ctx.workbook.tables.getItem("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 18 });
    await adapter.restore();
    expect(ctx.workbook.tables.getItem("客户表").block).toEqual({ row: 0, col: 0, rowCount: 6, colCount: 4 });
  });

  test("without ExcelApi 1.13 the table keeps its size and the warning names the feature", async () => {
    const { ctx } = workbook();
    addTable(ctx, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(ctx, { setCheck: UP_TO("1.12") });
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(ctx.workbook.tables.getItem("客户表").block.colCount).toBe(4);
    expect(report.warnings).toEqual(["此 Excel 版本不支持把结果列并入Excel表格（需要 ExcelApi 1.13），已跳过。"]);
  });

  test("formula-looking strings are written as text, never as formulas", async () => {
    const { ctx, sheet } = workbook();
    const adapter = adapterFor(ctx);
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
    const { ctx } = workbook();
    const before = workbookState(ctx);
    const ac = new AbortController();
    const adapter = adapterFor(ctx, { byteBudget: 400 });
    const req = await findAndClassify(adapter);
    let writesSeen = 0;
    ctx.onSync = () => {
      // Abort once some output rows are in the sheet.
      if (ctx.workbook.worksheets.getItem("Sheet1").cell(0, 4)?.value === "价值等级" && ++writesSeen === 2) ac.abort();
    };
    const report = await adapter.apply({ ...req, signal: ac.signal });
    ctx.onSync = null;
    expect(report.cancelled).toBe(true);
    expect(report.rowsWritten).toBe(0);
    expect(workbookState(ctx)).toBe(before);
  });

  test("a failing sync restores the sheet and says so", async () => {
    const { ctx } = workbook();
    const before = workbookState(ctx);
    const adapter = adapterFor(ctx, { byteBudget: 400 });
    const req = await findAndClassify(adapter);
    let n = 0;
    ctx.onSync = () => {
      if (ctx.workbook.worksheets.getItem("Sheet1").cell(0, 4)?.value === "价值等级" && ++n === 1)
        ctx.failNextSync = new Error("RequestPayloadSizeLimitExceeded");
    };
    await expect(adapter.apply(req)).rejects.toThrow(
      "写入失败，工作表已恢复原状 / Writing failed; the sheet was put back as it was: RequestPayloadSizeLimitExceeded",
    );
    ctx.onSync = null;
    expect(workbookState(ctx)).toBe(before);
  });

  test("a failing snapshot writes nothing and leaves no snapshot behind", async () => {
    const { ctx } = workbook();
    const before = workbookState(ctx);
    const adapter = adapterFor(ctx);
    const req = await findAndClassify(adapter);
    let armed = false;
    ctx.onSync = () => {
      if (!armed && ctx.workbook.worksheets.sheets.some((s) => s.sheetName === SNAPSHOT_SHEET)) {
        armed = true;
        ctx.failNextSync = new Error("GeneralException");
      }
    };
    await expect(adapter.apply(req)).rejects.toThrow(
      "无法保存快照，未写入任何内容 / Could not save the snapshot; nothing was written: GeneralException",
    );
    ctx.onSync = null;
    expect(workbookState(ctx)).toBe(before);
  });

  test("a table at the right edge of the sheet: a clear message, nothing written", async () => {
    const { ctx } = workbook(CUSTOMERS, "XEZ1");
    const before = workbookState(ctx);
    const adapter = adapterFor(ctx);
    const req = await findAndClassify(adapter);
    expect(req.table.location.address).toBe("Sheet1!XEZ1:XFC6");
    await expect(adapter.apply(req)).rejects.toThrow(
      "工作表右侧没有足够的空列写入结果 / There are not enough empty columns right of the table for the results",
    );
    expect(workbookState(ctx)).toBe(before);
  });

  test("every chunk request of the output stays under the byte budget", async () => {
    const { ctx } = workbook();
    const adapter = adapterFor(ctx, { byteBudget: 1000 });
    const req = await findAndClassify(adapter);
    ctx.requestLog = [];
    await adapter.apply(req);
    const outputWrites = ctx.requestLog.filter((r) => r.ranges.some((a) => a.startsWith("Sheet1!")));
    expect(outputWrites.length).toBeGreaterThan(1);
    for (const w of outputWrites) expect(w.bytes).toBeLessThanOrEqual(1000);
  });
});

describe("summary sheet", () => {
  test("counts, value shares and a combo Pareto chart", async () => {
    const { ctx } = workbook();
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    const s = ctx.workbook.worksheets.getItem("客户分级汇总");
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
    expect(s.charts.added).toHaveLength(1);
    expect(s.charts.added[0].type).toBe("ColumnClustered");
    expect(s.charts.added[0].series[1]).toEqual({ chartType: "Line", axisGroup: "Secondary" });
  });

  test("a line chart without ExcelApi 1.8", async () => {
    const { ctx } = workbook();
    const adapter = adapterFor(ctx, { setCheck: (_, v) => v !== "1.8" });
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(ctx.workbook.worksheets.getItem("客户分级汇总").charts.added.map((c) => c.type)).toEqual(["Line"]);
    expect(report.warnings).toEqual(["此 Excel 版本不支持组合图（改用折线图）（需要 ExcelApi 1.8），已跳过。"]);
  });

  test("no chart (and a warning) without the charts API", async () => {
    const { ctx } = workbook();
    const adapter = adapterFor(ctx, { setCheck: (_, v) => v !== "1.1" });
    const report = await adapter.apply(await findAndClassify(adapter));
    expect(ctx.workbook.worksheets.getItem("客户分级汇总").charts.added).toEqual([]);
    expect(report.warnings).toEqual(["此 Excel 版本不支持帕累托图（需要 ExcelApi 1.1），已跳过。"]);
  });
});

describe("managers' tools", () => {
  test("sort by key-account index on a table, descending", async () => {
    const { ctx, sheet } = workbook();
    addTable(ctx, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(ctx);
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
    const { ctx, sheet } = workbook();
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.sortBy("nextContact", false);
    expect(readGrid(sheet, "A1")[0][0]).toBe("客户名称");
    const dates = readGrid(sheet, "M2:M6").map((r) => r[0]) as number[];
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  test("sorting before any run says what is missing", async () => {
    const { ctx } = workbook();
    await expect(adapterFor(ctx).sortBy("potential", true)).rejects.toThrow(
      "找不到“潜力得分”列，请先运行分级 / Column \"Potential\" not found: run the classification first",
    );
  });

  test("filter a table by tier, then clear", async () => {
    const { ctx } = workbook();
    addTable(ctx, "Sheet1", "A1:D6", "客户表");
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier("天王巨星");
    const t = ctx.workbook.tables.getItem("客户表");
    expect([...t.filters.entries()]).toEqual([[4, ["天王巨星"]]]);
    await adapter.filterTier(null);
    expect(t.filters.size).toBe(0);
  });

  test("filter a range with the sheet's AutoFilter", async () => {
    const { ctx, sheet } = workbook();
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier("后起之秀");
    expect(sheet.autoFilter.criteria).toEqual({ block: { row: 0, col: 0, rowCount: 6, colCount: 18 }, column: 4, values: ["后起之秀"] });
    await adapter.filterTier(null);
    expect(sheet.autoFilter.criteria!.values).toEqual([]);
  });

  test("clearing the filter of a range without one is harmless", async () => {
    const { ctx, sheet } = workbook();
    const adapter = adapterFor(ctx);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.filterTier(null);
    expect(sheet.autoFilter.criteria).toBeNull();
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const { ctx } = workbook();
    ctx.workbook.worksheets.add("其他 表");
    await adapterFor(ctx).selectCell("'其他 表'!D7");
    expect(ctx.workbook.selection).toEqual({ sheet: "其他 表", address: "D7" });
    expect(ctx.workbook.worksheets.active).toBe("其他 表");
  });
});
