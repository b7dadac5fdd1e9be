/**
 * CRM.FROMORDERS: a sales ledger given as columns (customer, date, amount, [order id]) → the
 * METHOD.md §12 customer table with its header row, so a dashboard can classify it with
 * CRM.CLASSIFY or read it with lookups. Dates come out as Excel serials, missing as "".
 *
 * Choices (docs/METHOD-NOTES.md "Ledger"): the customer argument is the key and is shown under
 * 客户名称 / Customer; rows blank in customer, date and amount (a range selected past the data)
 * are ignored; other unreadable lines and lines dated after today are left out, as §12 says —
 * a formula cannot list them (the CLI and the task pane do).
 */
import { deriveCustomers, derivedRows, type LedgerInput } from "../engine/ledger";
import { getCurrentSettings } from "../engine/settingsStore";
import type { CellValue } from "../engine/types";
import { parseLanguage, parseToday } from "./args";
import { invalidValue } from "./errors";
import { alignArg, baseCells, isOmitted, normalizeCell, toMatrix } from "./ranges";

function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** [periodMonths]: omitted or blank → the workbook's setting (12 by default); else a whole number 1–120. */
function parsePeriodMonths(arg: unknown): number {
  const fallback = getCurrentSettings().periodMonths;
  if (isOmitted(arg)) return fallback;
  const m = toMatrix(arg, "periodMonths");
  if (m.length !== 1 || m[0].length !== 1) {
    throw invalidValue("参数 periodMonths 应为一个单元格 / Argument periodMonths must be a single cell");
  }
  const v = normalizeCell(m[0][0]);
  if (isBlankCell(v)) return fallback;
  const n = typeof v === "number" ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < 1 || n > 120) {
    throw invalidValue(
      `参数 periodMonths 应为 1–120 的整数月数（${String(v)}）/ Argument periodMonths must be a whole number of months, 1–120 (${String(v)})`,
    );
  }
  return n;
}

export function fromOrders(
  customers: unknown,
  dates: unknown,
  amounts: unknown,
  orderIds?: unknown,
  today?: unknown,
  periodMonths?: unknown,
  language?: unknown,
): (string | number)[][] {
  const day = parseToday(today);
  const months = parsePeriodMonths(periodMonths);
  const lang = parseLanguage(language);
  const base = baseCells(customers, "customers");
  const dateAt = alignArg(dates, base.shape, "dates", "customers");
  const amountAt = alignArg(amounts, base.shape, "amounts", "customers");
  if (!dateAt || !amountAt) {
    throw invalidValue("需要参数 dates 和 amounts / Arguments dates and amounts are required");
  }
  const orderAt = alignArg(orderIds, base.shape, "orderIds", "customers");

  const size = base.shape.rows * base.shape.cols;
  const name: CellValue[] = [];
  const date: CellValue[] = [];
  const amount: CellValue[] = [];
  const order: CellValue[] | null = orderAt ? [] : null;
  for (let i = 0; i < size; i++) {
    const c = base.at(i);
    const d = dateAt(i);
    const a = amountAt(i);
    if (isBlankCell(c) && isBlankCell(d) && isBlankCell(a)) continue;
    name.push(c);
    date.push(d);
    amount.push(a);
    if (order) order.push(orderAt!(i));
  }
  const input: LedgerInput = {
    rowCount: name.length,
    columns: { name, orderDate: date, amount, ...(order ? { orderId: order } : {}) },
  };
  const derived = deriveCustomers(input, { today: day, periodMonths: months });
  return derivedRows(derived, lang).map((row) =>
    row.map((v) => (v === null || v === undefined ? "" : (v as string | number))),
  );
}
