/**
 * Reading the customer table of an .xlsx: a thin reader over Node's zlib (zip.ts) and saxes
 * (xlsxParts.ts, xlsxSheet.ts), streamed, every character decoded whole.
 *
 * - The sheet: the one named by --sheet, else the first visible sheet holding a customer table
 *   (a header row, the engine's isHeaderRow); hidden sheets and cover sheets are passed over.
 * - The header row: the first row with at least two cells naming §1/§12 headers (a report title and blank
 *   rows above it are kept as the preamble and written back); the first non-blank row otherwise.
 * - The table's width: the header's, trailing empty columns ignored; a cell far to the right of it
 *   is reported by address and kept aside, never allocated across.
 * - Formula cells: their cached result; an error result is the error text for the engine (which
 *   reports it) and is written back as the error; a formula never calculated is reported.
 */
import { promises as fs } from "fs";
import { columnLetter, isHeaderRow } from "../engine/headers";
import type { CellValue } from "../engine/types";
import { unreadable } from "./readCsv";
import { bilingual, CliError, ColumnBuilder, isBlankCell, type OriginalCell, type SheetData } from "./sheet";
import {
  isDateFormatCode,
  readSharedStrings,
  readStyles,
  readWorkbookInfo,
  type SheetInfo,
} from "./xlsxParts";
import { footerNote, footerStart } from "./footer";
import { withRoom } from "./growable";
import {
  columnOfRef,
  isErrorCell,
  isUncalculated,
  readSheetRows,
  type RawRow,
  type SheetReadContext,
} from "./xlsxSheet";
import { ZipReader } from "./zip";

/** True when a number format shows a date (y, m or d outside quotes and brackets). */
export const isDateFormat = (code: string | undefined): boolean =>
  code !== undefined && code !== "General" && isDateFormatCode(code);

/** Non-blank rows looked at for a header row before giving up on a sheet (docs/METHOD-NOTES.md). */
const HEADER_SEARCH_ROWS = 30;
/** A header cell after this many blank columns is not part of the header (a stray cell). */
const MAX_HEADER_GAP = 8;
/** Data may run this many columns past the header (unnamed columns), further is stray. */
const DATA_SLACK = 2;
/** Stray cells kept (and named in the message); more are counted only. */
const MAX_STRAYS = 1000;

interface ReadXlsxOptions {
  sheet?: string;
}

const rowValues = (row: RawRow): CellValue[] => {
  const values: CellValue[] = [];
  for (const c of row.cells) {
    if (c.col >= 1 << 14) continue;
    values[c.col] = c.value;
  }
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
  return values;
};

const isBlankRow = (row: RawRow) => row.cells.every((c) => isBlankCell(c.value) && c.original === undefined);

/** Row number of the sheet's header row, or null when none in the first rows. */
async function findHeaderRow(
  zip: ZipReader,
  sheet: SheetInfo,
  ctx: SheetReadContext,
): Promise<number | null> {
  let seen = 0;
  let found: number | null = null;
  await readSheetRows(zip, sheet.path, ctx, (row) => {
    if (isBlankRow(row)) return true;
    if (isHeaderRow(rowValues(row).slice(0, 1 << 10))) {
      found = row.number;
      return false;
    }
    return ++seen < HEADER_SEARCH_ROWS;
  });
  return found;
}

