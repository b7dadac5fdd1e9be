/**
 * The Worklist 本周待办 sheet of the pane's workbook output (METHOD.md §8, §11): a title line
 * that names the evaluation date and the days covered, then the shared model's columns
 * (report/worklist.ts: id, name, owner, tier, next action, next contact, Why) and the user's
 * own contact columns, rows in the model's order. Pure `worklistGrid` builds the cells;
 * `writeWorklistSheet` puts them in Excel (it is removed by Restore when the apply made it).
 */
import { formatIsoDay, excelSerialFromDay } from "../engine/days";
import { pick } from "../engine/bilingual";
import type { ClassifyResult } from "../engine/classify";
import { readText } from "../engine/cells";
import {
  WORKLIST_COLUMNS,
  WORKLIST_SHEET_NAME,
  worklistCells,
  worklistRows,
} from "../engine/report/worklist";
import type { CellValue, Lang } from "../engine/types";
import { rangeA1 } from "./a1";
import { replaceSheet } from "./ourSheet";
import { asTextConstant } from "./cellText";
import type { Capabilities } from "./requirements";

/** A column of the user's table shown beside each customer (phone, contact person, …). */
export interface ExtraColumn {
  header: string;
  cells: ArrayLike<CellValue>;
}

export interface WorklistGrid {
  /** Row 0: the title (date and days); row 1: headers; then one row per customer. */
  cells: (string | number)[][];
  formats: string[][];
  widths: number[];
  /** Data rows (customers). */
  rowCount: number;
}

const TITLE_ROWS = 2;
const CONTACT_WIDTH = 16;

export function worklistSheetName(lang: Lang): string {
  return pick(WORKLIST_SHEET_NAME, lang);
}

export function worklistTitle(result: ClassifyResult, lang: Lang, count: number): string {
  const from = formatIsoDay(result.today);
  const to = formatIsoDay(result.today + result.settings.worklistDays - 1);
  return lang === "zh"
    ? `本周待办：${count} 位客户，下次联系日期在 ${from} 至 ${to}（评估日期 ${from}）`
    : `Worklist: ${count} customers due ${from} to ${to} (evaluation date ${from})`;
}

export function worklistGrid(
  result: ClassifyResult,
  lang: Lang,
  extra: readonly ExtraColumn[] = [],
): WorklistGrid {
  const rows = worklistRows(result);
  const width = WORKLIST_COLUMNS.length + extra.length;
  const pad = (row: (string | number)[]) => {
    while (row.length < width) row.push("");
    return row;
  };
  const cells: (string | number)[][] = [
    pad([asTextConstant(worklistTitle(result, lang, rows.length)) as string]),
    [...WORKLIST_COLUMNS.map((c) => pick(c.header, lang)), ...extra.map((e) => e.header)].map(
      (h) => asTextConstant(h) as string,
    ),
  ];
  const textFormats = new Array<string>(width).fill("@");
  const rowFormats = [
    ...WORKLIST_COLUMNS.map((c) => (c.kind === "date" ? "yyyy-mm-dd" : c.kind === "text" ? "@" : "General")),
    ...extra.map(() => "@"),
  ];
  const formats: string[][] = [textFormats, textFormats];
  for (const row of rows) {
    const model = worklistCells(result, row, lang).map((v, k) => {
      if (v === null) return "";
      if (typeof v === "number") return WORKLIST_COLUMNS[k].kind === "date" ? excelSerialFromDay(v) : v;
      return asTextConstant(v) as string | number;
    });
    const own = extra.map(
      (e) => asTextConstant(readText(row < e.cells.length ? e.cells[row] : null)) as string,
    );
    cells.push([...model, ...own]);
    formats.push(rowFormats);
  }
  return {
    cells,
    formats,
    widths: [...WORKLIST_COLUMNS.map((c) => c.width), ...extra.map(() => CONTACT_WIDTH)],
    rowCount: rows.length,
  };
}

/** Replaces the Worklist sheet; says whether one existed before (then Restore keeps the new one). */
export async function writeWorklistSheet(
  context: Excel.RequestContext,
  caps: Capabilities,
  result: ClassifyResult,
  lang: Lang,
  extra: readonly ExtraColumn[],
): Promise<{ name: string; existed: boolean }> {
  const name = worklistSheetName(lang);
  const { sheet, existed } = await replaceSheet(context, name);
  const grid = worklistGrid(result, lang, extra);
  const width = grid.cells[0].length;
  const range = sheet.getRange(rangeA1(0, 0, grid.cells.length, width));
  range.numberFormat = grid.formats;
  range.values = grid.cells;
  sheet.getRange(rangeA1(0, 0, TITLE_ROWS, width)).format.font.bold = true;
  if (caps.has("columnWidth"))
    grid.widths.forEach((w, c) => (sheet.getRange(rangeA1(1, c)).format.columnWidth = w * 7));
  await context.sync();
  return { name, existed };
}
