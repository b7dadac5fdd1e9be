/**
 * The columns of a CSV the engine and the summary read, decoded chunk by chunk as splitRecords
 * (csvRecords.ts) delivers them: a chunk's records are still in the CPU's cache (decoding column
 * by column over the whole file went back to every record once per column: a cache miss per
 * cell, a second per column on a 1 M-row file).
 *
 *   - a text column: each field's text; a text equal byte for byte to the one remembered in its
 *     slot is that same string (regions, owners, 熟悉程度 repeat), not decoded again;
 *   - a number or date field (FIELD_READS): the numbers of its plain texts, parsed from the bytes
 *     (csvCells.ts), in a Float64Array, NaN for a blank; a field that is not plain keeps its text
 *     for the engine. Parsed here, not on the records worker: splitting keeps that thread busier
 *     than this one (moving the parsing here made reading 1 M rows 0.18 s faster);
 *   - the customer's id and name: only each field's place in the file (CsvTexts), never decoded
 *     here. The engine reads them as UTF-8 bytes (engine/utf8Texts.ts): a million ids and a
 *     million names as strings cost 0.27 s to decode, and as much again in garbage collection.
 */
import type { FieldRead } from "../engine/fieldReads";
import type { Utf8Texts } from "../engine/utf8Texts";
import { isoDateSerialOfBytes, plainNumberOfBytes } from "./csvCells";
import type { KeptField, RecordChunk } from "./csvRecords";
import { QUOTE, spanText } from "./csvScan";
import { withRoom } from "./growable";

/** A number or date column as read: the numbers, and the texts of the cells that were not plain. */
export interface ParsedColumn {
  read: FieldRead;
  /** The number of each plain cell (a date as its Excel serial); NaN for a blank or a text. */
  values: Float64Array;
  /** Row → text of each cell that is not blank and not plain. */
  texts: Map<number, string>;
}

/** Texts a text column remembers (direct-mapped by length and end bytes; a power of two). */
const TEXT_SLOTS = 64;
/** Rows after which a column whose texts rarely repeat (names, IDs) stops looking for repeats. */
const MEMO_TRIAL = 4096;

class TextColumn {
  readonly cells: (string | null)[] = [];
  private readonly keyStart = new Int32Array(TEXT_SLOTS).fill(-1);
  private readonly keyEnd = new Int32Array(TEXT_SLOTS);
  private readonly keyQuoted = new Uint8Array(TEXT_SLOTS);
  private readonly texts: string[] = new Array<string>(TEXT_SLOTS).fill("");
  private seen = 0;
  private hits = 0;
  private memo = true;

  constructor(private readonly bytes: Buffer) {}

  add(s: number, e: number, quoted: number): void {
    if (s === e) {
      this.cells.push("");
      return;
    }
    const bytes = this.bytes;
    if (!this.memo) {
      this.cells.push(spanText(bytes, s, e, quoted));
      return;
    }
    // One slot to look at: regions and owners differ in their length or last bytes (华东/华南).
    const len = e - s;
    const slot = (len * 31 + bytes[s] * 7 + bytes[e - 1] * 3 + bytes[e - 2] + quoted) & (TEXT_SLOTS - 1);
    const ks = this.keyStart[slot];
    if (ks >= 0 && this.keyEnd[slot] - ks === len && this.keyQuoted[slot] === quoted) {
      let p = len - 1; // from the end: texts with one prefix differ there
      while (p >= 0 && bytes[ks + p] === bytes[s + p]) p--;
      if (p < 0) {
        this.hits++;
        this.cells.push(this.texts[slot]);
        return;
      }
    }
    if (++this.seen === MEMO_TRIAL && this.hits < MEMO_TRIAL / 2) this.memo = false;
    const text = spanText(bytes, s, e, quoted);
    this.cells.push(text);
    this.keyStart[slot] = s;
    this.keyEnd[slot] = e;
    this.keyQuoted[slot] = quoted;
    this.texts[slot] = text;
  }
}

class NumberColumn {
  values = new Float64Array(1 << 16);
  readonly texts = new Map<number, string>();

  constructor(
    private readonly bytes: Buffer,
    readonly read: FieldRead,
  ) {}

  /**
   * Rows [first, first + rows): the number of each plain cell (csvCells.ts), NaN for a blank; a
   * cell that is not plain (quoted, or text like "1.2万") keeps its text for the engine.
   */
  addSpans(first: number, rows: number, start: Int32Array, end: Int32Array, quoted: Uint8Array): void {
    const values = (this.values = withRoom(this.values, first + rows));
    const bytes = this.bytes;
    const parse = this.read === "date" ? isoDateSerialOfBytes : plainNumberOfBytes;
    for (let r = 0; r < rows; r++) {
      const s = start[r];
      const e = end[r];
      const x = s >= 0 && s !== e && !quoted[r] ? parse(bytes, s, e) : NaN;
      values[first + r] = x;
      if (x !== x && s >= 0 && s !== e) this.texts.set(first + r, spanText(bytes, s, e, quoted[r]));
    }
  }
}

