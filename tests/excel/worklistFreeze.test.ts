/**
 * Issue 12 on the strict double: the pane's write adds the Worklist sheet (Restore removes it),
 * and the "freeze the name column" offer keeps the user's own frozen panes for Restore.
 * CUSTOMERS (helpers.ts) on TODAY 2026-03-15, by hand (METHOD §2–§4, §8):
 *   甲 500k A, +67 % → Star, last contact 03-01 + 14 ± 3 → due 03-15 … 03-18 (this week)
 *   乙 300k A, −3 % → Star, last contact 02-01 → overdue → due today
 *   丙 150k B, +50 % → Rising, last contact 2025-12-01 → overdue → due today
 *   丁  50k C, −17 % → Regular, no last contact → due today
 *   戊 no value → Insufficient data, no last contact → due today
 * so all five are on the week's Worklist.
 */
import { worklistRows } from "../../src/engine/report/worklist";
import { readGrid } from "./fakeExcel";
import { adapterFor, CUSTOMERS, findAndClassify, workbook } from "./helpers";

describe("Worklist sheet", () => {
  test("written with the write, in the shared model's order; Restore removes it", async () => {
    const { host } = workbook();
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter);
    const report = await adapter.apply(req);
    expect(report.worklistSheet).toBe("本周待办");
    const sheet = host.findSheet("本周待办")!;
    expect(readGrid(sheet, "A1:A1")[0][0]).toBe(
      "本周待办：5 位客户，下次联系日期在 2026-03-15 至 2026-03-21（评估日期 2026-03-15）",
    );
    expect(readGrid(sheet, "A2:G2")[0]).toEqual(["客户编号", "客户名称", "负责销售", "价值等级", "下一步行动", "下次联系日期", "依据"]);
    const names = CUSTOMERS.slice(1).map((r) => r[0]);
    const expected = worklistRows(req.result).map((i) => names[i]);
    expect(expected.slice().sort()).toEqual(["丁公司", "丙公司", "乙公司", "戊公司", "甲公司"]);
    expect(readGrid(sheet, "B3:B7").map((r) => r[0])).toEqual(expected);
    expect(readGrid(sheet, "A8:G8")[0]).toEqual(["", "", "", "", "", "", ""]);

    await adapter.restore();
    expect(host.findSheet("本周待办")).toBeFalsy();
  });

  test("the table's contact columns follow the model's columns, kept inert", async () => {
    const rows = CUSTOMERS.map((r, i) => [...r, i === 0 ? "联系电话" : i === 2 ? "+86 138 0000 0002" : `138-${i}`]);
    const { host } = workbook(rows);
    const adapter = adapterFor(host);
    const req = await findAndClassify(adapter, { contactColumns: [4] });
    await adapter.apply(req);
    const sheet = host.findSheet("本周待办")!;
    expect(readGrid(sheet, "H2:H2")[0][0]).toBe("联系电话");
    const phones = worklistRows(req.result).map((i) => (i === 1 ? "+86 138 0000 0002" : `138-${i + 1}`));
    expect(readGrid(sheet, "H3:H7").map((r) => r[0])).toEqual(phones);
    expect(readGrid(sheet, "H3:H7", (c) => c?.formula ?? null).flat()).toEqual([null, null, null, null, null]);
  });
});

describe("freeze the name column", () => {
  test("freezes the header row and the columns through the name; Restore unfreezes (the user had none)", async () => {
    const { host } = workbook();
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    const r = await adapter.freezeNameColumn!({ headerRow: 0, column: 0 });
    expect(r).toEqual({ frozen: true, message: "已冻结表头和客户名称列；“恢复原表”会还原您原来的冻结设置。" });
    expect(host.sheet("Sheet1").frozen).toEqual({ row: 0, col: 0, rowCount: 1, colCount: 1 });
    await adapter.restore();
    expect(host.sheet("Sheet1").frozen).toBeNull();
  });

  test("the user's own frozen panes come back, even after two clicks", async () => {
    const { host } = workbook(CUSTOMERS, "B3");
    host.sheet("Sheet1").frozen = { row: 0, col: 0, rowCount: 2, colCount: 3 }; // the user froze A1:C2
    const adapter = adapterFor(host);
    await adapter.apply(await findAndClassify(adapter));
    await adapter.freezeNameColumn!({ headerRow: 2, column: 1 });
    expect(host.sheet("Sheet1").frozen).toEqual({ row: 0, col: 0, rowCount: 3, colCount: 2 });
    await adapter.freezeNameColumn!({ headerRow: 2, column: 1 });
    await adapter.restore();
    expect(host.sheet("Sheet1").frozen).toEqual({ row: 0, col: 0, rowCount: 2, colCount: 3 });
  });

  test("nothing to freeze before a write; no offer without ExcelApi 1.7", async () => {
    const { host } = workbook();
    expect(await adapterFor(host).freezeNameColumn!({ headerRow: 0, column: 0 })).toEqual({
      frozen: false,
      message: "请先写入分级结果。",
    });
    expect(host.sheet("Sheet1").frozen).toBeNull();
    expect(adapterFor(host, { setCheck: (_, v) => v !== "1.7" }).freezeNameColumn).toBeUndefined();
  });
});
