/**
 * METHOD.md §12, from a sales ledger: periods, per-customer fields, skipped lines.
 * The fixtures in tests/fixtures/ledger are small enough to check by hand; the expected tables
 * (*.expected.csv) were computed by hand, line by line (see docs/METHOD-NOTES.md "Ledger").
 */
import * as fs from "fs";
import * as path from "path";
import { formatIsoDay, dayFromExcelSerial } from "../../src/engine/days";
import { columnLetter, mapLedgerHeaders } from "../../src/engine/headers";
import {
  deriveCustomers,
  derivedColumns,
  derivedKind,
  derivedRows,
  derivedTableInput,
  ledgerInputFromColumns,
  ledgerPeriods,
  ledgerProblemText,
  monthsBefore,
  type DerivedCustomers,
} from "../../src/engine/ledger";
import { classify } from "../../src/engine/classify";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import type { CellValue, Lang } from "../../src/engine/types";
import { day, LEDGER_FIXTURES, readPlainCsv } from "./ledgerHelpers";

const TODAY = day("2026-03-31");

function deriveFixture(file: string, periodMonths?: number, today = TODAY): DerivedCustomers {
  const t = readPlainCsv(path.join(LEDGER_FIXTURES, file));
  const mapping = mapLedgerHeaders(t.headers);
  return deriveCustomers(ledgerInputFromColumns(mapping, t.columns, t.rowCount), { today, periodMonths });
}

/** The derived table as CSV text lines: dates yyyy-mm-dd, missing empty. */
function asCsvLines(d: DerivedCustomers, lang: Lang): string[] {
  const cols = derivedColumns(d);
  return derivedRows(d, lang).map((row, r) =>
    row
      .map((v: CellValue, c) => {
        if (v === null) return "";
        if (r > 0 && derivedKind(cols[c]) === "date") return formatIsoDay(dayFromExcelSerial(v as number));
        return String(v);
      })
      .join(","),
  );
}

function expectedLines(file: string): string[] {
  return fs.readFileSync(path.join(LEDGER_FIXTURES, file), "utf8").split("\n").filter((l) => l !== "");
}

describe("periods (§12): today − P months, clamped to the month's last day", () => {
  test.each([
    ["2026-03-31", 1, "2026-02-28"], // 31 Feb does not exist
    ["2024-03-31", 1, "2024-02-29"], // leap year
    ["2026-03-31", 13, "2025-02-28"],
    ["2026-03-31", 6, "2025-09-30"], // 31 Sep does not exist
    ["2026-03-31", 12, "2025-03-31"],
    ["2026-03-31", 24, "2024-03-31"],
    ["2026-01-15", 1, "2025-12-15"], // across a year
    ["2026-05-31", 3, "2026-02-28"],
    ["2024-02-29", 12, "2023-02-28"],
  ])("%s − %i months = %s", (today, months, expected) => {
    expect(formatIsoDay(monthsBefore(day(today), months))).toBe(expected);
  });

  test("start and prevStart are both counted from today (not prevStart from start)", () => {
    const p = ledgerPeriods(day("2026-03-31"), 1);
    expect(formatIsoDay(p.start)).toBe("2026-02-28");
    expect(formatIsoDay(p.prevStart)).toBe("2026-01-31");
    const q = ledgerPeriods(day("2026-03-31"));
    expect(q.periodMonths).toBe(12);
    expect(formatIsoDay(q.start)).toBe("2025-03-31");
    expect(formatIsoDay(q.prevStart)).toBe("2024-03-31");
  });

  test("P must be a whole number ≥ 1", () => {
    expect(() => ledgerPeriods(TODAY, 0)).toThrow(RangeError);
    expect(() => ledgerPeriods(TODAY, 1.5)).toThrow(RangeError);
  });
});

