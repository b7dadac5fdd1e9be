/**
 * The data records of a CSV, chunk by chunk (csvRecords.ts): split on a worker thread while the
 * main thread decodes the chunks before, for a large file; by the main thread itself otherwise.
 * Reading a million-row file is about 40 % splitting and parsing numbers, 60 % making strings:
 * run side by side, the reading phase takes little more than the longer of the two.
 *
 * The worker reads the file's bytes in shared memory (readShared), so nothing is copied; a worker
 * that fails (or a file the worker cannot share, e.g. one re-encoded from UTF-16) leaves the rest
 * to the main thread, from where the worker stopped: the records are the same either way.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { splitRecords, type KeptField, type RecordChunk } from "./csvRecords";
import { FieldSpans, RecordSplitter, UnclosedQuote } from "./csvScan";

/** A file this large is read into shared memory and split on a worker (smaller: not worth a thread). */
export const WORKER_MIN_BYTES = 8 << 20;
/** Records per chunk: the main thread's chunks stay in the CPU's cache (~1 MB); the worker's are fewer messages. */
const MAIN_CHUNK_ROWS = 4096;
const WORKER_CHUNK_ROWS = 16384;

/** The bundled worker (build/csvRecordsWorker.js, beside build/crm-classify.js). */
export const BUNDLED_RECORDS_WORKER = path.join(__dirname, "csvRecordsWorker.js");

/** The file's bytes; a large file in a SharedArrayBuffer, which a worker can read without a copy. */
export function readShared(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    // One synchronous read: readFile's 512 KB round trips through the thread pool took ~20 % longer.
    if (size < WORKER_MIN_BYTES) return readFileSync(fd);
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) break; // the file shrank while being read
      done += n;
    }
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** The records from byte `pos` on, in chunks (see the module comment). */
export async function* dataRecords(
  bytes: Buffer,
  delimiter: number,
  pos: number,
  kept: readonly KeptField[],
  workerFile: string,
): AsyncGenerator<RecordChunk> {
  const shared = bytes.buffer instanceof SharedArrayBuffer ? bytes.buffer : null;
  if (shared && bytes.length >= WORKER_MIN_BYTES && existsSync(workerFile)) {
    const fromWorker = new WorkerRecords(workerFile, shared, bytes, delimiter, pos, kept);
    try {
      for (;;) {
        const chunk = await fromWorker.next();
        if (!chunk) break;
        pos = chunk.next;
        yield chunk;
      }
      if (fromWorker.done) return;
    } finally {
      fromWorker.close();
    }
  }
  // Here without a worker, or after one failed: the rest on this thread.
  const splitter = new RecordSplitter(bytes, delimiter);
  const spans = new FieldSpans();
  while (pos < bytes.length) {
    const chunk = splitRecords(bytes, splitter, spans, pos, kept, MAIN_CHUNK_ROWS);
    pos = chunk.next;
    if (chunk.rows > 0) yield chunk;
  }
}

type Message = { chunk: RecordChunk } | { done: true } | { unclosedQuote: number };

/** The worker's chunks in order; null after the last one, or when the worker failed (done says which). */
class WorkerRecords {
  private readonly queue: Message[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  done = false;
  private readonly worker: Worker;

  constructor(
    file: string,
    shared: SharedArrayBuffer,
    bytes: Buffer,
    delimiter: number,
    pos: number,
    kept: readonly KeptField[],
  ) {
    this.worker = new Worker(file, {
      workerData: {
        shared,
        offset: bytes.byteOffset,
        length: bytes.length,
        delimiter,
        pos,
        kept,
        chunkRows: WORKER_CHUNK_ROWS,
      },
    });
    this.worker.unref(); // never keeps the process alive
    this.worker.on("message", (m: Message) => {
      this.queue.push(m);
      this.notify();
    });
    const end = () => {
      this.ended = true;
      this.notify();
    };
    this.worker.on("error", end);
    this.worker.on("exit", end);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async next(): Promise<RecordChunk | null> {
    while (this.queue.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wake = resolve));
    const m = this.queue.shift();
    if (!m) return null; // the worker ended without saying it was done: failed
    if ("unclosedQuote" in m) throw new UnclosedQuote(m.unclosedQuote);
    if ("done" in m) {
      this.done = true;
      return null;
    }
    return m.chunk;
  }

  close(): void {
    void this.worker.terminate();
  }
}
