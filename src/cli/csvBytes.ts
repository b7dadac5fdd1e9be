/**
 * CSV bytes: the §11 cells of a row encoded straight into a byte buffer (CellBytes), and the
 * buffer itself (ByteSink), handed to an output file chunk by chunk or kept in memory (the rows a
 * worker thread encodes: rowTails.ts). Both writers of CSV rows use these, so the bytes are the
 * same whichever thread made them.
 */
import { formatIsoDay } from "../engine/days";
import { WHY_COLUMN, type OutputCell, type WhyPieces } from "../engine/report/columns";
import { csvSafeText, PLAIN_NUMBER_MAX_BYTES, plainNumber, plainNumberInto } from "./cellSafety";
import type { OutputKind } from "./outputPlan";
import type { OutputFile } from "./outputFile";

export const NEEDS_QUOTES = /[",\r\n]/;

/** A text quoted (RFC 4180) when it holds `"`, `,`, CR or LF. */
export const quoteIfNeeded = (s: string) => (NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const COMMA = 0x2c;
export const QUOTE = 0x22;
export const CR = 0x0d;
export const LF = 0x0a;

/** True when the first byte could start a formula (`=`, `+`, `-`, `@`, tab, CR). */
export const TRIGGER = new Uint8Array(256);
for (const c of "=+-@\t\r") TRIGGER[c.charCodeAt(0)] = 1;

/**
 * The §11 cells as CSV bytes, written straight into the sink: the same text as csvOutputCell,
 * then quoteIfNeeded. Most cells are one of a few texts or numbers (tier, class, level, action,
 * dates, small whole numbers), so each column remembers its cells' bytes, encoded once and copied
 * after: whole numbers (dates, indexes) in a table by value, texts in a small direct-mapped cache
 * checked with === (the labels are the same string objects row after row). A Map per cell cost
 * about 70 ns; these cost a few. A fraction (the share) is written in place, never remembered; a
 * column whose texts rarely repeat (the Why line) stops remembering after a trial.
 */
export class CellBytes {
  private readonly columns: ColumnBytes[];

  constructor(kinds: readonly OutputKind[]) {
    this.columns = kinds.map((k) => new ColumnBytes(k === "date"));
  }

  /** Writes ",cell" for cell v of output column k. */
  write(sink: ByteSink, v: string | number | null, k: number): void {
    sink.byte(COMMA);
    if (v === null) return;
    if (typeof v === "number") {
      if (v - v === 0) this.columns[k].number(sink, v); // NaN and ±Infinity: empty
    } else this.columns[k].text(sink, v);
  }

  /** Writes a row's ",cell" for each output cell; with `why`, the Why cell from its pieces (outputRow's whyOut). */
  writeRow(sink: ByteSink, cells: readonly OutputCell[], why?: WhyPieces): void {
    for (let k = 0; k < cells.length; k++) {
      if (why && k === WHY_COLUMN) this.writePieces(sink, why.pieces, why.count, k);
      else this.write(sink, cells[k], k);
    }
  }

  /**
   * Writes ",cell" for a text given as pieces (joined, they are the text): each piece's bytes are
   * remembered by identity and copied (the Why line is a few of the same pieces row after row), so
   * the line is neither joined nor encoded. A text that starts like a formula, or a piece that must
   * be quoted, is written whole as text() writes it, so the bytes are the same either way.
   */
  writePieces(sink: ByteSink, pieces: readonly string[], count: number, k: number): void {
    sink.byte(COMMA);
    let length = 0;
    let first = -1;
    for (let j = 0; j < count; j++) {
      const n = pieces[j].length;
      if (first < 0 && n > 0) first = pieces[j].charCodeAt(0);
      length += n;
    }
    if (length === 0) return;
    const col = this.columns[k];
    if (!(first < 128 && TRIGGER[first])) {
      // Room for all of it now, so no chunk is handed over mid-cell and the cell can be taken back.
      sink.room(3 * length);
      const start = sink.length;
      let j = 0;
      while (j < count && col.piece(sink, pieces[j])) j++;
      if (j === count) return;
      sink.rewind(start);
    }
    let text = "";
    for (let j = 0; j < count; j++) text += pieces[j];
    col.text(sink, text);
  }
}

/** One output column's remembered cells (see CellBytes). */
class ColumnBytes {
  /** Whole numbers from `base` on: their bytes by value − base (dates, indexes, gaps). */
  private ints: (Uint8Array | undefined)[] | null = null;
  private base = 0;
  private readonly keys: (string | null)[] = new Array<string | null>(TEXT_SLOTS).fill(null);
  private readonly texts: Uint8Array[] = new Array<Uint8Array>(TEXT_SLOTS);
  private lookups = 0;
  private hits = 0;
  private remember = true;
  /** Pieces of texts (writePieces): each one's bytes, or null when it must be quoted. */
  private pieceKeys: (string | null)[] | null = null;
  private readonly pieceBytes: (Uint8Array | null)[] = [];

  constructor(private readonly isDate: boolean) {}

  number(sink: ByteSink, v: number): void {
    if ((v | 0) !== v) {
      if (this.isDate) sink.ascii(formatIsoDay(v));
      else sink.plainNumber(v); // a fraction: the share, a growth
      return;
    }
    let ints = this.ints;
    if (ints === null) {
      ints = this.ints = new Array<Uint8Array | undefined>(INT_SLOTS);
      this.base = v - (INT_SLOTS >> 1);
    }
    const j = v - this.base;
    if (j < 0 || j >= INT_SLOTS) {
      if (this.isDate) sink.ascii(formatIsoDay(v));
      else sink.plainNumber(v);
      return;
    }
    let bytes = ints[j];
    if (bytes === undefined) bytes = ints[j] = asciiBytes(this.isDate ? formatIsoDay(v) : plainNumber(v));
    sink.bytes(bytes);
  }

  text(sink: ByteSink, v: string): void {
    const n = v.length;
    if (n === 0) return;
    if (!this.remember) return textCell(sink, v);
    // A hash of the length and three characters: labels differ in them (RFM "545" in all three).
    const slot =
      (n * 31 + v.charCodeAt(0) * 7 + v.charCodeAt(n >> 1) * 3 + v.charCodeAt(n - 1)) & (TEXT_SLOTS - 1);
    if (this.keys[slot] === v) {
      this.hits++;
      sink.bytes(this.texts[slot]);
      return;
    }
    if (++this.lookups === TEXT_TRIAL && this.hits < TEXT_TRIAL / 2) this.remember = false;
    const bytes = Buffer.from(cellText(v), "utf8");
    this.keys[slot] = v;
    this.texts[slot] = bytes;
    sink.bytes(bytes);
  }

  /**
   * A piece of a text cell (CellBytes.writePieces), its UTF-8 written as is; false, with nothing
   * written, when it holds `"`, `,`, CR, LF or a surrogate. Its bytes (or that it failed) are
   * remembered by identity in a direct-mapped table: the labels are the same string objects.
   */
  piece(sink: ByteSink, v: string): boolean {
    const n = v.length;
    if (n === 0) return true;
    const keys = (this.pieceKeys ??= new Array<string | null>(PIECE_SLOTS).fill(null));
    // Every character counts: 超期未联系12天 and 超期未联系13天 differ in one digit in the middle.
    let h = n;
    for (let j = 0; j < n; j++) h = (h * 31 + v.charCodeAt(j)) | 0;
    const slot = (h ^ (h >>> 13)) & (PIECE_SLOTS - 1);
    if (keys[slot] === v) {
      const known = this.pieceBytes[slot];
      if (known === null) return false;
      sink.bytes(known);
      return true;
    }
    const start = sink.length;
    const plain = sink.plainUtf8(v);
    keys[slot] = v;
    this.pieceBytes[slot] = plain ? sink.copyOf(start, sink.length) : null;
    return plain;
  }
}

/** Pieces a column remembers (direct-mapped; a Why column has a few thousand: day counts, percents). */
const PIECE_SLOTS = 8192;

/** Whole numbers a column remembers: a range of 65,536 values (179 years of dates) from the first. */
const INT_SLOTS = 1 << 16;
/** Texts a column remembers (direct-mapped). */
const TEXT_SLOTS = 256;
/** Lookups after which a text column that rarely repeats stops remembering. */
const TEXT_TRIAL = 4096;

/** A §11 text cell as CSV text: guarded when it starts like a formula, quoted when needed. */
function cellText(v: string): string {
  const c = v.charCodeAt(0);
  return quoteIfNeeded(c < 128 && TRIGGER[c] ? csvSafeText(v) : v);
}

/** A text cell not remembered (the Why line): encoded in place when it needs no guard or quotes. */
function textCell(sink: ByteSink, v: string): void {
  const c = v.charCodeAt(0);
  if ((c < 128 && TRIGGER[c]) || !sink.plainUtf8(v)) sink.text(cellText(v));
}

function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let j = 0; j < s.length; j++) out[j] = s.charCodeAt(j);
  return out;
}

