/**
 * The ledger's customer sheet (METHOD.md §12 in the pane): a sheet of ours, 客户汇总 / Customer
 * summary, holding the customer table derived from the ledger (joined with the customer list when
 * one was picked) and §11's columns, written exactly as Apply writes them (outputColumns.ts).
 * The ledger and the list are only read. A re-run rewrites only our sheet; Restore removes it
 * (the snapshot's description names it as the sheet this run created).
 */
import { findHeaderRow } from "../engine/headers";
import { outputHeaders } from "../engine/labels";
import type { CellValue, FieldKey, Lang } from "../engine/types";
import type { LedgerSheetReport, LedgerSheetRequest, SheetTable } from "./adapter";
import { blockAddress, parseAddress, rangeA1 } from "./a1";
import { asTextConstant } from "./cellText";
import { writeInChunks } from "./chunkedWrite";
import { readBlockValues } from "./findTable";
import { detectOwnColumns } from "./layout";
import { pick } from "../engine/bilingual";
import {
  extraColumns,
  OUTPUT_KEYS,
  outputCells,
  outputFormats,
  styleExtraColumns,
  styleOutputColumns,
} from "./outputColumns";
import type { Capabilities } from "./requirements";
import { restoreSnapshot, takeSnapshot } from "./snapshot";

export function ledgerSheetName(lang: Lang): string {
  return lang === "zh" ? "客户汇总" : "Customer summary";
}

/** Excel's number format for the derived dates (first and last order), as the CLI writes them. */
export const DATE_FORMAT = "yyyy-mm-dd";
/** Excel's text number format: a value entered is kept as the text it is. */
const TEXT_FORMAT = "@";
/** Header cells read to recognise a sheet of ours (the derived columns are at most ~20). */
const HEADER_PROBE_COLUMNS = 256;
/** Names tried when a sheet the user made already bears ours: 客户汇总 (2), (3), … */
const MAX_NAME_TRIES = 50;

/** The workbook's visible sheets, in tab order. */
export async function listVisibleSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  return sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
}

/** A sheet's used range as a table: the header is the first row with two §1 headers, else the first row. */
export async function readSheetTable(
  context: Excel.RequestContext,
  sheetName: string,
  byteBudget?: number,
): Promise<SheetTable> {
  const used = context.workbook.worksheets.getItem(sheetName).getUsedRange(true);
  used.load("address");
  await context.sync();
  const block = parseAddress(used.address);
  if (!block) throw new Error(`工作表“${sheetName}”为空 / Sheet "${sheetName}" is empty`);
  const rows = (await readBlockValues(context, sheetName, block, "values", byteBudget)) as CellValue[][];
  const at = Math.max(0, findHeaderRow(rows));
  const headers = (rows[at] ?? []).map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const data = rows.slice(at + 1);
  return {
    sheetName,
    address: blockAddress({ ...block, row: block.row + at, rowCount: block.rowCount - at }),
    headers,
    columns: headers.map((_, c) => data.map((r) => r[c] ?? null)),
    rowCount: data.length,
  };
}

/**
 * Our sheet's name, with the sheet of ours from an earlier run deleted: a sheet that bears the
 * name but has none of our output headers in its first row is the user's, and is left alone
 * (ours is then 客户汇总 (2), …).
 */
async function clearOurSheet(context: Excel.RequestContext, lang: Lang): Promise<string> {
  const base = ledgerSheetName(lang);
  for (let k = 1; k <= MAX_NAME_TRIES; k++) {
    const name = k === 1 ? base : `${base} (${k})`;
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
    sheet.load("isNullObject");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one name at a time: the next is tried only when this one is the user's
    await context.sync();
    if (sheet.isNullObject) return name;
    const header = sheet.getRange(rangeA1(0, 0, 1, HEADER_PROBE_COLUMNS));
    header.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- as above
    await context.sync();
    const firstRow: unknown[] = header.values[0] ?? [];
    if (detectOwnColumns(firstRow).length > 0) {
      sheet.delete();
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- as above
      await context.sync();
      return name;
    }
  }
  throw new Error(`找不到可用的工作表名称 / No free sheet name for "${base}"`);
}

