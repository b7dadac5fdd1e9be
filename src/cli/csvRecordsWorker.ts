/**
 * Worker-thread entry, bundled as build/csvRecordsWorker.js: reads the CSV file itself (while the
 * main thread reads it too), then, told where the data starts, splits its records chunk by chunk
 * (csvRecords.ts) and posts each chunk back; a quote never closed is posted as its offset
 * (readCsv.ts names its line). Its own copy of the bytes, not shared memory: Buffer.indexOf
 * (memchr) is three times slower over a SharedArrayBuffer, and so is copying out of one.
 */
import { fstatSync, openSync, readFileSync, closeSync } from "fs";
import { parentPort, workerData } from "worker_threads";
import { FieldSpans, RecordSplitter, UnclosedQuote } from "./csvScan";
import { splitRecords, type KeptField } from "./csvRecords";
import type { FileVersion, RecordsJob } from "./csvRecordsReader";

const { file } = workerData as { file: string };
let raw: Buffer | null = null;
let version: FileVersion | null = null;
try {
  const fd = openSync(file, "r");
  try {
    raw = readFileSync(fd);
    const st = fstatSync(fd);
    version = { size: st.size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
} catch {
  raw = null; // the main thread reports an unreadable file; this worker just has nothing to do
}

parentPort!.once("message", (job: RecordsJob) => {
  // Only the bytes the main thread read: same size and modification time, else nothing.
  if (!raw || !version || version.size !== job.version.size || version.mtimeMs !== job.version.mtimeMs) {
    parentPort!.postMessage({ differs: true });
    return;
  }
  split(raw.subarray(job.offset, job.offset + job.length), job.delimiter, job.pos, job.kept, job.chunkRows);
});

function split(bytes: Buffer, delimiter: number, pos: number, kept: KeptField[], chunkRows: number): void {
  const splitter = new RecordSplitter(bytes, delimiter);
  const spans = new FieldSpans();
  try {
    while (pos < bytes.length) {
      const chunk = splitRecords(bytes, splitter, spans, pos, kept, chunkRows);
      pos = chunk.next;
      parentPort!.postMessage({ chunk }, [
        chunk.rowStart.buffer,
        chunk.rowEnd.buffer,
        chunk.rowFields.buffer,
        ...chunk.spanStart.map((a) => a.buffer),
        ...chunk.spanEnd.map((a) => a.buffer),
        ...chunk.spanQuoted.map((a) => a.buffer),
      ]);
    }
    parentPort!.postMessage({ done: true });
  } catch (e) {
    if (e instanceof UnclosedQuote) parentPort!.postMessage({ unclosedQuote: e.offset });
    else throw e;
  }
}
