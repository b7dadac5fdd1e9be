/**
 * XLSX output with exceljs's streaming writer (rows leave memory as they are written):
 * the input columns, then the §11 columns with date and percent cells, tier fills, the
 * whole block as an Excel table (CRM_Customers, with its autofilter; see xlsxTable.ts for
 * how the streaming writer is taught tables), a frozen header row, and a Summary sheet.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "../engine/headers";
import type { CellValue } from "../engine/types";
import { plainNumber, xmlSafeText } from "./cellSafety";
import { isDateFormat } from "./readXlsx";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput } from "./outputFile";
import { CORE_COLUMNS, HEADER_FILL, NUMBER_FORMATS, TIER_FILLS } from "../engine/report/columns";
import { PARETO_COL, summaryGrid, summarySheetName } from "../engine/report/summarySheet";
import { TableWorkbookWriter, tableColumnNames } from "./xlsxTable";

const MS_PER_DAY = 86_400_000;
const DATE_FMT = NUMBER_FORMATS.date;
const PERCENT_FMT = NUMBER_FORMATS.percent;
/** The Excel table over the customer block (referable in formulas: =SUM(CRM_Customers[销售额])). */
export const TABLE_NAME = "CRM_Customers";

/** "#RRGGBB" (the model's colours) → exceljs ARGB. */
const argb = (hex: string): string => "FF" + hex.slice(1).toUpperCase();
const fill = (hex: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(hex) },
});

/** The one tier palette (src/engine/report/columns.ts) as ARGB; Regular stays unfilled. */
export const TIER_FILL: Readonly<Record<number, string | null>> = Object.fromEntries(
  Object.entries(TIER_FILLS).map(([t, hex]) => [t, hex ? argb(hex) : null]),
);

/** The style of unformatted cells, shared (never mutated) so exceljs resolves it once. */
const NO_STYLE: Partial<ExcelJS.Style> = Object.freeze({}) as Partial<ExcelJS.Style>;

const STYLE = {
  inputHeader: { font: { bold: true } } as Partial<ExcelJS.Style>,
  outputHeader: { font: { bold: true }, fill: fill(HEADER_FILL) } as Partial<ExcelJS.Style>,
  date: { numFmt: DATE_FMT } as Partial<ExcelJS.Style>,
  percent: { numFmt: PERCENT_FMT } as Partial<ExcelJS.Style>,
};
/** The number format of each output kind, as in the pane (report/columns.ts); "number" stays General. */
const KIND_STYLE: Partial<Record<OutputKind, Partial<ExcelJS.Style>>> = {
  text: { numFmt: NUMBER_FORMATS.text },
  date: STYLE.date,
  percent: STYLE.percent,
  integer: { numFmt: NUMBER_FORMATS.integer },
  amount: { numFmt: NUMBER_FORMATS.amount },
};
const TIER_STYLE: Record<number, Partial<ExcelJS.Style> | null> = Object.fromEntries(
  Object.entries(TIER_FILLS).map(([t, hex]) => [
    t,
    hex ? { numFmt: NUMBER_FORMATS.text, fill: fill(hex) } : null,
  ]),
);

const OUTPUT_WIDTHS = CORE_COLUMNS.map((c) => c.width);

/** A plain decimal in a CSV field: written to the workbook as a number (ids like "007" stay text). */
const CSV_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/** The value written back for an input cell (the original cell, never a formula). */
export function xlsxInputValue(v: CellValue | unknown, fromCsv: boolean): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    if (fromCsv && CSV_NUMBER.test(v)) return Number(v);
    return xmlSafeText(v);
  }
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object" && v !== null && Array.isArray((v as { richText?: unknown }).richText)) {
    const rt = (v as ExcelJS.CellRichTextValue).richText.map((r) => ({
      ...r,
      text: xmlSafeText(String(r.text ?? "")),
    }));
    return { richText: rt };
  }
  if (typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string") {
    return v as ExcelJS.CellErrorValue;
  }
  return xmlSafeText(String(v));
}

/**
 * An input header as the text of its table column: a table's header cells are texts, so a
 * number, date or boolean header is written as the text Excel would show for it.
 */
export function headerText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return plainNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const iso = v.toISOString(); // exceljs dates are UTC
    return iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return xmlSafeText(v);
}

/**
 * The header row of the customer table: the input headers then the §11 headers, made unique
 * and non-empty as Excel requires of table columns ("Column3", "名称2"). The §11 headers are
 * never renamed — a re-run recognises its own block by them — so an input column with the same
 * name ("RFM") is the one numbered.
 */
export function tableHeaders(inputHeaders: readonly CellValue[], outHeaders: readonly string[]): string[] {
  const texts = [...inputHeaders.map(headerText), ...outHeaders.map(xmlSafeText)];
  const keep = new Set(outHeaders.map((_, k) => inputHeaders.length + k));
  return tableColumnNames(texts, keep);
}

/**
 * A §11 cell for the workbook: DayNumber → date, text as a string cell. A string cell in a
 * file is never evaluated, so formula-like text ("-45", "=x") is written as it is.
 */
export function xlsxOutputValue(v: string | number | null, kind: OutputKind): ExcelJS.CellValue {
  if (v === null || (typeof v === "number" && !Number.isFinite(v))) return null;
  if (typeof v === "number") return kind === "date" ? new Date(v * MS_PER_DAY) : v;
  return xmlSafeText(v);
}