export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<SheetData> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  } catch (e) {
    throw unreadable(file, e);
  }
  const zip = await ZipReader.open(file);
  try {
    const info = await readWorkbookInfo(zip);
    const describe = (s: SheetInfo) => (s.state === "visible" ? s.name : `${s.name}（隐藏/hidden）`);
    const list = info.sheets.map(describe).join("、") || "（无）";
    if (info.sheets.length === 0)
      throw new CliError(1, bilingual(`${file} 中没有工作表`, `${file} contains no worksheet`));
    const [styles, sharedStrings] = await Promise.all([readStyles(zip), readSharedStrings(zip)]);
    const ctx: SheetReadContext = { sharedStrings, styles, date1904: info.date1904 };

    let chosen: SheetInfo | undefined;
    let headerRow: number | null = null;
    if (options.sheet !== undefined) {
      chosen = info.sheets.find((s) => s.name === options.sheet);
      if (!chosen) {
        throw new CliError(
          1,
          bilingual(
            `工作簿中没有名为“${options.sheet}”的工作表；现有工作表：${list}`,
            `no sheet named "${options.sheet}" in the workbook; its sheets: ${info.sheets.map(describe).join(", ")}`,
          ),
        );
      }
      headerRow = await findHeaderRow(zip, chosen, ctx);
    } else {
      const visible = info.sheets.filter((s) => s.state === "visible");
      for (const s of visible) {
        headerRow = await findHeaderRow(zip, s, ctx);
        if (headerRow !== null) {
          chosen = s;
          break;
        }
      }
      if (!chosen) {
        if (visible.length !== 1) {
          throw new CliError(
            1,
            bilingual(
              `没有找到客户表：没有哪个可见工作表有“客户名称、销售额”等表头。工作簿中的工作表：${list}；请用 --sheet 指定`,
              `no customer table found: no visible sheet has a header row such as Customer, Revenue. The workbook's sheets: ${info.sheets.map(describe).join(", ")}; name one with --sheet`,
            ),
          );
        }
        chosen = visible[0];
      }
    }
    const sheet = await readTable(zip, chosen, ctx, headerRow);
    if (sheet.rowCount === 0 && sheet.headers.length === 0) {
      throw new CliError(
        1,
        bilingual(
          `工作表“${sheet.sheetName}”是空的，没有表头和数据`,
          `the sheet "${sheet.sheetName}" is empty: no header row, no data`,
        ),
      );
    }
    return sheet;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      1,
      bilingual(
        `无法读取 ${file}：文件已损坏或不是有效的 .xlsx 工作簿（${(e as Error).message}）`,
        `cannot read ${file}: the file is damaged or not a valid .xlsx workbook (${(e as Error).message})`,
      ),
    );
  } finally {
    await zip.close();
  }
}

/** Width of a header row: up to its last non-blank cell, not counting one far after a wide gap. */
function headerWidth(row: RawRow): number {
  let width = 0;
  for (const c of row.cells) {
    if (isBlankCell(c.value)) continue;
    if (c.col - width > MAX_HEADER_GAP) break;
    width = c.col + 1;
  }
  return width;
}