/**
 * A CSV column of texts as its fields' places in the file: cell i is bytes[start[i], end[i]),
 * decoded only when asked for (cell). `escaped` marks a quoted field with doubled quotes inside.
 */
export class CsvTexts implements Utf8Texts {
  readonly kind = "utf8";
  constructor(
    readonly bytes: Buffer,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly escaped: Uint8Array,
    readonly length: number,
  ) {}

  /** As TextColumn would have held it: the text, "" for an empty field, null past a short record's end. */
  cell(i: number): string | null {
    const s = this.start[i];
    return s < 0 ? null : spanText(this.bytes, s, this.end[i], this.escaped[i]);
  }
}

/** The places of a key column's fields, chunk by chunk (no text decoded). */
class SpanColumn {
  start = new Int32Array(1 << 16);
  end = new Int32Array(1 << 16);
  escaped = new Uint8Array(1 << 16);

  constructor(private readonly bytes: Buffer) {}

  addSpans(first: number, rows: number, start: Int32Array, end: Int32Array, quoted: Uint8Array): void {
    this.start = withRoom(this.start, first + rows);
    this.end = withRoom(this.end, first + rows);
    this.escaped = withRoom(this.escaped, first + rows);
    this.start.set(start.subarray(0, rows), first);
    this.end.set(end.subarray(0, rows), first);
    const bytes = this.bytes;
    for (let r = 0; r < rows; r++) {
      let escaped = 0;
      if (quoted[r])
        for (let p = start[r]; p < end[r]; p++) if (bytes[p] === QUOTE) ((escaped = 1), (p = end[r]));
      this.escaped[first + r] = escaped;
    }
  }

  texts(rowCount: number): CsvTexts {
    const { start, end, escaped } = this;
    return new CsvTexts(
      this.bytes,
      start.subarray(0, rowCount),
      end.subarray(0, rowCount),
      escaped,
      rowCount,
    );
  }
}

/** The kept fields of every data row, decoded as they are read. */
export class KeptColumns {
  private readonly text = new Map<number, TextColumn>();
  private readonly number = new Map<number, NumberColumn>();
  private readonly spans = new Map<number, SpanColumn>();
  private readonly fields: number[];
  private readonly columns: (TextColumn | NumberColumn | SpanColumn)[];
  /** Rows added so far. */
  private added = 0;

  /**
   * `fields`: record field → how the engine reads it (undefined: as text); `keys`: the fields
   * of the customer's id and name, kept as places in the file (CsvTexts).
   */
  constructor(
    bytes: Buffer,
    fields: Map<number, FieldRead | undefined>,
    keys: ReadonlySet<number> = new Set(),
  ) {
    this.fields = [...fields.keys()];
    this.columns = this.fields.map((k) => {
      const read = fields.get(k);
      if (keys.has(k) && !read) {
        const col = new SpanColumn(bytes);
        this.spans.set(k, col);
        return col;
      }
      if (read) {
        const col = new NumberColumn(bytes, read);
        this.number.set(k, col);
        return col;
      }
      const col = new TextColumn(bytes);
      this.text.set(k, col);
      return col;
    });
  }

  /** The kept fields in the order addChunk expects them (splitRecords' `kept`). */
  keptFields(): KeptField[] {
    return this.fields.map((field) => ({ field }));
  }

  /** Decodes a chunk of records (splitRecords with keptFields()), its first row being data row `first`. */
  addChunk(chunk: RecordChunk, first: number): void {
    this.added = Math.max(this.added, first + chunk.rows);
    for (let j = 0; j < this.columns.length; j++) {
      const col = this.columns[j];
      const start = chunk.spanStart[j];
      const end = chunk.spanEnd[j];
      const quoted = chunk.spanQuoted[j];
      if (col instanceof TextColumn) {
        for (let r = 0; r < chunk.rows; r++) {
          const s = start[r];
          if (s < 0) col.cells.push(null);
          else col.add(s, end[r], quoted[r]);
        }
      } else col.addSpans(first, chunk.rows, start, end, quoted);
    }
  }

  /** The text columns (field → cells), the parsed ones and the key columns (field → column) over rowCount rows. */
  done(rowCount: number): {
    texts: Map<number, (string | null)[]>;
    parsed: Map<number, ParsedColumn>;
    keys: Map<number, CsvTexts>;
  } {
    const texts = new Map<number, (string | null)[]>();
    // rowCount may be fewer rows than were added (a report's footer cut off, footer.ts).
    for (const [k, col] of this.text) {
      if (col.cells.length > rowCount) col.cells.length = rowCount;
      texts.set(k, col.cells);
    }
    const parsed = new Map<number, ParsedColumn>();
    for (const [k, col] of this.number) {
      if (rowCount < this.added)
        for (const row of col.texts.keys()) if (row >= rowCount) col.texts.delete(row);
      parsed.set(k, { read: col.read, values: col.values.subarray(0, rowCount), texts: col.texts });
    }
    const keys = new Map<number, CsvTexts>();
    for (const [k, col] of this.spans) keys.set(k, col.texts(rowCount));
    return { texts, parsed, keys };
  }
}
