/**
 * The input table as the CLI holds it: column-major (what `classify` wants), with the
 * values the engine reads and, where they differ, the original cells to write back.
 */
import { FIELD_READS } from "../engine/fieldReads";
import type { CellValue, FieldKey } from "../engine/types";
import type { TextCells } from "../engine/utf8Texts";
import { fieldText, FieldSpans, scanRecord } from "./csvScan";
import type { CsvTexts, ParsedColumn } from "./csvColumns";

/** An input cell to write back unchanged: rich text, an Excel error, a hyperlink. */
export type OriginalCell = unknown;

export interface SheetData {
  format: "csv" | "xlsx";
  /** Worksheet name (xlsx) or the file's base name (csv). */
  sheetName: string;
  /** 1-based row number of the header in the file/sheet (for messages). */
  headerRowNumber: number;
  headers: CellValue[];
  /** `columns[c][r]`: the value the engine reads (strings, numbers, booleans, Dates, null). */
  columns: CellValue[][];
  /** `originals[c]`: sparse map row → original cell, only where it differs from `columns`. */
  originals: Map<number, OriginalCell>[];
  /** Number format of each column's first number/date cell (xlsx), kept for write-back. */
  numFmts: (string | undefined)[];
  rowCount: number;
  columnCount: number;
  /** Things the user should know about the reading (e.g. GB18030 decoding), bilingual. */
  notes: string[];
  /** Rows above the header (a report title, a blank line), kept to be written back (xlsx). */
  preamble?: { rowNumber: number; values: CellValue[]; originals?: Map<number, OriginalCell> }[];
  /** Merged ranges within the preamble rows (a merged title), e.g. "A1:J1". */
  preambleMerges?: string[];
  /** A report's footer lines below the table (footer.ts), cut from it and written back below it. */
  footer?: { rowNumber: number; values: CellValue[]; originals?: Map<number, OriginalCell> }[];
  /**
   * Cells merged down one column of the table (an owner or a region typed once for a group of
   * customers): data rows from..to (0-based, inclusive); the value is row `from`'s (groupColumn).
   */
  mergedDown?: { col: number; from: number; to: number }[];
  /** CSV input: the file's bytes and record offsets (then `columns` holds only the engine's columns). */
  csv?: CsvSource;
  /** Cells far outside the table (a stray keystroke in XFD), kept by address, never allocated across. */
  strays?: {
    row: number;
    /** The data row it sits in (0-based), −1 for the header row. */
    dataIndex: number;
    col: number;
    value: CellValue;
    original?: OriginalCell;
    numFmt?: string;
  }[];
}

/** A CSV input held as bytes: each data row's record offsets, and which field each column is. */
export interface CsvSource {
  /** The file as UTF-8 (BOM removed). */
  bytes: Buffer;
  delimiter: number;
  rowStart: Uint32Array;
  /** End of each data row's last field (before its line break). */
  rowEnd: Uint32Array;
  /** Per data row: its field count when every field can be copied as is (unquoted, no quote, no formula start), else 0. */
  plainFields: Uint16Array;
  /** Column c of the table is field `fields[c]` of each record. */
  fields: number[];
  /** The number and date fields the engine reads (by field), parsed while reading (csvColumns.ts). */
  parsed?: Map<number, ParsedColumn>;
  /** The id and name fields (by field), as their places in the file, never decoded (csvColumns.ts). */
  keyTexts?: Map<number, CsvTexts>;
}

/**
 * A function filling `out[c]` with row i's input cell c as it must be written back (the original
 * cell where there is one). CSV cells are decoded here, one row at a time.
 */
export function inputRowReader(sheet: SheetData): (i: number, out: unknown[]) => void {
  const csv = sheet.csv;
  if (csv) {
    const spans = new FieldSpans();
    return (i, out) => {
      scanRecord(csv.bytes, csv.rowStart[i], csv.delimiter, spans);
      for (let c = 0; c < csv.fields.length; c++) {
        const t = fieldText(csv.bytes, spans, csv.fields[c]);
        out[c] = t === "" ? null : t;
      }
    };
  }
  return (i, out) => {
    for (let c = 0; c < sheet.columnCount; c++) {
      const o = sheet.originals[c].get(i);
      out[c] = o !== undefined ? o : sheet.columns[c][i];
    }
  };
}

