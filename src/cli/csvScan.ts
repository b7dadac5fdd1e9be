/**
 * A byte-level CSV scanner (RFC 4180, read leniently): the file stays one UTF-8 buffer and a
 * record is split into field offsets on demand, so the CLI decodes only the columns the engine
 * reads and copies the other cells' bytes through to the output unchanged.
 *
 * Lenient as spreadsheets are: a quote inside an unquoted field is a character, text after a
 * closing quote belongs to the field; CRLF, LF or a lone CR ends a record outside quotes.
 * Strict where data would be lost: a quote opened and never closed is an error naming its line.
 */
import { withRoom } from "./growable";

export const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Field offsets of one record, reused from record to record. */
export class FieldSpans {
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** 1: the field was quoted (its bytes are between the quotes, `""` still doubled). */
  quoted = new Uint8Array(64);
  count = 0;
  /** 1 when some field is quoted, holds a quote, or starts like a formula: not copied as is. */
  special = 0;

  /** Room for `n` fields (a record of L bytes has at most L + 1). */
  reserve(n: number): void {
    this.start = withRoom(this.start, n);
    this.end = withRoom(this.end, n);
    this.quoted = withRoom(this.quoted, n);
  }

  push(s: number, e: number, q: number): void {
    if (this.count === this.start.length) this.reserve(this.count + 1);
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.quoted[this.count] = q;
    this.count++;
  }
}

/** Bytes that may start a formula (`=`, `+`, `-`, `@`, tab, CR): such a field is checked by the writer. */
export const FORMULA_START = new Uint8Array(256);
for (const c of "=+-@\t\r") FORMULA_START[c.charCodeAt(0)] = 1;

/** A quote opened at byte `offset` and never closed. */
export class UnclosedQuote extends Error {
  constructor(readonly offset: number) {
    super("unclosed quote");
  }
}

/**
 * Splits the record starting at `pos` into `spans`; returns the offset after its line break
 * (or `bytes.length`). Throws UnclosedQuote.
 */
export function scanRecord(bytes: Uint8Array, pos: number, delimiter: number, spans: FieldSpans): number {
  spans.count = 0;
  spans.special = 0;
  const n = bytes.length;
  let p = pos;
  for (;;) {
    if (p < n && FORMULA_START[bytes[p]]) spans.special = 1;
    if (p < n && bytes[p] === QUOTE) {
      spans.special = 1;
      const open = p;
      let q = p + 1;
      for (;;) {
        const close = bytes.indexOf(QUOTE, q);
        if (close < 0) throw new UnclosedQuote(open);
        if (bytes[close + 1] === QUOTE) {
          q = close + 2;
          continue;
        }
        q = close;
        break;
      }
      p = q + 1;
      if (p < n && bytes[p] !== delimiter && bytes[p] !== LF && bytes[p] !== CR) {
        // `"a"b`: the text after the closing quote is part of the field (taken as written).
        while (p < n && bytes[p] !== delimiter && bytes[p] !== LF && bytes[p] !== CR) p++;
        spans.push(open, p, 0);
      } else {
        spans.push(open + 1, q, 1);
      }
    } else {
      const s = p;
      while (p < n) {
        const b = bytes[p];
        if (b === delimiter || b === LF || b === CR) break;
        if (b === QUOTE) spans.special = 1;
        p++;
      }
      spans.push(s, p, 0);
    }
    if (p >= n) return n;
    const b = bytes[p];
    if (b === delimiter) {
      p++;
      continue;
    }
    if (b === CR && bytes[p + 1] === LF) return p + 2;
    return p + 1;
  }
}

/**
 * Splits records exactly as scanRecord does, faster for the common record, one with no quote and
 * no lone CR: its end is found with indexOf (memchr) and its fields split in one tight loop on the
 * delimiter. The file's next quote and next CR are looked up once and remembered, so a file
 * without quotes is searched for them once in all. Other records go to scanRecord.
 */
export class RecordSplitter {
  private nextQuote = -1;
  private nextCr = -1;
  /** The bytes' memory as 32-bit words (null on a big-endian machine: then byte by byte). */
  private readonly words: Uint32Array | null;
  /** Offset of bytes[0] in that memory. */
  private readonly base: number;
  /** The delimiter in each byte of a word. */
  private readonly pattern: number;

