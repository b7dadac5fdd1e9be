/**
 * What a writer needs: the input table, the §11 headers and cells of each row, and the
 * summary. Writers (CSV, XLSX) only decide how each value is encoded.
 */
import type { ColumnKind } from "../engine/report/columns";
import type { DayNumber, Lang } from "../engine/types";
import type { SheetData } from "./sheet";
import type { CliSummary } from "./summary";

/** How a column is written (report/columns.ts). */
export type OutputKind = ColumnKind;

export interface OutputPlan {
  sheet: SheetData;
  lang: Lang;
  today: DayNumber;
  /** The §11 headers in the output language. */
  outHeaders: string[];
  /** Kind of each §11 column (OUTPUT_COLUMNS order). */
  kinds: OutputKind[];
  /** Row i's 14 cells: dates as DayNumber, the share as a fraction, unknown as null. */
  outputCells(i: number): (string | number | null)[];
  /** Tier of row i (for the fill colour). */
  tierOf(i: number): number;
  summary: CliSummary;
  /** Called now and then with the number of rows written. */
  onProgress?: (rowsWritten: number) => void;
}

export const PROGRESS_EVERY = 50_000;
