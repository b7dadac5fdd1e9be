/**
 * Before each apply, what the target cells held goes to a very-hidden sheet at the same
 * addresses, so "Restore" can put the sheet back exactly: values and formulas, number
 * formats, fills and fonts (copyFrom, ExcelApi 1.9; without it values and number formats
 * only, with a warning), column widths and the table's size. A new apply replaces it.
 */
import { rangeA1 } from "./a1";
import { asTextConstant } from "./cellText";
import { writeInChunks } from "./chunkedWrite";
import type { Capabilities } from "./requirements";
import type { Lang } from "../engine/types";
import { restoreUserFreeze } from "./freeze";

export const SNAPSHOT_SHEET = "CRMTiers_Snapshot";
/** Far away from any output column: the snapshot mirrors target addresses. */
export const META_CELL = "XFD1";
export const META_COLUMN = 16383;
/** Rows per copyFrom: no payload, but smaller steps keep each request short. */
export const COPY_ROWS = 100_000;
/** Cells per read in values mode. */
export const READ_CELLS = 200_000;

export interface SnapshotMeta {
  version: 1;
  sheetName: string;
  /** Sheet row of the header; the snapshot covers rowCount rows from there (header included). */
  headerRow: number;
  rowCount: number;
  /** Sheet columns saved. */
  columns: number[];
  widths: (number | null)[];
  table: { name: string; address: string } | null;
  /** A summary sheet this apply created (deleted on restore). */
  summarySheet: string | null;
  /** A Worklist sheet this apply created (deleted on restore). */
  worklistSheet?: string | null;
  /** The user's own frozen panes before "freeze the name column" (absent: never frozen by us; null: none). */
  userFreeze?: string | null;
  mode: "copy" | "values";
}

export interface ColumnRun {
  col: number;
  count: number;
}

/** Adjacent columns grouped, so each run is one range. */
export function runsOf(columns: readonly number[]): ColumnRun[] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: ColumnRun[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.count === c) last.count++;
    else runs.push({ col: c, count: 1 });
  }
  return runs;
}

/** A cell as read (formula and value) → what to write to get it back. */
export function restorableCell(formula: unknown, value: unknown): unknown {
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value) return formula;
  if (typeof value === "string") return value === "" ? "" : asTextConstant(value);
  return value ?? "";
}

async function copyBlock(
  context: Excel.RequestContext,
  caps: Capabilities,
  from: Excel.Worksheet,
  to: Excel.Worksheet,
  meta: Pick<SnapshotMeta, "headerRow" | "rowCount" | "columns" | "mode">,
): Promise<void> {
  for (const run of runsOf(meta.columns)) {
    if (meta.mode === "copy") {
      for (let r = 0; r < meta.rowCount; r += COPY_ROWS) {
        const n = Math.min(COPY_ROWS, meta.rowCount - r);
        const a = rangeA1(meta.headerRow + r, run.col, n, run.count);
        to.getRange(a).copyFrom(from.getRange(a), "All", false, false);
        if (caps.has("suspendCalculation")) context.application.suspendApiCalculationUntilNextSync();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each batch stays under Excel's request/response size limits
        await context.sync();
      }
      continue;
    }
    const rowsPerRead = Math.max(1, Math.floor(READ_CELLS / run.count));
    for (let r = 0; r < meta.rowCount; r += rowsPerRead) {
      const n = Math.min(rowsPerRead, meta.rowCount - r);
      const src = from.getRange(rangeA1(meta.headerRow + r, run.col, n, run.count));
      src.load("formulas,values,numberFormat");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each batch stays under Excel's request/response size limits
      await context.sync();
      const formulas = src.formulas;
      const values = src.values;
      const formats = src.numberFormat;
      const base = meta.headerRow + r;
      await writeInChunks(
        {
          rowCount: n,
          row: (i) => formulas[i].map((f, j) => restorableCell(f, values[i][j])),
          formats: (i) => formats[i],
        },
        {
          write(start, vals, fmts) {
            const dst = to.getRange(rangeA1(base + start, run.col, vals.length, run.count));
            if (fmts) dst.numberFormat = fmts as string[][];
            dst.values = vals as (string | number | boolean)[][];
          },
          async flush() {
            if (caps.has("suspendCalculation")) context.application.suspendApiCalculationUntilNextSync();
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each batch stays under Excel's request/response size limits
            await context.sync();
          },
        },
      );
    }
  }
}

async function deleteSnapshotSheet(context: Excel.RequestContext): Promise<void> {
  const old = context.workbook.worksheets.getItemOrNullObject(SNAPSHOT_SHEET);
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  old.load("isNullObject");
  await context.sync();
  if (!old.isNullObject) {
    // Worksheet.delete "will fail with an `InvalidOperation` exception" on a VeryHidden sheet:
    // "first change its visibility to hidden or visible before deleting it".
    old.visibility = "Hidden";
    old.delete();
    await context.sync();
  }
}

function warn(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}

