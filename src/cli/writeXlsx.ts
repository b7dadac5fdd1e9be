/**
 * The CLI's workbook, written by xlsxWriter.ts (sheet XML straight into zlib): a Summary sheet
 * first (the workbook opens on it) with the Pareto chart, then the customer sheet: the rows
 * above the header as found (a merged report title), the input columns cell for cell, the §11
 * columns as typed cells with tier fills, the whole block an Excel table (CRM_Customers), the
 * header row and the id/name columns frozen, widths fitted to content, printed landscape one
 * page wide with the header row repeated. Stray cells far right are put back where they were.
 */
import { columnLetter, mapHeaders } from "../engine/headers";
import { HEADER_FILL, NUMBER_FORMATS, type ReportColumn } from "../engine/report/columns";
import type { CellValue } from "../engine/types";
import { plainNumber, xmlSafeText as xmlTextAllowed } from "./cellSafety";
import { isDateFormat } from "./readXlsx";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { inputRowReader } from "./sheet";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput } from "./outputFile";
import { displayWidth } from "./summary";
import { PARETO_COL, summaryGrid, summarySheetName } from "../engine/report/summarySheet";
import { tableColumnNames } from "./xlsxTable";
import { XlsxWriter, type OutCell } from "./xlsxWriter";

const MS_PER_DAY = 86_400_000;
const DATE_FMT = NUMBER_FORMATS.date;
/** The Excel table over the customer block (referable in formulas: =SUM(CRM_Customers[销售额])). */
export const TABLE_NAME = "CRM_Customers";
/** Column widths fitted to content, within these bounds (characters). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;
/** Rows looked at when fitting widths. */
const WIDTH_SAMPLE_ROWS = 2000;

/** A plain decimal in a CSV field: written to the workbook as a number (ids like "007" stay text). */
const CSV_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/** The value written back for an input cell (the original cell, never a formula). */
export function xlsxInputValue(v: CellValue | unknown, fromCsv: boolean): OutCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return fromCsv && CSV_NUMBER.test(v) ? Number(v) : v;
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (
    typeof v === "object" &&
    (typeof (v as { error?: unknown }).error === "string" ||
      typeof (v as { richXml?: unknown }).richXml === "string")
  ) {
    return v as OutCell;
  }
  return null; // a formula never calculated: blank, as it was read (reported when read)
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
    const iso = v.toISOString();
    return iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return xmlTextAllowed(v);
}

/**
 * The header row of the customer table: the input headers then the §11 headers, made unique
 * and non-empty as Excel requires of table columns ("Column3", "名称2"). The §11 headers are
 * never renamed — a re-run recognises its own block by them — so an input column with the same
 * name ("RFM") is the one numbered.
 */
export function tableHeaders(inputHeaders: readonly CellValue[], outHeaders: readonly string[]): string[] {
  const texts = [...inputHeaders.map(headerText), ...outHeaders.map(xmlTextAllowed)];
  const keep = new Set(outHeaders.map((_, k) => inputHeaders.length + k));
  return tableColumnNames(texts, keep);
}

/** A §11 cell for the workbook: DayNumber → date, text as a string cell (never a formula). */
export function xlsxOutputValue(v: string | number | null, kind: OutputKind): OutCell {
  if (v === null || (typeof v === "number" && !Number.isFinite(v))) return null;
  if (typeof v === "number") return kind === "date" ? new Date(v * MS_PER_DAY) : v;
  return v;
}

export async function writeXlsx(file: string, plan: OutputPlan): Promise<void> {
  const out = await openOutput(file, { stream: false });
  const wb = new XlsxWriter(out.tempPath);
  try {
    await writeSummarySheet(wb, plan);
    await writeWorklistSheet(wb, plan);
    await writeCustomerSheet(wb, plan);
    await wb.close(0);
    await out.commit();
  } catch (e) {
    wb.abort();
    await out.abort();
    throw e;
  }
}

/** Display width of a cell as Excel would show it (roughly), for fitting column widths. */
function cellWidth(v: OutCell): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "string") {
    let w = 0;
    for (const line of v.split("\n")) w = Math.max(w, displayWidth(line));
    return w;
  }
  if (typeof v === "number") return String(v).length + 1;
  if (v instanceof Date) return 10;
  if (typeof v === "boolean") return 5;
  return 8;
}

