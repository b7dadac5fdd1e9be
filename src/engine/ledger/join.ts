/**
 * Joining a customer list to a ledger (METHOD.md §12 "Joining a customer list").
 *
 * The list's rows come first, in their order, with all their cells; for a row matched to a
 * ledger customer the ledger's fields replace the list's. Ledger customers the list lacks
 * follow. Columns: the list's, then the derived columns the list has no column for.
 */
import { readText } from "../cells";
import { mapHeaders, mapSummaryColumns } from "../headers";
import type { CellValue, FieldKey, Lang } from "../types";
import type { DerivedCustomers } from "./derive";
import { derivedCell, derivedColumns, derivedHeader, type DerivedColumn } from "./table";

/** A table as read from a sheet: its header row and its columns (`columns[c][row]`). */
export interface PlainTable {
  headers: CellValue[];
  columns: CellValue[][];
  rowCount: number;
}

export interface JoinedTable extends PlainTable {
  /** The list's rows (first), then `added` ledger-only customers. */
  listRows: number;
  added: number;
  /** List rows matched to a ledger customer. */
  matched: number;
  /** For each output row, the ledger customer it shows (-1: a list-only row). */
  customerOfRow: Int32Array;
  /** For each output column, the derived column the ledger writes into it (undefined: the list's alone). */
  derivedOf: (DerivedColumn | undefined)[];
}

/**
 * The cell a list-only customer (no ledger line) gets in a ledger-filled column; `undefined`
 * keeps the list's own cell. §12: revenue 0, and prevRevenue 0 when the ledger reaches the
 * previous period. Our reading (METHOD-NOTES): orders, active months and profit are 0 too — the
 * ledger covers the current period — while first/last order and days late stay the list's.
 */
function listOnlyCell(d: DerivedCustomers, column: DerivedColumn): CellValue | undefined {
  switch (column) {
    case "revenue":
    case "orders":
    case "activeMonths":
    case "profit":
      return 0;
    case "prevRevenue":
      return d.reachesPrevious ? 0 : undefined;
    default:
      return undefined;
  }
}

export function joinCustomerList(d: DerivedCustomers, list: PlainTable, lang: Lang): JoinedTable {
  const listMap = mapHeaders(list.headers).columns;
  const summaryMap = mapSummaryColumns(list.headers);
  const listColumnOf = (column: DerivedColumn): number | undefined =>
    column === "owner" || column === "region" ? summaryMap[column] : listMap[column as FieldKey];

  // Match each list row to a ledger customer: by id when both have one, else by trimmed name.
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  for (let c = 0; c < d.count; c++) {
    if (d.id[c] && !byId.has(d.id[c])) byId.set(d.id[c], c);
    if (d.name[c] && !byName.has(d.name[c])) byName.set(d.name[c], c);
  }
  const taken = new Uint8Array(d.count);
  const listIdCol = listMap.id === undefined ? undefined : list.columns[listMap.id];
  const listNameCol = listMap.name === undefined ? undefined : list.columns[listMap.name];
  const rowCustomer = new Int32Array(list.rowCount).fill(-1);
  let matched = 0;
  for (let r = 0; r < list.rowCount; r++) {
    const id = listIdCol ? readText(listIdCol[r]) : "";
    const name = listNameCol ? readText(listNameCol[r]) : "";
    let c: number | undefined;
    if (id && d.has.id) c = byId.get(id);
    if (c === undefined && name) {
      const byNameHit = byName.get(name);
      // Two different ids never match by name.
      if (byNameHit !== undefined && !(id && d.id[byNameHit])) c = byNameHit;
    }
    // A ledger customer joins the first list row that names it; a repeat is the list's duplicate.
    if (c === undefined || taken[c]) continue;
    taken[c] = 1;
    rowCustomer[r] = c;
    matched++;
  }
  const addedCustomers: number[] = [];
  for (let c = 0; c < d.count; c++) if (!taken[c]) addedCustomers.push(c);

  const rowCount = list.rowCount + addedCustomers.length;
  const customerOfRow = new Int32Array(rowCount);
  customerOfRow.set(rowCustomer);
  for (let k = 0; k < addedCustomers.length; k++) customerOfRow[list.rowCount + k] = addedCustomers[k];

  const derived = derivedColumns(d);
  const derivedAt = new Map<number, DerivedColumn>(); // list column → derived column it shows
  const appended: DerivedColumn[] = [];
  for (const column of derived) {
    const at = listColumnOf(column);
    if (at === undefined) appended.push(column);
    else derivedAt.set(at, column);
  }
  const isFilled = (column: DerivedColumn) => column !== "id" && column !== "name" && column !== "owner" && column !== "region";

  const columns: CellValue[][] = [];
  for (let k = 0; k < list.columns.length; k++) {
    const src = list.columns[k];
    const column = derivedAt.get(k);
    const out: CellValue[] = new Array(rowCount);
    for (let r = 0; r < list.rowCount; r++) {
      const c = rowCustomer[r];
      let v: CellValue = src[r] ?? null;
      if (column && isFilled(column)) {
        if (c >= 0) v = derivedCell(d, column, c);
        else {
          const own = listOnlyCell(d, column);
          if (own !== undefined) v = own;
        }
      }
      out[r] = v;
    }
    for (let r = list.rowCount; r < rowCount; r++) out[r] = column ? derivedCell(d, column, customerOfRow[r]) : null;
    columns.push(out);
  }
  for (const column of appended) {
    const out: CellValue[] = new Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
      const c = customerOfRow[r];
      if (c >= 0) out[r] = derivedCell(d, column, c);
      else out[r] = isFilled(column) ? (listOnlyCell(d, column) ?? null) : null;
    }
    columns.push(out);
  }
  const headers: CellValue[] = [...list.headers];
  while (headers.length < list.columns.length) headers.push(null);
  for (const column of appended) headers.push(derivedHeader(column, lang));
  const derivedOf: (DerivedColumn | undefined)[] = [];
  for (let k = 0; k < list.columns.length; k++) derivedOf.push(derivedAt.get(k));
  derivedOf.push(...appended);
  return {
    headers,
    columns,
    rowCount,
    listRows: list.rowCount,
    added: addedCustomers.length,
    matched,
    customerOfRow,
    derivedOf,
  };
}
