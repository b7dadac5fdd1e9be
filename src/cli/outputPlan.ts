/**
 * What a writer needs: the input table, the §11 headers and cells of each row, and the
 * summary. Writers (CSV, XLSX) only decide how each value is encoded.
 */
import { pick } from "../engine/bilingual";
import type { ClassifyResult } from "../engine/classify";
import {
  cellFill,
  outputRow,
  reportColumns,
  type ColumnKind,
  type ColumnName,
  type ReportColumn,
  type WhyPieces,
} from "../engine/report/columns";
import {
  WORKLIST_COLUMNS,
  WORKLIST_SHEET_NAME,
  worklistCells,
  worklistHeaders,
  worklistRows,
} from "../engine/report/worklist";
import type { DayNumber, Lang } from "../engine/types";
import { tailsJob, type TailsJob } from "./rowTails";
import type { SheetData } from "./sheet";
import type { CliSummary } from "./summary";

/** How a column is written (report/columns.ts). */
export type OutputKind = ColumnKind;

export interface OutputPlan {
  sheet: SheetData;
  lang: Lang;
  today: DayNumber;
  /** The output columns (engine/report/columns.ts: headers, kinds, formats, widths, fills). */
  columns: readonly ReportColumn[];
  /** Their headers in the output language. */
  outHeaders: string[];
  /** Kind of each §11 column (OUTPUT_COLUMNS order). */
  kinds: OutputKind[];
  /** Row i's 14 cells: dates as DayNumber, the share as a fraction, unknown as null; with `why`, the Why cell in pieces (outputRow). */
  outputCells(i: number, why?: WhyPieces): (string | number | null)[];
  /** What a worker thread needs to make any row's §11 cells itself (rowTails.ts). */
  tailsJob(): TailsJob;
  /** Tier of row i (for the fill colour). */
  tierOf(i: number): number;
  /** Fill of output column k in row i ("#RRGGBB"), or null. */
  fillOf(k: number, i: number): string | null;
  summary: CliSummary;
  /** The Worklist 本周待办 (§8): its headers and kinds, its rows in order, and each row's cells. */
  worklist: {
    sheetName: string;
    headers: string[];
    kinds: OutputKind[];
    widths: number[];
    rows: number[];
    cells(i: number): (string | number | null)[];
  };
  /** Called now and then with the number of rows written. */
  onProgress?: (rowsWritten: number) => void;
}

export const PROGRESS_EVERY = 50_000;

/** How each output column of this result is written, in order. */
export function outputKinds(result: ClassifyResult): OutputKind[] {
  return reportColumns(result).map((c) => c.kind);
}

/** The plan for a classified table: every output decision comes from engine/report. */
export function outputPlan(
  sheet: SheetData,
  result: ClassifyResult,
  lang: Lang,
  columnName: ColumnName,
  summary: CliSummary,
  { onProgress }: { onProgress?: (rowsWritten: number) => void } = {},
): OutputPlan {
  const columns = reportColumns(result);
  let worklist: number[] | undefined;
  return {
    sheet,
    lang,
    today: result.today,
    columns,
    outHeaders: columns.map((c) => pick(c.header, lang)),
    kinds: outputKinds(result),
    outputCells: (i, why) => outputRow(result, i, lang, columnName, why),
    tailsJob: () => tailsJob(result, lang, columnName, outputKinds(result)),
    tierOf: (i) => result.tier[i],
    fillOf: (k, i) => cellFill(columns[k], result, i),
    summary,
    worklist: {
      sheetName: pick(WORKLIST_SHEET_NAME, lang),
      headers: worklistHeaders(lang),
      kinds: WORKLIST_COLUMNS.map((c) => c.kind),
      widths: WORKLIST_COLUMNS.map((c) => c.width),
      // Found when a writer asks (the XLSX one): a CSV output has no Worklist sheet.
      get rows() {
        return (worklist ??= worklistRows(result));
      },
      cells: (i) => worklistCells(result, i, lang),
    },
    onProgress,
  };
}