async function readTable(
  zip: ZipReader,
  sheet: SheetInfo,
  ctx: SheetReadContext,
  headerRowNumber: number | null,
): Promise<SheetData> {
  const builder = new ColumnBuilder();
  const preamble: NonNullable<SheetData["preamble"]> = [];
  const strays: NonNullable<SheetData["strays"]> = [];
  let strayCount = 0;
  let headers: CellValue[] | null = null;
  let headerNumber = 0;
  let width = 0;
  const numFmts: (string | undefined)[] = [];
  const uncalculated: string[] = [];
  let uncalculatedCount = 0;
  const errors = new Map<string, { count: number; first: string }>();

  // Each data row's row number in the sheet: where a merged cell's rows are in the table.
  let dataRowNumbers = new Int32Array(1024);
  const { merges } = await readSheetRows(zip, sheet.path, ctx, (row) => {
    if (headers === null) {
      const isHeader = headerRowNumber !== null ? row.number === headerRowNumber : !isBlankRow(row);
      if (!isHeader) {
        const values = rowValues(row);
        preamble.push({ rowNumber: row.number, values });
        return;
      }
      width = headerWidth(row);
      headers = new Array(width).fill(null);
      for (const c of row.cells) {
        if (c.col < width) headers[c.col] = c.value;
        else if (!isBlankCell(c.value)) keepStray(row.number, -1, c);
      }
      headerNumber = row.number;
      builder.ensureColumns(width);
      return;
    }
    if (isBlankRow(row)) return; // blank rows are not customers
    if (
      row.cells.every(
        (c) => c.col >= width + DATA_SLACK || (isBlankCell(c.value) && c.original === undefined),
      )
    ) {
      // Only stray cells: kept with the row above (no customer row is made for them).
      for (const c of row.cells) if (!isBlankCell(c.value)) keepStray(row.number, builder.rowCount - 1, c);
      return;
    }
    const values: CellValue[] = [];
    let originals: Map<number, OriginalCell> | undefined;
    for (const c of row.cells) {
      if (c.col >= width + DATA_SLACK) {
        if (!isBlankCell(c.value) || c.original !== undefined) keepStray(row.number, builder.rowCount, c);
        continue;
      }
      values[c.col] = c.value;
      if (c.original !== undefined) {
        (originals ??= new Map()).set(c.col, c.original);
        const address = `${columnLetter(c.col)}${row.number}`;
        if (isUncalculated(c.original)) {
          if (uncalculated.length < 3) uncalculated.push(address);
          uncalculatedCount++;
        } else if (isErrorCell(c.original)) {
          const e = errors.get(c.original.error);
          if (e) e.count++;
          else errors.set(c.original.error, { count: 1, first: address });
        }
      }
      if (c.numFmt !== undefined && numFmts[c.col] === undefined) numFmts[c.col] = c.numFmt;
    }
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    dataRowNumbers = withRoom(dataRowNumbers, builder.rowCount + 1);
    dataRowNumbers[builder.rowCount] = row.number;
    builder.push(values, originals);
  });

  function keepStray(rowNumber: number, dataIndex: number, c: RawRow["cells"][number]): void {
    strayCount++;
    if (strays.length < MAX_STRAYS)
      strays.push({
        row: rowNumber,
        dataIndex,
        col: c.col,
        value: c.value,
        original: c.original,
        numFmt: c.numFmt,
      });
  }

  // A report's footer (Salesforce's copyright, "Generated By" lines): cut from the table, unless
  // a stray cell sits in its rows (strays go with their data row).
  const footer: NonNullable<SheetData["footer"]> = [];
  let footerAt = footerStart(
    builder.rowCount,
    (i) => onlyFirstCell(builder, i),
    (i) => dataRowNumbers[i] > dataRowNumbers[i - 1] + 1,
  );
  if (strays.some((st) => st.dataIndex >= footerAt)) footerAt = builder.rowCount;
  for (let i = footerAt; i < builder.rowCount; i++) {
    const originals = new Map<number, OriginalCell>();
    builder.originals.forEach((m, c) => {
      const o = m.get(i);
      if (o !== undefined) originals.set(c, o);
    });
    footer.push({
      rowNumber: dataRowNumbers[i],
      values: builder.columns.map((col) => col[i]),
      ...(originals.size > 0 ? { originals } : {}),
    });
  }
  builder.truncate(footerAt);

  const hdr: CellValue[] = headers ?? [];
  const columnCount = Math.max(hdr.length, builder.columns.length);
  builder.ensureColumns(columnCount);
  while (hdr.length < columnCount) hdr.push(null);
  while (numFmts.length < columnCount) numFmts.push(undefined);

  const notes: string[] = [];
  if (uncalculatedCount > 0) {
    const where =
      uncalculated.join("、") +
      (uncalculatedCount > uncalculated.length ? ` 等 ${uncalculatedCount} 个单元格` : "");
    const whereEn =
      uncalculated.join(", ") +
      (uncalculatedCount > uncalculated.length ? ` and ${uncalculatedCount - uncalculated.length} more` : "");
    notes.push(
      bilingual(
        `工作表“${sheet.name}”${where}：公式未计算，请在 Excel 中保存后再试（这些单元格按空白处理）`,
        `the sheet "${sheet.name}" ${whereEn}: formulas without a calculated value, open the file in Excel, save it and try again (read as blank)`,
      ),
    );
  }
  for (const [error, { count, first }] of errors) {
    notes.push(
      bilingual(
        `工作表“${sheet.name}”${first}${count > 1 ? ` 等 ${count} 个单元格` : ""}的公式结果为错误 ${error}：按错误报告，原样写回`,
        `the sheet "${sheet.name}" ${first}${count > 1 ? ` and ${count - 1} more` : ""}: the formula result is the error ${error}; reported and written back as it is`,
      ),
    );
  }
  if (strayCount > 0) {
    const shown = strays.slice(0, 3).map((s) => `${columnLetter(s.col)}${s.row}`);
    notes.push(
      bilingual(
        `工作表“${sheet.name}”的单元格 ${shown.join("、")}${strayCount > 3 ? ` 等 ${strayCount} 个` : ""} 远在表格右侧（表格到 ${columnLetter(Math.max(columnCount - 1, 0))} 列），不计入表格；.xlsx 输出在原位置保留，.csv 输出不含它们`,
        `the sheet "${sheet.name}": ${shown.join(", ")}${strayCount > 3 ? ` and ${strayCount - 3} more` : ""} lie far right of the table (which ends at column ${columnLetter(Math.max(columnCount - 1, 0))}); left out of the table, kept in place in an .xlsx output, not in a .csv output`,
      ),
    );
  }
  const mergedDown = mergesDown(
    merges,
    headerNumber,
    columnCount,
    dataRowNumbers.subarray(0, builder.rowCount),
  );
  if (mergedDown.length > 0) {
    const shown = mergedDown.slice(0, 3).map((m) => m.ref);
    const more = mergedDown.length > 3 ? mergedDown.length - 3 : 0;
    notes.push(
      bilingual(
        `工作表“${sheet.name}”的 ${shown.join("、")}${more ? ` 等 ${mergedDown.length} 处` : ""} 是合并单元格：负责销售、区域的汇总按合并的值计入其中每一行；.xlsx 输出是 Excel 表格，不能含合并单元格，这些单元格按原值写回（首行有值，其余为空）`,
        `the sheet "${sheet.name}": ${shown.join(", ")}${more ? ` and ${more} more` : ""} are merged cells: the owner and region summaries count the merged value for each of their rows; the .xlsx output is an Excel table, which cannot hold merged cells, so they are written back as they are (the value in the first row, the others blank)`,
      ),
    );
  }
  if (footer.length > 0) notes.push(footerNote(footer[0].rowNumber, footer[footer.length - 1].rowNumber));
  const merged = merges.filter((ref) => {
    const m = /(\d+)$/.exec(ref.split(":")[1] ?? ref);
    return m !== null && Number(m[1]) < headerNumber;
  });
  return {
    format: "xlsx",
    sheetName: sheet.name,
    headerRowNumber: headerNumber,
    headers: hdr,
    columns: builder.columns,
    originals: builder.originals,
    numFmts,
    rowCount: builder.rowCount,
    columnCount,
    notes,
    preamble,
    preambleMerges: merged,
    ...(footer.length > 0 ? { footer } : {}),
    mergedDown: mergedDown.map(({ col, from, to }) => ({ col, from, to })),
    strays,
  };
}

