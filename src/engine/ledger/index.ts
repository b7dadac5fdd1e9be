/**
 * From a sales ledger (METHOD.md §12). What the CLI, the pane and CRM.FROMORDERS call:
 *
 *   detectLedger(headerRow, columns, rowCount)      → ledger or customer table, and why
 *   ledgerInputFromColumns(mapping, columns, rows)  → the ledger's columns by §12 field
 *   deriveCustomers(ledger, { today, periodMonths }) → one row per customer (+ purchase dates)
 *   derivedSheet(derived, lang) / joinCustomerList(derived, list, lang) → the customer table
 *   ledgerReadMessage, ledgerProblemText            → what the user is told
 *   ledgerHistories / ledgerRhythm(built, today, s)  → §13's x, t, T per row and the BG/NBD analysis
 *   classifyBuiltLedger(built, today, s)            → the built table's mapping, rhythm and classification
 */
import type { LedgerField, LedgerMapping } from "../headers";
import type { CellValue } from "../types";
import type { LedgerInput } from "./derive";

export * from "./periods";
export * from "./derive";
export * from "./table";
export * from "./join";
export * from "./detect";
export * from "./messages";
export * from "./build";
export * from "./rhythm";
export * from "./classifyBuilt";

/** A ledger's columns by field, from a header mapping and the sheet's columns (`columns[c][row]`). */
export function ledgerInputFromColumns(
  mapping: Pick<LedgerMapping, "columns">,
  columns: readonly ArrayLike<CellValue>[],
  rowCount: number,
): LedgerInput {
  const out: LedgerInput["columns"] = {};
  for (const [field, c] of Object.entries(mapping.columns) as [LedgerField, number][]) {
    if (columns[c]) out[field] = columns[c];
  }
  return { rowCount, columns: out };
}
