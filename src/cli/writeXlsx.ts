/**
 * The CLI's workbook, written by xlsxWriter.ts (sheet XML straight into zlib): a Summary sheet
 * first (the workbook opens on it) with the Pareto chart, then the customer sheet: the rows
 * above the header as found (a merged report title), the input columns cell for cell, the §11
 * columns as typed cells with tier fills, the whole block an Excel table (CRM_Customers), the
 * header row and the id/name columns frozen, widths fitted to content, printed landscape one
 * page wide with the header row repeated. Stray cells far right are put back where they were.
 */
import { columnLetter, mapHeaders } from "../engine/headers";
import { HEADER_FILL, NUMBER_FORMATS, TIER_FILLS, type ReportColumn } from "../engine/report/columns";
import type { Tier, CellValue } from "../engine/types";
import { plainNumber, xmlSafeText as xmlTextAllowed } from "./cellSafety";
import { isDateFormat } from "./readXlsx";
import type { OutputKind, OutputPlan } from "./outputPlan";
import { inputRowReader } from "./sheet";
import { PROGRESS_EVERY } from "./outputPlan";
import { openOutput } from "./outputFile";
import { displayWidth, TIER_ORDER } from "./summary";
import { tableColumnNames } from "./xlsxTable";
import { XlsxWriter, type OutCell } from "./xlsxWriter";

const MS_PER_DAY = 86_400_000;
const DATE_FMT = NUMBER_FORMATS.date;
const PERCENT_FMT = NUMBER_FORMATS.percent;
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
  // Widths from the header and a sample of rows.
  const widths = names.map((h) => displayWidth(h) + 2);
  const sample = Math.min(sheet.rowCount, WIDTH_SAMPLE_ROWS);
  const readRow = inputRowReader(sheet);
  const input: unknown[] = new Array(inCols);
  for (let i = 0; i < sample; i++) {
    readRow(i, input);
    for (let c = 0; c < inCols; c++)
      widths[c] = Math.max(widths[c], cellWidth(xlsxInputValue(input[c], fromCsv)) + 1);
    const cells = plan.outputCells(i);
    for (let k = 0; k < outCols; k++)
      widths[inCols + k] = Math.max(
        widths[inCols + k],
        cellWidth(xlsxOutputValue(cells[k], plan.kinds[k])) + 1,
      );
  }
  for (let c = 0; c < total; c++) widths[c] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c]));
  // The output columns' widths are the model's, widened to their header when it is longer.
  plan.columns.forEach(
    (col, k) =>
      (widths[inCols + k] = Math.min(MAX_WIDTH, Math.max(col.width, displayWidth(names[inCols + k]) + 2))),
  );

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
  // Output columns: the model's number format (text stays General: a string cell is text anyway).
  const formatOf = (c: ReportColumn) => (c.kind === "text" ? undefined : c.numberFormat);
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
    },
    1,
  );
}

/** "#RRGGBB" (the model's colours) → the ARGB a workbook stores. */
const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

/** The Summary sheet's labels (the figures all come from the engine's summary model). */
const LABELS = {
  title: ["客户分级汇总", "Classification summary"],
  date: ["评估日期", "Evaluation date"],
  customers: ["客户总数", "Customers"],
  starShare: ["天王巨星的价值占比", "Value share of the Stars"],
  overdue: ["逾期未联系（客户）", "Overdue contacts (customers)"],
  problems: ["数据问题（单元格）", "Problems (cells)"],
  problemRows: ["有数据问题的客户", "Customers with problems"],
  tierHead: [
    ["价值等级", "客户数", "价值占比"],
    ["Tier", "Customers", "Value share"],
  ],
  abcHead: [
    ["ABC分类", "客户数", "价值占比"],
    ["ABC", "Customers", "Value share"],
  ],
  owner: ["负责销售", "Owner"],
  region: ["区域", "Region"],
  groupHead: [
    ["客户数", "价值占比", "天王巨星", "明日黄花", "逾期未联系"],
    ["Customers", "Value share", "Stars", "Fading", "Overdue"],
  ],
  blank: ["（空白）", "(blank)"],
  top: [
    ["大客户指数前 10", "客户编号", "客户名称", "价值等级", "大客户指数", "价值占比"],
    ["Top 10 by key-account index", "Customer ID", "Customer", "Tier", "Key account index", "Value share"],
  ],
  pareto: [
    ["客户占比", "价值占比", "累计价值占比"],
    ["Customers (share)", "Value (share)", "Cumulative value"],
  ],
  chart: [
    "帕累托：按价值排序的客户与累计价值占比",
    "Pareto: customers ranked by value and cumulative value share",
  ],
} as const;

