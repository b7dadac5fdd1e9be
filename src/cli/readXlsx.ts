/**
 * Reading one worksheet of an .xlsx with exceljs's streaming reader (the in-memory
 * reader needs ~10× the memory on 100k+ rows). Cells are normalised for the engine;
 * rich text, Excel errors and hyperlinks are also kept as found, to be written back.
 */
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import type { CellValue } from "../engine/types";
import { EXCEL_EPOCH_OFFSET } from "../engine/types";
import { unreadable } from "./readCsv";
import { bilingual, CliError, ColumnBuilder, isBlankCell, type OriginalCell, type SheetData } from "./sheet";

const MS_PER_DAY = 86_400_000;

/** Date-looking number formats (same test as exceljs: d, m, y, h, s outside quotes/brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === "General") return false;
  const bare = fmt.replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/**
 * What the engine should read from an exceljs cell value: text for rich text and
 * hyperlinks, the cached result for formulas, "#N/A" for errors (as Office.js gives them).
 * `original` is set when the cell must be written back as found (not as `value`).
 */
export function normalizeExcelValue(
  v: unknown,
  numFmt?: string,
): { value: CellValue; original?: OriginalCell } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: v };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      const text = (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? "")).join("");
      return { value: text, original: v };
    }
    if (typeof o.error === "string") return { value: o.error, original: v };
    if ("formula" in o || "sharedFormula" in o) {
      // A formula is written back as its last computed value (see METHOD-NOTES, Command-line).
      const result = o.result;
      if (typeof result === "number" && isDateFormat(numFmt)) {
        return { value: new Date((result - EXCEL_EPOCH_OFFSET) * MS_PER_DAY) };
      }
      return { value: normalizeExcelValue(result, numFmt).value };
    }
    if ("hyperlink" in o || "text" in o) {
      // Written back as its text: a link target from a customer file is not followed or kept.
      return { value: normalizeExcelValue(o.text, numFmt).value };
    }
    if (typeof o.sharedString === "number") return { value: null };
  }
  return { value: String(v) };
}

interface ReadXlsxOptions {
  sheet?: string;
}

export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<SheetData> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  } catch (e) {
    throw unreadable(file, e);
  }

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // needed to tell date cells from numbers
    hyperlinks: "ignore", // hyperlink targets come after the rows; the cell's text is kept
    entries: "ignore",
  });

  let found: SheetData | null = null;
  let firstName: string | null = null;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as WorksheetReaderLike;
      const name = ws.name ?? `Sheet${ws.id}`;
      const wanted = !found && (options.sheet !== undefined ? name === options.sheet : firstName === null);
      if (!wanted) {
        // Other sheets are read and dropped: exceljs deletes a sheet's temporary file once
        // it has moved on, and a sheet left unread would then fail to open (ENOENT).
        for await (const _row of ws) void _row;
        continue;
      }
      firstName = name;
      found = await readWorksheet(ws, name);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      1,
      bilingual(
        `无法读取 ${file}：不是有效的 .xlsx 工作簿（${(e as Error).message}）`,
        `cannot read ${file}: not a valid .xlsx workbook (${(e as Error).message})`,
      ),
    );
  }
  if (!found) {
    const names = (
      (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []
    ).map((s) => s.name);
    if (options.sheet !== undefined) {
      throw new CliError(
        1,
        bilingual(
          `工作簿中没有名为“${options.sheet}”的工作表；现有工作表：${names.join("、") || "（无）"}`,
          `no sheet named "${options.sheet}" in the workbook; its sheets: ${names.join(", ") || "(none)"}`,
        ),
      );
    }
    throw new CliError(1, bilingual(`${file} 中没有工作表`, `${file} contains no worksheet`));
  }
  if (found.rowCount === 0 && found.headers.length === 0) {
    throw new CliError(
      1,
      bilingual(
        `工作表“${found.sheetName}”是空的，没有表头和数据`,
        `the sheet "${found.sheetName}" is empty: no header row, no data`,
      ),
    );
  }
  return found;
}

interface CellLike {
  value: unknown;
  numFmt?: string;
}
interface RowLike {
  number: number;
  eachCell(opt: { includeEmpty: boolean }, cb: (cell: CellLike, col: number) => void): void;
}
interface WorksheetReaderLike extends AsyncIterable<RowLike> {
  name?: string;
  id: string | number;
}

async function readWorksheet(ws: WorksheetReaderLike, sheetName: string): Promise<SheetData> {
  const builder = new ColumnBuilder();
  const numFmts: (string | undefined)[] = [];
  let headers: CellValue[] | null = null;
  let headerRowNumber = 0;

  for await (const row of ws) {
    const values: CellValue[] = [];
    let originals: Map<number, OriginalCell> | undefined;
    let blank = true;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const c = col - 1;
      const { value, original } = normalizeExcelValue(cell.value, cell.numFmt);
      while (values.length < c) values.push(null);
      values[c] = value;
      if (original !== undefined) (originals ??= new Map()).set(c, original);
      if (!isBlankCell(value)) blank = false;
      if (
        headers !== null &&
        numFmts[c] === undefined &&
        (typeof value === "number" || value instanceof Date)
      ) {
        numFmts[c] = cell.numFmt ?? "General";
      }
    });
    if (blank) continue; // blank rows are not customers
    if (headers === null) {
      headers = values;
      headerRowNumber = row.number;
      builder.ensureColumns(values.length);
      continue;
    }
    builder.push(values, originals);
  }

  const hdr = headers ?? [];
  const columnCount = Math.max(hdr.length, builder.columns.length);
  builder.ensureColumns(columnCount);
  while (hdr.length < columnCount) hdr.push(null);
  while (numFmts.length < columnCount) numFmts.push(undefined);
  return {
    format: "xlsx",
    sheetName,
    headerRowNumber,
    headers: hdr,
    columns: builder.columns,
    originals: builder.originals,
    numFmts,
    rowCount: builder.rowCount,
    columnCount,
    notes: [],
  };
}