describe("the hand-checked ledger (today 2026-03-31)", () => {
  test.each([
    ["orders-zh.csv", 12, "zh", "orders-zh.P12.expected.csv"],
    ["orders-zh.csv", 6, "zh", "orders-zh.P6.expected.csv"],
    ["orders-zh.csv", 1, "zh", "orders-zh.P1.expected.csv"],
    ["orders-en.csv", 12, "en", "orders-en.P12.expected.csv"],
  ] as const)("%s with P = %i → %s", (file, p, lang, expected) => {
    expect(asCsvLines(deriveFixture(file, p), lang)).toEqual(expectedLines(expected));
  });

  test("P defaults to 12", () => {
    expect(asCsvLines(deriveFixture("orders-zh.csv"), "zh")).toEqual(expectedLines("orders-zh.P12.expected.csv"));
  });

  test("lines read, skipped, and every problem with its sheet row, column and what was found", () => {
    const t = readPlainCsv(path.join(LEDGER_FIXTURES, "orders-zh.csv"));
    const mapping = mapLedgerHeaders(t.headers);
    const d = deriveCustomers(ledgerInputFromColumns(mapping, t.columns, t.rowCount), { today: TODAY });
    expect(d.lines).toBe(18);
    expect(d.skippedLines).toBe(5);
    expect(d.count).toBe(4);
    const texts = d.problems.map((p) => {
      const col = mapping.columns[p.field]!;
      return ledgerProblemText(p, "zh", { row: p.line + 2, column: columnLetter(col), header: t.headers[col] });
    });
    expect(texts).toEqual(expectedLines("orders.skipped.expected.txt"));
    expect(ledgerProblemText(d.problems[1], "en", { row: 15, column: "B", header: "Order date" })).toBe(
      "ledger row 15, column B (Order date): date 2026-04-02 is after today; line skipped",
    );
  });

  test("each customer's distinct purchase dates, ascending (returns are not purchases; zero lines are)", () => {
    const d = deriveFixture("orders-zh.csv");
    const datesOf = (c: number) =>
      Array.from(d.purchaseDays.subarray(d.purchaseStart[c], d.purchaseStart[c + 1]), formatIsoDay);
    expect(Array.from(d.purchaseStart)).toEqual([0, 4, 6, 8, 11]);
    expect(datesOf(0)).toEqual(["2024-05-10", "2025-03-31", "2025-04-01", "2025-10-15"]);
    expect(datesOf(1)).toEqual(["2025-11-10", "2026-02-14"]);
    expect(datesOf(2)).toEqual(["2023-06-15", "2026-01-20"]);
    expect(datesOf(3)).toEqual(["2025-12-01", "2026-03-01", "2026-03-31"]);
  });

  test("the derived table classifies like any customer table", () => {
    const d = deriveFixture("orders-zh.csv");
    const r = classify(derivedTableInput(d), { today: TODAY, settings: DEFAULT_SETTINGS });
    expect(r.rowCount).toBe(4);
    // Value = profit (the ledger has a profit column): 700, 400, 0, 120 of 1,220.
    expect(Array.from(r.value)).toEqual([700, 400, 0, 120]);
  });

  test("the ledger's owner and region are the derived table's groups (per-owner summaries, Worklist)", () => {
    const input = derivedTableInput(deriveFixture("orders-zh.csv"));
    expect(input.groups).toEqual({
      owner: ["王伟", "陈静", "赵强", "李娜"],
      region: ["华东", "华南", "华北", "华南"],
    });
    expect(Object.keys(input.columns)).not.toContain("owner");
  });
});