/**
 * Bytes into large chunks handed to the file stream. Writing never waits: a full chunk is handed
 * over and a new one started. Up to IN_FLIGHT chunks may be on their way; the caller awaits
 * `drained()` between rows, which past that waits for the oldest chunk only, so the disk always
 * has the next chunks while the rows after them are built. A failed write surfaces there.
 */
export class ByteSink {
  private buf = Buffer.allocUnsafe(ByteSink.SIZE);
  private pos = 0;
  private readonly inFlight: Promise<void>[] = [];
  /** Buffers of chunks already written, to fill again. */
  private readonly spare: Buffer<ArrayBuffer>[] = [];
  static readonly SIZE = 1 << 20;
  private static readonly IN_FLIGHT = 4;
  /** `out`: the file chunks go to; null keeps every byte in memory (see taken()). */
  constructor(private readonly out: OutputFile | null) {}

  /** Bytes in the current chunk (a memory sink: written since the last taken()). */
  get length(): number {
    return this.pos;
  }

  /** Takes back what was written after `length` was `at` (within one chunk: see writePieces). */
  rewind(at: number): void {
    this.pos = at;
  }

  /** A copy of bytes [start, end) of the current chunk (Buffer's own slice would share its memory). */
  copyOf(start: number, end: number): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, start, end);
  }

  /** The bytes in memory, and a fresh start (memory sink). */
  taken(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.buf.buffer.slice(this.buf.byteOffset, this.buf.byteOffset + this.pos));
    this.pos = 0;
    return bytes;
  }

  /** Makes room for `n` more bytes (handing the chunk over when short, or growing in memory). */
  room(n: number): void {
    if (this.pos + n > this.buf.length) this.handOver(n);
  }
  private handOver(n: number): void {
    if (!this.out) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
      return;
    }
    let next: Buffer<ArrayBuffer> | undefined;
    if (this.pos > 0) {
      const full = this.buf;
      const sent = this.out.send(full.subarray(0, this.pos));
      // Once written, the chunk's buffer is used again: a fresh megabyte per chunk is external
      // memory that keeps V8 running full collections while a large file is written.
      sent.then(
        () =>
          void (
            full.length === ByteSink.SIZE &&
            this.spare.length < ByteSink.IN_FLIGHT + 2 &&
            this.spare.push(full)
          ),
        () => undefined, // the error is seen by drained() or end(): never an unhandled rejection
      );
      this.inFlight.push(sent);
      if (n <= ByteSink.SIZE) next = this.spare.pop();
    }
    this.buf = next ?? Buffer.allocUnsafe(Math.max(ByteSink.SIZE, n));
    this.pos = 0;
  }
  /** The oldest chunk's write, when too many are on their way (else undefined: go on). */
  drained(): Promise<void> | undefined {
    return this.inFlight.length > ByteSink.IN_FLIGHT ? this.inFlight.shift() : undefined;
  }
  /** UTF-8 text of any length. */
  text(s: string): void {
    this.room(3 * s.length);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }
  /**
   * UTF-8 of a text that needs no quotes, written in place (no call into C++ for a short line);
   * false, with nothing written, when it holds `"`, `,`, CR, LF or a surrogate (the caller then
   * quotes it, or lets Buffer encode the surrogates).
   */
  plainUtf8(s: string): boolean {
    const n = s.length;
    this.room(3 * n);
    const buf = this.buf;
    let p = this.pos;
    for (let j = 0; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c < 0x80) {
        if (c === QUOTE || c === COMMA || c === CR || c === LF) return false;
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) return false;
      else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
    return true;
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
    const n = end - start;
    this.room(n);
    // A plain Uint8Array view: Buffer's subarray goes through its class constructor, and a
    // million rows' input records copied this way took 75 ms instead of 45.
    if (n > 64) this.buf.set(new Uint8Array(src.buffer, src.byteOffset + start, n), this.pos);
    else {
      // A few bytes (a share, a field): a loop, cheaper than a view and a call into C++.
      const buf = this.buf;
      const p = this.pos;
      for (let j = 0; j < n; j++) buf[p + j] = src[start + j];
    }
    this.pos += n;
  }
  async end(): Promise<void> {
    if (!this.out) return;
    this.handOver(0);
    for (const sent of this.inFlight.splice(0)) await sent;
  }
}
