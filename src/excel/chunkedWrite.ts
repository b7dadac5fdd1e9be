/**
 * Large writes in chunks. Excel on the web rejects a request over 5 MB, so rows are
 * grouped into chunks whose estimated payload stays under a byte budget (4 MB by default,
 * leaving room for the request envelope). One `sync` per chunk, none in inner loops.
 */
import { rowBytes } from "./cellText";

export const DEFAULT_BYTE_BUDGET = 4 * 1024 * 1024;

export interface Chunk {
  start: number;
  /** Exclusive. */
  end: number;
  bytes: number;
}

/**
 * Groups rows 0..rowCount-1 into consecutive chunks of at most `budget` estimated bytes
 * (a single row over budget still forms a chunk of its own). `sizeOf(i)` is called once
 * per row, in order, so a caller may compute the row there and keep it.
 */
export function* chunkRows(
  rowCount: number,
  sizeOf: (row: number) => number,
  budget = DEFAULT_BYTE_BUDGET,
  maxRows = Infinity,
): Generator<Chunk> {
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rowCount; i++) {
    const b = sizeOf(i);
    if (i > start && (bytes + b > budget || i - start >= maxRows)) {
      yield { start, end: i, bytes };
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (rowCount > start) yield { start, end: rowCount, bytes };
}

export function planChunks(
  rowCount: number,
  sizeOf: (row: number) => number,
  budget = DEFAULT_BYTE_BUDGET,
  maxRows = Infinity,
): Chunk[] {
  return [...chunkRows(rowCount, sizeOf, budget, maxRows)];
}

/** A block of rows ready to write: values per column run, plus optional number formats. */
export interface RowSource {
  rowCount: number;
  /** Row i's cells, one per output column. */
  row(i: number): unknown[];
  /** Row i's number formats, when they differ per cell (else formats are set per column). */
  formats?(i: number): unknown[];
}

export interface ChunkSink {
  /** Queue the write of rows [start, end) (no sync). */
  write(start: number, values: unknown[][], formats: unknown[][] | null): void;
  /** Once per chunk: suspend calculation (when supported) and sync. */
  flush(): Promise<void>;
}

export interface ChunkRunOptions {
  budget?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Streams a RowSource into a sink chunk by chunk; stops between chunks when the signal
 * is aborted. Returns the number of rows written and whether it was cancelled.
 */
export async function writeInChunks(
  source: RowSource,
  sink: ChunkSink,
  options: ChunkRunOptions = {},
): Promise<{ rowsWritten: number; cancelled: boolean; syncs: number; largestChunkBytes: number }> {
  const pendingValues: unknown[][] = [];
  const pendingFormats: unknown[][] = [];
  const sizeOf = (i: number): number => {
    const v = source.row(i);
    const f = source.formats ? source.formats(i) : undefined;
    pendingValues.push(v);
    if (f) pendingFormats.push(f);
    return rowBytes(v, f);
  };
  let syncs = 0;
  let largest = 0;
  let written = 0;
  for (const chunk of chunkRows(source.rowCount, sizeOf, options.budget)) {
    if (options.signal?.aborted)
      return { rowsWritten: written, cancelled: true, syncs, largestChunkBytes: largest };
    const n = chunk.end - chunk.start;
    const values = pendingValues.splice(0, n);
    const formats = source.formats ? pendingFormats.splice(0, n) : null;
    sink.write(chunk.start, values, formats);
    await sink.flush();
    syncs++;
    largest = Math.max(largest, chunk.bytes);
    written = chunk.end;
    options.onProgress?.(written / source.rowCount);
  }
  return { rowsWritten: written, cancelled: false, syncs, largestChunkBytes: largest };
}
