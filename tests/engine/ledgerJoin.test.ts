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
