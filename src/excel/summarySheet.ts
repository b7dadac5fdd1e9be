/**
 * The summary sheet: counts and value share per tier and ABC class, overdue contacts,
 * problem rows, and a Pareto chart (customers ranked by value → cumulative share).
 * Pure `summaryGrid` builds the cells; `writeSummarySheet` puts them in Excel.
 */
import { excelSerialFromDay } from "../engine/days";
import { abcLabel, tierLabel } from "../engine/labels";
import type { Summary } from "../engine/output";
import type { Lang } from "../engine/types";
import { rangeA1 } from "./a1";
import type { Capabilities } from "./requirements";

export function summarySheetName(lang: Lang): string {
  return lang === "zh" ? "客户分级汇总" : "CRM Summary";
}

type Cell = string | number;

export interface SummaryGrid {
  /** A1-anchored block of the tables (rectangular, "" for blank). */
  cells: Cell[][];
  /** Number formats, same shape. */
  formats: string[][];
  /** Pareto block anchored at PARETO_COL, row 0: header + points. */
  pareto: Cell[][];
}

export const PARETO_COL = 7; // column H

const T = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

export function summaryGrid(s: Summary, lang: Lang): SummaryGrid {
  const cells: Cell[][] = [];
  const formats: string[][] = [];
  const add = (row: Cell[], fmt: string[] = row.map(() => "General")) => {
    while (row.length < 4) row.push("");
    while (fmt.length < 4) fmt.push("General");
    cells.push(row);
    formats.push(fmt);
  };
  const groupFmt = ["@", "0", "#,##0.00", "0.0%"];
  add([T(lang, "客户分级汇总", "Customer tiers summary")]);
  // Every figure depends on the evaluation date: the sheet says which one it used (beside the count).
  add(
    [
      T(lang, "客户总数", "Customers"),
      s.rowCount,
      T(lang, "评估日期", "Evaluation date"),
      excelSerialFromDay(s.today),
    ],
    ["@", "0", "@", "yyyy-mm-dd"],
  );
  add([]);
  add([
    T(lang, "价值等级", "Tier"),
    T(lang, "客户数", "Customers"),
    T(lang, "价值", "Value"),
    T(lang, "价值占比", "Value share"),
  ]);
  for (const g of s.tiers) add([tierLabel(g.tier, lang), g.count, g.value, g.share], [...groupFmt]);
  add([T(lang, "合计", "Total"), s.rowCount, s.totalValue, s.totalValue > 0 ? 1 : 0], [...groupFmt]);
  add([]);
  add([
    T(lang, "ABC分类", "ABC"),
    T(lang, "客户数", "Customers"),
    T(lang, "价值", "Value"),
    T(lang, "价值占比", "Value share"),
  ]);
  for (const g of s.abc) add([abcLabel(g.abc), g.count, g.value, g.share], [...groupFmt]);
  add([]);
  add([T(lang, "逾期未联系的客户", "Overdue contacts"), s.overdueCount], ["@", "0"]);
  add([T(lang, "有数据问题的客户", "Customers with data problems"), s.problemRowCount], ["@", "0"]);
  // The top-left cell stays blank so Excel takes the first column as the categories.
  const pareto: Cell[][] = [
    ["", T(lang, "本段价值占比", "Value in slice"), T(lang, "累计价值占比", "Cumulative value share")],
  ];
  let prev = 0;
  for (const p of s.pareto) {
    pareto.push([p.customers, p.value - prev, p.value]);
    prev = p.value;
  }
  return { cells, formats, pareto };
}

export async function writeSummarySheet(
  context: Excel.RequestContext,
  caps: Capabilities,
  summary: Summary,
  lang: Lang,
  warnings: string[],
): Promise<{ name: string; existed: boolean }> {
  const name = summarySheetName(lang);
  const old = context.workbook.worksheets.getItemOrNullObject(name);
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  old.load("isNullObject");
  await context.sync();
  const existed = !old.isNullObject;
  if (existed) old.delete();
  const sheet = context.workbook.worksheets.add(name);
  const grid = summaryGrid(summary, lang);
  const main = sheet.getRange(rangeA1(0, 0, grid.cells.length, 4));
  main.numberFormat = grid.formats;
  main.values = grid.cells;
  sheet.getRange("A1").format.font.bold = true;
  const p = grid.pareto;
  const pr = sheet.getRange(rangeA1(0, PARETO_COL, p.length, 3));
  pr.numberFormat = p.map((row, i) => (i === 0 ? ["@", "@", "@"] : ["0%", "0.0%", "0.0%"]));
  pr.values = p;
  await context.sync();
  if (p.length < 2) return { name, existed };
  if (!caps.has("charts")) {
    warnings.push(caps.warning("charts", lang));
    return { name, existed };
  }
  const title = T(
    lang,
    "帕累托：客户（按价值排序）与累计价值占比",
    "Pareto: customers ranked by value and cumulative value share",
  );
  if (caps.has("comboChart")) {
    const chart = sheet.charts.add("ColumnClustered", pr, "Columns");
    chart.title.text = title;
    const line = chart.series.getItemAt(1);
    line.chartType = "Line";
    line.axisGroup = "Secondary";
    chart.setPosition(rangeA1(grid.cells.length + 1, 0), rangeA1(grid.cells.length + 20, 6));
  } else {
    warnings.push(caps.warning("comboChart", lang));
    // Both series as lines: the slices and the cumulative share on one axis.
    const chart = sheet.charts.add("Line", pr, "Columns");
    chart.title.text = title;
    chart.setPosition(rangeA1(grid.cells.length + 1, 0), rangeA1(grid.cells.length + 20, 6));
  }
  await context.sync();
  return { name, existed };
}