  constructor(
    private readonly bytes: Buffer,
    private readonly delimiter: number,
  ) {
    this.words = LITTLE_ENDIAN ? new Uint32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2) : null;
    this.base = bytes.byteOffset;
    this.pattern = Math.imul(delimiter, 0x01010101);
  }

  /** As scanRecord(bytes, pos, delimiter, spans). */
  split(pos: number, spans: FieldSpans): number {
    const bytes = this.bytes;
    const n = bytes.length;
    if (this.nextQuote < pos) {
      const q = bytes.indexOf(QUOTE, pos);
      this.nextQuote = q < 0 ? n : q;
    }
    if (this.nextCr < pos) {
      const c = bytes.indexOf(CR, pos);
      this.nextCr = c < 0 ? n : c;
    }
    let lf = bytes.indexOf(LF, pos);
    if (lf < 0) lf = n;
    const end = lf > pos && this.nextCr === lf - 1 ? lf - 1 : lf; // CRLF, or a CR ending the file
    if (this.nextQuote < lf || this.nextCr < end) return scanRecord(bytes, pos, this.delimiter, spans);
    spans.reserve(end - pos + 1);
    const k = this.fields(pos, end, spans);
    spans.quoted.fill(0, 0, k);
    spans.count = k;
    return lf < n ? lf + 1 : n;
  }

  /**
   * The fields of bytes[pos, end) (no quote, no CR), four bytes a step: a word's delimiters are
   * found with the exact zero-byte test (no false positives) on word ^ pattern, then taken lowest
   * first. Fields average a few bytes, so about every other word holds one; still 1.5× faster than
   * a byte loop (V8 reads about one byte a nanosecond that way). The bytes before the first whole
   * word and after the last go byte by byte, as all of them do on a big-endian machine (no words).
   * As scanRecord: `special` when a field's first byte (or, empty, the byte after it) may start a
   * formula. Returns the field count.
   */
  private fields(pos: number, end: number, spans: FieldSpans): number {
    const bytes = this.bytes;
    const words = this.words;
    const base = this.base;
    const d = this.delimiter;
    const starts = spans.start;
    const ends = spans.end;
    let k = 0;
    let s = pos;
    let special = FORMULA_START[bytes[pos]];
    let p = pos;
    for (; p < end && (words === null || ((base + p) & 3) !== 0); p++) {
      if (bytes[p] === d) {
        starts[k] = s;
        ends[k++] = p;
        s = p + 1;
        special |= FORMULA_START[bytes[s]];
      }
    }
    if (words !== null) {
      const pattern = this.pattern;
      const lastWord = (base + end) >> 2;
      for (let w = (base + p) >> 2; w < lastWord; w++) {
        const x = words[w] ^ pattern;
        let found = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f); // 0x80 in each delimiter byte
        while (found !== 0) {
          const at = (w << 2) - base + ((31 - Math.clz32(found & -found)) >> 3);
          starts[k] = s;
          ends[k++] = at;
          s = at + 1;
          special |= FORMULA_START[bytes[s]];
          found &= found - 1;
        }
      }
      p = Math.max(p, (lastWord << 2) - base);
    }
    for (; p < end; p++) {
      if (bytes[p] === d) {
        starts[k] = s;
        ends[k++] = p;
        s = p + 1;
        special |= FORMULA_START[bytes[s]];
      }
    }
    starts[k] = s;
    ends[k++] = end;
    spans.special = special;
    return k;
  }
}

/** Whether this machine stores words low byte first (RecordSplitter.fields reads bytes in that order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Buffer's own UTF-8 decoder, what `toString("utf8", s, e)` calls after checking its arguments
 * and looking up the encoding: called directly, a million fields decode about a second faster
 * (offsets here are always within the buffer). toString when a runtime lacks it.
 */
const utf8Slice = (
  Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, s: number, e: number) => string }
).utf8Slice;

/** The text of field k (quotes removed, `""` → `"`). */
export function fieldText(bytes: Buffer, spans: FieldSpans, k: number): string {
  if (k >= spans.count) return "";
  return spanText(bytes, spans.start[k], spans.end[k], spans.quoted[k]);
}

/** The text of bytes[s, e), a field's bytes (quoted: between its quotes, `""` → `"`). */
export function spanText(bytes: Buffer, s: number, e: number, quoted: number): string {
  if (s === e) return "";
  const text = utf8Slice ? utf8Slice.call(bytes, s, e) : bytes.toString("utf8", s, e);
  return quoted && text.includes('"') ? text.replace(/""/g, '"') : text;
}

/** True when every field of the record is empty or blank. */
export function isBlankRecord(bytes: Uint8Array, spans: FieldSpans): boolean {
  for (let k = 0; k < spans.count; k++) {
    for (let p = spans.start[k]; p < spans.end[k]; p++) {
      const b = bytes[p];
      if (b !== 0x20 && b !== 0x09) return false;
    }
  }
  return true;
}

/** 1-based line number of byte `offset` (counts LF, and CR not followed by LF). */
export function lineOf(bytes: Uint8Array, offset: number): number {
  return 1 + lineBreaksIn(bytes, 0, offset);
}

/** The line breaks in bytes[from, to): each LF, and each CR not followed by LF. */
export function lineBreaksIn(bytes: Uint8Array, from: number, to: number): number {
  let breaks = 0;
  for (let p = from; p < to; p++) {
    const b = bytes[p];
    if (b === LF || (b === CR && bytes[p + 1] !== LF)) breaks++;
  }
  return breaks;
}