export async function writeXlsx(file: string, plan: OutputPlan): Promise<void> {
  const out = await openOutput(file, { stream: false });
  try {
    await writeWorkbook(out.tempPath, plan);
    await out.commit();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

async function writeWorkbook(path: string, plan: OutputPlan): Promise<void> {
  const { sheet, lang } = plan;
  const zh = lang === "zh";
  const wb = new TableWorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = "CRM Tiers";
  const name = sheet.format === "xlsx" ? sheet.sheetName : zh ? "客户分级" : "Customers";
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  const inCols = sheet.columnCount;
  const total = inCols + plan.outHeaders.length;
  ws.columns = [
    ...Array.from({ length: inCols }, () => ({ width: 14 })),
    ...OUTPUT_WIDTHS.map((width) => ({ width })),
  ];
  // The table's own autofilter replaces the sheet's. A table has at least one body row.
  const names = tableHeaders(sheet.headers, plan.outHeaders);
  wb.addTable(ws, {
    name: TABLE_NAME,
    ref: `A1:${columnLetter(total - 1)}${Math.max(sheet.rowCount, 1) + 1}`,
    columns: names,
  });

  // Header cells hold exactly the table's column names (Excel repairs the file otherwise).
  const header = ws.addRow(names);
  for (let c = 1; c <= total; c++)
    header.getCell(c).style = c <= inCols ? STYLE.inputHeader : STYLE.outputHeader;
  header.commit();

  // Per input column: the number format to put back on its numbers and dates.
  const fromCsv = sheet.format === "csv";
  const numStyle = sheet.numFmts.map((f) =>
    f && f !== "General" && !isDateFormat(f) ? { numFmt: f } : null,
  );
  const dateStyle = sheet.numFmts.map((f) => (f && isDateFormat(f) ? { numFmt: f } : STYLE.date));
  const tierCol = inCols + 1;

  const values: ExcelJS.CellValue[] = new Array(total);
  for (let i = 0; i < sheet.rowCount; i++) {
    for (let c = 0; c < inCols; c++) {
      const original = sheet.originals[c].get(i);
      values[c] = xlsxInputValue(original !== undefined ? original : sheet.columns[c][i], fromCsv);
    }
    const cells = plan.outputCells(i);
    for (let k = 0; k < cells.length; k++) values[inCols + k] = xlsxOutputValue(cells[k], plan.kinds[k]);
    const row = ws.addRow(values);
    // Every cell gets a shared style object: exceljs caches style ids by object, while a
    // cell's own fresh `{}` costs a full style lookup (a third of the write time).
    for (let c = 0; c < inCols; c++) {
      const v = values[c];
      row.getCell(c + 1).style =
        v instanceof Date
          ? dateStyle[c]
          : typeof v === "number" && numStyle[c]
            ? (numStyle[c] as Partial<ExcelJS.Style>)
            : NO_STYLE;
    }
    for (let k = 0; k < cells.length; k++) {
      const kind = plan.kinds[k];
      row.getCell(inCols + k + 1).style = KIND_STYLE[kind] ?? NO_STYLE; // blank cells too: the pane formats whole columns
    }
    row.getCell(tierCol).style = TIER_STYLE[plan.tierOf(i)] ?? KIND_STYLE.text ?? NO_STYLE;
    row.commit();
    if (plan.onProgress && (i + 1) % PROGRESS_EVERY === 0) plan.onProgress(i + 1);
  }
  ws.commit();
  writeSummarySheet(wb, plan);
  await wb.commit();
}

/** The Summary sheet: the engine's one description (report/summarySheet.ts), cell by cell. */
function writeSummarySheet(wb: TableWorkbookWriter, plan: OutputPlan): void {
  const grid = summaryGrid(plan.summary.model, plan.lang);
  const ws = wb.addWorksheet(summarySheetName(plan.lang));
  ws.columns = [{ width: 28 }, ...Array.from({ length: PARETO_COL + 2 }, () => ({ width: 14 }))];
  const rows = Math.max(grid.cells.length, grid.pareto.length);
  for (let r = 0; r < rows; r++) {
    const values: ExcelJS.CellValue[] = new Array(PARETO_COL + 3).fill(null);
    const styles: (Partial<ExcelJS.Style> | null)[] = new Array(PARETO_COL + 3).fill(null);
    const put = (c: number, v: string | number | null, kind: OutputKind, extra: Partial<ExcelJS.Style>) => {
      values[c] =
        v === null
          ? null
          : typeof v === "number"
            ? kind === "date"
              ? new Date(v * MS_PER_DAY)
              : v
            : xmlSafeText(v);
      const numFmt = v === null || kind === "number" ? undefined : NUMBER_FORMATS[kind];
      if (numFmt || Object.keys(extra).length > 0) styles[c] = { ...(numFmt ? { numFmt } : {}), ...extra };
    };
    if (r < grid.cells.length) {
      grid.cells[r].forEach((v, c) => {
        const extra: Partial<ExcelJS.Style> = {};
        const f = grid.fills[r][c];
        if (f) extra.fill = fill(f);
        if (grid.bold[r][c]) extra.font = { bold: true };
        put(c, v, grid.kinds[r][c], extra);
      });
    }
    if (r < grid.pareto.length)
      grid.pareto[r].forEach((v, c) => put(PARETO_COL + c, v, grid.paretoKinds[r][c], {}));
    const row = ws.addRow(values);
    styles.forEach((st, c) => {
      if (st) row.getCell(c + 1).style = st;
    });
    row.commit();
  }
  ws.commit();
}