async function writeCustomerSheet(wb: XlsxWriter, plan: OutputPlan): Promise<void> {
  const { sheet, lang } = plan;
  const zh = lang === "zh";
  const name = sheet.format === "xlsx" ? sheet.sheetName : zh ? "客户分级" : "Customers";
  const inCols = sheet.columnCount;
  const outCols = plan.outHeaders.length;
  const total = inCols + outCols;
  const preamble = sheet.preamble ?? [];
  // The header goes where it was (after the preamble rows, in their own numbering).
  const headerRow = preamble.length
    ? Math.max(sheet.headerRowNumber, preamble[preamble.length - 1].rowNumber + 1)
    : 1;
  const lastRow = headerRow + Math.max(sheet.rowCount, 1);
  const fromCsv = sheet.format === "csv";

  const names = tableHeaders(sheet.headers, plan.outHeaders);
  // Input columns' widths from the header and a sample of rows.
  const widths = names.map((h) => displayWidth(h) + 2);
  const sample = Math.min(sheet.rowCount, WIDTH_SAMPLE_ROWS);
  const readRow = inputRowReader(sheet);
  const input: unknown[] = new Array(inCols);
  for (let i = 0; i < sample; i++) {
    readRow(i, input);
    for (let c = 0; c < inCols; c++)
      widths[c] = Math.max(widths[c], cellWidth(xlsxInputValue(input[c], fromCsv)) + 1);
  }
  for (let c = 0; c < inCols; c++) widths[c] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c]));
  // The output columns' widths are the model's, as in the pane.
  plan.columns.forEach((col, k) => (widths[inCols + k] = col.width));

  // Freeze the header row and the columns up to the customer's id/name (when near the left).
  const mapping = mapHeaders(sheet.headers);
  const keyCols = [mapping.columns.id, mapping.columns.name].filter((c): c is number => c !== undefined);
  const freezeCols = keyCols.length && Math.max(...keyCols) < 4 ? Math.max(...keyCols) + 1 : 0;

  const s = {
    inputHeader: wb.style({ bold: true }),
    outputHeader: wb.style({ bold: true, fill: argb(HEADER_FILL) }),
    date: wb.style({ numFmt: DATE_FMT }),
  };
  const numStyle = sheet.numFmts.map((f) =>
    f && f !== "General" && !isDateFormat(f) ? wb.style({ numFmt: f }) : 0,
  );
  const dateStyle = sheet.numFmts.map((f) => (f && isDateFormat(f) ? wb.style({ numFmt: f }) : s.date));
  // Output columns: the model's number format (text "@" too, as in the pane).
  const formatOf = (c: ReportColumn) => c.numberFormat;
  const outStyle = plan.columns.map((c) => wb.style({ numFmt: formatOf(c) }));
  const filled = plan.columns.flatMap((c, k) => (c.fillByTier ? [k] : []));
  const fillStyles = new Map<string, number>();
  const fillStyle = (k: number, hex: string | null): number => {
    if (!hex) return outStyle[k];
    const key = `${k}${hex}`;
    let id = fillStyles.get(key);
    if (id === undefined)
      fillStyles.set(key, (id = wb.style({ numFmt: formatOf(plan.columns[k]), fill: argb(hex) })));
    return id;
  };

  // Strays: by data row (−1: the header row), shifted right past the inserted §11 block.
  const strays = new Map<number, { col: number; value: OutCell }[]>();
  for (const st of sheet.strays ?? []) {
    const key = st.dataIndex ?? -1;
    const list = strays.get(key) ?? [];
    list.push({
      col: Math.min(st.col + outCols, 16383),
      value: xlsxInputValue(st.original ?? st.value, false),
    });
    strays.set(key, list);
  }
  const withStrays = (rowCells: OutCell[], styles: number[], key: number): [OutCell[], number[]] => {
    const extra = strays.get(key);
    if (!extra) return [rowCells, styles];
    const cells = rowCells.slice();
    const st = styles.slice();
    for (const e of extra) {
      while (cells.length < e.col) (cells.push(null), st.push(0));
      cells[e.col] = e.value;
      st[e.col] = 0;
    }
    return [cells, st];
  };

  await wb.sheet(
    {
      name,
      widths,
      freeze: { rows: headerRow, cols: freezeCols },
      merges: sheet.preambleMerges,
      print: { landscape: true, fitToWidth: true, repeatRows: [headerRow, headerRow] },
      table: { name: TABLE_NAME, ref: `A${headerRow}:${columnLetter(total - 1)}${lastRow}`, columns: names },
    },
    async (rows) => {
      for (const p of preamble) {
        await rows.row(
          p.rowNumber,
          p.values.map((v, c) => xlsxInputValue(p.originals?.get(c) ?? v, false)),
        );
      }
      const headerStyles = names.map((_, c) => (c < inCols ? s.inputHeader : s.outputHeader));
      await rows.row(headerRow, ...withStrays(names, headerStyles, -1));
      const values: OutCell[] = new Array(total);
      const styles: number[] = new Array(total);
      for (let i = 0; i < sheet.rowCount; i++) {
        readRow(i, input);
        for (let c = 0; c < inCols; c++) {
          const v = xlsxInputValue(input[c], fromCsv);
          values[c] = v;
          styles[c] = v instanceof Date ? dateStyle[c] : typeof v === "number" ? numStyle[c] : 0;
        }
        const cells = plan.outputCells(i);
        for (let k = 0; k < outCols; k++) {
          values[inCols + k] = xlsxOutputValue(cells[k], plan.kinds[k]);
          styles[inCols + k] = outStyle[k];
        }
        for (const k of filled) styles[inCols + k] = fillStyle(k, plan.fillOf(k, i));
        const pending = strays.size
          ? rows.row(headerRow + 1 + i, ...withStrays(values, styles, i))
          : rows.row(headerRow + 1 + i, values, styles);
        if (pending) await pending;
        if (plan.onProgress && (i + 1) % PROGRESS_EVERY === 0) plan.onProgress(i + 1);
      }
      // A report's footer, below the table after a blank row, as it stood below the input's.
      for (const [k, f] of (sheet.footer ?? []).entries()) {
        await rows.row(
          lastRow + 2 + k,
          f.values.map((v, c) => xlsxInputValue(f.originals?.get(c) ?? v, false)),
        );
      }
    },
    1,
  );
}

