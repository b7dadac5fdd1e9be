/**
 * Is a table a ledger or a customer table? (METHOD.md §12: an orderDate and an amount column,
 * none of §1's prevRevenue, orders or lastOrder columns, and a customer key on more than one row.)
 */
import { mapHeaders, mapLedgerHeaders } from "../headers";
import type { CellValue, Lang } from "../types";
import { ledgerKey } from "./derive";

export type TableKind = "ledger" | "customers";

export interface LedgerDetection {
  kind: TableKind;
  /** Why: the first §12 condition that fails, or "ledger" when all hold. */
  why: "ledger" | "no-order-date" | "no-amount" | "no-key" | "summary-column" | "no-repeat";
}

/**
 * Detects a ledger from its header row and its columns (`column(c)[row]`, as laid out in the
 * sheet; an array of columns will do). Only the key columns are asked for — a reader that
 * decodes columns on demand (the CLI's CSV) decodes nothing else. The key scan stops at the
 * first repeated key.
 */
export function detectLedger(
  headerRow: readonly CellValue[],
  columns: readonly ArrayLike<CellValue>[] | ((c: number) => ArrayLike<CellValue>),
  rowCount: number,
): LedgerDetection {
  const column = typeof columns === "function" ? columns : (c: number) => columns[c];
  const ledger = mapLedgerHeaders(headerRow);
  if (ledger.columns.orderDate === undefined) return { kind: "customers", why: "no-order-date" };
  if (ledger.columns.amount === undefined) return { kind: "customers", why: "no-amount" };
  if (ledger.columns.id === undefined && ledger.columns.name === undefined)
    return { kind: "customers", why: "no-key" };
  const summary = mapHeaders(headerRow).columns;
  if (summary.prevRevenue !== undefined || summary.orders !== undefined || summary.lastOrder !== undefined) {
    return { kind: "customers", why: "summary-column" };
  }
  const idCol = ledger.columns.id === undefined ? undefined : column(ledger.columns.id);
  const nameCol = ledger.columns.name === undefined ? undefined : column(ledger.columns.name);
  const seen = new Set<string>();
  for (let r = 0; r < rowCount; r++) {
    const key = ledgerKey(idCol?.[r], nameCol?.[r], idCol !== undefined);
    if (!key) continue;
    if (seen.has(key)) return { kind: "ledger", why: "ledger" };
    seen.add(key);
  }
  return { kind: "customers", why: "no-repeat" };
}

/** `按订单明细读取：N 行，M 个客户` / `read as a sales ledger: N lines, M customers`. */
export function ledgerReadMessage(lines: number, customers: number, lang: Lang): string {
  return lang === "zh"
    ? `按订单明细读取：${lines} 行，${customers} 个客户`
    : `read as a sales ledger: ${lines} lines, ${customers} customers`;
}

/** The kind a table is read as: the user's choice when given (CLI --input, the pane's switch), else detected. */
export function chooseTableKind(
  detection: LedgerDetection,
  override?: TableKind,
): { kind: TableKind; detected: TableKind; overridden: boolean } {
  const kind = override ?? detection.kind;
  return {
    kind,
    detected: detection.kind,
    overridden: override !== undefined && override !== detection.kind,
  };
}
