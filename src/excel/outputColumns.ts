/**
 * §11's output columns as the add-in writes them into a sheet: cells, number formats, widths and
 * tier fills. Apply (next to the user's table) and the ledger's customer sheet (客户汇总) both
 * write through these, so the two look exactly alike.
 */
import { excelSerialFromDay } from "../engine/days";
import { OUTPUT_COLUMNS, tierLabel, type OutputColumnKey } from "../engine/labels";
import { outputRow } from "../engine/output";
import type { ClassifyResult } from "../engine/classify";
import { CORE_COLUMNS, reportColumns, type ReportColumn } from "../engine/report/columns";
import { widthInPoints } from "../engine/report/columnList";
import type { FieldKey, Lang } from "../engine/types";
import { rangeA1 } from "./a1";
import { asTextConstant } from "./cellText";
import { COLUMN_WIDTHS, columnFormat, TIER_FILLS } from "./formats";
import type { Capabilities } from "./requirements";

export const OUTPUT_KEYS: readonly OutputColumnKey[] = OUTPUT_COLUMNS.map((c) => c.key);

/** Number formats of a data row, in OUTPUT_KEYS order (the header row is "@" throughout). */
export function outputFormats(): string[] {
  return OUTPUT_KEYS.map(columnFormat);
}

/**
 * Data row i's cells as written: §11's, then the optional groups' the result carries (outputRow
 * gives both; see extraColumns). Blanks "", the next contact as an Excel serial, texts inert.
 */
export function outputCells(
  result: ClassifyResult,
  i: number,
  lang: Lang,
  columnName: (f: FieldKey) => string,
): (string | number | boolean)[] {
  const dateCol = OUTPUT_KEYS.indexOf("nextContact");
  return outputRow(result, i, lang, columnName).map((v, k) => {
    if (v === null) return "";
    if (typeof v === "number") return k === dateCol ? excelSerialFromDay(v) : v;
    return asTextConstant(v);
  });
}

/**
 * Column widths and the tier column's conditional fills (they follow sorting and edits).
 * `colOf(key)` is the sheet column of an output column; rows are the header row and the data below.
 */
export function styleOutputColumns(
  sheet: Excel.Worksheet,
  caps: Capabilities,
  at: { headerRow: number; dataRows: number; colOf: (key: OutputColumnKey) => number },
  lang: Lang,
  warnings: string[],
): void {
  if (caps.has("columnWidth"))
    OUTPUT_KEYS.forEach(
      (key) => (sheet.getRange(rangeA1(at.headerRow, at.colOf(key))).format.columnWidth = COLUMN_WIDTHS[key]),
    );
  if (at.dataRows <= 0) return;
  if (!caps.has("conditionalFormats")) {
    warnings.push(caps.warning("conditionalFormats", lang));
    return;
  }
  const tierRange = sheet.getRange(rangeA1(at.headerRow + 1, at.colOf("tier"), at.dataRows, 1));
  tierRange.conditionalFormats.clearAll();
  for (const { tier, color } of TIER_FILLS) {
    const cf = tierRange.conditionalFormats.add("CellValue");
    cf.cellValue.format.fill.color = color;
    cf.cellValue.rule = { formula1: `="${tierLabel(tier, lang)}"`, operator: "EqualTo" };
  }
}

/**
 * The optional groups' columns this result carries after §11's (§13's three on a ledger), from
 * the engine's one description (reportColumns): headers, formats and widths are not kept here.
 */
export function extraColumns(result: ClassifyResult): readonly ReportColumn[] {
  return reportColumns(result).slice(CORE_COLUMNS.length);
}

/** Widths of the extra columns, from their first sheet column `first` (header row `headerRow`). */
export function styleExtraColumns(
  sheet: Excel.Worksheet,
  caps: Capabilities,
  result: ClassifyResult,
  at: { headerRow: number; first: number },
): void {
  if (!caps.has("columnWidth")) return;
  extraColumns(result).forEach(
    (c, k) =>
      (sheet.getRange(rangeA1(at.headerRow, at.first + k)).format.columnWidth = widthInPoints(c.width)),
  );
}