/** "#RRGGBB" (the model's colours) → the ARGB a workbook stores. */
const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

/** The Summary sheet: the engine's one description (report/summarySheet.ts), cell by cell, with its Pareto chart. */
async function writeSummarySheet(wb: XlsxWriter, plan: OutputPlan): Promise<void> {
  const g = summaryGrid(plan.summary.model, plan.lang);
  const name = summarySheetName(plan.lang);
  const styleIds = new Map<string, number>();
  const styleOf = (kind: OutputKind, fill: string | null, bold: boolean): number => {
    const numFmt = kind === "number" ? undefined : NUMBER_FORMATS[kind];
    const key = `${numFmt ?? ""}|${fill ?? ""}|${bold}`;
    let id = styleIds.get(key);
    if (id === undefined)
      styleIds.set(
        key,
        (id = wb.style({ numFmt, bold: bold || undefined, fill: fill ? argb(fill) : undefined })),
      );
    return id;
  };
  const cellOf = (v: string | number | null, kind: OutputKind): OutCell =>
    v === null ? null : typeof v === "number" && kind === "date" ? new Date(v * MS_PER_DAY) : v;
  const rows = Math.max(g.cells.length, g.pareto.length);
  const hasChart = g.pareto.length > 2;
  const quoted = `'${name.replace(/'/g, "''")}'`;
  const range = (col: number) => `${quoted}!$${columnLetter(col)}$2:$${columnLetter(col)}$${g.pareto.length}`;
  await wb.sheet(
    {
      name,
      widths: [28, ...Array.from({ length: PARETO_COL + 2 }, () => 14)],
      print: { landscape: true, fitToWidth: true },
      chart: hasChart
        ? {
            title: g.chartTitle,
            categories: range(PARETO_COL),
            bars: { name: String(g.pareto[0][1]), values: range(PARETO_COL + 1) },
            line: { name: String(g.pareto[0][2]), values: range(PARETO_COL + 2) },
            cache: {
              categories: g.pareto.slice(1).map((p) => Number(p[0])),
              bars: g.pareto.slice(1).map((p) => Number(p[1])),
              line: g.pareto.slice(1).map((p) => Number(p[2])),
            },
            from: [0, g.cells.length + 1],
            to: [6, g.cells.length + 21],
            percentAxis: true,
          }
        : undefined,
    },
    async (w) => {
      for (let r = 0; r < rows; r++) {
        const cells: OutCell[] = new Array(PARETO_COL + 3).fill(null);
        const styles: number[] = new Array(PARETO_COL + 3).fill(0);
        if (r < g.cells.length)
          g.cells[r].forEach((v, c) => {
            cells[c] = cellOf(v, g.kinds[r][c]);
            if (v !== null) styles[c] = styleOf(g.kinds[r][c], g.fills[r][c], g.bold[r][c]);
          });
        if (r < g.pareto.length)
          g.pareto[r].forEach((v, c) => {
            cells[PARETO_COL + c] = cellOf(v, g.paretoKinds[r][c]);
            if (v !== null) styles[PARETO_COL + c] = styleOf(g.paretoKinds[r][c], null, r === 0);
          });
        await w.row(r + 1, cells, styles);
      }
    },
  );
}

/** The Worklist 本周待办 (§8): the engine's rows in its order, the header frozen. */
async function writeWorklistSheet(wb: XlsxWriter, plan: OutputPlan): Promise<void> {
  const w = plan.worklist;
  const head = wb.style({ bold: true, fill: argb(HEADER_FILL) });
  const styles = w.kinds.map((k) => (k === "date" ? wb.style({ numFmt: DATE_FMT }) : 0));
  await wb.sheet(
    {
      name: w.sheetName,
      widths: w.widths,
      freeze: { rows: 1, cols: 0 },
      print: { landscape: true, fitToWidth: true, repeatRows: [1, 1] },
    },
    async (rows) => {
      await rows.row(
        1,
        w.headers,
        w.headers.map(() => head),
      );
      for (let k = 0; k < w.rows.length; k++) {
        const cells = w.cells(w.rows[k]).map((v, c) => xlsxOutputValue(v, w.kinds[c]));
        const p = rows.row(k + 2, cells, styles);
        if (p) await p;
      }
    },
  );
}
