/**
 * Reading a CSV file: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or
 * GB18030/GBK — what Excel in China saves as "CSV" — when the bytes are not valid UTF-8.
 * The delimiter (comma, semicolon or tab) is the first line's, or else the one that finds the header row.
 *
 * The file is held as one UTF-8 buffer with the offsets of its data records (csvScan.ts); only
 * the columns the engine and the summary read are decoded (csvColumns.ts: texts, or numbers and
 * dates parsed from the bytes). The writers copy the other cells' bytes through (writeCsv.ts)
 * or decode them one row at a time (writeXlsx.ts).
 */
import { isUtf8 } from "buffer";
import * as path from "path";
import { isHeaderRow, mapHeaders, mapSummaryColumns } from "../engine/headers";
import type { CellValue } from "../engine/types";
import {
  fieldText,
  FieldSpans,
  isBlankRecord,
  lineBreaksIn,
  lineOf,
  scanRecord,
  UnclosedQuote,
} from "./csvScan";
import type { KeptField, RecordChunk } from "./csvRecords";
import {
  BUNDLED_RECORDS_WORKER,
  dataRecords,
  readWhole,
  startRecordsWorker,
  type FileVersion,
} from "./csvRecordsReader";
import { KeptColumns } from "./csvColumns";
import { footerNote, footerStart } from "./footer";
import { withRoom } from "./growable";
import { FIELD_READS, type FieldRead } from "../engine/fieldReads";
import type { FieldKey } from "../engine/types";
import { findOwnColumns } from "../engine/report/columns";
import { bilingual, CliError, type CsvSource, type SheetData } from "./sheet";

/** Records looked at for a header row (after a report title). */
const HEADER_SEARCH_ROWS = 30;

export interface DecodedCsv {
  /** The file as UTF-8, BOM removed. */
  bytes: Buffer;
  note: string | null;
}

/** The file's bytes as UTF-8; says when it was UTF-16 or fell back to GB18030. */
export function decodeCsvBuffer(raw: Buffer): DecodedCsv {
  if (raw.length >= 2 && ((raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff))) {
    const le = raw[0] === 0xff;
    const text = new TextDecoder(le ? "utf-16le" : "utf-16be").decode(raw.subarray(2));
    return { bytes: Buffer.from(text, "utf8"), note: utf16Note() };
  }
  // UTF-16 without a BOM: text in ASCII has every other byte zero.
  const probe = raw.subarray(0, 1024);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (probe.length >= 8 && Math.max(zeroOdd, zeroEven) > probe.length / 4) {
    const text = new TextDecoder(zeroOdd > zeroEven ? "utf-16le" : "utf-16be").decode(raw);
    return { bytes: Buffer.from(text, "utf8"), note: utf16Note() };
  }
  const hasBom = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const body = hasBom ? raw.subarray(3) : raw;
  if (isUtf8(body)) return { bytes: body, note: null };
  // Not UTF-8: Excel (zh-CN) writes CSV in the ANSI code page, GBK, a subset of GB18030.
  return {
    bytes: Buffer.from(new TextDecoder("gb18030").decode(body), "utf8"),
    note: bilingual(
      "注意：输入文件不是 UTF-8 编码，已按 GB18030（GBK）解码；输出为 UTF-8",
      "note: the input is not UTF-8; it was decoded as GB18030 (GBK); the output is UTF-8",
    ),
  };
}

const utf16Note = () =>
  bilingual(
    "注意：输入文件为 UTF-16（Excel 的“Unicode 文本”），已按 UTF-16 读取；输出为 UTF-8",
    'note: the input is UTF-16 (Excel\'s "Unicode text"); it was read as such; the output is UTF-8',
  );

