/**
 * crm-classify on a sales ledger (METHOD.md §12): the read table is detected (or declared with
 * --input) as a ledger, turned into the customer sheet by the engine (src/engine/ledger), joined
 * with --customers when given, and then classified like any customer table by main.ts.
 * The ledger and the list are only read.
 */
import { dayFromExcelSerial } from "../engine/days";
import { findHeaderRow, HEADER_SEARCH_ROWS, isKnownHeader } from "../engine/headers";
import {
  buildLedgerTable,
  chooseTableKind,
  detectLedger,
  ledgerHistories,
  type PlainTable,
} from "../engine/ledger";
import type { RhythmHistories } from "../engine/rhythm/analyse";
import type { Settings } from "../engine/settings";
import type { CellValue, DayNumber } from "../engine/types";
import { formatOf, type CliOptions } from "./args";
import { readCsv } from "./readCsv";
import { readXlsx } from "./readXlsx";
import { bilingual, CliError, sheetColumn, type SheetData } from "./sheet";

export interface LedgerOutcome {
  /** The customer sheet to classify (derived, or the list joined with the ledger). */
  sheet: SheetData;
  /** For stdout: how the input was read, lines read/skipped, customers; the join's counts. */
  report: string[];
  /** For stderr: each skipped line or unreadable cell, with its row and column. */
  problems: string[];
  /** §13: each sheet row's x, t, T from the ledger's purchase dates (NaN: no purchase). */
  histories: RhythmHistories;
}

/** Column c of a sheet as the engine reads it (a CSV column is decoded on first use). */
function columnOf(sheet: SheetData, c: number): ArrayLike<CellValue> {
  return sheetColumn(sheet, c) ?? [];
}

/** Dates as Date cells (UTC midnight), so every writer shows them as dates. */
function asDateCells(column: CellValue[]): CellValue[] {
  return column.map((v) => (typeof v === "number" ? new Date(dayFromExcelSerial(v) * 86_400_000) : v));
}

async function readList(file: string): Promise<SheetData> {
  return formatOf(file) === "xlsx" ? readXlsx(file) : readCsv(file);
}

function sheetOf(
  base: SheetData,
  name: string,
  t: PlainTable,
  dateColumns: Set<number>,
  keep?: SheetData,
): SheetData {
  const columns = t.columns.map((col, c) => (dateColumns.has(c) ? asDateCells(col) : col));
  const originals = columns.map((_, c) => {
    // The list's own cells (rich text, errors) come out as they were, in the list's rows.
    const src = keep?.originals[c];
    return src && !dateColumns.has(c) ? new Map(src) : new Map();
  });
  return {
    format: base.format,
    sheetName: name,
    headerRowNumber: 1,
    headers: t.headers,
    columns,
    originals,
    numFmts: columns.map((_, c) => (dateColumns.has(c) ? "yyyy-mm-dd" : keep?.numFmts[c])),
    rowCount: t.rowCount,
    columnCount: columns.length,
    notes: [],
  };
}

/**
 * A reader that took a report's title row for the header (fewer than two known headers in it):
 * the table re-anchored on the first row below with two known headers (METHOD §1), else as read.
 */
export function reanchored(read: SheetData): SheetData {
  if (read.headers.filter(isKnownHeader).length >= 2 || read.columns.length < read.headers.length)
    return read;
  const probe = Math.min(read.rowCount, HEADER_SEARCH_ROWS);
  const rows: CellValue[][] = [];
  for (let r = 0; r < probe; r++) rows.push(read.columns.map((col) => col[r] ?? null));
  const at = findHeaderRow(rows);
  if (at < 0) return read;
  const from = at + 1;
  const columns = read.columns.map((col) => col.slice(from));
  return {
    ...read,
    headerRowNumber: read.headerRowNumber + from,
    headers: rows[at],
    columns,
    originals: read.originals.map((m) => {
      const shifted = new Map<number, unknown>();
      for (const [r, o] of m) if (r >= from) shifted.set(r - from, o);
      return shifted;
    }),
    rowCount: read.rowCount - from,
  };
}

/**
 * When the input is a ledger (detected, or --input ledger): the customer sheet and what to say.
 * Null when it is read as a customer table.
 */
export async function ledgerToCustomers(
  asRead: SheetData,
  opts: Pick<CliOptions, "inputKind" | "customersFile" | "lang">,
  today: DayNumber,
  settings: Settings,
): Promise<LedgerOutcome | null> {
  const read = reanchored(asRead);
  // Columns on demand: detection reads the key columns only (decoding all 25 of a 1 M-row CSV
  // here took half the run).
  const detection = detectLedger(read.headers, (c) => columnOf(read, c), read.rowCount);
  const { kind } = chooseTableKind(detection, opts.inputKind);
  if (kind === "customers") {
    if (opts.customersFile) {
      throw new CliError(
        2,
        bilingual(
          "--customers 只适用于订单明细输入；此输入按客户表读取（可用 --input ledger 指定）",
          "--customers applies to a sales ledger; this input reads as a customer table (say --input ledger if it is one)",
        ),
      );
    }
    return null;
  }

  const list = opts.customersFile ? await readList(opts.customersFile) : undefined;
  const built = buildLedgerTable({
    headers: read.headers,
    columns: read.headers.map((_, c) => columnOf(read, c)),
    rowCount: read.rowCount,
    today,
    periodMonths: settings.periodMonths,
    lang: opts.lang,
    list: list && {
      headers: list.headers,
      columns: list.headers.map((_, c) => Array.from(columnOf(list, c))),
      rowCount: list.rowCount,
    },
    firstRowNumber: read.headerRowNumber + 1,
  });
  if (!built.ok) throw new CliError(1, bilingual(built.message.zh, built.message.en));
  const sheetName = built.lang === "zh" ? "客户汇总" : "Customer summary";
  return {
    sheet: sheetOf(read, sheetName, built.table, new Set(built.dateColumns), list),
    report: built.report,
    problems: built.problems,
    // §13: each row's x, t, T from its customer's purchase dates.
    histories: ledgerHistories(built, today),
  };
}
