/**
 * The data records of a CSV, chunk by chunk (csvRecords.ts): split on a worker thread while the
 * main thread decodes the chunks before, for a large file; by the main thread itself otherwise.
 * Reading a million-row file is about half splitting, half decoding (texts, numbers, dates): run
 * side by side, the reading phase takes little more than the longer of the two.
 *
 * The worker is started before the main thread reads the file and reads it too (its own copy:
 * shared memory made memchr and every copy out of it about three times slower); it splits only
 * when its copy has the size and modification time the main thread's has. A worker that fails
 * or differs (or a file re-encoded from UTF-16 or GB18030) leaves the rest to the main thread,
 * from where the worker stopped: the records are the same either way.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { splitRecords, type KeptField, type RecordChunk } from "./csvRecords";
import { FieldSpans, RecordSplitter, UnclosedQuote } from "./csvScan";

/** A file this large is split on a worker (smaller: not worth a thread). */
export const WORKER_MIN_BYTES = 8 << 20;
/** Records per chunk: the main thread's chunks stay in the CPU's cache (~1 MB); the worker's are fewer messages. */
const MAIN_CHUNK_ROWS = 4096;
const WORKER_CHUNK_ROWS = 16384;

/** The bundled worker (build/csvRecordsWorker.js, beside build/crm-classify.js). */
export const BUNDLED_RECORDS_WORKER = path.join(__dirname, "csvRecordsWorker.js");

/** What tells two reads of a file apart. */
export interface FileVersion {
  size: number;
  mtimeMs: number;
}

/** What the worker is told once the main thread has found the data. */
export interface RecordsJob {
  version: FileVersion;
  /** The data's bytes within the file (after a byte-order mark). */
  offset: number;
  length: number;
  delimiter: number;
  /** Where the first data record starts, within the data. */
  pos: number;
  kept: KeptField[];
  chunkRows: number;
}

/** The file's bytes (one synchronous read: readFile's 512 KB round trips took ~20 % longer) and version. */
export function readWhole(file: string): { raw: Buffer; version: FileVersion } {
  const fd = openSync(file, "r");
  try {
    const raw = readFileSync(fd);
    const st = fstatSync(fd);
    return { raw, version: { size: st.size, mtimeMs: st.mtimeMs } };
  } finally {
    closeSync(fd);
  }
}

/**
 * A worker for a large file, started now so that it reads the file while the main thread does;
 * null for a small file or without a worker file. Hand it to dataRecords, or close() it.
 */
export function startRecordsWorker(file: string, workerFile: string): RecordsWorker | null {
  try {
    if (statSync(file).size < WORKER_MIN_BYTES || !existsSync(workerFile)) return null;
    return new RecordsWorker(workerFile, file);
  } catch {
    return null; // unreadable: the main thread's read says why
  }
}

/**
 * The records from byte `pos` of `bytes` on, in chunks (see the module comment). `at` says where
 * `bytes` are in the file as `version` (null when they are not the file's own bytes).
 */
export async function* dataRecords(
  bytes: Buffer,
  delimiter: number,
  pos: number,
  kept: readonly KeptField[],
  worker: RecordsWorker | null,
  at: { version: FileVersion; offset: number } | null,
): AsyncGenerator<RecordChunk> {
  if (worker && at) {
    worker.start({
      version: at.version,
      offset: at.offset,
      length: bytes.length,
      delimiter,
      pos,
      kept: [...kept],
      chunkRows: WORKER_CHUNK_ROWS,
    });
    try {
      for (;;) {
        const chunk = await worker.next();
        if (!chunk) break;
        pos = chunk.next;
        yield chunk;
      }
      if (worker.done) return;
    } finally {
      worker.close();
    }
  }
  worker?.close();
  // Here without a worker, or after one failed: the rest on this thread.
  const splitter = new RecordSplitter(bytes, delimiter);
  const spans = new FieldSpans();
  while (pos < bytes.length) {
    const chunk = splitRecords(bytes, splitter, spans, pos, kept, MAIN_CHUNK_ROWS);
    pos = chunk.next;
    if (chunk.rows > 0) yield chunk;
  }
}

type Message = { chunk: RecordChunk } | { done: true } | { differs: true } | { unclosedQuote: number };

/** The worker's chunks in order; null after the last one, or when the worker failed or differed (done says which). */
export class RecordsWorker {
  private readonly queue: Message[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  done = false;
  private readonly worker: Worker;

  constructor(workerFile: string, file: string) {
    this.worker = new Worker(workerFile, { workerData: { file } });
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

  /** Tells the worker where the data is; it splits from there. */
  start(job: RecordsJob): void {
    this.worker.postMessage(job);
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
    if (!m || "differs" in m) return null; // failed, or its copy of the file is not ours
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