/** A derived or list cell as written: numbers as they are, texts inert, blanks "". */
function tableCell(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25569;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return asTextConstant(v);
  return asTextConstant(String(v));
}

export async function writeLedgerSheet(
  context: Excel.RequestContext,
  caps: Capabilities,
  req: LedgerSheetRequest,
  byteBudget?: number,
): Promise<LedgerSheetReport> {
  const lang = req.lang;
  const warnings: string[] = [];
  const cancelled = (name: string): LedgerSheetReport => ({
    sheetName: name,
    rowsWritten: 0,
    warnings,
    cancelled: true,
  });
  if (req.signal?.aborted) return cancelled("");

  const name = await clearOurSheet(context, lang);
  const sheet = context.workbook.worksheets.add(name);
  await context.sync();
  // The snapshot names our sheet as the one this run created: Restore (and Cancel) delete it.
  const { warnings: snapWarnings } = await takeSnapshot(
    context,
    caps,
    { sheetName: name, headerRow: 0, rowCount: 0, columns: [], table: null, summarySheet: name },
    lang,
  );
  warnings.push(...snapWarnings);
  req.onProgress?.(0.05);

  const t = req.table;
  const width = t.headers.length;
  const dates = new Set(req.dateColumns);
  // §11's columns, then the optional groups the result carries (§13's rhythm on a ledger).
  const extra = extraColumns(req.result);
  const headerRow = [
    ...t.headers.map(tableCell),
    ...outputHeaders(lang),
    ...extra.map((c) => asTextConstant(pick(c.header, lang))),
  ];
  const headerFormats = headerRow.map(() => "@");
  const classFormats = [...outputFormats(), ...extra.map((c) => c.numberFormat)];
  // A text cell of the table (an id such as "00004") is formatted as text: under General, Excel
  // would read a numeric-looking text as a number and drop its leading zeros.
  const tableFormat = (v: CellValue, c: number): string =>
    dates.has(c) ? DATE_FORMAT : typeof v === "string" ? TEXT_FORMAT : "General";
  const columnName = (f: FieldKey): string => {
    const c = req.mapping[f];
    const h = c === undefined ? "" : t.headers[c];
    return typeof h === "string" && h ? h : "";
  };
  try {
    const written = await writeInChunks(
      {
        rowCount: t.rowCount + 1,
        row: (i) =>
          i === 0
            ? headerRow
            : [
                ...t.columns.map((col) => tableCell(col[i - 1])),
                // §11's cells, then the optional groups' (outputRow carries both).
                ...outputCells(req.result, i - 1, lang, columnName),
              ],
        formats: (i) =>
          i === 0
            ? headerFormats
            : [...t.columns.map((col, c) => tableFormat(col[i - 1], c)), ...classFormats],
      },
      {
        write(start, values, formats) {
          const range = sheet.getRange(rangeA1(start, 0, values.length, headerRow.length));
          if (formats) range.numberFormat = formats as string[][];
          range.values = values as (string | number | boolean)[][];
        },
        async flush() {
          // A new sheet of constants: nothing depends on it, so calculation is not suspended.
          await context.sync();
        },
      },
      { signal: req.signal, budget: byteBudget, onProgress: (f) => req.onProgress?.(0.05 + 0.9 * f) },
    );
    if (written.cancelled) {
      await restoreSnapshot(context, caps, lang);
      return cancelled(name);
    }
    styleOutputColumns(
      sheet,
      caps,
      { headerRow: 0, dataRows: t.rowCount, colOf: (key) => width + OUTPUT_KEYS.indexOf(key) },
      lang,
      warnings,
    );
    styleExtraColumns(sheet, caps, req.result, { headerRow: 0, first: width + OUTPUT_KEYS.length });
    sheet.activate();
    await context.sync();
    req.onProgress?.(1);
    return { sheetName: name, rowsWritten: t.rowCount, warnings, cancelled: false };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await restoreSnapshot(context, caps, lang).catch(() => undefined);
    throw new Error(`未能写入“${name}” / Could not write "${name}": ${why}`);
  }
}
