/**
 * The Summary sheet in Excel: a thin writer over the engine's one Summary sheet description
 * (src/engine/report/summarySheet.ts — the CLI's workbook writes the same cells, formats and
 * fills), plus the Pareto chart through Office.js.
 */
import { excelSerialFromDay } from "../engine/days";
import type { Summary } from "../engine/report/summary";
import {
  PARETO_COL,
  summaryFormat,
  summaryGrid,
  summarySheetName,
  type SummaryCell,
} from "../engine/report/summarySheet";
import type { ColumnKind } from "../engine/report/columnList";
import { inertText } from "../engine/report/inert";
import type { Lang } from "../engine/types";
import { rangeA1 } from "./a1";
import { replaceSheet } from "./ourSheet";
import type { Capabilities } from "./requirements";

export { summarySheetName, PARETO_COL };

/** A summary cell as Office.js takes it: dates as serials, texts kept inert, blank "". */
function excelValue(v: SummaryCell, kind: ColumnKind): string | number {
  if (v === null) return "";
  if (typeof v === "number") return kind === "date" ? excelSerialFromDay(v) : v;
  return inertText(v, "excelRange");
}

export async function writeSummarySheet(
  context: Excel.RequestContext,
  caps: Capabilities,
  summary: Summary,
  lang: Lang,
  warnings: string[],
): Promise<{ name: string; existed: boolean }> {
  const name = summarySheetName(lang);
  const { sheet, existed } = await replaceSheet(context, name);
  const grid = summaryGrid(summary, lang);
  const main = sheet.getRange(rangeA1(0, 0, grid.cells.length, grid.width));
  main.numberFormat = grid.kinds.map((row) => row.map(summaryFormat));
  main.values = grid.cells.map((row, r) => row.map((v, c) => excelValue(v, grid.kinds[r][c])));
  grid.fills.forEach((row, r) =>
    row.forEach((fill, c) => {
      if (fill) sheet.getRange(rangeA1(r, c)).format.fill.color = fill;
    }),
  );
  grid.bold.forEach((row, r) => {
    if (row[0]) sheet.getRange(rangeA1(r, 0, 1, grid.width)).format.font.bold = true;
  });
  const p = grid.pareto;
  const pr = sheet.getRange(rangeA1(0, PARETO_COL, p.length, 3));
  pr.numberFormat = grid.paretoKinds.map((row) => row.map(summaryFormat));
  pr.values = p.map((row, r) => row.map((v, c) => excelValue(v, grid.paretoKinds[r][c])));
  await context.sync();
  if (p.length < 2) return { name, existed };
  if (!caps.has("charts")) {
    warnings.push(caps.warning("charts", lang));
    return { name, existed };
  }
  const at = (chart: Excel.Chart) =>
    chart.setPosition(rangeA1(grid.cells.length + 1, 0), rangeA1(grid.cells.length + 20, grid.width));
  if (caps.has("comboChart")) {
    const chart = sheet.charts.add("ColumnClustered", pr, "Columns");
    chart.title.text = grid.chartTitle;
    const line = chart.series.getItemAt(1);
    line.chartType = "Line";
    line.axisGroup = "Secondary";
    at(chart);
  } else {
    warnings.push(caps.warning("comboChart", lang));
    // Both series as lines: the slices and the cumulative share on one axis.
    const chart = sheet.charts.add("Line", pr, "Columns");
    chart.title.text = grid.chartTitle;
    at(chart);
  }
  await context.sync();
  return { name, existed };
}
