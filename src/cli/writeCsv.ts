/**
 * CSV output, a contract scripts consume: UTF-8 with BOM, CRLF between records, the input
 * columns as read, then the §11 columns; ISO dates, plain decimal numbers (the share unrounded),
 * empty cells for unknown. RFC 4180: a field holding `"`, `,`, CR or LF (a lone one too: Alt+Enter)
 * is quoted, so no record splits; then no cell a spreadsheet could evaluate as a formula.
 *
 * From a CSV input the cells' bytes are copied through when they need no change (most do), so
 * the input's text is neither decoded nor re-encoded.
 */
import { formatIsoDay } from "../engine/days";
import type { WhyPieces } from "../engine/report/columns";
import type { CellValue } from "../engine/types";
import { csvSafeText, plainNumber } from "./cellSafety";
import { ByteSink, CellBytes, COMMA, CR, LF, NEEDS_QUOTES, QUOTE, quoteIfNeeded, TRIGGER } from "./csvBytes";
import { FieldSpans, fieldText, scanRecord } from "./csvScan";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput } from "./outputFile";
import { RowTails, type TailsChunk } from "./rowTails";
import { inputRowReader } from "./sheet";

/** One field as RFC 4180 text: formula-guarded, quoted when it holds `"`, `,`, CR or LF. */
export function csvField(text: string): string {
  const safe = csvSafeText(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** An input cell as CSV text (xlsx input: numbers, booleans and dates made text), unquoted. */
export function csvInputCell(v: CellValue | unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isoDateTime(v);
  if (typeof v === "string") return csvSafeText(v);
  if (typeof v === "object" && typeof (v as { error?: unknown }).error === "string")
    return (v as { error: string }).error;
  if (typeof v === "object" && typeof (v as { text?: unknown }).text === "string")
    return csvSafeText((v as { text: string }).text);
  return ""; // a formula never calculated (reported when read)
}

/** One §11 cell as CSV text, unquoted. */
export function csvOutputCell(v: string | number | null, kind: OutputKind): string {
  if (v === null || (typeof v === "number" && !Number.isFinite(v))) return "";
  if (typeof v === "number") return kind === "date" ? formatIsoDay(v) : plainNumber(v);
  return csvSafeText(v);
}

/** A cell's date as `yyyy-mm-dd` (UTC), with the time only when it has one. */
function isoDateTime(d: Date): string {
  const iso = d.toISOString();
  const time = iso.slice(11, 19);
  return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

export interface WriteCsvOptions {
  /** The worker encoding the last rows, when the caller started it early (null: none). */
  tails?: RowTails | null;
  /** The worker file to start otherwise (tests point it elsewhere); default: the bundled one. */
  tailsWorker?: string;
}

export async function writeCsv(file: string, plan: OutputPlan, options: WriteCsvOptions = {}): Promise<void> {
  const { sheet } = plan;
  const out = await openOutput(file);
  const sink = new ByteSink(out);
  let tails: RowTails | null = null;
  try {
    const header = sheet.headers
      .map((h) => quoteIfNeeded(csvInputCell(h)))
      .concat(plan.outHeaders.map(csvField));
    sink.text("\uFEFF" + header.join(",") + "\r\n");
    const csv = sheet.csv;
    const spans = new FieldSpans();
    const readRow = csv ? null : inputRowReader(sheet);
    const input: unknown[] = new Array(sheet.columnCount);
    // Records the reader found plain are copied whole when the columns are the file's, in order.
    const copyWhole = csv !== undefined && csv.delimiter === COMMA && csv.fields.every((f, c) => f === c);
    const encode = new CellBytes(plan.kinds);
    const why: WhyPieces = { pieces: [], count: 0 }; // the row's Why line, encoded piece by piece
    // The last rows' §11 cells are encoded on a worker thread meanwhile (large tables only).
    tails =
      options.tails !== undefined
        ? options.tails
        : RowTails.start(plan.tailsJob(), sheet.rowCount, options.tailsWorker);
    let chunk: TailsChunk | undefined;
    for (let i = 0; i < sheet.rowCount; i++) {
      if (csv) {
        const start = csv.rowStart[i];
        const plain = csv.plainFields[i];
        if (copyWhole && plain > 0 && plain <= sheet.columnCount) {
          sink.copy(csv.bytes, start, csv.rowEnd[i]);
          for (let c = plain; c < sheet.columnCount; c++) sink.byte(COMMA);
        } else {
          scanRecord(csv.bytes, start, csv.delimiter, spans);
          copyFields(csv.bytes, spans, csv.fields, csv.delimiter, sink);
        }
      } else {
        readRow!(i, input);
        for (let c = 0; c < sheet.columnCount; c++) {
          if (c) sink.byte(COMMA);
          sink.text(quoteIfNeeded(csvInputCell(input[c])));
        }
      }
      if (tails && i >= tails.from && (chunk === undefined || i - chunk.start >= chunk.ends.length)) {
        chunk = await tails.chunkOf(i);
      }
      const at = chunk ? i - chunk.start : -1;
      if (at >= 0 && at < chunk!.ends.length) {
        sink.copy(chunk!.bytes, at === 0 ? 0 : chunk!.ends[at - 1], chunk!.ends[at]);
      } else {
        encode.writeRow(sink, plan.outputCells(i, why), why);
      }
      sink.byte(CR);
      sink.byte(LF);
      const drained = sink.drained();
      if (drained) await drained;
      if (plan.onProgress && (i + 1) % PROGRESS_EVERY === 0) plan.onProgress(i + 1);
    }
    // A report's footer (footer.ts): after a blank line, as below the input's table (a run on
    // this output finds it again), its lines as full-width rows.
    if (sheet.footer?.length) (sink.byte(CR), sink.byte(LF));
    for (const f of sheet.footer ?? []) {
      for (let c = 0; c < sheet.columnCount + plan.outHeaders.length; c++) {
        if (c) sink.byte(COMMA);
        if (c < f.values.length) sink.text(quoteIfNeeded(csvInputCell(f.values[c])));
      }
      sink.byte(CR);
      sink.byte(LF);
    }
    await sink.end();
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  } finally {
    tails?.close();
  }
}

/**
 * The input fields of one CSV record, comma-separated: copied byte for byte when the field needs
 * no change, else decoded, formula-guarded and quoted.
 */
function copyFields(
  bytes: Buffer,
  spans: FieldSpans,
  fields: readonly number[],
  delimiter: number,
  sink: ByteSink,
): void {
  if (delimiter === COMMA && plainRecord(bytes, spans, fields)) {
    // The common case: the record's bytes as they are, one copy (short records padded).
    if (spans.count > 0) sink.copy(bytes, spans.start[0], spans.end[spans.count - 1]);
    for (let c = spans.count; c < fields.length; c++) sink.byte(COMMA);
    return;
  }
  for (let c = 0; c < fields.length; c++) {
    if (c) sink.byte(COMMA);
    const k = fields[c];
    if (k >= spans.count) continue;
    const s = spans.start[k];
    const e = spans.end[k];
    if (s === e) continue;
    if (!TRIGGER[bytes[s]]) {
      if (spans.quoted[k]) {
        sink.byte(QUOTE);
        sink.copy(bytes, s, e);
        sink.byte(QUOTE);
        continue;
      }
      let plain = true;
      if (delimiter !== COMMA) {
        for (let p = s; p < e; p++) if (bytes[p] === COMMA || bytes[p] === QUOTE) ((plain = false), (p = e));
      } else {
        for (let p = s; p < e; p++) if (bytes[p] === QUOTE) ((plain = false), (p = e));
      }
      if (plain) {
        sink.copy(bytes, s, e);
        continue;
      }
    }
    sink.text(csvField(fieldText(bytes, spans, k)));
  }
}

/** True when the record's fields are all unquoted, need no guard, and are the columns in order. */
function plainRecord(bytes: Buffer, spans: FieldSpans, fields: readonly number[]): boolean {
  if (spans.count > fields.length) return false;
  for (let k = 0; k < spans.count; k++) {
    if (fields[k] !== k || spans.quoted[k]) return false;
    const s = spans.start[k];
    const e = spans.end[k];
    if (s < e && TRIGGER[bytes[s]]) return false;
    for (let p = s; p < e; p++) if (bytes[p] === QUOTE) return false;
  }
  return true;
}