/** Saves the target block; returns the meta (stored on the sheet) and any warnings. */
export async function takeSnapshot(
  context: Excel.RequestContext,
  caps: Capabilities,
  base: Omit<SnapshotMeta, "version" | "mode" | "widths">,
  lang: Lang,
): Promise<{ meta: SnapshotMeta; warnings: string[] }> {
  const warnings: string[] = [];
  if (base.columns.some((c) => c >= META_COLUMN))
    throw new Error("output columns reach the last column of the sheet");
  await deleteSnapshotSheet(context);
  const target = context.workbook.worksheets.getItem(base.sheetName);
  const snap = context.workbook.worksheets.add(SNAPSHOT_SHEET);
  if (caps.has("hideSheet")) snap.visibility = "VeryHidden";
  else warnings.push(caps.warning("hideSheet", lang));

  const widthRanges = caps.has("columnWidth")
    ? base.columns.map((c) => {
        const r = target.getRange(rangeA1(base.headerRow, c));
        r.load("format/columnWidth");
        return r;
      })
    : [];
  await context.sync();
  const widths = widthRanges.map((r) => r.format.columnWidth ?? null);
  const mode = caps.has("copyFrom") ? "copy" : "values";
  if (mode === "values")
    warnings.push(
      warn(
        lang,
        "此 Excel 版本不支持复制格式（需要 ExcelApi 1.9）：恢复时只还原数值和数字格式，不还原填充色和字体。",
        "This version of Excel cannot copy formats (needs ExcelApi 1.9): Restore brings back values and number formats, not fills and fonts.",
      ),
    );
  const meta: SnapshotMeta = { version: 1, ...base, widths, mode };
  await copyBlock(context, caps, target, snap, meta);
  await writeMeta(context, meta);
  return { meta, warnings };
}

export async function writeMeta(context: Excel.RequestContext, meta: SnapshotMeta): Promise<void> {
  const cell = context.workbook.worksheets.getItem(SNAPSHOT_SHEET).getRange(META_CELL);
  cell.numberFormat = [["@"]];
  cell.values = [[JSON.stringify(meta)]];
  await context.sync();
}

export async function readMeta(context: Excel.RequestContext): Promise<SnapshotMeta | null> {
  const snap = context.workbook.worksheets.getItemOrNullObject(SNAPSHOT_SHEET);
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  snap.load("isNullObject");
  await context.sync();
  if (snap.isNullObject) return null;
  const cell = snap.getRange(META_CELL);
  cell.load("values");
  await context.sync();
  try {
    const meta = JSON.parse(String(cell.values[0][0])) as SnapshotMeta;
    return meta && meta.version === 1 ? meta : null;
  } catch {
    return null;
  }
}

/** Puts the target back from the snapshot and removes the snapshot. */
export async function restoreSnapshot(
  context: Excel.RequestContext,
  caps: Capabilities,
  lang: Lang,
): Promise<{ restored: boolean; message: string }> {
  const meta = await readMeta(context);
  if (!meta)
    return { restored: false, message: warn(lang, "没有可恢复的快照。", "There is no snapshot to restore.") };
  const target = context.workbook.worksheets.getItemOrNullObject(meta.sheetName);
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  target.load("isNullObject");
  await context.sync();
  if (target.isNullObject) {
    await deleteSnapshotSheet(context);
    return {
      restored: false,
      message: warn(
        lang,
        `工作表“${meta.sheetName}”已不存在，无法恢复。`,
        `Sheet "${meta.sheetName}" no longer exists; nothing restored.`,
      ),
    };
  }
  // The table shrinks first, so the cells it gave up become plain cells again.
  if (meta.table && caps.has("tableResize")) {
    const t = context.workbook.tables.getItemOrNullObject(meta.table.name);
    // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
    t.load("isNullObject");
    await context.sync();
    if (!t.isNullObject) {
      t.resize(meta.table.address);
      await context.sync();
    }
  }
  if (caps.has("conditionalFormats"))
    for (const run of runsOf(meta.columns))
      target
        .getRange(rangeA1(meta.headerRow, run.col, meta.rowCount, run.count))
        .conditionalFormats.clearAll();
  const snap = context.workbook.worksheets.getItem(SNAPSHOT_SHEET);
  await copyBlock(context, caps, snap, target, meta);
  meta.columns.forEach((c, i) => {
    const w = meta.widths[i];
    if (typeof w === "number" && caps.has("columnWidth"))
      target.getRange(rangeA1(meta.headerRow, c)).format.columnWidth = w;
  });
  // The copies ran with calculation suspended: recalculate so formulas over these cells are current.
  context.application.calculate("Full");
  // The summary and Worklist sheets this apply created go (one sync to look, one to delete).
  const made = [meta.summarySheet, meta.worklistSheet ?? null]
    .filter((name): name is string => !!name)
    .map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  for (const s of made) s.load("isNullObject");
  await context.sync();
  for (const s of made) if (!s.isNullObject) s.delete();
  if (meta.userFreeze !== undefined && caps.has("freezePanes")) restoreUserFreeze(target, meta.userFreeze);
  await context.sync();
  // The cells are back now: a failure to remove the snapshot must not be reported as a failed restore.
  try {
    await deleteSnapshotSheet(context);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      restored: true,
      message: warn(
        lang,
        `已恢复到上次写入之前的状态，但未能删除隐藏的快照工作表“${SNAPSHOT_SHEET}”：${why}`,
        `The sheet is back as it was before the last apply, but the hidden snapshot sheet "${SNAPSHOT_SHEET}" could not be removed: ${why}`,
      ),
    };
  }
  return {
    restored: true,
    message: warn(lang, "已恢复到上次写入之前的状态。", "The sheet is back as it was before the last apply."),
  };
}

export async function hasSnapshot(context: Excel.RequestContext): Promise<boolean> {
  return (await readMeta(context)) !== null;
}

export { deleteSnapshotSheet };
