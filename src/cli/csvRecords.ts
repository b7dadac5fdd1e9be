/**
 * The data records of a CSV, split chunk by chunk: each record's offsets and the spans of the
 * fields the engine and the summary read. Splitting is most of reading's work, so a worker thread
 * does it (csvRecordsWorker.ts, over its own copy of the file) while the main thread decodes the
 * chunks before (csvColumns.ts addChunk: texts, and numbers and dates parsed from the bytes).
 * Without the worker the main thread runs the same splitRecords itself, chunk after chunk.
 */
import { FieldSpans, isBlankRecord, RecordSplitter } from "./csvScan";

/** A field the engine or the summary reads: its index in the record. */
export interface KeptField {
  field: number;
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
      if (k >= spans.count) {
        spanStart[j][rows] = -1;
        continue;
      }
      spanStart[j][rows] = spans.start[k];
      spanEnd[j][rows] = spans.end[k];
      spanQuoted[j][rows] = spans.quoted[k];
    }
    rows++;
  }
  return { rows, rowStart, rowEnd, rowFields, maxFields, spanStart, spanEnd, spanQuoted, next: pos };
}
