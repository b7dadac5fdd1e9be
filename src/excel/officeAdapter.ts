/**
 * ExcelAdapter on Office.js: every Excel.run of the add-in lives here and in the small
 * modules it calls. Each feature checks its requirement set and, when the host lacks it,
 * says so in the report's warnings and does the rest.
 */
import { fieldLabel, OUTPUT_COLUMNS, outputHeaders, type OutputColumnKey } from "../engine/labels";
import { summarize } from "../engine/output";
import type { Settings } from "../engine/settings";
import { setCurrentSettings } from "../engine/settingsStore";
import type { FieldKey, Lang } from "../engine/types";
import type { ApplyReport, ApplyRequest, ExcelAdapter, FoundTable, SortKey } from "./adapter";
import { blockAddress, parseAddress, rangeA1 } from "./a1";
import { writeInChunks } from "./chunkedWrite";
import { findCustomerTable, locate, readBlockValues } from "./findTable";
import { detectOwnColumns, outputKeyOf, planLayout } from "./layout";
import { Capabilities, officeSetCheck, type SetCheck } from "./requirements";
import {
  officeDocumentSettings,
  readStoredSettings,
  writeStoredSettings,
  type DocumentSettings,
} from "./settingsStorage";
import {
  deleteSnapshotSheet,
  hasSnapshot,
  readMeta,
  restoreSnapshot,
  runsOf,
  takeSnapshot,
  writeMeta,
} from "./snapshot";
import { writeSummarySheet } from "./summarySheet";
import { listVisibleSheets, readSheetTable, writeLedgerSheet } from "./ledgerSheet";
import { OUTPUT_KEYS, outputCells, outputFormats, styleOutputColumns } from "./outputColumns";
import { freezeThrough, readUserFreeze } from "./freeze";
import { writeWorklistSheet } from "./worklistSheet";

export type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** Excel.run with options (the overload the add-in uses). */
export type ExcelRun = <T>(
  options: Excel.RunOptions,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

/**
 * Every batch waits while the user is typing in a cell: without it, "if the user is in cell edit
 * when the batch request is processed by the host, the batch automatically fails" (RunOptions).
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

export interface OfficeAdapterDeps {
  run?: ExcelRun;
  setCheck?: SetCheck;
  documentSettings?: () => DocumentSettings | null;
  displayLanguage?: () => string | undefined;
  /** Bytes per request or response (default 4 MB, under Excel on the web's 5 MB); tests lower it to get many chunks. */
  byteBudget?: number;
}

/** How many columns right of the table are checked for emptiness before falling back to the used range's end. */
const PROBE_EXTRA = 16;
/** XFD: the last column, kept free for the snapshot's description. */
const LAST_COLUMN = 16383;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const T = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

/** CalculationType "Full": "This will mark all cells as dirty and then recalculate them." */
export function recalculate(context: Excel.RequestContext): void {
  context.application.calculate("Full");
}

function officeRun(): ExcelRun {
  return (options, batch) => Excel.run(options, (context) => batch(context));
}

