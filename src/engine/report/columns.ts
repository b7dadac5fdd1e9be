/**
 * The one description of the output columns (METHOD.md §11, and optional groups such as
 * §13's): key, header in both languages, kind, Excel number format, width and fill by value.
 * Every medium — the task pane's sheet, the CLI's XLSX and CSV, CRM.CLASSIFY — is a thin
 * writer over this list; none keeps headers, formats or colours of its own.
 *
 * Pure data and functions of a ClassifyResult: no Office.js, no files.
 */
import { pick } from "../bilingual";
import type { ClassifyResult } from "../classify";
import * as labels from "../labels";
import * as why from "./why";
import type { FieldKey, Lang, Tier } from "../types";
import { CORE_COLUMNS, TIER_FILLS, type ReportColumn } from "./columnList";
import { RHYTHM_COLUMNS } from "../rhythm/columns";

export * from "./columnList";

// Module-local copies (outputRow runs once per row; transpiled CommonJS would otherwise read
// each imported binding through a getter on every use).
const { abcLabel, actionText, levelLabel, riskLabel, strategyLabel, tierLabel } = labels;
const { problemsText, whyPieces, whyText } = why;
import type { WhyPieces } from "./why";
export type { WhyPieces };
const NO_ACTION = 0; // ActionKind.None

export type OutputCell = string | number | null;

/** Problems name a field by its header as found in the sheet. */
export type ColumnName = (f: FieldKey) => string;

/**
 * A group of columns that follows §11's when the result carries it (e.g. §13's rhythm
 * columns, present only for a ledger). To add one: write a ColumnGroup and append it to
 * OPTIONAL_GROUPS; every writer picks it up through reportColumns/outputRow.
 */
export interface ColumnGroup {
  key: string;
  /** Whether this result carries the group's values. */
  present(result: ClassifyResult): boolean;
  /** The group's columns for this result (a header may name a setting, e.g. the horizon). */
  columns(result: ClassifyResult): readonly ReportColumn[];
  /** Whether a header is one of this group's (any setting, either language): own-column recognition. */
  isHeader(header: string): boolean;
  /** Row i's cells, in columns() order (DayNumbers for dates, fractions for percents). */
  cells(result: ClassifyResult, i: number, lang: Lang): OutputCell[];
}

/** Groups after §11's, in output order. */
export const OPTIONAL_GROUPS: readonly ColumnGroup[] = [RHYTHM_COLUMNS];

/**
 * §10's RFM cell: the three digits, `_` for an unknown metric (`_45`, `5_5`); null when all
 * three are unknown. (v1 wrote `-`, and `--1` is a formula to Excel.)
 */
export function rfmText(r: number, f: number, m: number): string | null {
  if (r === 0 && f === 0 && m === 0) return null;
  // Scores are 0–5: the 215 texts are made once (called once per output row).
  const small = isScore(r) && isScore(f) && isScore(m);
  const key = r * 36 + f * 6 + m;
  if (small && RFM_TEXT[key] !== undefined) return RFM_TEXT[key];
  const d = (x: number): string => (x === 0 ? "_" : String(x));
  const text = d(r) + d(f) + d(m);
  if (small) RFM_TEXT[key] = text;
  return text;
}
const RFM_TEXT: (string | undefined)[] = new Array(216);
const isScore = (x: number): boolean => x >= 0 && x <= 5 && (x | 0) === x;

function textOrNull(s: string): string | null {
  return s === "" ? null : s;
}

function numOrNull(x: number): number | null {
  return x === x ? x : null;
}

/** The index of §11's Why column among the output columns. */
export const WHY_COLUMN = CORE_COLUMNS.findIndex((c) => c.key === "why");

/**
 * §11's 14 cells of row i (dates as DayNumbers, the share a fraction, unknown null). With `why`,
 * the Why cell is null and its pieces are in `whyOut` instead (for a writer that encodes pieces).
 */
