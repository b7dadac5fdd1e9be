/**
 * The ledger's customer sheet (METHOD.md §12, issue 13) on the strict double: written as a new
 * sheet of ours, the ledger and the list unchanged, a re-run rewrites only our sheet, Restore and
 * Cancel remove it, and the classification columns are exactly Apply's.
 */
import { dayFromYmd } from "../../src/engine/days";
import { expectedOrders } from "../../src/engine/rhythm/predict";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { SNAPSHOT_SHEET } from "../../src/excel/snapshot";
import { planLedgerSheet } from "../../src/taskpane/ledgerTable";
import type { LedgerSheetRequest } from "../../src/excel/adapter";
import { CDNOW_AS_OF, cdnowLedgerRows } from "../fixtures/cdnowLedger";
import { putGrid, readGrid, type FakeHost } from "./fakeExcel";
import { adapterFor, findAndClassify, serial, sheetState, TODAY, workbook } from "./helpers";

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

/** Today is 2026-03-15; P = 12: current period (2025-03-15, 2026-03-15], previous (2024-03-15, 2025-03-15]. */
const LEDGER: unknown[][] = [
  ["客户名称", "订单日期", "金额"],
  ["甲公司", serial(2026, 3, 1), 1000],
  ["乙公司", serial(2025, 6, 10), 500],
  ["甲公司", serial(2025, 12, 5), 2000],
  ["乙公司", serial(2024, 6, 1), 300],
  ["甲公司", serial(2024, 1, 10), 400],
];

/**
 * By hand: 甲公司 bought 2026-03-01 and 2025-12-05 in the current period (3,000, 2 orders, 2
 * months); 2024-01-10 is before the previous period, so prevRevenue is 0 (first order ≤ start).
 * 乙公司: 500 now (2025-06-10), 300 in the previous period (2024-06-01).
 */
const DERIVED: unknown[][] = [
  ["客户名称", "本期销售额", "上期销售额", "订单数", "活跃月数", "首次合作日期", "最近下单日期"],
  ["甲公司", 3000, 0, 2, 2, serial(2024, 1, 10), serial(2026, 3, 1)],
  ["乙公司", 500, 300, 1, 1, serial(2024, 6, 1), serial(2025, 6, 10)],
];

const LIST: unknown[][] = [
  ["客户名称", "负责人"],
  ["乙公司", "王伟"],
  ["丙公司", "李娜"],
];

function ledgerBook(): FakeHost {
  const { host } = workbook(LEDGER);
  putGrid(host.addSheet("客户清单"), "A1", LIST);
  host.select("Sheet1", "B2");
  return host;
}

async function request(
  adapter: ReturnType<typeof adapterFor>,
  listSheet: string | null = null,
): Promise<LedgerSheetRequest> {
  const found = await adapter.findCustomerTable();
  const list = listSheet ? await adapter.readSheetTable(listSheet) : null;
  const plan = planLedgerSheet(found, list, DEFAULT_SETTINGS, "zh", TODAY);
  if (!plan.ok) throw new Error(plan.message);
  return plan.request;
}

