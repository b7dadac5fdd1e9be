/**
 * CSV output, a contract scripts consume: UTF-8 with BOM, the input columns as read,
 * then the §11 columns; ISO dates, plain decimal numbers (the share unrounded), empty
 * cells for unknown, and no cell a spreadsheet could evaluate as a formula.
 */
import { stringify } from "csv-stringify/sync";
import { formatIsoDay } from "../engine/days";
import type { CellValue } from "../engine/types";
import { csvSafeText, plainNumber } from "./cellSafety";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput } from "./outputFile";

const BATCH_ROWS = 2_000;

/** An input cell as CSV text (xlsx input: numbers, booleans and dates made text). */
export function csvInputCell(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isoDateTime(v);
  return csvSafeText(v);
}

/** One §11 cell as CSV text. */
export function csvOutputCell(v: string | number | null, kind: OutputKind): string {
  if (v === null || (typeof v === "number" && !Number.isFinite(v))) return "";
  if (typeof v === "number") return kind === "date" ? formatIsoDay(v) : plainNumber(v);
  return csvSafeText(v);
}

/** A cell's date as `yyyy-mm-dd` (exceljs dates are UTC), with the time only when it has one. */
function isoDateTime(d: Date): string {
  const iso = d.toISOString(); // 2026-03-05T08:30:00.000Z
  const time = iso.slice(11, 19);
  return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

export async function writeCsv(file: string, plan: OutputPlan): Promise<void> {
  const { sheet } = plan;
  const out = await openOutput(file);
  try {
    const header = sheet.headers.map(csvInputCell).concat(plan.outHeaders.map((h) => csvSafeText(h)));
    await out.write("\uFEFF" + stringify([header], { record_delimiter: "\r\n" }));
    let batch: string[][] = [];
    for (let i = 0; i < sheet.rowCount; i++) {
      const row: string[] = new Array(sheet.columnCount + plan.kinds.length);
      for (let c = 0; c < sheet.columnCount; c++) row[c] = csvInputCell(sheet.columns[c][i]);
      const cells = plan.outputCells(i);
      for (let k = 0; k < cells.length; k++)
        row[sheet.columnCount + k] = csvOutputCell(cells[k], plan.kinds[k]);
      batch.push(row);
      if (batch.length === BATCH_ROWS) {
        await out.write(stringify(batch, { record_delimiter: "\r\n" }));
        batch = [];
      }
      if (plan.onProgress && (i + 1) % PROGRESS_EVERY === 0) plan.onProgress(i + 1);
    }
    if (batch.length) await out.write(stringify(batch, { record_delimiter: "\r\n" }));
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}
