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
import { csvSafeText, PLAIN_NUMBER_MAX_BYTES, plainNumber, plainNumberInto } from "./cellSafety";
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
 * The §11 cells as CSV bytes, written straight into the sink: the same text as csvOutputCell,
 * then quoteIfNeeded. Most cells are one of a few texts or numbers (tier, class, level, action,
 * dates, small whole numbers), so each column remembers its cells' bytes: encoded once, copied
 * after. A column whose texts rarely repeat (the Why line) stops remembering after a trial.
 */
class CellBytes {
  private readonly memo: Map<string | number, Uint8Array>[];
  private readonly lookups: number[];
  private readonly hits: number[];
  private readonly isDate: boolean[];
  /** Distinct cells remembered per column. */
  private static readonly MAX = 1 << 12;
  /** Lookups after which a column that rarely repeats stops remembering. */
  private static readonly TRIAL = 4096;

  constructor(kinds: readonly OutputKind[]) {
    this.isDate = kinds.map((k) => k === "date");
    this.memo = kinds.map(() => new Map());
    this.lookups = kinds.map(() => 0);
    this.hits = kinds.map(() => 0);
  }

  /** Writes ",cell" for cell v of output column k. */
  write(sink: ByteSink, v: string | number | null, k: number): void {
    sink.byte(COMMA);
    if (v === null || (typeof v === "number" && !Number.isFinite(v))) return;
    const tries = this.lookups[k];
    if (tries >= CellBytes.TRIAL && this.hits[k] < tries / 2) {
      this.writeText(sink, v, k); // no memo: a column of unique cells
      return;
    }
    this.lookups[k] = tries + 1;
    const memo = this.memo[k];
    const known = memo.get(v);
    if (known !== undefined) {
      this.hits[k]++;
      sink.bytes(known);
      return;
    }
    if (memo.size >= CellBytes.MAX) {
      this.writeText(sink, v, k);
      return;
    }
    const bytes = Buffer.from(this.text(v, k), "utf8");
    memo.set(v, bytes);
    sink.bytes(bytes);
  }

  private writeText(sink: ByteSink, v: string | number, k: number): void {
    if (typeof v !== "number") sink.text(this.text(v, k));
    else if (this.isDate[k]) sink.ascii(formatIsoDay(v));
    else sink.plainNumber(v);
  }

  /** The cell's CSV text: a number plain, a date ISO, a text guarded and quoted when needed. */
  private text(v: string | number, k: number): string {
    if (typeof v === "number") return this.isDate[k] ? formatIsoDay(v) : plainNumber(v);
    const c = v.charCodeAt(0);
    return quoteIfNeeded(c < 128 && TRIGGER[c] ? csvSafeText(v) : v);
  }
}

/**
 * Bytes into large chunks handed to the file stream. Writing never waits: a full chunk is handed
 * over and a new one started; the caller awaits `drained()` between rows, so the stream's
 * back-pressure holds (at most one chunk beyond its high-water mark) and its errors surface.
 */
class ByteSink {
  private buf = Buffer.allocUnsafe(ByteSink.SIZE);
  private pos = 0;
  private pending: Promise<void> | null = null;
  static readonly SIZE = 1 << 20;
  constructor(private readonly out: OutputFile) {}

  /** Makes room for `n` more bytes (handing the chunk over when short). */
  room(n: number): void {
    if (this.pos + n > this.buf.length) this.handOver(n);
  }
  private handOver(n: number): void {
    if (this.pos > 0) {
      const written = this.out.write(this.buf.subarray(0, this.pos));
      // Promise.all watches both at once: a failed write is never an unhandled rejection, and
      // surfaces at the next drained().
      this.pending = this.pending ? Promise.all([this.pending, written]).then(() => undefined) : written;
    }
    this.buf = Buffer.allocUnsafe(Math.max(ByteSink.SIZE, n));
    this.pos = 0;
  }
  /** When the stream has taken what was handed over (undefined when nothing waits). */
  drained(): Promise<void> | undefined {
    const p = this.pending;
    this.pending = null;
    return p ?? undefined;
  }
  /** UTF-8 text of any length. */
  text(s: string): void {
    this.room(3 * s.length);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }
  /** Text known to be ASCII (numbers, dates). */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let j = 0; j < s.length; j++) buf[p++] = s.charCodeAt(j);
    this.pos = p;
  }
  /** A number as plainNumber writes it. */
  plainNumber(n: number): void {
    this.room(PLAIN_NUMBER_MAX_BYTES);
    this.pos = plainNumberInto(n, this.buf, this.pos);
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }
  /** A few bytes (a remembered cell): copied in a loop, cheaper than a call into C++ for so few. */
  bytes(src: Uint8Array): void {
    const n = src.length;
    if (n > 64) return this.copy(src, 0, n);
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let j = 0; j < n; j++) buf[p++] = src[j];
    this.pos = p;
  }
  copy(src: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    this.buf.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
  }
  async end(): Promise<void> {
    this.handOver(0);
    await this.drained();
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CRLF = "\r\n";
const CR = 0x0d;
const LF = 0x0a;

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
    sink.text("\uFEFF" + header.join(",") + CRLF);
    const csv = sheet.csv;
    const spans = new FieldSpans();
    const readRow = csv ? null : inputRowReader(sheet);
    const input: unknown[] = new Array(sheet.columnCount);
    // Records the reader found plain are copied whole when the columns are the file's, in order.
    const copyWhole = csv !== undefined && csv.delimiter === COMMA && csv.fields.every((f, c) => f === c);
    const encode = new CellBytes(plan.kinds);
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
      const cells = plan.outputCells(i);
      for (let k = 0; k < cells.length; k++) encode.write(sink, cells[k], k);
      sink.byte(CR);
      sink.byte(LF);
      const drained = sink.drained();
      if (drained) await drained;
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
