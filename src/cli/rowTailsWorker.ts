/**
 * Worker-thread entry, bundled as build/rowTailsWorker.js: encodes the §11 cells of rows
 * [from, to) chunk by chunk and posts each chunk back (rowTails.ts).
 */
import { parentPort, workerData } from "worker_threads";
import { TailsEncoder, type TailsJob } from "./rowTails";

const { job, from, to, chunkRows } = workerData as {
  job: TailsJob;
  from: number;
  to: number;
  chunkRows: number;
};
const encoder = new TailsEncoder(job);
for (let start = from; start < to; start += chunkRows) {
  const chunk = encoder.chunk(start, Math.min(to, start + chunkRows));
  parentPort!.postMessage(chunk, [chunk.bytes.buffer, chunk.ends.buffer]);
}