export function createOfficeAdapter(deps: OfficeAdapterDeps = {}): ExcelAdapter {
  const excelRun: ExcelRun = deps.run ?? officeRun();
  const run: Run = (batch) => excelRun(RUN_OPTIONS, batch);
  const caps = new Capabilities(deps.setCheck ?? officeSetCheck());
  const docSettings = deps.documentSettings ?? officeDocumentSettings;

  function uiLanguage(): string {
    // Only a real language tag counts (a mock may answer "Error, property was not loaded").
    const tag = (x: unknown): string | null => (typeof x === "string" && LANGUAGE_TAG.test(x) ? x : null);
    const office = (globalThis as { Office?: typeof Office }).Office;
    const nav = (globalThis as { navigator?: { language?: string } }).navigator;
    return (
      tag(deps.displayLanguage?.()) ??
      tag(safely(() => office?.context?.displayLanguage)) ??
      tag(safely(() => nav?.language)) ??
      "en-US"
    );
  }
  const uiLang = (): Lang => (uiLanguage().toLowerCase().startsWith("zh") ? "zh" : "en");

  async function apply(req: ApplyRequest): Promise<ApplyReport> {
    const lang = req.lang;
    const warnings: string[] = [];
    const loc = req.table.location;
    const dataRows = loc.rowCount;
    const totalRows = dataRows + 1;
    const cancelledReport = (): ApplyReport => ({
      outputAddress: "",
      rowsWritten: 0,
      summarySheet: null,
      warnings,
      cancelled: true,
    });
    if (req.signal?.aborted) return cancelledReport();

    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(loc.sheetName);
      if (caps.has("suspendScreen")) context.application.suspendScreenUpdatingUntilNextSync();
      else warnings.push(caps.warning("suspendScreen", lang));

      // 1. Where the columns go: which columns right of the block are empty over its rows.
      const blockEnd = loc.firstColumn + loc.columnCount;
      const probeCount = Math.max(0, Math.min(OUTPUT_COLUMNS.length + PROBE_EXTRA, LAST_COLUMN - blockEnd));
      const probes = caps.has("usedRangeOrNull")
        ? Array.from({ length: probeCount }, (_, k) => {
            const p = sheet
              .getRange(rangeA1(loc.headerRow, blockEnd + k, totalRows, 1))
              .getUsedRangeOrNullObject(true);
            // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
            p.load("isNullObject");
            return p;
          })
        : [];
      const used = sheet.getUsedRange(true);
      used.load("columnIndex,columnCount");
      let table: Excel.Table | null = null;
      let tableRange: Excel.Range | null = null;
      if (loc.tableName) {
        table = context.workbook.tables.getItem(loc.tableName);
        tableRange = table.getRange();
        tableRange.load("address");
      }
      await context.sync();
      const layout = planLayout({
        firstColumn: loc.firstColumn,
        columnCount: loc.columnCount,
        headers: req.table.headers,
        emptyRight: probes.map((p) => p.isNullObject),
        emptyFrom: Math.max(blockEnd, used.columnIndex + used.columnCount),
      });
      const tableAddress = tableRange ? tableRange.address : null;
      const tableBlock = tableAddress ? parseAddress(tableAddress) : null;
      if (Math.max(...layout.columns) >= LAST_COLUMN)
        throw new Error(
          "工作表右侧没有足够的空列写入结果 / There are not enough empty columns right of the table for the results",
        );

      // 2. Snapshot of everything we are about to touch.
      let taken: Awaited<ReturnType<typeof takeSnapshot>>;
      try {
        taken = await takeSnapshot(
          context,
          caps,
          {
            sheetName: loc.sheetName,
            headerRow: loc.headerRow,
            rowCount: totalRows,
            columns: layout.columns,
            table: loc.tableName && tableAddress ? { name: loc.tableName, address: tableAddress } : null,
            summarySheet: null,
          },
          lang,
        );
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        await deleteSnapshotSheet(context).catch(() => undefined);
        throw new Error(
          `无法保存快照，未写入任何内容 / Could not save the snapshot; nothing was written: ${why}`,
        );
      }
      const { meta, warnings: snapWarnings } = taken;
      warnings.push(...snapWarnings);
      req.onProgress?.(0.1);

      try {
        // 3. Values and number formats, chunk by chunk (row 0 is the header row).
        const headers = outputHeaders(lang);
        const keys = OUTPUT_KEYS;
        const formatsRow = outputFormats();
        const headerFormats = keys.map(() => "@");
        const columnName = (f: FieldKey): string => {
          const c = req.mapping[f];
          return c !== undefined && req.table.headers[c] ? req.table.headers[c] : fieldLabel(f, lang);
        };
        const runs = runsOf(layout.columns).map((r) => ({
          ...r,
          members: Array.from({ length: r.count }, (_, j) => layout.columns.indexOf(r.col + j)),
        }));
        const written = await writeInChunks(
          {
            rowCount: totalRows,
            row: (i) => {
              if (i === 0) return headers;
              return outputCells(req.result, i - 1, lang, columnName);
            },
            formats: (i) => (i === 0 ? headerFormats : formatsRow),
          },
          {
            write(start, values, formats) {
              for (const r of runs) {
                const range = sheet.getRange(rangeA1(loc.headerRow + start, r.col, values.length, r.count));
                if (formats)
                  range.numberFormat = formats.map((row) => r.members.map((k) => row[k])) as string[][];
                range.values = values.map((row) => r.members.map((k) => row[k])) as (string | number)[][];
              }
            },
            async flush() {
              if (caps.has("suspendCalculation")) context.application.suspendApiCalculationUntilNextSync();
              await context.sync();
            },
          },
          {
            signal: req.signal,
            budget: deps.byteBudget,
            onProgress: (f) => req.onProgress?.(0.1 + 0.8 * f),
          },
        );
        if (!caps.has("suspendCalculation")) warnings.push(caps.warning("suspendCalculation", lang));
        if (written.cancelled) {
          await restoreSnapshot(context, caps, lang);
          return cancelledReport();
        }

        // 4. Widths, tier fills (conditional formats follow sorting and edits), table size.
        const colOf = (key: OutputColumnKey) => layout.columns[keys.indexOf(key)];
        styleOutputColumns(sheet, caps, { headerRow: loc.headerRow, dataRows, colOf }, lang, warnings);
        if (table && layout.newColumns.length > 0) {
          const last = Math.max(blockEnd - 1, ...layout.columns);
          // Excel keeps table headers unique: growing over a column whose header repeats one of
          // the table's would rename ours (潜力得分 → 潜力得分2). Check before resizing.
          const ownCols = new Set(layout.reused);
          const taken = new Set(
            req.table.headers
              .filter((_, c) => !ownCols.has(loc.firstColumn + c))
              .map((h) => h.trim().toLowerCase()),
          );
          const clashes = headers.filter(
            (h, k) => layout.newColumns.includes(layout.columns[k]) && taken.has(h.trim().toLowerCase()),
          );
          if (!layout.adjacent)
            warnings.push(
              T(
                lang,
                "表格右侧的列已有数据：结果列写在更右侧的空列中，未并入表格。",
                "The columns next to the table hold data: the results are in empty columns further right, outside the table.",
              ),
            );
          else if (clashes.length > 0)
            warnings.push(
              T(
                lang,
                `表格中已有同名的列（${clashes.join("、")}）：结果列未并入表格，以免 Excel 给它们改名。`,
                `The table already has columns named ${clashes.join(", ")}: the results stay outside the table, so that Excel does not rename them.`,
              ),
            );
          else if (caps.has("tableResize"))
            table.resize(
              blockAddress({
                sheet: loc.sheetName,
                row: loc.headerRow,
                col: loc.firstColumn,
                // The whole table: its totals row (if any) stays in it.
                rowCount: tableBlock ? tableBlock.row + tableBlock.rowCount - loc.headerRow : totalRows,
                colCount: last - loc.firstColumn + 1,
              }),
            );
          else warnings.push(caps.warning("tableResize", lang));
        }
        await context.sync();
        req.onProgress?.(0.95);

        // 5. The summary sheet (it is removed by Restore when this apply created it).
        const summary = await writeSummarySheet(context, caps, summarize(req.result), lang, warnings);
        if (!summary.existed) meta.summarySheet = summary.name;
        // 6. The Worklist 本周待办 sheet (likewise removed by Restore when this apply created it).
        const worklist = await writeWorklistSheet(
          context,
          caps,
          req.result,
          lang,
          (req.contactColumns ?? []).map((c) => ({
            header: req.table.headers[c] ?? "",
            cells: req.table.columns[c] ?? [],
          })),
        );
        if (!worklist.existed) meta.worklistSheet = worklist.name;
        if (!summary.existed || !worklist.existed) await writeMeta(context, meta);
        sheet.activate();
        // Our writes ran with calculation suspended: the user's formulas over our columns are
        // stale until the workbook is recalculated ("it is the developer's responsibility to
        // re-calc the workbook"). Only a full calculation reaches cells not marked dirty.
        recalculate(context);
        await context.sync();
        req.onProgress?.(1);
        const outRuns = runsOf(layout.columns).map((r) =>
          blockAddress({
            sheet: loc.sheetName,
            row: loc.headerRow,
            col: r.col,
            rowCount: totalRows,
            colCount: r.count,
          }),
        );
        return {
          outputAddress: outRuns.join(","),
          rowsWritten: dataRows,
          summarySheet: summary.name,
          worklistSheet: worklist.name,
          warnings,
          cancelled: false,
        };
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        try {
          await restoreSnapshot(context, caps, lang);
        } catch {
          throw new Error(
            `写入失败，且未能恢复（请使用“恢复”）/ Writing failed and could not be undone (use Restore): ${why}`,
          );
        }
        throw new Error(
          `写入失败，工作表已恢复原状 / Writing failed; the sheet was put back as it was: ${why}`,
        );
      }
    });
  }

  /** The block around the selection and the sheet column of one of our output columns. */
  async function locateOwn(context: Excel.RequestContext, key: OutputColumnKey) {
    const found = await locate(context, caps);
    const header =
      (await readBlockValues(context, found.block.sheet, { ...found.block, rowCount: 1 }))[0] ?? [];
    const own = detectOwnColumns(header).find((i) => outputKeyOf(header[i]) === key);
    if (own === undefined) {
      const name = OUTPUT_COLUMNS.find((c) => c.key === key)!;
      throw new Error(
        `找不到“${name.zh}”列，请先运行分级 / Column "${name.en}" not found: run the classification first`,
      );
    }
    return { found, index: own };
  }

  const SORT_COLUMN: Record<SortKey, OutputColumnKey> = {
    keyIndex: "keyIndex",
    potential: "potential",
    nextContact: "nextContact",
  };

  return {
    uiLanguage,
    findCustomerTable: () => run((context) => findCustomerTable(context, caps, deps.byteBudget)),
    async loadSettings(): Promise<Settings | null> {
      return readStoredSettings(docSettings())?.settings ?? null;
    },
    async saveSettings(settings: Settings): Promise<void> {
      await writeStoredSettings(docSettings(), settings);
      setCurrentSettings(settings);
      // Existing =CRM.* cells are not volatile: Excel recalculates them only on a full calculation.
      try {
        await run(async (context) => {
          recalculate(context);
          await context.sync();
        });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(
          `设置已保存，但未能重新计算工作簿：请按 Ctrl+Alt+F9 / Settings saved, but the workbook could not be recalculated: press Ctrl+Alt+F9 (${why})`,
        );
      }
    },
    apply,
    hasSnapshot: () => run((context) => hasSnapshot(context)),
    restore: () => run((context) => restoreSnapshot(context, caps, uiLang())),
    ...(caps.has("freezePanes")
      ? {
          freezeNameColumn: (at: { headerRow: number; column: number }) =>
            run(async (context) => {
              const lang = uiLang();
              const meta = await readMeta(context);
              if (!meta)
                return {
                  frozen: false,
                  message: T(lang, "请先写入分级结果。", "Write the tiers first."),
                };
              const sheet = context.workbook.worksheets.getItem(meta.sheetName);
              // Only the first time: a second freeze must not take our own panes for the user's.
              if (meta.userFreeze === undefined) {
                meta.userFreeze = await readUserFreeze(context, sheet);
                await writeMeta(context, meta);
              }
              freezeThrough(sheet, at.headerRow, at.column);
              await context.sync();
              return {
                frozen: true,
                message: T(
                  lang,
                  "已冻结表头和客户名称列；“恢复原表”会还原您原来的冻结设置。",
                  "The header row and the name column are frozen; Restore puts your own frozen panes back.",
                ),
              };
            }),
        }
      : {}),
    async selectCell(address: string): Promise<void> {
      await run(async (context) => {
        const b = parseAddress(address);
        if (!b) throw new Error(`无法识别的地址 / Not a cell address: ${address}`);
        const sheet = b.sheet
          ? context.workbook.worksheets.getItem(b.sheet)
          : context.workbook.worksheets.getActiveWorksheet();
        sheet.activate();
        sheet.getRange(rangeA1(b.row, b.col, b.rowCount, b.colCount)).select();
        await context.sync();
      });
    },
    async sortBy(key: SortKey, descending: boolean): Promise<void> {
      const lang = uiLang();
      if (!caps.has("sort")) throw new Error(caps.warning("sort", lang));
      await run(async (context) => {
        const { found, index } = await locateOwn(context, SORT_COLUMN[key]);
        const fields = [{ key: index, ascending: !descending }];
        if (found.tableName) context.workbook.tables.getItem(found.tableName).sort.apply(fields);
        else
          context.workbook.worksheets
            .getItem(found.block.sheet)
            .getRange(rangeA1(found.block.row, found.block.col, found.block.rowCount, found.block.colCount))
            .sort.apply(fields, false, true);
        await context.sync();
      });
    },
    async filterTier(label: string | null): Promise<void> {
      const lang = uiLang();
      await run(async (context) => {
        const { found, index } = await locateOwn(context, "tier");
        if (found.tableName) {
          if (!caps.has("tableFilter")) throw new Error(caps.warning("tableFilter", lang));
          const filter = context.workbook.tables.getItem(found.tableName).columns.getItemAt(index).filter;
          if (label === null) filter.clear();
          else filter.applyValuesFilter([label]);
        } else {
          if (!caps.has("autoFilter")) throw new Error(caps.warning("autoFilter", lang));
          const sheet = context.workbook.worksheets.getItem(found.block.sheet);
          if (label === null) {
            // Clearing criteria on a sheet without an AutoFilter is an error: check first.
            sheet.autoFilter.load("enabled");
            await context.sync();
            // eslint-disable-next-line office-addins/load-object-before-read -- autoFilter.enabled was loaded and synced just above via the navigation property
            if (sheet.autoFilter.enabled) sheet.autoFilter.clearCriteria();
          } else
            sheet.autoFilter.apply(
              rangeA1(found.block.row, found.block.col, found.block.rowCount, found.block.colCount),
              index,
              {
                filterOn: "Values",
                values: [label],
              },
            );
        }
        await context.sync();
      });
    },
    listSheets: () => run((context) => listVisibleSheets(context)),
    readSheetTable: (sheetName) => run((context) => readSheetTable(context, sheetName, deps.byteBudget)),
    writeLedgerSheet: (request) =>
      run((context) => writeLedgerSheet(context, caps, request, deps.byteBudget)),
  };
}

/** Loads the snapshot's description (for diagnostics and the e2e page). */
export { readMeta as readSnapshotMeta };
export type { FoundTable };
