/**
 * Writing a zip as a stream: each entry is deflated by Node's zlib (in the thread pool) as it is
 * produced, with back-pressure, so a 1 M-row sheet never sits in memory. Sizes and CRC go in a
 * data descriptor after each entry, the central directory at the end.
 */
import { createWriteStream, type WriteStream } from "fs";
import { crc32, createDeflateRaw, type DeflateRaw } from "zlib";

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1; // a fixed date: the same input gives the same bytes

export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly entries: Written[] = [];
  private failed: Error | null = null;

  constructor(file: string) {
    this.out = createWriteStream(file, { highWaterMark: 1 << 20 });
    this.out.on("error", (e) => (this.failed = e));
  }

  private writeRaw(buf: Buffer): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.offset += buf.length;
    if (this.out.write(buf)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = () => (this.out.off("error", onError), resolve());
      const onError = (e: Error) => (this.out.off("drain", onDrain), reject(e));
      this.out.once("drain", onDrain).once("error", onError);
    });
  }

  /** Starts an entry; write its content with `write`, then `end`. One entry at a time. */
  async entry(name: string, level = 6): Promise<ZipEntryWriter> {
    const nameBuf = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // bit 3: sizes in the data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBuf.length, 26);
    const offset = this.offset;
    await this.writeRaw(Buffer.concat([header, nameBuf]));
    return new ZipEntryWriter(this, nameBuf, offset, level);
  }

  /** A whole small entry at once. */
  async add(name: string, content: string, level = 6): Promise<void> {
    const e = await this.entry(name, level);
    await e.write(content);
    await e.end();
  }

  /** @internal */
  async pipeDeflated(deflate: DeflateRaw, done: Promise<void>): Promise<number> {
    let compressed = 0;
    deflate.on("data", (chunk: Buffer) => {
      compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once("drain", () => deflate.resume());
      }
    });
    await done;
    return compressed;
  }

  /** @internal */
  async finishEntry(w: Written): Promise<void> {
    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(w.crc >>> 0, 4);
    dd.writeUInt32LE(w.compressed, 8);
    dd.writeUInt32LE(w.size, 12);
    this.entries.push(w);
    await this.writeRaw(dd);
  }

  async close(): Promise<void> {
    const cdStart = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const cd = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.writeRaw(Buffer.concat([cd, end]));
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
  }

  destroy(): void {
    this.out.destroy();
  }
}

const FOUR_GB = 0xffffffff;

export class ZipEntryWriter {
  private crc = 0;
  private size = 0;
  private readonly deflate: DeflateRaw;
  private readonly compressed: Promise<number>;
  private pending = "";

  constructor(
    private readonly zip: ZipWriter,
    private readonly name: Buffer,
    private readonly offset: number,
    level: number,
  ) {
    this.deflate = createDeflateRaw({ level, chunkSize: 1 << 16 });
    const done = new Promise<void>((resolve, reject) => this.deflate.on("end", resolve).on("error", reject));
    this.compressed = zip.pipeDeflated(this.deflate, done);
  }

  /** Buffers text and hands it to zlib in ~256 KB pieces; waits when zlib is behind. */
  write(text: string): Promise<void> | void {
    this.pending += text;
    if (this.pending.length < 1 << 17) return;
    return this.flush();
  }

  private flush(): Promise<void> | void {
    if (this.pending === "") return;
    const buf = Buffer.from(this.pending, "utf8");
    this.pending = "";
    this.crc = crc32(buf, this.crc);
    this.size += buf.length;
    if (this.size > FOUR_GB) throw new Error("a part of the workbook is over 4 GB");
    if (this.deflate.write(buf)) return;
    return new Promise((resolve) => this.deflate.once("drain", resolve));
  }

  async end(): Promise<void> {
    await this.flush();
    this.deflate.end();
    const compressed = await this.compressed;
    await this.zip.finishEntry({
      name: this.name,
      crc: this.crc,
      compressed,
      size: this.size,
      offset: this.offset,
    });
  }
}
