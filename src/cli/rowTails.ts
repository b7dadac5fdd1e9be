/**
 * The §11 cells of a range of rows as CSV bytes ("tails": everything after the input columns),
 * made on a worker thread while the main thread writes the rows before them. Encoding the §11
 * cells is most of a CSV row's cost (outputRow and CellBytes: about 1.8 µs a row, the share's
 * shortest digits alone half a microsecond); a second core halves the writing time of a
 * million rows.
 *
 * The worker runs encodeTails, the same code the main thread would run, on the result (its typed
 * arrays, problems and settings: the input table stays behind), so the bytes are the same whichever
 * thread made them (tests/cli/rowTails.test.ts). The CLI classifies into shared memory for a CSV
 * output, so the arrays reach the worker without a copy (postMessage shares a SharedArrayBuffer;
 * copying the 88 MB of a million rows took 50 ms here and as long again to take apart there);
 * any other result is copied. Without the worker (a small table, the TypeScript sources, where no
 * bundled worker file exists, or a worker that fails) the main thread encodes every row itself.
 */
import { existsSync } from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { ClassifyResult } from "../engine/classify";
import { outputRow, type WhyPieces } from "../engine/report/columns";
import { FIELD_KEYS, type FieldKey, type Lang } from "../engine/types";
import { ByteSink, CellBytes } from "./csvBytes";
import type { OutputKind } from "./outputPlan";

/** What the worker needs to make the §11 cells of any row (plain data: it is copied over). */
export interface TailsJob {
  result: Omit<ClassifyResult, "input">;
  lang: Lang;
  /** Each field's header as found in the sheet (problems name it). */
  fieldNames: Partial<Record<FieldKey, string>>;
  kinds: OutputKind[];
}

/** Rows [start, start + ends.length): row start + k's bytes are bytes[ends[k − 1] (0 for k = 0) … ends[k]). */
export interface TailsChunk {
  start: number;
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

/** The job for a result: its arrays without the input table, the field names as a record. */
export function tailsJob(
  result: ClassifyResult,
  lang: Lang,
  columnName: (f: FieldKey) => string,
  kinds: OutputKind[],
): TailsJob {
  // The input table stays behind: the §11 cells never read it, and copying it would be slow.
  const rest: Partial<ClassifyResult> = { ...result };
  delete rest.input;
  const fieldNames: Partial<Record<FieldKey, string>> = {};
  for (const f of FIELD_KEYS) fieldNames[f] = columnName(f);
  return { result: rest as Omit<ClassifyResult, "input">, lang, fieldNames, kinds };
}

/** Encodes rows [start, end) of a job: ",cell" for each §11 cell, as writeCsv writes them. */
export class TailsEncoder {
  private readonly encode: CellBytes;
  private readonly sink = new ByteSink(null);
  /** The Why line's pieces of the row at hand (encoded piece by piece). */
  private readonly why: WhyPieces = { pieces: [], count: 0 };
  private readonly columnName: (f: FieldKey) => string;

  constructor(private readonly job: TailsJob) {
    this.encode = new CellBytes(job.kinds);
    this.columnName = (f) => job.fieldNames[f] ?? "";
  }

  chunk(start: number, end: number): TailsChunk {
    const { result, lang } = this.job;
    const ends = new Uint32Array(end - start);
    for (let i = start; i < end; i++) {
      const cells = outputRow(result as ClassifyResult, i, lang, this.columnName, this.why);
      this.encode.writeRow(this.sink, cells, this.why);
      ends[i - start] = this.sink.length;
    }
    return { start, bytes: this.sink.taken(), ends };
  }
}

/** A table of at least this many rows gets the worker (starting one costs tens of milliseconds). */
export const WORKER_MIN_ROWS = 50_000;
/**
 * The share of the rows the main thread encodes itself (the first ones). The main thread also
 * makes the summary and copies every row's input bytes, the worker only encodes (~1.8 µs a row).
 * Measured on 1 M rows (2 cores, alternating runs): 0.30–0.45 all within the machine's noise
 * (0.35 vs 0.42 over ten pairs: 4.06 vs 3.96 s, a difference smaller than its spread).
 */
export const MAIN_SHARE = 0.35;
export const CHUNK_ROWS = 1 << 15;

/** The bundled worker (build/rowTailsWorker.js, beside build/crm-classify.js). */
export const BUNDLED_WORKER = path.join(__dirname, "rowTailsWorker.js");

/** Rows [from, rowCount)'s tails, arriving chunk by chunk from the worker. */
export class RowTails {
  private readonly chunks: (TailsChunk | undefined)[];
  private readonly waiting = new Map<number, () => void>();
  private failed = false;
  /** Chunks the writer has taken (for tests: the worker was used). */
  taken = 0;

  private constructor(
    private readonly worker: Worker,
    readonly from: number,
    rowCount: number,
  ) {
    this.chunks = new Array(Math.ceil(rowCount / CHUNK_ROWS));
    worker.on("message", (chunk: TailsChunk) => {
      const c = Math.floor(chunk.start / CHUNK_ROWS);
      this.chunks[c] = chunk;
      this.wake(c);
    });
    const fail = () => {
      this.failed = true;
      for (const c of [...this.waiting.keys()]) this.wake(c);
    };
    worker.on("error", fail);
    worker.on("exit", fail); // after the last chunk this changes nothing
  }

  private wake(c: number): void {
    this.waiting.get(c)?.();
    this.waiting.delete(c);
  }

  /**
   * Starts a worker on the last rows of the table; null when the table is small or there is no
   * worker file to start (then the caller encodes every row).
   */
  static start(job: TailsJob, rowCount: number, workerFile = BUNDLED_WORKER): RowTails | null {
    if (rowCount < WORKER_MIN_ROWS || !existsSync(workerFile)) return null;
    // The worker's first row starts a chunk, so chunk c holds rows [c·CHUNK_ROWS, (c+1)·CHUNK_ROWS).
    const from = Math.ceil((rowCount * MAIN_SHARE) / CHUNK_ROWS) * CHUNK_ROWS;
    if (from >= rowCount) return null;
    try {
      const worker = new Worker(workerFile, {
        workerData: { job, from, to: rowCount, chunkRows: CHUNK_ROWS },
      });
      worker.unref(); // never keeps the process alive
      return new RowTails(worker, from, rowCount);
    } catch {
      return null;
    }
  }

  /** Row i's chunk, waiting for it when it has not come yet; undefined when the worker failed. */
  async chunkOf(i: number): Promise<TailsChunk | undefined> {
    const c = Math.floor(i / CHUNK_ROWS);
    if (!this.chunks[c] && !this.failed) await new Promise<void>((resolve) => this.waiting.set(c, resolve));
    const chunk = this.chunks[c];
    this.chunks[c] = undefined; // written once: let it go
    if (chunk) this.taken++;
    return chunk;
  }

  /** Stops the worker (it ends by itself after its last chunk). */
  close(): void {
    void this.worker.terminate();
  }
}