describe("the customer sheet 客户汇总 from a ledger", () => {
  test("is a new sheet: the derived table, then §11's columns; ledger and list unchanged", async () => {
    const host = ledgerBook();
    const before = { ledger: sheetState(host.sheet("Sheet1")), list: sheetState(host.sheet("客户清单")) };
    const adapter = adapterFor(host);
    const progress: number[] = [];
    const report = await adapter.writeLedgerSheet({
      ...(await request(adapter)),
      onProgress: (f) => progress.push(f),
    });
    expect(report).toEqual({ sheetName: "客户汇总", rowsWritten: 2, warnings: [], cancelled: false });
    const ours = host.sheet("客户汇总");
    expect(readGrid(ours, "A1:G3")).toEqual(DERIVED);
    expect(readGrid(ours, "F2:G3", (c) => c?.numberFormat)).toEqual([
      ["yyyy-mm-dd", "yyyy-mm-dd"],
      ["yyyy-mm-dd", "yyyy-mm-dd"],
    ]);
    expect(readGrid(ours, "H1:I1")).toEqual([["价值等级", "ABC分类"]]);
    expect(host.active).toBe("客户汇总");
    expect(progress[progress.length - 1]).toBe(1);
    expect(sheetState(host.sheet("Sheet1"))).toBe(before.ledger);
    expect(sheetState(host.sheet("客户清单"))).toBe(before.list);
  });

  test("the classification columns are exactly what Apply writes for the same customer table", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host);
    await adapter.writeLedgerSheet(await request(adapter));
    const ours = host.sheet("客户汇总");

    const plain = workbook(DERIVED).host;
    const plainAdapter = adapterFor(plain);
    await plainAdapter.apply(await findAndClassify(plainAdapter));
    const applied = plain.sheet("Sheet1");
    const cell = (c: unknown) => JSON.stringify(c ?? null);
    expect(readGrid(ours, "H1:U3", cell)).toEqual(readGrid(applied, "H1:U3", cell));
    // §11's columns H–U alike; V–X are §13's (ledger only), their widths from the one description.
    expect([...ours.widths.entries()].filter(([c]) => c >= 7 && c <= 20)).toEqual(
      [...applied.widths.entries()].filter(([c]) => c >= 7),
    );
    expect([...ours.widths.entries()].filter(([c]) => c > 20)).toEqual([
      [21, 10 * 7 + 5],
      [22, 9 * 7 + 5],
      [23, 12 * 7 + 5],
    ]);
    const rules = (s: typeof ours) => JSON.stringify(s.conditionalFormats);
    expect(rules(ours)).toBe(rules(applied));
    expect(ours.conditionalFormats.length).toBeGreaterThan(0);
  });

  test("with the customer list joined: list rows first (by name), then ledger-only customers", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host);
    expect(await adapter.listSheets()).toEqual(["Sheet1", "客户清单"]);
    const list = await adapter.readSheetTable("客户清单");
    expect(list).toEqual({
      sheetName: "客户清单",
      address: "'客户清单'!A1:B3",
      headers: ["客户名称", "负责人"],
      columns: [
        ["乙公司", "丙公司"],
        ["王伟", "李娜"],
      ],
      rowCount: 2,
    });
    await adapter.writeLedgerSheet(await request(adapter, "客户清单"));
    const ours = host.sheet("客户汇总");
    // 乙公司 matched; 丙公司 list-only (revenue 0); 甲公司 ledger-only, appended.
    expect(readGrid(ours, "A1:C4")).toEqual([
      ["客户名称", "负责人", "本期销售额"],
      ["乙公司", "王伟", 500],
      ["丙公司", "李娜", 0],
      ["甲公司", "", 3000],
    ]);
  });

  test("hidden sheets are not offered as the customer list", async () => {
    const host = ledgerBook();
    host.sheet("客户清单").visibility = "Hidden";
    expect(await adapterFor(host).listSheets()).toEqual(["Sheet1"]);
  });

  test("a re-run rewrites only our sheet; Restore removes it and the workbook is as before", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host);
    await adapter.writeLedgerSheet(await request(adapter));
    host.select("Sheet1", "B2");
    // The ledger grows by one line; the re-run replaces our sheet (still one of it).
    putGrid(host.sheet("Sheet1"), "A7", [["丙公司", serial(2026, 1, 20), 50]]);
    const ledgerNow = sheetState(host.sheet("Sheet1"));
    const again = await adapter.writeLedgerSheet(await request(adapter));
    expect(again.sheetName).toBe("客户汇总");
    expect(host.sheets.map((s) => s.name)).toEqual(["Sheet1", "客户清单", "客户汇总", SNAPSHOT_SHEET]);
    expect(readGrid(host.sheet("客户汇总"), "A4:B4")).toEqual([["丙公司", 50]]);
    expect(sheetState(host.sheet("Sheet1"))).toBe(ledgerNow);

    expect(await adapter.hasSnapshot()).toBe(true);
    const r = await adapter.restore();
    expect(r.restored).toBe(true);
    expect(host.sheets.map((s) => s.name)).toEqual(["Sheet1", "客户清单"]);
    expect(sheetState(host.sheet("Sheet1"))).toBe(ledgerNow);
    expect(await adapter.hasSnapshot()).toBe(false);
  });

  test("a sheet of the user's named 客户汇总 is left alone: ours is 客户汇总 (2)", async () => {
    const host = ledgerBook();
    putGrid(host.addSheet("客户汇总"), "A1", [["我的笔记"], ["别删"]]);
    const mine = sheetState(host.sheet("客户汇总"));
    const adapter = adapterFor(host);
    const report = await adapter.writeLedgerSheet(await request(adapter));
    expect(report.sheetName).toBe("客户汇总 (2)");
    expect(sheetState(host.sheet("客户汇总"))).toBe(mine);
    expect(readGrid(host.sheet("客户汇总 (2)"), "A2:B2")).toEqual([["甲公司", 3000]]);
  });

  test("Cancel between chunks removes our sheet; nothing else changed", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host, { byteBudget: 60 });
    const before = JSON.stringify(host.sheets.map((s) => [s.name, sheetState(s)]));
    const abort = new AbortController();
    const report = await adapter.writeLedgerSheet({
      ...(await request(adapter)),
      signal: abort.signal,
      onProgress: (f) => {
        if (f > 0.05 && f < 1) abort.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(JSON.stringify(host.sheets.map((s) => [s.name, sheetState(s)]))).toBe(before);
  });
});