/**
 * The merged ranges that run down one column of the table's data rows (an owner typed once for
 * a group of customers), as data-row ranges; `rowNumbers` are the data rows' sheet rows, ascending.
 */
function mergesDown(
  refs: readonly string[],
  headerNumber: number,
  columnCount: number,
  rowNumbers: Int32Array,
): { ref: string; col: number; from: number; to: number }[] {
  const out: { ref: string; col: number; from: number; to: number }[] = [];
  for (const ref of refs) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (m === null || m[1] !== m[3]) continue;
    const col = columnOfRef(m[1]);
    const top = Number(m[2]);
    const bottom = Number(m[4]);
    if (top <= headerNumber || bottom <= top || col >= columnCount) continue;
    const from = firstAtLeast(rowNumbers, top);
    if (rowNumbers[from] !== top) continue; // its first row is no customer row
    const to = firstAtLeast(rowNumbers, bottom + 1) - 1;
    if (to > from) out.push({ ref, col, from, to });
  }
  return out;
}

/** The first index whose number is ≥ n (the length when none is). */
function firstAtLeast(sorted: Int32Array, n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when data row i holds nothing but its first cell (a report footer's line, footer.ts). */
function onlyFirstCell(builder: ColumnBuilder, i: number): boolean {
  const cols = builder.columns;
  if (cols.length === 0 || isBlankCell(cols[0][i])) return false;
  for (let c = 1; c < cols.length; c++)
    if (!isBlankCell(cols[c][i]) || builder.originals[c].has(i)) return false;
  return true;
}
