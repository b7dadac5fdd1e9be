/**
 * Reading a zip (an .xlsx) without holding it: the central directory is read from the end of the
 * file, and each entry is streamed through Node's zlib (raw inflate), so a 700 MB sheet XML never
 * sits in memory. Zip64 sizes and offsets are understood (a 1 M-row sheet XML can pass 4 GB).
 *
 * Recognises what users actually hand us instead of an .xlsx: an old .xls or a password-protected
 * workbook (both Compound File Binary files), and damaged or truncated files.
 */
import { createReadStream, promises as fs } from "fs";
import { Readable } from "stream";
import { createInflateRaw } from "zlib";
import { bilingual, CliError } from "./sheet";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** The message for a Compound File Binary file given where an .xlsx was expected. */
function cfbError(file: string): CliError {
  return new CliError(
    1,
    bilingual(
      `${file} 不是 .xlsx 工作簿，而是旧版 .xls 文件或设置了打开密码的工作簿：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）并另存为 .xlsx 后再试`,
      `${file} is not an .xlsx workbook but an old .xls file or a password-protected workbook: remove the password (File → Info → Protect Workbook) and save it as .xlsx, then try again`,
    ),
  );
}

export function damaged(file: string, why: string): CliError {
  return new CliError(
    1,
    bilingual(
      `${file} 已损坏或不是 .xlsx 工作簿（${why}）：请在 Excel 中打开并重新保存，或重新导出`,
      `${file} is damaged or not an .xlsx workbook (${why}): open and save it again in Excel, or export it again`,
    ),
  );
}

export class ZipReader {
  private constructor(
    readonly file: string,
    private readonly fd: fs.FileHandle,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const fd = await fs.open(file, "r");
    try {
      const { size } = await fd.stat();
      const head = Buffer.alloc(8);
      await fd.read(head, 0, 8, 0);
      if (CFB_MAGIC.every((b, i) => head[i] === b)) throw cfbError(file);
      if (head.readUInt32LE(0) !== LOC_SIG) throw damaged(file, "not a zip archive / 不是 zip 压缩包");
      const entries = await readCentralDirectory(fd, size, file);
      return new ZipReader(file, fd, entries);
    } catch (e) {
      await fd.close();
      throw e;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's uncompressed bytes as a stream (call `destroy()` to stop early). */
  async stream(name: string): Promise<Readable> {
    const e = this.entries.get(name);
    if (!e) throw damaged(this.file, `missing part ${name}`);
    const loc = Buffer.alloc(30);
    await this.fd.read(loc, 0, 30, e.localHeaderOffset);
    if (loc.readUInt32LE(0) !== LOC_SIG) throw damaged(this.file, `bad local header of ${name}`);
    const start = e.localHeaderOffset + 30 + loc.readUInt16LE(26) + loc.readUInt16LE(28);
    if (e.compressedSize === 0) return Readable.from([]);
    const raw = createReadStream(this.file, {
      start,
      end: start + e.compressedSize - 1,
      highWaterMark: 1 << 16,
    });
    if (e.method === 0) return raw;
    if (e.method !== 8) throw damaged(this.file, `unsupported compression ${e.method} in ${name}`);
    const inflate = createInflateRaw({ chunkSize: 1 << 16 });
    raw.on("error", (err) => inflate.destroy(err));
    inflate.on("close", () => raw.destroy());
    return raw.pipe(inflate);
  }

  /** A small entry (workbook.xml, styles, rels) as text. */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of await this.stream(name)) chunks.push(c as Buffer);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw damaged(this.file, `${name}: ${(e as Error).message}`);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  close(): Promise<void> {
    return this.fd.close();
  }
}

async function readCentralDirectory(
  fd: fs.FileHandle,
  size: number,
  file: string,
): Promise<Map<string, ZipEntry>> {
  const tailLen = Math.min(size, 22 + 0xffff + 20);
  const tail = Buffer.alloc(tailLen);
  await fd.read(tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(file, "truncated: the zip directory is missing / 文件不完整");
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (
    (cdOffset === 0xffffffff || count === 0xffff) &&
    eocd >= 20 &&
    tail.readUInt32LE(eocd - 20) === EOCD64_LOCATOR_SIG
  ) {
    const off64 = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const rec = Buffer.alloc(56);
    await fd.read(rec, 0, 56, off64);
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw damaged(file, "truncated / 文件不完整");
  const cd = Buffer.alloc(cdSize);
  await fd.read(cd, 0, cdSize, cdOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN_SIG) throw damaged(file, "bad zip directory");
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let usize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString("utf8", p + 46, p + 46 + nameLen);
    // Zip64 extra field: the 0xFFFFFFFF fields, in order usize, csize, offset.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 1) {
        let q = x + 4;
        if (usize === 0xffffffff) ((usize = Number(cd.readBigUInt64LE(q))), (q += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8));
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.set(name, { name, method, compressedSize, size: usize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
