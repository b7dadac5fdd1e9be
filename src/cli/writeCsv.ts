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
import type { CellValue } from "../engine/types";
import { csvSafeText, plainNumber } from "./cellSafety";
import { FieldSpans, fieldText, scanRecord } from "./csvScan";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput, type OutputFile } from "./outputFile";
import { inputRowReader } from "./sheet";

const NEEDS_QUOTES = /[",\r\n]/;

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

const quoteIfNeeded = (s: string) => (NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A cell's date as `yyyy-mm-dd` (UTC), with the time only when it has one. */
function isoDateTime(d: Date): string {
  const iso = d.toISOString();
  const time = iso.slice(11, 19);
  return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/**
 * The §11 cells as CSV text (the same as csvOutputCell, then quoteIfNeeded), remembering each
 * date's text: next-contact dates recur from row to row. (Texts are not memoised: hashing a
 * freshly built Why line costs more than checking it.)
 */
class CellEncoder {
  private readonly dates = new Map<number, string>();
  private readonly isDate: boolean[];
  /** Beyond this many distinct dates, a date is formatted each time. */
  private static readonly MAX = 1 << 16;
  constructor(kinds: readonly OutputKind[]) {
    this.isDate = kinds.map((k) => k === "date");
  }

  cell(v: string | number | null, k: number): string {
    if (typeof v === "string") {
      // Texts are guarded, then quoted when needed; one not starting like a formula needs no guard.
      const c = v.charCodeAt(0);
      return quoteIfNeeded(c < 128 && TRIGGER[c] ? csvSafeText(v) : v);
    }
    // Numbers and dates never need quotes.
    if (v === null || !Number.isFinite(v)) return "";
    if (!this.isDate[k]) return plainNumber(v);
    let d = this.dates.get(v);
    if (d === undefined) {
      d = formatIsoDay(v);
      if (this.dates.size < CellEncoder.MAX) this.dates.set(v, d);
    }
    return d;
  }
}

/** Bytes into large chunks handed to the file stream (back-pressure respected). */
class ByteSink {
  private buf = Buffer.allocUnsafe(ByteSink.SIZE);
  private pos = 0;
  static readonly SIZE = 1 << 20;
  constructor(private readonly out: OutputFile) {}

  /** Room for `n` more bytes; flushes first when short. */
  room(n: number): Promise<void> | void {
    if (this.pos + n <= this.buf.length) return;
    return this.flush(n);
  }
  private async flush(n = 0): Promise<void> {
    if (this.pos > 0) await this.out.write(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(ByteSink.SIZE, n));
    this.pos = 0;
  }
  text(s: string): void {
    this.pos += this.buf.write(s, this.pos, "utf8");
  }
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }
  copy(src: Buffer, start: number, end: number): void {
    this.pos += src.copy(this.buf, this.pos, start, end);
  }
  end(): Promise<void> {
    return this.flush();
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CRLF = "\r\n";

/** True when the first byte could start a formula (`=`, `+`, `-`, `@`, tab, CR). */
const TRIGGER = new Uint8Array(256);
for (const c of "=+-@\t\r") TRIGGER[c.charCodeAt(0)] = 1;

export async function writeCsv(file: string, plan: OutputPlan): Promise<void> {
  const { sheet } = plan;
  const out = await openOutput(file);
  const sink = new ByteSink(out);
  try {
    const header = sheet.headers
      .map((h) => quoteIfNeeded(csvInputCell(h)))
      .concat(plan.outHeaders.map(csvField));
    await sink.room(4 * 1024 + 3 * header.join(",").length);
    sink.text("\uFEFF" + header.join(",") + CRLF);
    const csv = sheet.csv;
    const spans = new FieldSpans();
    const readRow = csv ? null : inputRowReader(sheet);
    const input: unknown[] = new Array(sheet.columnCount);
    // Records the reader found plain are copied whole when the columns are the file's, in order.
    const copyWhole = csv !== undefined && csv.delimiter === COMMA && csv.fields.every((f, c) => f === c);
    const encode = new CellEncoder(plan.kinds);
    for (let i = 0; i < sheet.rowCount; i++) {
      const cells = plan.outputCells(i);
      let line = "";
      for (let k = 0; k < cells.length; k++) line += "," + encode.cell(cells[k], k);
      if (csv) {
        const start = csv.rowStart[i];
        const room = sink.room(2 * (csv.rowEnd[i] - start) + 4 * sheet.columnCount + 3 * line.length + 8);
        if (room) await room;
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
        let text = "";
        for (let c = 0; c < sheet.columnCount; c++)
          text += (c ? "," : "") + quoteIfNeeded(csvInputCell(input[c]));
        line = text + line;
        await sink.room(3 * line.length + 8);
      }
      sink.text(line + CRLF);
      if (plan.onProgress && (i + 1) % PROGRESS_EVERY === 0) plan.onProgress(i + 1);
    }
    await sink.end();
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
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
