/**
 * Writing an output file safely: into a temporary file beside it, renamed into place
 * only when complete, so a failed run never leaves half a file under the user's name.
 */
import { createWriteStream, promises as fs } from "fs";
import * as path from "path";

export interface OutputFile {
  /** The temporary path being written (for writers that open the file themselves). */
  readonly tempPath: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /**
   * Hands a chunk over and resolves when that chunk is on its way to the disk (written), not
   * when the stream has drained: a writer that keeps a few chunks in flight keeps the disk busy
   * while it builds the next one (waiting for 'drain' left it idle a fifth of the time).
   */
  send(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openOutput(file: string, { stream = true } = {}): Promise<OutputFile> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tempPath = `${file}.${process.pid}.tmp`;
  // A few MB may wait in the stream: the next chunk is built while the last one is written
  // (with the default 16 KB every 1 MB chunk waited for the disk, half a second in a 1 M-row run).
  const ws = stream ? createWriteStream(tempPath, { highWaterMark: 4 << 20 }) : null;
  const closed = ws
    ? new Promise<void>((resolve, reject) => ws.on("close", resolve).on("error", reject))
    : Promise.resolve();
  closed.catch(() => undefined); // reported by write/commit; never an unhandled rejection
  return {
    tempPath,
    write(chunk: string | Uint8Array) {
      if (!ws) throw new Error("openOutput: not a stream");
      return new Promise<void>((resolve, reject) => {
        const ok = ws.write(chunk, (err) => (err ? reject(err) : undefined));
        if (ok) resolve();
        else ws.once("drain", resolve);
      });
    },
    send(chunk: Uint8Array) {
      if (!ws) throw new Error("openOutput: not a stream");
      return new Promise<void>((resolve, reject) => {
        ws.write(chunk, (err) => (err ? reject(err) : resolve()));
      });
    },
    async commit() {
      if (ws) {
        ws.end();
        await closed;
      }
      await fs.rename(tempPath, file);
    },
    async abort() {
      if (ws) {
        ws.destroy();
        await closed.catch(() => undefined);
      }
      await fs.rm(tempPath, { force: true });
    },
  };
}
