/**
 * Worker-thread entry, bundled as build/csvRecordsWorker.js: splits a CSV's data records chunk by
 * chunk (csvRecords.ts) over the file's bytes in shared memory and posts each chunk back; a quote
 * never closed is posted as its offset (readCsv.ts names its line).
 */
import { parentPort, workerData } from "worker_threads";
import { FieldSpans, RecordSplitter, UnclosedQuote } from "./csvScan";
import { splitRecords, type KeptField } from "./csvRecords";

const job = workerData as {
  shared: SharedArrayBuffer;
  offset: number;
  length: number;
  delimiter: number;
  pos: number;
  kept: KeptField[];
  chunkRows: number;
};
const bytes = Buffer.from(job.shared, job.offset, job.length);
const splitter = new RecordSplitter(bytes, job.delimiter);
const spans = new FieldSpans();
let pos = job.pos;
try {
  while (pos < bytes.length) {
    const chunk = splitRecords(bytes, splitter, spans, pos, job.kept, job.chunkRows);
    pos = chunk.next;
    parentPort!.postMessage({ chunk }, [
      chunk.rowStart.buffer,
      chunk.rowEnd.buffer,
      chunk.rowFields.buffer,
      ...chunk.spanStart.map((a) => a.buffer),
      ...chunk.spanEnd.map((a) => a.buffer),
      ...chunk.spanQuoted.map((a) => a.buffer),
      ...chunk.numbers.flatMap((a) => (a ? [a.buffer] : [])),
    ]);
  }
  parentPort!.postMessage({ done: true });
} catch (e) {
  if (e instanceof UnclosedQuote) parentPort!.postMessage({ unclosedQuote: e.offset });
  else throw e;
}
