/** METHOD.md §12 "Joining a customer list", on the hand-checked fixtures (today 2026-03-31, P = 12). */
import * as fs from "fs";
import * as path from "path";
import { dayFromExcelSerial, formatIsoDay } from "../../src/engine/days";
import { fieldOfHeader, mapLedgerHeaders } from "../../src/engine/headers";
import { deriveCustomers, joinCustomerList, ledgerInputFromColumns, type JoinedTable } from "../../src/engine/ledger";
import type { CellValue } from "../../src/engine/types";
import { day, LEDGER_FIXTURES, readPlainCsv } from "./ledgerHelpers";

const TODAY = day("2026-03-31");

function derived(file = "orders-zh.csv", today = TODAY) {
  const t = readPlainCsv(path.join(LEDGER_FIXTURES, file));
  return deriveCustomers(ledgerInputFromColumns(mapLedgerHeaders(t.headers), t.columns, t.rowCount), { today });
}

function asCsvLines(j: JoinedTable): string[] {
  const isDate = j.headers.map((h) => {
    const f = fieldOfHeader(String(h ?? ""))?.field;
    return f === "firstOrder" || f === "lastOrder";
  });
  const lines = [j.headers.map((h) => String(h ?? "")).join(",")];
  for (let r = 0; r < j.rowCount; r++) {
    lines.push(
      j.columns
        .map((col, c) => {
          const v: CellValue = col[r];
          if (v === null || v === undefined) return "";
          if (isDate[c] && typeof v === "number") return formatIsoDay(dayFromExcelSerial(v));
          return String(v);
        })
        .join(","),
    );
  }
  return lines;
}

describe("joining a customer list", () => {
  const list = readPlainCsv(path.join(LEDGER_FIXTURES, "customers-zh.csv"));

  test("id match, name match, list-only, ledger-only: the expected table", () => {
    const j = joinCustomerList(derived(), list, "zh");
    const expected = fs
      .readFileSync(path.join(LEDGER_FIXTURES, "customers-zh.joined.P12.expected.csv"), "utf8")
      .split("\n")
      .filter((l) => l !== "");
    expect(asCsvLines(j)).toEqual(expected);
    expect(j.listRows).toBe(5);
    expect(j.matched).toBe(3);
    expect(j.added).toBe(1);
    expect(Array.from(j.customerOfRow)).toEqual([0, 3, 2, -1, -1, 1]);
  });

  test("list cells the ledger does not fill come out unchanged (the same values)", () => {
    const j = joinCustomerList(derived(), list, "zh");
    for (const c of [0, 1, 3, 4]) expect(j.columns[c].slice(0, 5)).toEqual(list.columns[c]);
  });

  test("list-only customers keep their own prevRevenue when the ledger does not reach the previous period", () => {
    // A ledger that starts inside the current period: no line on or before start.
    const d = deriveCustomers(
      { rowCount: 2, columns: { name: ["甲", "甲"], orderDate: ["2026-01-01", "2026-02-01"], amount: [1, 2] } },
      { today: TODAY },
    );
    expect(d.reachesPrevious).toBe(false);
    const own = {
      headers: ["客户名称", "销售额", "上期销售额"],
      columns: [["乙", "甲"], [500, 9], [400, 8]] as CellValue[][],
      rowCount: 2,
    };
    const j = joinCustomerList(d, own, "en");
    expect(j.columns[0]).toEqual(["乙", "甲"]);
    expect(j.columns[1]).toEqual([0, 3]); // revenue: list-only 0; matched from the ledger
    expect(j.columns[2]).toEqual([400, null]); // prevRevenue: the list's own; the ledger's (missing: first bought this period)
    expect(j.headers.slice(3)).toEqual(["Orders", "Active months", "First order", "Last order"]);
    expect(j.columns[3]).toEqual([0, 2]);
  });

  test("a list row names a ledger customer only once; names are matched trimmed", () => {
    const d = derived();
    const twice = { headers: ["客户名称"], columns: [[" 散客张三 ", "散客张三"]] as CellValue[][], rowCount: 2 };
    const j = joinCustomerList(d, twice, "zh");
    expect(Array.from(j.customerOfRow.subarray(0, 2))).toEqual([3, -1]);
    expect(j.rowCount).toBe(2 + 3); // the three other ledger customers are added
  });

  test("an empty list: the ledger's customers in ledger order", () => {
    const j = joinCustomerList(derived(), { headers: ["客户编号", "客户名称"], columns: [[], []], rowCount: 0 }, "zh");
    expect(j.rowCount).toBe(4);
    expect(j.columns[1]).toEqual(["华东五金", "新星贸易有限公司", "老客户公司", "散客张三"]);
  });
});

test("derivedOf says which derived column each output column shows", () => {
  const list = readPlainCsv(path.join(LEDGER_FIXTURES, "customers-zh.csv"));
  const j = joinCustomerList(derived(), list, "zh");
  expect(j.derivedOf).toEqual([
    "id",
    "name",
    "revenue",
    undefined,
    undefined,
    "lastOrder",
    "owner",
    "region",
    "prevRevenue",
    "profit",
    "orders",
    "activeMonths",
    "firstOrder",
    "overdueDays",
  ]);
});

describe("buildLedgerTable: the whole §12 path in one call (CLI and pane)", () => {
  const { buildLedgerTable } = jest.requireActual("../../src/engine/ledger") as typeof import("../../src/engine/ledger");
  const ledger = readPlainCsv(path.join(LEDGER_FIXTURES, "orders-zh.csv"));

  test("derived table, date columns, report and problems placed in the sheet", () => {
    const r = buildLedgerTable({ ...ledger, today: TODAY, firstRowNumber: 5, firstColumn: 2 });
    if (!r.ok) throw new Error("expected ok");
    expect(r.lang).toBe("zh");
    expect(r.table.headers[0]).toBe("客户编号");
    expect(r.table.rowCount).toBe(4);
    expect(r.dateColumns).toEqual([9, 10]);
    expect(r.report).toEqual(["按订单明细读取：18 行，4 个客户", "订单明细：读取 18 行，跳过 5 行，汇总为 4 个客户"]);
    // Line 9 (0-based) of a table whose data starts on row 5, column C: row 14, column H.
    expect(r.problems[0]).toBe("订单明细第 14 行 H 列（毛利）：无法识别的数字“n/a”，毛利按 0 计");
    expect(r.problems.length).toBe(6); // the 合计 row reported once
  });

  test("with a list: the joined table and the join's line; problems capped", () => {
    const list = readPlainCsv(path.join(LEDGER_FIXTURES, "customers-zh.csv"));
    const r = buildLedgerTable({ ...ledger, today: TODAY, list, lang: "en", problemsShown: 2 });
    if (!r.ok) throw new Error("expected ok");
    expect(r.table.rowCount).toBe(6);
    expect(r.dateColumns).toEqual([5, 12]);
    expect(r.report[2]).toBe("customer list: 5 rows, 3 matched in the ledger; 1 ledger customers added");
    expect(r.problems.slice(2)).toEqual(["… and 4 more not listed"]);
  });

  test("a missing column: both languages name it and what was found", () => {
    const r = buildLedgerTable({ headers: ["客户", "金额"], columns: [[], []], rowCount: 0, today: TODAY });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(["orderDate"]);
    expect(r.message).toEqual({
      zh: "按订单明细读取，但缺少列：订单日期；找到的列：客户、金额",
      en: "read as a sales ledger, but missing: Order date; columns found: 客户, 金额",
    });
  });
});
