/**
 * The task pane's only door to Excel. `officeAdapter.ts` implements it with Office.js;
 * the pane's tests and the e2e page use fakes. Nothing here imports Office.js.
 */
import type { CellValue, FieldKey, Lang } from "../engine/types";
import type { Settings } from "../engine/settings";
import type { ClassifyResult } from "../engine/classify";

/** Where the customer table is in the workbook. Rows and columns are 0-based sheet indices. */
export interface TableLocation {
  sheetName: string;
  /** The Excel table's name when the data is an Excel table. */
  tableName?: string;
  /** A1 address of the whole block, header included, e.g. "Sheet1!A1:H201". */
  address: string;
  headerRow: number;
  firstColumn: number;
  /** Data rows (without the header). */
  rowCount: number;
  columnCount: number;
  /** How it was found: the table under the selection, the selection's current region, or the used range. */
  source: "table" | "region" | "usedRange";
}

/** The customer table as read: headers and column-major data (`columns[c][r]`). */
export interface FoundTable {
  location: TableLocation;
  headers: string[];
  columns: CellValue[][];
  /** Columns this add-in wrote on an earlier run (by header), so a re-run reuses them. */
  ownColumns: number[];
}

export interface ApplyRequest {
  table: FoundTable;
  /** field → column index within the table (the user's final mapping). */
  mapping: Partial<Record<FieldKey, number>>;
  result: ClassifyResult;
  lang: Lang;
  /** Called with 0..1 as chunks are written. */
  onProgress?: (fraction: number) => void;
  /** Cancelling stops before the next chunk and puts back what was already written. */
  signal?: AbortSignal;
  /** The table's own phone/contact columns (table column indices), shown on the Worklist sheet. */
  contactColumns?: number[];
}

export interface ApplyReport {
  /** A1 address of the block of output columns written. */
  outputAddress: string;
  rowsWritten: number;
  summarySheet: string | null;
  /** The Worklist sheet written, when the adapter writes one. */
  worklistSheet?: string | null;
  /** Features skipped because the host lacks a requirement set, in the pane's language. */
  warnings: string[];
  cancelled: boolean;
}

/** A sheet's table as read for joining (§12's customer list): header row and columns. */
export interface SheetTable {
  sheetName: string;
  /** A1 address of the block read, header included. */
  address: string;
  headers: CellValue[];
  /** `columns[c][row]`, data rows only. */
  columns: CellValue[][];
  rowCount: number;
}

/** The customer sheet derived from a ledger (METHOD.md §12), classified, to write as a sheet of ours. */
export interface LedgerSheetRequest {
  /** The derived (or joined) customer table: headers and columns, dates as Excel serials. */
  table: { headers: CellValue[]; columns: CellValue[][]; rowCount: number };
  /** Columns of `table` that hold dates (first/last order). */
  dateColumns: number[];
  /** field → column of `table` (for the problem texts' column names). */
  mapping: Partial<Record<FieldKey, number>>;
  result: ClassifyResult;
  lang: Lang;
  onProgress?: (fraction: number) => void;
  /** Cancelling stops before the next chunk and removes the sheet. */
  signal?: AbortSignal;
}

export interface LedgerSheetReport {
  sheetName: string;
  rowsWritten: number;
  warnings: string[];
  cancelled: boolean;
}

export type SortKey = "keyIndex" | "potential" | "nextContact";

export interface ExcelAdapter {
  /** Office's UI language, e.g. "zh-CN" or "en-US". */
  uiLanguage(): string;
  findCustomerTable(): Promise<FoundTable>;
  loadSettings(): Promise<Settings | null>;
  saveSettings(settings: Settings): Promise<void>;
  apply(request: ApplyRequest): Promise<ApplyReport>;
  hasSnapshot(): Promise<boolean>;
  /** Puts the sheet back exactly as it was before the last apply (values and formats). */
  restore(): Promise<{ restored: boolean; message: string }>;
  /** Selects one cell, e.g. a problem's address "Sheet1!D7". */
  selectCell(address: string): Promise<void>;
  sortBy(key: SortKey, descending: boolean): Promise<void>;
  /** Filters the table to one tier label; null clears the filter. */
  filterTier(tierLabel: string | null): Promise<void>;
  /** The workbook's visible sheets, in tab order (to pick §12's customer list from). */
  listSheets(): Promise<string[]>;
  /** A sheet's table: its used range from the first row with two §1 headers (else its first row). */
  readSheetTable(sheetName: string): Promise<SheetTable>;
  /**
   * Writes (or rewrites) our sheet 客户汇总 / Customer summary: the derived table and §11's columns.
   * No other sheet is changed; Restore removes it.
   */
  writeLedgerSheet(request: LedgerSheetRequest): Promise<LedgerSheetReport>;
  /**
   * Offered after a write, never forced: freezes the sheet's rows down to the header and its
   * columns up to `column` (0-based sheet indices), keeping the user's own frozen panes so that
   * Restore puts them back. Absent when the host cannot freeze panes.
   */
  freezeNameColumn?(at: { headerRow: number; column: number }): Promise<{ frozen: boolean; message: string }>;
}