/** Kept for callers that have text: the text and the note. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; note: string | null } {
  const d = decodeCsvBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { text: d.bytes.toString("utf8"), note: d.note };
}

/** The delimiter that splits the header line into the most fields (comma on a tie). */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n|\r/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  let best = ",";
  let bestCount = firstLine.split(",").length;
  for (const d of [";", "\t"]) {
    const n = firstLine.split(d).length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export interface ReadCsvOptions {
  /** The worker file that splits the records (tests point it elsewhere); default: the bundled one. */
  recordsWorker?: string;
}

export async function readCsv(file: string, options: ReadCsvOptions = {}): Promise<SheetData> {
  // A large file's records are split on a worker, which reads the file meanwhile.
  const worker = startRecordsWorker(file, options.recordsWorker ?? BUNDLED_RECORDS_WORKER);
  try {
    let raw: Buffer;
    let version: FileVersion;
    try {
      ({ raw, version } = readWhole(file));
    } catch (e) {
      throw unreadable(file, e);
    }
    const { bytes, note } = decodeCsvBuffer(raw);
    // The worker can split only the file's own bytes (not a copy re-encoded from UTF-16 or GBK).
    const at = bytes.buffer === raw.buffer ? { version, offset: bytes.byteOffset - raw.byteOffset } : null;
    raw = Buffer.alloc(0); // the decoded copy (if any) is all we keep
    try {
      return await scanCsv(file, bytes, note, (records) =>
        dataRecords(bytes, records.delimiter, records.pos, records.kept, worker, at),
      );
    } catch (e) {
      if (e instanceof UnclosedQuote) {
        const line = lineOf(bytes, e.offset);
        throw new CliError(
          1,
          bilingual(
            `无法读取 CSV 文件 ${file}：第 ${line} 行的引号（"）没有配对，直到文件末尾；请检查这一行的单元格`,
            `cannot read the CSV file ${file}: the quote (") opened on line ${line} is never closed; check that line's cells`,
          ),
        );
      }
      throw e;
    }
  } finally {
    worker?.close();
  }
}

/** Where the data records start and what of them to keep: the source of their chunks. */
type RecordSource = (records: {
  delimiter: number;
  pos: number;
  kept: KeptField[];
}) => AsyncIterable<RecordChunk>;

async function scanCsv(
  file: string,
  bytes: Buffer,
  note: string | null,
  records: RecordSource,
): Promise<SheetData> {
  // The delimiter from the first non-blank line; when no header row is found with it (a title
  // line without delimiters, or with a comma in a semicolon file), the one that finds it.
  let first = 0;
  while (first < bytes.length && (bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x20))
    first++;
  const firstLineEnd = bytes.indexOf(0x0a, first);
  const detected = detectDelimiter(
    bytes.toString("utf8", first, firstLineEnd < 0 ? Math.min(bytes.length, first + 65536) : firstLineEnd),
  ).charCodeAt(0);
  const spans = new FieldSpans();
  let delimiter = detected;
  let { candidates, headerIndex } = findHeaderRecord(bytes, delimiter, spans);
  for (const other of DELIMITERS) {
    if (headerIndex >= 0 || other === detected) continue;
    const found = headerRecordOrNone(bytes, other, spans);
    if (found.headerIndex >= 0) {
      ({ candidates, headerIndex } = found);
      delimiter = other;
    }
  }
  if (candidates.length === 0) {
    throw new CliError(
      1,
      bilingual(`文件 ${file} 是空的，没有表头和数据`, `the file ${file} is empty: no header row, no data`),
    );
  }
  if (headerIndex < 0) headerIndex = 0;
  const header = candidates[headerIndex];
  const pos = scanRecord(bytes, header.start, delimiter, spans);
  const headerRowNumber = lineOf(bytes, header.start);
  // Trailing empty header cells are no columns (data may still reach into them).
  let width = header.values.length;
  while (width > 0 && header.values[width - 1].trim() === "") width--;

  // The fields the engine and the summary read are decoded in this one pass, while each record
  // is in cache (csvColumns.ts); the others stay bytes, which the writer copies through.
  // (An earlier run's §11 block is left out, as main.ts will: its 潜力得分 is not the input's.)
  const own = findOwnColumns(header.values) ?? { start: 0, count: 0 };
  const named = header.values.map((h, c) => (c >= own.start && c < own.start + own.count ? "" : h));
  const mapping = mapHeaders(named);
  const kept = new Map<number, FieldRead | undefined>();
  for (const [field, c] of Object.entries(mapping.columns) as [FieldKey, number][]) {
    const read = FIELD_READS[field];
    // A column two fields read differently (never in practice) is kept as text.
    kept.set(c, kept.has(c) && kept.get(c) !== read ? undefined : read);
  }
  for (const c of Object.values(mapSummaryColumns(named)) as number[]) kept.set(c, undefined);
  // The id and name stay bytes: the engine hashes them without decoding (CsvTexts).
  const keys = new Set(
    [mapping.columns.id, mapping.columns.name].filter((c): c is number => c !== undefined),
  );
  const keptColumns = new KeptColumns(bytes, kept, keys);
  let rowStart = new Uint32Array(1 << 16);
  let rowEnd = new Uint32Array(1 << 16);
  let rowFields = new Uint16Array(1 << 16);
  let rowCount = 0;
  let maxFields = width;
  for await (const chunk of records({ delimiter, pos, kept: keptColumns.keptFields() })) {
    rowStart = withRoom(rowStart, rowCount + chunk.rows);
    rowEnd = withRoom(rowEnd, rowCount + chunk.rows);
    rowFields = withRoom(rowFields, rowCount + chunk.rows);
    rowStart.set(chunk.rowStart.subarray(0, chunk.rows), rowCount);
    rowEnd.set(chunk.rowEnd.subarray(0, chunk.rows), rowCount);
    rowFields.set(chunk.rowFields.subarray(0, chunk.rows), rowCount);
    if (chunk.maxFields > maxFields) maxFields = chunk.maxFields;
    keptColumns.addChunk(chunk, rowCount);
    rowCount += chunk.rows;
  }
  // A report's footer (Salesforce's copyright, "Generated By" lines): cut from the table.
  const footerAt = footerStart(
    rowCount,
    (i) => onlyFirstField(bytes, rowStart[i], delimiter, spans),
    (i) => scanRecord(bytes, rowStart[i - 1], delimiter, spans) < rowStart[i],
  );
  const footer: { rowNumber: number; values: CellValue[] }[] = [];
  for (let i = footerAt, line = 0; i < rowCount; i++) {
    line =
      i === footerAt ? lineOf(bytes, rowStart[i]) : line + lineBreaksIn(bytes, rowStart[i - 1], rowStart[i]);
    scanRecord(bytes, rowStart[i], delimiter, spans);
    footer.push({
      rowNumber: line,
      values: Array.from({ length: spans.count }, (_, k) => fieldText(bytes, spans, k)),
    });
  }
  rowCount = footerAt;
  const columnCount = Math.max(width, maxFields);
  const decoded = keptColumns.done(rowCount);
  const columns: CellValue[][] = Array.from({ length: columnCount }, (_, c) => decoded.texts.get(c) ?? []);
  const headers: CellValue[] = Array.from({ length: columnCount }, (_, c) => header.values[c] ?? null);
  const source: CsvSource = {
    bytes,
    delimiter,
    rowStart: rowStart.subarray(0, rowCount),
    rowEnd: rowEnd.subarray(0, rowCount),
    plainFields: rowFields.subarray(0, rowCount),
    fields: Array.from({ length: columnCount }, (_, c) => c),
    parsed: decoded.parsed,
    keyTexts: decoded.keys,
  };
  const preamble = candidates.slice(0, headerIndex);
  const notes = note ? [note] : [];
  if (footer.length > 0) notes.push(footerNote(footer[0].rowNumber, footer[footer.length - 1].rowNumber));
  if (preamble.length > 0) {
    notes.push(
      bilingual(
        `注意：表头在第 ${headerRowNumber} 行；其上的 ${preamble.length} 行（标题等）不属于表格，只写入 .xlsx 输出`,
        `note: the header is on line ${headerRowNumber}; the ${preamble.length} line(s) above it (a title…) are not part of the table and are written to an .xlsx output only`,
      ),
    );
  }
  return {
    format: "csv",
    sheetName: path.basename(file, path.extname(file)),
    headerRowNumber,
    headers,
    columns,
    originals: Array.from({ length: columnCount }, () => new Map()),
    numFmts: new Array(columnCount).fill(undefined),
    rowCount,
    columnCount,
    notes,
    preamble: preamble.map((p, k) => ({ rowNumber: k + 1, values: p.values })),
    ...(footer.length > 0 ? { footer } : {}),
    csv: source,
  };
}

/** True when the record holds nothing but its first field (a report footer's line, footer.ts). */
function onlyFirstField(bytes: Buffer, start: number, delimiter: number, spans: FieldSpans): boolean {
  scanRecord(bytes, start, delimiter, spans);
  if (spans.count === 0 || fieldText(bytes, spans, 0).trim() === "") return false;
  for (let k = 1; k < spans.count; k++) if (fieldText(bytes, spans, k).trim() !== "") return false;
  return true;
}

/** The delimiters a CSV may use (comma, semicolon, tab), as bytes. */
const DELIMITERS = [0x2c, 0x3b, 0x09];

/**
 * The header: the first record with two cells naming §1/§12 headers (the engine's rule) among
 * the first ones (headerIndex −1 when none has), and the non-blank records up to it.
 */
function findHeaderRecord(
  bytes: Buffer,
  delimiter: number,
  spans: FieldSpans,
): { candidates: { start: number; values: string[] }[]; headerIndex: number } {
  const candidates: { start: number; values: string[] }[] = [];
  let pos = 0;
  while (pos < bytes.length && candidates.length < HEADER_SEARCH_ROWS) {
    const start = pos;
    pos = scanRecord(bytes, pos, delimiter, spans);
    if (isBlankRecord(bytes, spans)) continue;
    const values = Array.from({ length: spans.count }, (_, k) => fieldText(bytes, spans, k));
    candidates.push({ start, values });
    if (isHeaderRow(values)) return { candidates, headerIndex: candidates.length - 1 };
  }
  return { candidates, headerIndex: -1 };
}

/** findHeaderRecord with a delimiter merely tried: a quote it leaves open means "not this one". */
function headerRecordOrNone(
  bytes: Buffer,
  delimiter: number,
  spans: FieldSpans,
): ReturnType<typeof findHeaderRecord> {
  try {
    return findHeaderRecord(bytes, delimiter, spans);
  } catch (e) {
    if (e instanceof UnclosedQuote) return { candidates: [], headerIndex: -1 };
    throw e;
  }
}

export function unreadable(file: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new CliError(1, bilingual(`找不到输入文件 ${file}`, `input file not found: ${file}`));
  }
  if (code === "EISDIR") {
    return new CliError(1, bilingual(`${file} 是文件夹，不是文件`, `${file} is a directory, not a file`));
  }
  return new CliError(
    1,
    bilingual(
      `无法读取输入文件 ${file}：${(e as Error).message}`,
      `cannot read the input file ${file}: ${(e as Error).message}`,
    ),
  );
}
