/**
 * The Summary sheet as data: the same cells, number formats and fills in the task pane's
 * workbook and the CLI's (each writer only puts them in its medium). Built from the one summary
 * model (summary.ts): headline figures first, then per tier and ABC class, per owner and per
 * region when the table has them, the top 10 by key-account index; the Pareto points in a block
 * of their own for the chart.
 */
import { bi, pick, type Bilingual } from "../bilingual";
import { abcLabel, tierLabel } from "../labels";
import type { Lang } from "../types";
import { NUMBER_FORMATS, TIER_FILLS, type ColumnKind } from "./columnList";
import type { PeopleSummary, Summary } from "./summary";
import { rhythmSheetRows } from "../rhythm/report";

/** The Summary sheet's name (one constant for the pane and the CLI). */
export const SUMMARY_SHEET_NAME: Bilingual = bi("客户分级汇总", "CRM Summary");

export type SummaryCell = string | number | null;

export interface SummaryGrid {
  /** Rows of the tables from A1 (ragged rows padded to `width`; null = blank). Dates are DayNumbers. */
  cells: SummaryCell[][];
  /** The kind of each cell (number format: NUMBER_FORMATS). */
  kinds: ColumnKind[][];
  /** Fill of each cell ("#RRGGBB") or null. */
  fills: (string | null)[][];
  /** Bold cells (titles and table headers). */
  bold: boolean[][];
  width: number;
  /** The Pareto block (header row, then [customers, value in slice, cumulative value]), at column PARETO_COL. */
  pareto: SummaryCell[][];
  paretoKinds: ColumnKind[][];
  chartTitle: string;
}

/** Column (0-based) of the Pareto block: right of the widest table, one column apart. */
export const PARETO_COL = 8; // column I

const WIDTH = 6;

export function summaryGrid(s: Summary, lang: Lang): SummaryGrid {
  const t = (zh: string, en: string) => (lang === "zh" ? zh : en);
  const cells: SummaryCell[][] = [];
  const kinds: ColumnKind[][] = [];
  const fills: (string | null)[][] = [];
  const bold: boolean[][] = [];
  const add = (
    row: SummaryCell[],
    k: ColumnKind[] = [],
    opts: { fill0?: string | null; bold?: boolean } = {},
  ) => {
    const r = row.slice();
    while (r.length < WIDTH) r.push(null);
    const kk = r.map((v, c) => k[c] ?? (typeof v === "number" ? "integer" : "text"));
    cells.push(r);
    kinds.push(kk);
    fills.push(r.map((_, c) => (c === 0 ? (opts.fill0 ?? null) : null)));
    bold.push(r.map(() => opts.bold === true));
  };
  const blank = () => add([]);

  add([t("客户分级汇总", "Customer tiers summary")], [], { bold: true });
  add([t("评估日期", "Evaluation date"), s.headline.today], ["text", "date"]);
  add([t("客户数", "Customers"), s.headline.customers]);
  add([t("天王巨星的价值占比", "Value share of the Stars"), s.headline.starShare], ["text", "percent"]);
  add([t("超期未联系的客户", "Contacts overdue"), s.headline.overdue]);
  add([t("有数据问题的客户", "Customers with data problems"), s.headline.problemRows]);
  blank();

  const groupHead = (first: string) => [
    first,
    t("客户数", "Customers"),
    t("价值", "Value"),
    t("价值占比", "Value share"),
  ];
  const groupKinds: ColumnKind[] = ["text", "integer", "amount", "percent"];
  add(groupHead(t("价值等级", "Tier")), [], { bold: true });
  for (const g of s.tiers)
    add([tierLabel(g.tier, lang), g.count, g.value, g.share], groupKinds, { fill0: TIER_FILLS[g.tier] });
  add([t("合计", "Total"), s.headline.customers, s.totalValue, s.totalValue > 0 ? 1 : 0], groupKinds);
  blank();
  add(groupHead(t("ABC分类", "ABC")), [], { bold: true });
  for (const g of s.abc) add([abcLabel(g.abc), g.count, g.value, g.share], groupKinds);

  const people = (title: string, lines: PeopleSummary[]) => {
    if (lines.length === 0) return;
    blank();
    add(
      [
        title,
        t("客户数", "Customers"),
        t("价值占比", "Value share"),
        tierLabel(2, lang),
        tierLabel(1, lang),
        t("超期未联系", "Overdue"),
      ],
      [],
      { bold: true },
    );
    for (const p of lines)
      add(
        [p.name || t("（未填写）", "(blank)"), p.count, p.share, p.stars, p.fading, p.overdue],
        ["text", "integer", "percent", "integer", "integer", "integer"],
      );
  };
  people(t("负责销售", "Owner"), s.owners);
  people(t("区域", "Region"), s.regions);

  if (s.top.length > 0) {
    blank();
    add([t("大客户指数前10", "Top 10 by key-account index")], [], { bold: true });
    add(
      [
        t("客户编号", "Customer ID"),
        t("客户名称", "Customer"),
        t("价值等级", "Tier"),
        t("大客户指数", "Key account index"),
        t("价值占比", "Value share"),
      ],
      [],
      { bold: true },
    );
    for (const c of s.top)
      add(
        [c.id || null, c.name || null, tierLabel(c.tier, lang), c.keyIndex, c.share],
        ["text", "text", "text", "integer", "percent"],
      );
  }

  if (s.rhythm) {
    blank();
    for (const row of rhythmSheetRows(s.rhythm, lang)) add(row.cells, row.kinds, { bold: row.bold });
  }

  // The top-left cell stays blank so Excel takes the first column as the categories.
  const pareto: SummaryCell[][] = [
    [null, t("本段价值占比", "Value in slice"), t("累计价值占比", "Cumulative value share")],
  ];
  const paretoKinds: ColumnKind[][] = [["text", "text", "text"]];
  let prev = 0;
  for (const p of s.pareto) {
    pareto.push([p.customers, p.value - prev, p.value]);
    paretoKinds.push(["percent", "percent", "percent"]);
    prev = p.value;
  }
  return {
    cells,
    kinds,
    fills,
    bold,
    width: WIDTH,
    pareto,
    paretoKinds,
    chartTitle: t(
      "帕累托：客户（按价值排序）与累计价值占比",
      "Pareto: customers ranked by value and cumulative value share",
    ),
  };
}

/** The number format of a summary cell's kind. */
export function summaryFormat(kind: ColumnKind): string {
  return NUMBER_FORMATS[kind];
}

export function summarySheetName(lang: Lang): string {
  return pick(SUMMARY_SHEET_NAME, lang);
}