/**
 * Column c's data cells as text. A CSV input's text columns the engine and the summary read were
 * decoded while reading; another is decoded here, on first use: an id or name column from the
 * places kept, any other by scanning the records again.
 */
export function sheetColumn(sheet: SheetData, c: number): CellValue[] | undefined {
  if (c < 0 || c >= sheet.columnCount) return undefined;
  const csv = sheet.csv;
  if (csv && sheet.columns[c].length !== sheet.rowCount) {
    const field = csv.fields[c];
    const keyTexts = csv.keyTexts?.get(field);
    if (keyTexts) {
      sheet.columns[c] = Array.from({ length: sheet.rowCount }, (_, i) => keyTexts.cell(i));
      return sheet.columns[c];
    }
    const cells: CellValue[] = new Array(sheet.rowCount);
    const spans = new FieldSpans();
    for (let i = 0; i < sheet.rowCount; i++) {
      scanRecord(csv.bytes, csv.rowStart[i], csv.delimiter, spans);
      cells[i] = field < spans.count ? fieldText(csv.bytes, spans, field) : null;
    }
    sheet.columns[c] = cells;
  }
  return sheet.columns[c];
}

/**
 * Column c as the summaries group by it (owner, region): a cell merged down counts for every row
 * it covers, as the user sees it. A copy: the sheet's own cells, which are written back, stay as read.
 */
export function groupColumn(sheet: SheetData, c: number): CellValue[] | undefined {
  const cells = sheetColumn(sheet, c);
  const merges = sheet.mergedDown?.filter((m) => m.col === c) ?? [];
  if (cells === undefined || merges.length === 0) return cells;
  const filled = cells.slice();
  for (const { from, to } of merges) {
    for (let i = from + 1; i <= to && i < filled.length; i++)
      if (isBlankCell(filled[i])) filled[i] = cells[from];
  }
  return filled;
}

/**
 * Column c's data cells for the engine's field `field`. A CSV input's number and date fields
 * (FIELD_READS) were parsed while reading: when every cell was blank or plain, the column is
 * that Float64Array (NaN: blank), which the engine reads as it would the texts; else the plain
 * cells are numbers and the others their texts, for the engine's readers. A CSV's id and name
 * columns are their places in the file (CsvTexts), which the engine reads as UTF-8 bytes. Any
 * other column is sheetColumn's.
 */
export function engineColumn(sheet: SheetData, c: number, field: FieldKey): TextCells | undefined {
  const csv = c >= 0 && c < sheet.columnCount ? sheet.csv : undefined;
  const keyTexts = csv?.keyTexts?.get(csv.fields[c]);
  if (keyTexts && (field === "id" || field === "name")) return keyTexts;
  const parsed = csv?.parsed?.get(csv.fields[c]);
  if (!parsed || parsed.read !== FIELD_READS[field]) return sheetColumn(sheet, c);
  const { values, texts } = parsed;
  if (texts.size === 0) return values;
  const cells: CellValue[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    cells[i] = x === x ? x : (texts.get(i) ?? "");
  }
  return cells;
}

/** A fatal problem with the command line (exit 2) or the input (exit 1): one line for stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** One bilingual line: Chinese first, English second. */
export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** Column-major storage that grows as rows arrive; short columns are padded with null. */
export class ColumnBuilder {
  readonly columns: CellValue[][] = [];
  readonly originals: Map<number, OriginalCell>[] = [];
  rowCount = 0;

  ensureColumns(n: number): void {
    while (this.columns.length < n) {
      const col: CellValue[] = new Array(this.rowCount).fill(null);
      this.columns.push(col);
      this.originals.push(new Map());
    }
  }

  /** Keeps the first `rowCount` rows only. */
  truncate(rowCount: number): void {
    if (rowCount >= this.rowCount) return;
    for (const col of this.columns) col.length = rowCount;
    for (const m of this.originals) for (const r of m.keys()) if (r >= rowCount) m.delete(r);
    this.rowCount = rowCount;
  }

  /** Appends one row; `values` may be shorter than the column count. */
  push(values: CellValue[], originals?: Map<number, OriginalCell>): void {
    this.ensureColumns(values.length);
    const r = this.rowCount;
    for (let c = 0; c < this.columns.length; c++) {
      this.columns[c].push(c < values.length ? values[c] : null);
    }
    if (originals) for (const [c, o] of originals) this.originals[c].set(r, o);
    this.rowCount++;
  }
}

export function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}
