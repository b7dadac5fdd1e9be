/** METHOD.md §12 detection (ledger or customer table), the override, and real ledger shapes. */
import * as path from "path";
import { formatIsoDay } from "../../src/engine/days";
import { mapLedgerHeaders } from "../../src/engine/headers";
import {
  chooseTableKind,
  deriveCustomers,
  detectLedger,
  ledgerInputFromColumns,
  ledgerReadMessage,
} from "../../src/engine/ledger";
import type { CellValue } from "../../src/engine/types";
import { day, LEDGER_FIXTURES, readPlainCsv } from "./ledgerHelpers";

/** The CDNOW sample (public data; source and licence in tests/fixtures/SOURCES.md and /work/shared/data/SOURCES.md). */
const CDNOW = path.join(__dirname, "..", "fixtures", "cdnow-sample-ledger.csv");
const fixture = (rel: string) => readPlainCsv(path.join(__dirname, "..", rel));

describe("detectLedger", () => {
  test.each([
    ["fixtures/ledger/orders-zh.csv", "ledger", "ledger"],
    ["fixtures/ledger/orders-en.csv", "ledger", "ledger"],
    ["fixtures/ledger/online-retail-invoices.csv", "ledger", "ledger"],
    ["fixtures/ledger/customers-zh.csv", "customers", "no-order-date"],
    ["cli/fixtures/small-zh.csv", "customers", "no-order-date"],
    ["cli/fixtures/small-en.csv", "customers", "no-order-date"],
  ])("%s → %s (%s)", (file, kind, why) => {
    const t = fixture(file);
    expect(detectLedger(t.headers, t.columns, t.rowCount)).toEqual({ kind, why });
  });

  test("asks only for the key columns when given them on demand", () => {
    const t = fixture("fixtures/ledger/orders-zh.csv");
    const asked: number[] = [];
    const detection = detectLedger(
      t.headers,
      (c) => {
        asked.push(c);
        return t.columns[c];
      },
      t.rowCount,
    );
    expect(detection).toEqual({ kind: "ledger", why: "ledger" });
    const keys = mapLedgerHeaders(t.headers).columns;
    expect(asked.sort()).toEqual([keys.id, keys.name].filter((c) => c !== undefined).sort());
  });

  const table = (headers: string[], rows: CellValue[][]) =>
    detectLedger(
      headers,
      headers.map((_, c) => rows.map((r) => r[c])),
      rows.length,
    );

  test("each condition of §12", () => {
    const rows = [
      ["甲", "2026-01-01", 1, "2026-01-01"],
      ["甲", "2026-02-01", 2, "2026-02-01"],
    ];
    expect(table(["客户", "日期", "金额", "备注"], rows).kind).toBe("ledger");
    expect(table(["客户", "备注", "金额", "备注"], rows)).toEqual({
      kind: "customers",
      why: "no-order-date",
    });
    expect(table(["客户", "日期", "备注", "备注"], rows)).toEqual({ kind: "customers", why: "no-amount" });
    expect(table(["备注", "日期", "金额", "备注"], rows)).toEqual({ kind: "customers", why: "no-key" });
    // A §1 prevRevenue, orders or lastOrder column: a summary, whatever else it has.
    expect(table(["客户", "日期", "金额", "最近下单日期"], rows)).toEqual({
      kind: "customers",
      why: "summary-column",
    });
    expect(table(["客户", "日期", "金额", "订单数"], rows)).toEqual({
      kind: "customers",
      why: "summary-column",
    });
    expect(table(["客户", "日期", "金额", "上年同期"], rows)).toEqual({
      kind: "customers",
      why: "summary-column",
    });
    // Every key once: a customer table with a date column.
    expect(
      table(
        ["客户", "日期", "金额"],
        [
          ["甲", "2026-01-01", 1],
          ["乙", "2026-01-01", 1],
        ],
      ),
    ).toEqual({
      kind: "customers",
      why: "no-repeat",
    });
    // The key is the id when there is one: two names under one id repeat; one name under two ids does not.
    expect(
      table(
        ["客户编号", "客户", "日期", "金额"],
        [
          ["1", "甲", "2026-01-01", 1],
          ["1", "乙", "2026-01-02", 1],
        ],
      ).kind,
    ).toBe("ledger");
    expect(
      table(
        ["客户编号", "客户", "日期", "金额"],
        [
          ["1", "甲", "2026-01-01", 1],
          ["2", "甲", "2026-01-02", 1],
        ],
      ).kind,
    ).toBe("customers");
  });

  test("the user's choice overrides, both ways", () => {
    const ledger = { kind: "ledger", why: "ledger" } as const;
    const customers = { kind: "customers", why: "no-repeat" } as const;
    expect(chooseTableKind(ledger)).toEqual({ kind: "ledger", detected: "ledger", overridden: false });
    expect(chooseTableKind(ledger, "customers")).toEqual({
      kind: "customers",
      detected: "ledger",
      overridden: true,
    });
    expect(chooseTableKind(customers, "ledger")).toEqual({
      kind: "ledger",
      detected: "customers",
      overridden: true,
    });
    expect(chooseTableKind(customers, "customers")).toEqual({
      kind: "customers",
      detected: "customers",
      overridden: false,
    });
  });

  test("the message", () => {
    expect(ledgerReadMessage(18, 4, "zh")).toBe("按订单明细读取：18 行，4 个客户");
    expect(ledgerReadMessage(18, 4, "en")).toBe("read as a sales ledger: 18 lines, 4 customers");
  });
});

