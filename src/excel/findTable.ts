/**
 * Finding and reading the customer table: the Excel table under the selection, else the
 * selection's current region, else the active sheet's used range. Reads go in row chunks
 * (a read is capped at 5 M cells, and Excel on the web refuses responses over 5 MB).
 */
import type { CellValue } from "../engine/types";
import type { FoundTable, TableLocation } from "./adapter";
import { blockAddress, blocksIntersect, parseAddress, rangeA1, type CellBlock } from "./a1";
import { rowBytes } from "./cellText";
import { DEFAULT_BYTE_BUDGET } from "./chunkedWrite";
import { detectOwnColumns } from "./layout";
import type { Capabilities } from "./requirements";

/** Excel: "a range is limited to five million cells for get operations". */
export const MAX_READ_CELLS = 5_000_000;
/**
 * Bytes per cell assumed for the first read, before any response was measured: generous, so that
 * long Chinese text (about 3 bytes a character, and cells of many KB) does not overshoot the budget.
 */
export const FIRST_READ_BYTES_PER_CELL = 100;

/** Errors that a smaller read avoids. */
function isSizeError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  const text = `${typeof code === "string" ? code : ""} ${e instanceof Error ? e.message : ""}`;
  return /PayloadSizeLimitExceeded|RangeExceedsLimit/i.test(text);
}

export class NoTableError extends Error {}

export interface Located {
  block: CellBlock;
  source: TableLocation["source"];
  tableName?: string;
}

/** Shown when the user selected several areas (Ctrl+click): getSelectedRange would fail. */
export const MULTI_AREA_MESSAGE =
  "选区包含多个区域：请只选中客户表中的一个单元格后重试 / The selection has several areas: select one cell in the customer table and try again";

export async function locate(context: Excel.RequestContext, caps: Capabilities): Promise<Located> {
  // getSelectedRange "will throw an error" when several ranges are selected: count the areas first.
  if (caps.has("selectedRanges")) {
    const areas = context.workbook.getSelectedRanges();
    areas.load("areaCount");
    await context.sync();
    if (areas.areaCount > 1) throw new NoTableError(MULTI_AREA_MESSAGE);
  }
  const sel = context.workbook.getSelectedRange();
  sel.load("address");
  await context.sync();
  const selBlock = parseAddress(sel.address);
  if (!selBlock) throw new NoTableError(`无法识别选区 / Unreadable selection: ${sel.address}`);
  const sheet = context.workbook.worksheets.getItem(selBlock.sheet);

  // 1. An Excel table that overlaps the selection (tables.items + addresses: ExcelApi 1.1).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- tables is a navigation property (a proxy), nothing to load
  const tables = sheet.tables;
  tables.load("items/name");
  await context.sync();
  const ranges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("address");
    return { t, r };
  });
  if (ranges.length) await context.sync();
  const hit = ranges.find(({ r }) => {
    const b = parseAddress(r.address);
    return b !== null && blocksIntersect(b, selBlock);
  });
  if (hit) {
    const t = hit.t;
    // Header and data body only: a totals row is never a customer.
    const header = t.getHeaderRowRange();
    const body = t.getDataBodyRange();
    header.load("address");
    body.load("address");
    try {
      await context.sync();
    } catch {
      throw new NoTableError(
        `表格“${t.name}”没有标题行：请在“表设计”中勾选“标题行” / Table "${t.name}" has no header row: turn on Header Row in Table Design`,
      );
    }
    const h = parseAddress(header.address);
    const d = parseAddress(body.address);
    if (!h || !d)
      throw new NoTableError(`无法识别表格“${t.name}”的地址 / Unreadable address of table "${t.name}"`);
    return { block: { ...h, rowCount: d.row + d.rowCount - h.row }, source: "table", tableName: t.name };
  }

  // 2. The current region (ExcelApi 1.7) when it holds a header and at least one row.
  if (caps.has("surroundingRegion")) {
    const region = sel.getSurroundingRegion();
    region.load("address");
    await context.sync();
    const b = parseAddress(region.address);
    if (b && b.rowCount >= 2) return { block: b, source: "region" };
  }

  // 3. The used range of the sheet (values only when 1.2 is there; the flag is ignored on 1.1).
  const used = sheet.getUsedRange(true);
  used.load("address");
  await context.sync();
  const b = parseAddress(used.address);
  if (!b) throw new NoTableError("工作表为空 / The sheet is empty");
  return { block: b, source: "usedRange" };
}

/**
 * Reads a block's values in row chunks of about `byteBudget` bytes: the first chunk is sized by
 * FIRST_READ_BYTES_PER_CELL, the next ones from the bytes per row seen so far; never more than
 * MAX_READ_CELLS cells at once. A chunk refused for its size is halved and read again.
 */
export async function readBlockValues(
  context: Excel.RequestContext,
  sheetName: string,
  block: CellBlock,
  what: "values" | "formulas" = "values",
  byteBudget = DEFAULT_BYTE_BUDGET,
): Promise<unknown[][]> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const cols = Math.max(1, block.colCount);
  const maxRows = Math.max(1, Math.floor(MAX_READ_CELLS / cols));
  const out: unknown[][] = [];
  let rowsPerRead = Math.max(
    1,
    Math.min(maxRows, Math.floor(byteBudget / (cols * FIRST_READ_BYTES_PER_CELL))),
  );
  for (let r = 0; r < block.rowCount;) {
    const n = Math.min(rowsPerRead, block.rowCount - r);
    const range = sheet.getRange(rangeA1(block.row + r, block.col, n, cols));
    // eslint-disable-next-line office-addins/no-empty-load -- loads `what` ("values" or "formulas"); the rule only reads literal arguments
    range.load(what);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: the next chunk's size depends on this response's bytes
      await context.sync();
    } catch (e) {
      if (!isSizeError(e) || n === 1) throw e;
      rowsPerRead = Math.max(1, Math.floor(n / 2));
      continue;
    }
    // eslint-disable-next-line office-addins/load-object-before-read -- `what` was loaded and synced just above; the rule cannot follow a computed key
    const got = range[what] as unknown[][];
    let bytes = 0;
    for (const row of got) {
      out.push(row);
      bytes += rowBytes(row);
    }
    r += n;
    const perRow = Math.max(1, bytes / n);
    rowsPerRead = Math.max(1, Math.min(Math.floor(byteBudget / perRow), maxRows));
  }
  return out;
}

function headerText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

export async function findCustomerTable(
  context: Excel.RequestContext,
  caps: Capabilities,
  byteBudget = DEFAULT_BYTE_BUDGET,
): Promise<FoundTable> {
  const { block, source, tableName } = await locate(context, caps);
  const rows = await readBlockValues(context, block.sheet, block, "values", byteBudget);
  const headers = (rows[0] ?? []).map(headerText);
  const dataRows = rows.length - 1;
  const columns: CellValue[][] = headers.map(() => new Array<CellValue>(Math.max(0, dataRows)));
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < headers.length; c++) columns[c][r - 1] = row[c] as CellValue;
  }
  const location: TableLocation = {
    sheetName: block.sheet,
    ...(tableName ? { tableName } : {}),
    address: blockAddress(block),
    headerRow: block.row,
    firstColumn: block.col,
    rowCount: Math.max(0, dataRows),
    columnCount: block.colCount,
    source,
  };
  return { location, headers, columns, ownColumns: detectOwnColumns(headers) };
}