export function coreCells(
  result: ClassifyResult,
  i: number,
  lang: Lang,
  columnName?: ColumnName,
  whyOut?: WhyPieces,
): OutputCell[] {
  const kind = result.action[i];
  return [
    textOrNull(tierLabel(result.tier[i], lang)),
    textOrNull(abcLabel(result.abc[i])),
    numOrNull(result.share[i]),
    numOrNull(result.keyIndex[i]),
    numOrNull(result.potential[i]),
    textOrNull(levelLabel(result.level[i], lang)),
    numOrNull(result.gap[i]),
    kind === NO_ACTION ? null : textOrNull(actionText(kind, result.actionVariant[i], lang)),
    numOrNull(result.nextContact[i]),
    textOrNull(riskLabel(result.risk[i], lang)),
    textOrNull(strategyLabel(result.strategy[i], lang)),
    rfmText(result.rfmR[i], result.rfmF[i], result.rfmM[i]),
    whyOut
      ? ((whyOut.count = whyPieces(result, i, lang, whyOut.pieces)), null)
      : textOrNull(whyText(result, i, lang)),
    textOrNull(problemsText(result, i, lang, columnName)),
  ];
}

/** The columns written for this result: §11's, then each optional group it carries. */
export function reportColumns(result?: ClassifyResult): readonly ReportColumn[] {
  if (!result) return CORE_COLUMNS;
  let out: readonly ReportColumn[] = CORE_COLUMNS;
  for (const g of OPTIONAL_GROUPS) if (g.present(result)) out = [...out, ...g.columns(result)];
  return out;
}

/** The headers in one language, in reportColumns order. */
export function reportHeaders(lang: Lang, result?: ClassifyResult): string[] {
  return reportColumns(result).map((c) => pick(c.header, lang));
}

/**
 * Row i's output cells, in reportColumns(result) order: §11's 14, then the optional groups'.
 * Dates are DayNumbers, percents fractions, unknown null. Texts come out as they are: keeping
 * them inert is the medium's job (report/inert.ts). With `whyOut`, the Why cell (WHY_COLUMN) is
 * null and its pieces are in `whyOut` (see WhyPieces).
 */
export function outputRow(
  result: ClassifyResult,
  i: number,
  lang: Lang,
  columnName?: ColumnName,
  whyOut?: WhyPieces,
): OutputCell[] {
  const row = coreCells(result, i, lang, columnName, whyOut);
  for (const g of OPTIONAL_GROUPS) if (g.present(result)) row.push(...g.cells(result, i, lang));
  return row;
}

/** The fill of a data cell of `col` in row i (hex "#RRGGBB"), or null. */
export function cellFill(col: ReportColumn, result: ClassifyResult, i: number): string | null {
  return col.fillByTier ? (TIER_FILLS[result.tier[i] as Tier] ?? null) : null;
}

// ---------------------------------------------------------------- our own columns

/** Header text for comparison: trimmed (our headers have no inner spaces that matter). */
function headerKey(h: unknown): string {
  return typeof h === "string" ? h.trim() : "";
}

/**
 * THE rule for recognising the columns this add-in wrote before (the pane and the CLI both
 * use it): all of §11's 14 headers, adjacent and in order, in one language (zh or en);
 * followed, when present, by the columns of optional groups. A lone "潜力得分" or "RFM" is the
 * user's and is never taken for ours. Returns the first block found, or null.
 */
export function findOwnColumns(headers: readonly unknown[]): { start: number; count: number } | null {
  const keys = headers.map(headerKey);
  for (const lang of ["zh", "en"] as const) {
    const block = CORE_COLUMNS.map((c) => pick(c.header, lang));
    for (let start = 0; start + block.length <= keys.length; start++) {
      if (!block.every((h, k) => keys[start + k] === h)) continue;
      let end = start + block.length;
      while (end < keys.length && OPTIONAL_GROUPS.some((g) => g.isHeader(keys[end]))) end++;
      return { start, count: end - start };
    }
  }
  return null;
}

/** Every header we may write, both languages (the pane lists them as "ours, not input"). */
export function isOwnHeader(header: unknown): boolean {
  const h = headerKey(header);
  if (h === "") return false;
  return (
    CORE_COLUMNS.some((c) => c.header.zh === h || c.header.en === h) ||
    OPTIONAL_GROUPS.some((g) => g.isHeader(h))
  );
}