describe("real ledger shapes", () => {
  test("UCI Online Retail (InvoiceNo, InvoiceDate, CustomerID, TotalPrice): one row per invoice", () => {
    const t = readPlainCsv(path.join(LEDGER_FIXTURES, "online-retail-invoices.csv"));
    const mapping = mapLedgerHeaders(t.headers);
    const d = deriveCustomers(ledgerInputFromColumns(mapping, t.columns, t.rowCount), {
      today: day("2010-12-02"),
    });
    expect(d.lines).toBe(32);
    expect(d.skippedLines).toBe(1); // invoice 536393 has no CustomerID
    expect(d.problems).toEqual([{ line: 27, field: "id", reason: "no-key", found: "", skipped: true }]);
    expect(d.count).toBe(22);
    // 17850: seven invoices on 1 and 2 December.
    expect(d.id[0]).toBe("17850");
    expect(d.revenue[0]).toBe(1101.8);
    expect(d.orders[0]).toBe(7);
    expect(d.activeMonths[0]).toBe(1);
    expect(d.prevRevenue[0]).toBeNaN(); // first bought in the current period
    expect(formatIsoDay(d.lastOrder[0])).toBe("2010-12-02");
    // 13047: three invoices; 16029: two.
    expect([d.id[1], d.revenue[1], d.orders[1]]).toEqual(["13047", 366.63, 3]);
    const c16029 = d.id.indexOf("16029");
    expect([d.revenue[c16029], d.orders[c16029]]).toEqual([3702.12, 2]);
    // 14527 only returned goods (a C-invoice): no purchase, no order.
    const c14527 = d.id.indexOf("14527");
    expect([d.revenue[c14527], d.orders[c14527], d.firstOrder[c14527]]).toEqual([-27.5, 0, NaN]);
  });

  test("CDNOW sample (Customer ID, Order date, Amount) as of 1997-09-30", () => {
    const t = readPlainCsv(CDNOW);
    expect(detectLedger(t.headers, t.columns, t.rowCount)).toEqual({ kind: "ledger", why: "ledger" });
    const mapping = mapLedgerHeaders(t.headers);
    expect(mapping.columns).toEqual({ id: 0, orderDate: 1, amount: 2 });
    const d = deriveCustomers(ledgerInputFromColumns(mapping, t.columns, t.rowCount), {
      today: day("1997-09-30"),
    });
    expect(d.lines).toBe(6919);
    expect(d.count).toBe(2357);
    // Published: 2,457 repeat purchases (distinct purchase days − 1) in the calibration period.
    let repeats = 0;
    for (let c = 0; c < d.count; c++) repeats += d.purchaseStart[c + 1] - d.purchaseStart[c] - 1;
    expect(repeats).toBe(2457);
    // Lines after the as-of date are skipped, each listed as dated after today.
    expect(d.problems.every((p) => p.reason === "future-date" && p.skipped)).toBe(true);
    expect(d.skippedLines).toBe(d.problems.length);
    // Customer 00004: x = 2, t = 213, T = 272 (SOURCES.md).
    const c = d.id.indexOf("00004");
    const days = d.purchaseDays.subarray(d.purchaseStart[c], d.purchaseStart[c + 1]);
    expect(days.length - 1).toBe(2);
    expect(days[days.length - 1] - days[0]).toBe(213);
    expect(day("1997-09-30") - days[0]).toBe(272);
  });
});