describe("real sheets", () => {
  test("a customer list under a title row: the header is the first row with two §1 headers", async () => {
    const host = ledgerBook();
    putGrid(host.addSheet("清单2"), "B1", [
      ["华东区客户清单（2026年）"],
      [],
      ["客户名称", "本期销售额"],
      ["乙公司", 1],
    ]);
    const list = await adapterFor(host).readSheetTable("清单2");
    expect(list).toEqual({
      sheetName: "清单2",
      address: "'清单2'!B3:C4",
      headers: ["客户名称", "本期销售额"],
      columns: [["乙公司"], [1]],
      rowCount: 1,
    });
  });

  test("written in many chunks under a small byte budget, the sheet is the same as in one", async () => {
    const one = ledgerBook();
    const oneAdapter = adapterFor(one);
    await oneAdapter.writeLedgerSheet(await request(oneAdapter));
    const many = ledgerBook();
    const manyAdapter = adapterFor(many, { byteBudget: 60 });
    const syncs = many.syncCount;
    await manyAdapter.writeLedgerSheet(await request(manyAdapter));
    expect(many.syncCount - syncs).toBeGreaterThan(one.syncCount + 2);
    expect(sheetState(many.sheet("客户汇总"))).toBe(sheetState(one.sheet("客户汇总")));
  });

  test("in English: the sheet is Customer summary, with English headers", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host, { displayLanguage: () => "en-US" });
    const found = await adapter.findCustomerTable();
    const plan = planLedgerSheet(found, null, DEFAULT_SETTINGS, "en", TODAY);
    if (!plan.ok) throw new Error(plan.message);
    const report = await adapter.writeLedgerSheet(plan.request);
    expect(report.sheetName).toBe("Customer summary");
    expect(readGrid(host.sheet("Customer summary"), "A1:H1")).toEqual([
      [
        "Customer",
        "Revenue",
        "Previous revenue",
        "Orders",
        "Active months",
        "First order",
        "Last order",
        "Tier",
      ],
    ]);
  });

  test("a text that looks like a formula in the list is written as text, never as a formula", async () => {
    const host = ledgerBook();
    // A text cell typed with Excel's quote prefix: its value reads as the text itself.
    const typed = host.sheet("客户清单").cell(1, 1)!;
    typed.value = "=1+1 王伟";
    const adapter = adapterFor(host);
    await adapter.writeLedgerSheet(await request(adapter, "客户清单"));
    const cell = host.sheet("客户汇总").cell(1, 1)!;
    expect([cell.value, cell.formula]).toEqual(["=1+1 王伟", undefined]);
  });
});

describe("§13's buying rhythm in 客户汇总 (the same step as the CLI)", () => {
  test("a ledger with 2 repeat buyers: the three columns are there and blank, and the panel says why", async () => {
    const host = ledgerBook();
    const adapter = adapterFor(host);
    const found = await adapter.findCustomerTable();
    const plan = planLedgerSheet(found, null, DEFAULT_SETTINGS, "zh", TODAY);
    if (!plan.ok) throw new Error(plan.message);
    // 甲公司 bought on 3 dates (x = 2), 乙公司 on 2 (x = 1): 2 repeat buyers < 30.
    expect(plan.rhythm).toBe("购买节奏：只有2个客户有复购（至少需要30个），未计算购买节奏");
    await adapter.writeLedgerSheet(plan.request);
    const ours = host.sheet("客户汇总");
    // A–G derived, H–U §11's 14, V–X §13's.
    expect(readGrid(ours, "U1:X1")).toEqual([["数据问题", "通常间隔(天)", "活跃概率", "预计订单(90天)"]]);
    expect(readGrid(ours, "V2:X3")).toEqual([
      ["", "", ""],
      ["", "", ""],
    ]);
    expect(readGrid(ours, "V2:X2", (c) => c?.numberFormat)).toEqual([["0", "0.0%", "General"]]);
  });

  test("the CDNOW sample (946 repeat buyers, as of 1997-09-30): fitted, customer 00004's P(alive) 0.7266", async () => {
    const asOf = dayFromYmd(CDNOW_AS_OF.y, CDNOW_AS_OF.m, CDNOW_AS_OF.d);
    const { host } = workbook(cdnowLedgerRows());
    const adapter = adapterFor(host);
    const found = await adapter.findCustomerTable();
    const plan = planLedgerSheet(found, null, DEFAULT_SETTINGS, "en", asOf);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.rhythm).toBe("Buying rhythm: fitted on 946 repeat buyers (BG/NBD)");
    const report = await adapter.writeLedgerSheet(plan.request);
    expect(report.rowsWritten).toBe(2357);
    const ours = host.sheet("Customer summary");
    expect(readGrid(ours, "A1:A2")).toEqual([["Customer ID"], ["00004"]]);
    expect(readGrid(ours, "V1:X1")).toEqual([
      ["Typical interval (days)", "P(alive)", "Expected orders (90 days)"],
    ]);
    // 00004: x = 2, t = 213, T = 272 → interval round(213 / 2) = 107 (106.5 rounds up).
    const [[interval, alive, expected]] = readGrid(ours, "V2:X2") as number[][];
    expect(interval).toBe(107);
    expect(alive).toBeCloseTo(0.7266, 4);
    // The plumbing: the engine's own expectedOrders with the fit, to two decimals as written.
    const fit = plan.request.result.rhythm!.fit!;
    expect(expected).toBe(Math.round(expectedOrders(fit, 2, 213, 272, 90) * 100) / 100);
    expect(fit.r).toBeCloseTo(0.2426, 3);
    expect(readGrid(ours, "V2:X2", (c) => c?.numberFormat)).toEqual([["0", "0.0%", "General"]]);
  });
});
