/**
 * Reading a CSV file: UTF-8 (with or without BOM), or GB18030/GBK — what Excel in China
 * saves as "CSV" — when the bytes are not valid UTF-8. The delimiter (comma, semicolon
 * or tab) is taken from the header line. Every cell is kept as the text that was read.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { parse } from "csv-parse";
import type { CellValue } from "../engine/types";
import { bilingual, CliError, ColumnBuilder, isBlankCell, type SheetData } from "./sheet";

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CHUNK_CHARS = 1 << 20;

/** Decodes the file's bytes; says when it fell back to GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; note: string | null } {
  const hasBom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), note: null };
  } catch {
    // Not UTF-8: Excel (zh-CN) writes CSV in the ANSI code page, GBK, a subset of GB18030.
    const text = new TextDecoder("gb18030").decode(body);
    return {
      text,
      note: bilingual(
        "注意：输入文件不是 UTF-8 编码，已按 GB18030（GBK）解码；输出为 UTF-8",
        "note: the input is not UTF-8; it was decoded as GB18030 (GBK); the output is UTF-8",
      ),
    };
  }
}

/** The delimiter that splits the header line into the most fields (comma on a tie). */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
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

export async function readCsv(file: string): Promise<SheetData> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw unreadable(file, e);
  }
  const { text, note } = decodeCsvBytes(bytes);
  const parser = parse({
    delimiter: detectDelimiter(text.replace(/^(\s*\r?\n)+/, "")),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: false,
  });
  // Feed the text in slices so a large file is parsed while its records are stored.
  const feed = (async () => {
    for (let i = 0; i < text.length; i += CHUNK_CHARS) {
      if (!parser.write(text.slice(i, i + CHUNK_CHARS))) {
        await new Promise((resolve) => parser.once("drain", resolve));
      }
    }
    parser.end();
  })();

  let headers: CellValue[] | null = null;
  let headerRowNumber = 0;
  const builder = new ColumnBuilder();
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++; // records, not physical lines (empty lines are skipped; a quoted field may span lines)
      if (record.every(isBlankCell)) continue; // a row of empty fields is not a customer
      if (headers === null) {
        headers = record;
        headerRowNumber = line;
        builder.ensureColumns(record.length);
        continue;
      }
      builder.push(record);
    }
    await feed;
  } catch (e) {
    throw new CliError(
      1,
      bilingual(
        `无法读取 CSV 文件 ${file}（第 ${line + 1} 条记录附近）：${(e as Error).message}`,
        `cannot read the CSV file ${file} (near record ${line + 1}): ${(e as Error).message}`,
      ),
    );
  }
  if (headers === null) {
    throw new CliError(
      1,
      bilingual(`文件 ${file} 是空的，没有表头和数据`, `the file ${file} is empty: no header row, no data`),
    );
  }
  const columnCount = Math.max(headers.length, builder.columns.length);
  builder.ensureColumns(columnCount);
  return {
    format: "csv",
    sheetName: path.basename(file, path.extname(file)),
    headerRowNumber,
    headers: padTo(headers, columnCount),
    columns: builder.columns,
    originals: builder.originals,
    numFmts: new Array(columnCount).fill(undefined),
    rowCount: builder.rowCount,
    columnCount,
    notes: note ? [note] : [],
  };
}

function padTo(row: CellValue[], n: number): CellValue[] {
  const out = row.slice();
  while (out.length < n) out.push(null);
  return out;
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
