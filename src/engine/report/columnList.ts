/**
 * The §11 output columns as data (a leaf module: no engine imports but the bilingual type,
 * so that labels.ts can derive its old OUTPUT_COLUMNS from it without an import cycle).
 * Read it through report/columns.ts.
 */
import { bi, type Bilingual } from "../bilingual";
import { Tier } from "../types";

/**
 * How a cell is written: text; a whole number (key-account index, gap); any number; a sum of
 * money (the summary's values); a
 * fraction shown as a percentage; a date (a DayNumber in the engine, a date cell in a
 * workbook, `yyyy-mm-dd` in CSV).
 */
export type ColumnKind = "text" | "integer" | "number" | "amount" | "percent" | "date";

export interface ReportColumn {
  key: string;
  header: Bilingual;
  kind: ColumnKind;
  /** Excel number format of the data cells (from the kind: see NUMBER_FORMATS). */
  numberFormat: string;
  /** Width in Excel's character units (what a file stores; the pane converts to points). */
  width: number;
  /** Whether this column's data cells are filled by value (the tier column: TIER_FILLS). */
  fillByTier?: boolean;
}

/** Number formats by kind: text stays text so that RFM "545" is not turned into a number. */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  text: "@",
  integer: "0",
  number: "General",
  amount: "#,##0.00",
  percent: "0.0%",
  date: "yyyy-mm-dd",
};

/**
 * The one tier palette (Office theme tints, light enough to read the text): Star gold,
 * Rising Excel's "Good" green, Fading orange, Insufficient grey; Regular stays unfilled.
 */
export const TIER_FILLS: Readonly<Record<Tier, string | null>> = {
  [Tier.Star]: "#FFE699",
  [Tier.Rising]: "#C6EFCE",
  [Tier.Fading]: "#F8CBAD",
  [Tier.Regular]: null,
  [Tier.Insufficient]: "#D9D9D9",
};

/** The fill of our header cells (light blue), so a user sees which columns we wrote. */
export const HEADER_FILL = "#DDEBF7";

/** Excel character units → points (Calibri 11: about 7 points a character, plus padding). */
export function widthInPoints(width: number): number {
  return Math.round(width * 7 + 5);
}

function column(key: string, zh: string, en: string, kind: ColumnKind, width: number): ReportColumn {
  return { key, header: bi(zh, en), kind, numberFormat: NUMBER_FORMATS[kind], width };
}

export type OutputColumnKey =
  | "tier"
  | "abc"
  | "share"
  | "keyIndex"
  | "potential"
  | "level"
  | "gap"
  | "nextAction"
  | "nextContact"
  | "risk"
  | "strategy"
  | "rfm"
  | "why"
  | "problems";

/** METHOD.md §11's columns, in order. */
export const CORE_COLUMNS: readonly (ReportColumn & { key: OutputColumnKey })[] = Object.freeze([
  { ...column("tier", "价值等级", "Tier", "text", 10), fillByTier: true },
  column("abc", "ABC分类", "ABC", "text", 8),
  column("share", "价值占比", "Value share", "percent", 10),
  column("keyIndex", "大客户指数", "Key account index", "integer", 10),
  column("potential", "潜力得分", "Potential", "number", 8),
  column("level", "建议关系水平", "Relationship level", "text", 12),
  column("gap", "关系差距", "Familiarity gap", "integer", 8),
  column("nextAction", "下一步行动", "Next action", "text", 40),
  column("nextContact", "下次联系日期", "Next contact", "date", 12),
  column("risk", "风险提示", "Risk flags", "text", 16),
  column("strategy", "销售策略", "Strategy", "text", 14),
  column("rfm", "RFM", "RFM", "text", 6),
  column("why", "依据", "Why", "text", 40),
  column("problems", "数据问题", "Problems", "text", 40),
] as (ReportColumn & { key: OutputColumnKey })[]);
