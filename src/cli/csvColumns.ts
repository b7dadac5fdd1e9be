/**
 * The columns of a CSV the engine and the summary read, decoded chunk by chunk as splitRecords
 * (csvRecords.ts) delivers them: a chunk's records are still in the CPU's cache (decoding column
 * by column over the whole file went back to every record once per column: a cache miss per
 * cell, a second per column on a 1 M-row file).
 *
 *   - a text column: each field's text; a text equal byte for byte to one of the last few is
 *     that same string (regions, owners, 熟悉程度 repeat), not decoded again;
 *   - a number or date field (FIELD_READS): the numbers splitRecords parsed from its plain texts
 *     (csvCells.ts) in a Float64Array, NaN for a blank; a field that is not plain keeps its text
 *     for the engine.
 */
import type { FieldRead } from "../engine/fieldReads";
import type { KeptField, RecordChunk } from "./csvRecords";
import { spanText } from "./csvScan";

/** A number or date column as read: the numbers, and the texts of the cells that were not plain. */
export interface ParsedColumn {
  read: FieldRead;
  /** The number of each plain cell (a date as its Excel serial); NaN for a blank or a text. */
  values: Float64Array;
  /** Row → text of each cell that is not blank and not plain. */
  texts: Map<number, string>;
}

/** Distinct texts a text column remembers. */
const RECENT_TEXTS = 8;
/** Rows after which a column whose texts rarely repeat (names, IDs) stops looking for repeats. */
const MEMO_TRIAL = 4096;

class TextColumn {
  readonly cells: (string | null)[] = [];
  private readonly keyStart = new Int32Array(RECENT_TEXTS).fill(-1);
  private readonly keyEnd = new Int32Array(RECENT_TEXTS);
  private readonly keyQuoted = new Uint8Array(RECENT_TEXTS);
  private readonly texts: string[] = new Array<string>(RECENT_TEXTS).fill("");
  private slot = 0;
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
    if (this.memo) {
      for (let k = 0; k < RECENT_TEXTS; k++) {
        const ks = this.keyStart[k];
        if (ks < 0 || this.keyEnd[k] - ks !== e - s || this.keyQuoted[k] !== quoted) continue;
        let p = 0;
        while (p < e - s && bytes[ks + p] === bytes[s + p]) p++;
        if (p === e - s) {
          this.hits++;
          this.cells.push(this.texts[k]);
          return;
        }
      }
      if (++this.seen === MEMO_TRIAL && this.hits < MEMO_TRIAL / 2) this.memo = false;
    }
    const text = spanText(bytes, s, e, quoted);
    this.cells.push(text);
    if (this.memo) {
      const k = this.slot;
      this.keyStart[k] = s;
      this.keyEnd[k] = e;
      this.keyQuoted[k] = quoted;
      this.texts[k] = text;
      this.slot = (k + 1) % RECENT_TEXTS;
    }
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
   * Rows [first, first + rows): their numbers as splitRecords parsed them; a cell that was not
   * plain (NaN, not empty) keeps its text for the engine.
   */
  addParsed(
    first: number,
    rows: number,
    numbers: Float64Array,
    start: Int32Array,
    end: Int32Array,
    quoted: Uint8Array,
  ): void {
    if (first + rows > this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, first + rows));
      grown.set(this.values);
      this.values = grown;
    }
    this.values.set(numbers.subarray(0, rows), first);
    for (let r = 0; r < rows; r++) {
      const x = numbers[r];
      const s = start[r];
      if (x !== x && s >= 0 && s !== end[r])
        this.texts.set(first + r, spanText(this.bytes, s, end[r], quoted[r]));
    }
  }
}

/** The kept fields of every data row, decoded as they are read. */
export class KeptColumns {
  private readonly text = new Map<number, TextColumn>();
  private readonly number = new Map<number, NumberColumn>();
  private readonly fields: number[];
  private readonly columns: (TextColumn | NumberColumn)[];

  /** `fields`: record field → how the engine reads it (undefined: as text). */
  constructor(bytes: Buffer, fields: Map<number, FieldRead | undefined>) {
    this.fields = [...fields.keys()];
    this.columns = this.fields.map((k) => {
      const read = fields.get(k);
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
    return this.fields.map((field, j) => {
      const col = this.columns[j];
      return { field, read: col instanceof NumberColumn ? col.read : undefined };
    });
  }

  /** Decodes a chunk of records (splitRecords with keptFields()), its first row being data row `first`. */
  addChunk(chunk: RecordChunk, first: number): void {
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
      } else col.addParsed(first, chunk.rows, chunk.numbers[j]!, start, end, quoted);
    }
  }

  /** The text columns (field → cells) and the parsed ones (field → column) over rowCount rows. */
  done(rowCount: number): { texts: Map<number, (string | null)[]>; parsed: Map<number, ParsedColumn> } {
    const texts = new Map<number, (string | null)[]>();
    for (const [k, col] of this.text) texts.set(k, col.cells);
    const parsed = new Map<number, ParsedColumn>();
    for (const [k, col] of this.number)
      parsed.set(k, { read: col.read, values: col.values.subarray(0, rowCount), texts: col.texts });
    return { texts, parsed };
  }
}