async function writeSummarySheet(wb: XlsxWriter, plan: OutputPlan): Promise<void> {
  const zh = plan.lang === "zh";
  const L = <A, B>(pair: readonly [A, B]): A | B => (zh ? pair[0] : pair[1]);
  const cli = plan.summary;
  const m = cli.model;
  const name = zh ? "汇总" : "Summary";
  const bold = wb.style({ bold: true });
  const title = wb.style({ bold: true, size: 14 });
  const head = wb.style({ bold: true, fill: argb(HEADER_FILL) });
  const percent = wb.style({ numFmt: PERCENT_FMT });
  const tierFill = (t: Tier) => (TIER_FILLS[t] ? wb.style({ fill: argb(TIER_FILLS[t] as string) }) : 0);
  const grid: { cells: OutCell[]; styles: number[] }[] = [];
  const add = (cells: OutCell[], styles: number[] = []) => grid.push({ cells, styles });
  add([L(LABELS.title)], [title]);
  add([L(LABELS.date), new Date(m.today * MS_PER_DAY)]);
  add([L(LABELS.customers), m.headline.customers], [bold]);
  add([L(LABELS.starShare), m.headline.starShare], [bold, percent]);
  add([L(LABELS.overdue), m.headline.overdue], [bold]);
  add([L(LABELS.problems), m.headline.problems], [bold]);
  add([L(LABELS.problemRows), m.headline.problemRows], [bold]);
  add([]);
  add([...L(LABELS.tierHead)], [head, head, head]);
  m.tiers.forEach((t, k) => add([cli.byTier[k].label, t.count, t.share], [tierFill(t.tier), 0, percent]));
  add([]);
  add([...L(LABELS.abcHead)], [head, head, head]);
  cli.byAbc.forEach((a) => add([a.label, a.count, a.valueShare], [0, 0, percent]));
  add([]);
  for (const [label, lines] of [
    [L(LABELS.owner), m.owners],
    [L(LABELS.region), m.regions],
  ] as const) {
    if (lines.length === 0) continue;
    add([label, ...L(LABELS.groupHead)], [head, head, head, head, head, head]);
    for (const g of lines)
      add([g.name || L(LABELS.blank), g.count, g.share, g.stars, g.fading, g.overdue], [0, 0, percent]);
    add([]);
  }
  if (m.top.length > 0) {
    add([...L(LABELS.top)], [head, head, head, head, head, head]);
    m.top.forEach((t, k) =>
      add(
        [
          k + 1,
          t.id || null,
          t.name || null,
          cli.byTier[TIER_ORDER.indexOf(t.tier)]?.label ?? null,
          t.keyIndex,
          t.share,
        ],
        [0, 0, 0, tierFill(t.tier), 0, percent],
      ),
    );
    add([]);
  }
  const tablesEnd = grid.length;

  // The Pareto data beside the tables (column H on), the chart below the tables.
  const PARETO_COL = 7;
  const pareto = m.pareto;
  const put = (r: number, cells: OutCell[], styles: number[]) => {
    while (grid.length <= r) grid.push({ cells: [], styles: [] });
    const g = grid[r];
    while (g.cells.length < PARETO_COL) (g.cells.push(null), g.styles.push(0));
    g.cells.push(...cells);
    g.styles.push(...styles);
  };
  if (pareto.length > 1) {
    put(0, [...L(LABELS.pareto)], [head, head, head]);
    let prev = 0;
    pareto.forEach((p, k) => {
      put(k + 1, [p.customers, p.value - prev, p.value], [percent, percent, percent]);
      prev = p.value;
    });
  }
  const quoted = `'${name.replace(/'/g, "''")}'`;
  const range = (col: number) =>
    `${quoted}!$${columnLetter(col)}$2:$${columnLetter(col)}$${pareto.length + 1}`;
  const heads = L(LABELS.pareto);
  await wb.sheet(
    {
      name,
      widths: [26, 12, 28, 12, 12, 12, 4, 16, 14, 16],
      print: { landscape: true, fitToWidth: true },
      chart:
        pareto.length > 1
          ? {
              title: L(LABELS.chart),
              categories: range(PARETO_COL),
              bars: { name: heads[1], values: range(PARETO_COL + 1) },
              line: { name: heads[2], values: range(PARETO_COL + 2) },
              from: [0, tablesEnd + 1],
              to: [6, tablesEnd + 21],
              percentAxis: true,
            }
          : undefined,
    },
    async (w) => {
      for (let r = 0; r < grid.length; r++) await w.row(r + 1, grid[r].cells, grid[r].styles);
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
