/**
 * The data records of a CSV, split chunk by chunk: each record's offsets, the spans of the fields
 * the engine and the summary read, and those number and date fields parsed from the bytes
 * (csvCells.ts). This is the part of reading that needs no JavaScript strings, so a worker thread
 * can do it (csvRecordsWorker.ts, over the file's bytes in shared memory) while the main thread
 * decodes the texts of the chunks before (csvColumns.ts addChunk). Without the worker the main
 * thread runs the same splitRecords itself, chunk after chunk.
 */
import type { FieldRead } from "../engine/fieldReads";
import { isoDateSerialOfBytes, plainNumberOfBytes } from "./csvCells";
import { FieldSpans, isBlankRecord, RecordSplitter } from "./csvScan";

/** A field the engine or the summary reads: its index in the record, and how (undefined: text). */
export interface KeptField {
  field: number;
  read: FieldRead | undefined;
}

/** Records [first, first + rows) of the data, as splitRecords found them. */
export interface RecordChunk {
  rows: number;
  rowStart: Uint32Array<ArrayBuffer>;
  /** End of each record's last field (before its line break). */
  rowEnd: Uint32Array<ArrayBuffer>;
  /** The record's field count when every field can be copied as is, else 0 (CsvSource.plainFields). */
  rowFields: Uint16Array<ArrayBuffer>;
  maxFields: number;
  /** Per kept field (KeptField order): each record's span of it; start −1 when the record is shorter. */
  spanStart: Int32Array<ArrayBuffer>[];
  spanEnd: Int32Array<ArrayBuffer>[];
  spanQuoted: Uint8Array<ArrayBuffer>[];
  /** Per kept field: its numbers when it is read as a number or date (NaN: blank, or a text to decode). */
  numbers: (Float64Array<ArrayBuffer> | null)[];
  /** The byte offset after the chunk's last record. */
  next: number;
}

/** Splits the records from `pos` on, at most `maxRows` of them (blank records are skipped). */
export function splitRecords(
  bytes: Buffer,
  splitter: RecordSplitter,
  spans: FieldSpans,
  pos: number,
  kept: readonly KeptField[],
  maxRows: number,
): RecordChunk {
  const rowStart = new Uint32Array(maxRows);
  const rowEnd = new Uint32Array(maxRows);
  const rowFields = new Uint16Array(maxRows);
  const spanStart = kept.map(() => new Int32Array(maxRows));
  const spanEnd = kept.map(() => new Int32Array(maxRows));
  const spanQuoted = kept.map(() => new Uint8Array(maxRows));
  const numbers = kept.map((f) => (f.read ? new Float64Array(maxRows) : null));
  const parse = kept.map((f) => (f.read === "date" ? isoDateSerialOfBytes : plainNumberOfBytes));
  let rows = 0;
  let maxFields = 0;
  while (pos < bytes.length && rows < maxRows) {
    const start = pos;
    pos = splitter.split(pos, spans);
    if (isBlankRecord(bytes, spans)) continue;
    rowStart[rows] = start;
    rowEnd[rows] = spans.end[spans.count - 1];
    // 0: the writer must look at the record's fields; else its field count (≤ 65,535).
    rowFields[rows] = spans.special || spans.count > 0xffff ? 0 : spans.count;
    if (spans.count > maxFields) maxFields = spans.count;
    for (let j = 0; j < kept.length; j++) {
      const k = kept[j].field;
      const nums = numbers[j];
      if (k >= spans.count) {
        spanStart[j][rows] = -1;
        if (nums) nums[rows] = NaN;
        continue;
      }
      const s = spans.start[k];
      const e = spans.end[k];
      const q = spans.quoted[k];
      spanStart[j][rows] = s;
      spanEnd[j][rows] = e;
      spanQuoted[j][rows] = q;
      // A number or date in plain text is parsed here; any other text is left to the engine.
      if (nums) nums[rows] = s !== e && !q ? parse[j](bytes, s, e) : NaN;
    }
    rows++;
  }
  return { rows, rowStart, rowEnd, rowFields, maxFields, spanStart, spanEnd, spanQuoted, numbers, next: pos };
}