describe("per-customer rules at their boundaries", () => {
  const input = (rows: [string, string, number | string, string?][], extra: Record<string, CellValue[]> = {}) => ({
    rowCount: rows.length,
    columns: {
      name: rows.map((r) => r[0]),
      orderDate: rows.map((r) => r[1]),
      amount: rows.map((r) => r[2]),
      ...(rows.some((r) => r[3] !== undefined) ? { orderId: rows.map((r) => r[3] ?? null) } : {}),
      ...extra,
    },
  });

  test("a line on start belongs to the previous period; on prevStart to neither; on today to the current one", () => {
    const d = deriveCustomers(
      input([
        ["甲", "2025-03-31", 1], // = start (P 12)
        ["甲", "2024-03-31", 10], // = prevStart
        ["甲", "2026-03-31", 100], // = today
        ["甲", "2025-04-01", 1000], // start + 1
      ]),
      { today: TODAY },
    );
    expect(d.revenue[0]).toBe(1100);
    expect(d.prevRevenue[0]).toBe(1);
  });

  test("totals labels are the customer table's (text.ts): a trailing colon is ignored, a leading one is not", () => {
    const d = deriveCustomers(
      input([
        ["：合计", "2026-01-01", 10],
        ["合计：", "2026-01-02", 20],
      ]),
      { today: TODAY },
    );
    expect(d.count).toBe(1);
    expect(d.revenue[0]).toBe(10);
    expect(d.problems).toEqual([{ line: 1, field: "name", reason: "totals-row", found: "合计：", skipped: true }]);
  });

  test("a customer with only returns has no purchase: no first/last order, prevRevenue missing", () => {
    const d = deriveCustomers(input([["甲", "2026-01-01", -50]]), { today: TODAY });
    expect(d.revenue[0]).toBe(-50);
    expect(d.firstOrder[0]).toBeNaN();
    expect(d.lastOrder[0]).toBeNaN();
    expect(d.prevRevenue[0]).toBeNaN();
    expect(d.orders[0]).toBe(0);
    expect(d.purchaseStart[1] - d.purchaseStart[0]).toBe(0);
  });

  test("active months are capped at 12 (P = 24 with 24 months of orders)", () => {
    const rows: [string, string, number][] = [];
    for (let m = 0; m < 24; m++) {
      const y = 2024 + Math.floor((m + 3) / 12);
      const mm = ((m + 3) % 12) + 1;
      rows.push(["甲", `${y}-${String(mm).padStart(2, "0")}-15`, 1]);
    }
    const d = deriveCustomers(input(rows), { today: TODAY, periodMonths: 24 });
    expect(d.orders[0]).toBe(24);
    expect(d.activeMonths[0]).toBe(12);
  });

  test("orders: distinct order ids; a purchase without one is one order per distinct date", () => {
    const d = deriveCustomers(
      input([
        ["甲", "2026-01-01", 1, "A"],
        ["甲", "2026-01-02", 1, "A"], // same order, another date
        ["甲", "2026-01-02", 1, "B"],
        ["甲", "2026-01-03", 1],
        ["甲", "2026-01-03", 1], // same date, no id: one order
        ["甲", "2026-01-04", -1, "C"], // a return is no order
        ["乙", "2026-01-01", 1, "A"], // the same id under another customer counts for it
      ]),
      { today: TODAY },
    );
    expect(Array.from(d.orders)).toEqual([3, 1]);
  });

  test("sums have no float noise", () => {
    const d = deriveCustomers(input([["甲", "2026-01-01", 0.1], ["甲", "2026-01-02", 0.2]]), { today: TODAY });
    expect(d.revenue[0]).toBe(0.3);
  });

  test("the name shown is the one on the latest line, the last in ledger order on that date", () => {
    const d = deriveCustomers(
      {
        rowCount: 4,
        columns: {
          id: ["7", "7", "7", 7],
          name: ["旧名", "新名甲", "新名乙", null],
          orderDate: ["2026-02-01", "2026-03-01", "2026-03-01", "2026-01-01"],
          amount: [1, 1, 1, 1],
        },
      },
      { today: TODAY },
    );
    expect(d.count).toBe(1); // "7" and 7 are the same id
    expect(d.name[0]).toBe("新名乙");
    expect(d.id[0]).toBe("7");
  });

  test("a blank profit on every current line leaves profit unknown; an unreadable one counts 0", () => {
    const d = deriveCustomers(
      {
        rowCount: 3,
        columns: {
          name: ["甲", "乙", "乙"],
          orderDate: ["2026-01-01", "2026-01-01", "2026-01-02"],
          amount: [100, 100, 100],
          lineProfit: [null, "#N/A", 30],
        },
      },
      { today: TODAY },
    );
    expect(d.profit[0]).toBeNaN();
    expect(d.profit[1]).toBe(30);
    expect(d.problems).toEqual([{ line: 1, field: "lineProfit", reason: "excel-error", found: "#N/A", skipped: false }]);
  });

  test("days late: paid − due, today − due when unpaid or paid after today, never negative", () => {
    const d = deriveCustomers(
      {
        rowCount: 4,
        columns: {
          name: ["甲", "甲", "甲", "甲"],
          orderDate: ["2026-01-01", "2026-01-01", "2026-01-01", "2026-01-01"],
          amount: [1, 1, 1, 1],
          dueDate: ["2026-03-01", "2026-03-01", "2026-03-01", "2026-03-01"],
          paidDate: ["2026-03-11", null, "2026-04-30", "2026-02-01"],
        },
      },
      { today: TODAY },
    );
    // 10, 30, 30, 0 → 17.5
    expect(d.overdueDays[0]).toBe(17.5);
  });

  test("Excel serials and Date cells read as §1 dates (time of day dropped)", () => {
    const d = deriveCustomers(
      {
        rowCount: 2,
        columns: {
          name: ["甲", "甲"],
          orderDate: [46082.75, new Date(Date.UTC(2026, 2, 1, 15, 30))],
          amount: [1, "¥1,000"],
        },
      },
      { today: TODAY },
    );
    expect(formatIsoDay(d.firstOrder[0])).toBe("2026-03-01");
    expect(d.revenue[0]).toBe(1001);
    expect(d.orders[0]).toBe(1);
  });

  test("an empty ledger gives no customers", () => {
    const d = deriveCustomers({ rowCount: 0, columns: { name: [], orderDate: [], amount: [] } }, { today: TODAY });
    expect(d.count).toBe(0);
    expect(d.purchaseStart.length).toBe(1);
  });
});

describe("the derived headers", () => {
  test("each reads back as its own field under §1 (the table is a customer table)", () => {
    const { mapHeaders, mapSummaryColumns } = jest.requireActual("../../src/engine/headers");
    const d = deriveFixture("orders-zh.csv");
    for (const lang of ["zh", "en"] as const) {
      const headers = derivedRows(d, lang)[0];
      expect(mapHeaders(headers).columns).toEqual({
        id: 0,
        name: 1,
        revenue: 4,
        prevRevenue: 5,
        profit: 6,
        orders: 7,
        activeMonths: 8,
        firstOrder: 9,
        lastOrder: 10,
        overdueDays: 11,
      });
      expect(mapSummaryColumns(headers)).toEqual({ owner: 2, region: 3 });
    }
  });
});
