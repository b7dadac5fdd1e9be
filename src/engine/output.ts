/**
 * From a ClassifyResult to what people read: the §11 output row, the one-line `Why`, the
 * problems text, and the summary behind the task pane's chart and the summary sheet.
 * Strings are built here, one row at a time, by the writer (never inside classify).
 */
import type { ClassifyResult } from "./classify";
import * as days from "./days";
import * as labels from "./labels";
import * as types from "./types";
import type { FieldKey, HolidayHit, Lang } from "./types";

// Module-local copies (called once per output row; CommonJS transpilers would otherwise go
// through a getter on every use).
const { ymdFromDay } = days;
const {
  abcLabel,
  actionText,
  holidayLabel,
  levelLabel,
  overdueLabel,
  problemMessage,
  riskLabel,
  strategyLabel,
  tierLabel,
} = labels;
const { Abc, ActionKind, Tier } = types;
type Abc = types.Abc;
type Tier = types.Tier;

export type OutputCell = string | number | null;

/*
 * Texts come out as they are ("-45", a found cell "=1+1" quoted in Problems): keeping them
 * inert is the writer's job, because each medium needs its own guard (Excel's quote prefix,
 * the CSV apostrophe, a string cell in a file; a custom function's result is never evaluated).
 */
function textOrNull(s: string): string | null {
  return s === "" ? null : s;
}

function numOrNull(x: number): number | null {
  return x === x ? x : null;
}

/**
 * RFM digits, `-` for an unknown metric; null when all three are unknown. An unknown R
 * makes the text start with "-": writers keep it text (see above).
 */
export function rfmText(r: number, f: number, m: number): string | null {
  if (r === 0 && f === 0 && m === 0) return null;
  const d = (x: number): string => (x === 0 ? "-" : String(x));
  return d(r) + d(f) + d(m);
}

/**
 * The 14 cells of METHOD.md §11 for row i, in OUTPUT_COLUMNS order. Dates are DayNumbers,
 * the share a fraction, unknown is null. `columnName` gives a field's header as found in
 * the sheet (for the problems text).
 */
export function outputRow(
  result: ClassifyResult,
  i: number,
  lang: Lang,
  columnName?: (f: FieldKey) => string,
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
    kind === ActionKind.None ? null : textOrNull(actionText(kind, result.actionVariant[i], lang)),
    numOrNull(result.nextContact[i]),
    textOrNull(riskLabel(result.risk[i], lang)),
    textOrNull(strategyLabel(result.strategy[i], lang)),
    rfmText(result.rfmR[i], result.rfmF[i], result.rfmM[i]),
    textOrNull(whyText(result, i, lang)),
    textOrNull(problemsText(result, i, lang, columnName)),
  ];
}

/** A whole percent with its sign: +35%, -30%, +0%. */
function signedPercent(x: number): string {
  const p = Math.round(x * 100);
  return (p >= 0 ? "+" : "") + String(p) + "%";
}

function percent(x: number): string {
  return String(Math.round(x * 100)) + "%";
}

function monthDay(day: number, lang: Lang): string {
  const { m, d } = ymdFromDay(day);
  return lang === "zh" ? `${m}月${d}日` : `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function growthPhrase(result: ClassifyResult, i: number, lang: Lang): string {
  if (result.isNew[i]) return lang === "zh" ? "新客户" : "new customer";
  const g = result.growth[i];
  if (g !== g) return "";
  return lang === "zh" ? `同比${signedPercent(g)}` : `${signedPercent(g)} YoY`;
}

/** What decided the tier (and whether the growth phrase is already part of it). */
function tierReason(result: ClassifyResult, i: number, lang: Lang): { text: string; saysGrowth: boolean } {
  const zh = lang === "zh";
  const s = result.settings;
  const t = result.tier[i];
  const abc = result.abc[i];
  const g = result.growth[i];
  switch (t) {
    case Tier.Insufficient:
      return {
        text: zh ? "数据不足：无销售额或毛利" : "Insufficient data: no revenue or profit",
        saysGrowth: false,
      };
    case Tier.Fading: {
      const why: string[] = [];
      const dropped = g === g && g <= s.fadingGrowth + 1e-9;
      if (dropped) why.push(zh ? `同比${signedPercent(g)}` : `${signedPercent(g)} YoY`);
      const rec = result.recency[i];
      if (rec > s.lapseDays) why.push(zh ? `${rec}天未下单` : `no order for ${rec} days`);
      return {
        text: (zh ? "明日黄花：" : "Fading: ") + why.join(zh ? "，" : ", "),
        saysGrowth: dropped,
      };
    }
    case Tier.Star:
      return {
        text: zh ? `A类：累计前${percent(s.abcCutA)}` : `Class A: top ${percent(s.abcCutA)} cumulative`,
        saysGrowth: false,
      };
    case Tier.Rising: {
      const growthSays = result.isNew[i] === 1 || (g === g && g >= s.risingGrowth - 1e-9);
      const reason = growthSays
        ? growthPhrase(result, i, lang)
        : zh
          ? `潜力${result.potential[i]}分`
          : `potential ${result.potential[i]}`;
      return { text: (zh ? "后起之秀：" : "Rising: ") + reason, saysGrowth: growthSays };
    }
    default: {
      const text =
        abc === Abc.B
          ? zh
            ? `B类：累计前${percent(s.abcCutB)}`
            : `Class B: top ${percent(s.abcCutB)} cumulative`
          : zh
            ? `${abcLabel(abc)}类`
            : `Class ${abcLabel(abc)}`;
      return { text, saysGrowth: false };
    }
  }
}

/** Why this action (empty when the tier or the overdue note already says it). */
function actionReason(result: ClassifyResult, i: number, lang: Lang): string {
  const zh = lang === "zh";
  switch (result.action[i]) {
    case ActionKind.Birthday:
      return zh
        ? `生日${monthDay(result.nextContact[i], lang)}`
        : `birthday ${monthDay(result.nextContact[i], lang)}`;
    case ActionKind.Holiday: {
      const h = result.holiday as HolidayHit;
      return `${holidayLabel(h.key, lang)}${zh ? "" : " "}${monthDay(h.day, lang)}`;
    }
    case ActionKind.AfterSale:
      return zh ? `${result.recency[i]}天前下单` : `ordered ${result.recency[i]} days ago`;
    case ActionKind.Referral:
      return zh ? "关系熟悉，尚无转介绍" : "familiar, no referrals yet";
    case ActionKind.Deepen:
      return zh ? `关系差距${result.gap[i]}` : `familiarity gap ${result.gap[i]}`;
    default:
      return "";
  }
}

/**
 * One short line: what decided the tier, the growth, what decided the action, and
 * `逾期N天` / `overdue N days` at the end when the regular contact is overdue.
 * E.g. `A类：累计前80%；同比+35%；逾期12天`.
 */
export function whyText(result: ClassifyResult, i: number, lang: Lang): string {
  const parts: string[] = [];
  const tier = tierReason(result, i, lang);
  parts.push(tier.text);
  if (!tier.saysGrowth) {
    const g = growthPhrase(result, i, lang);
    if (g) parts.push(g);
  }
  const a = actionReason(result, i, lang);
  if (a) parts.push(a);
  if (result.overdue[i] > 0) parts.push(overdueLabel(result.overdue[i], lang));
  return parts.join(lang === "zh" ? "；" : "; ");
}

/** The row's problems as sentences joined with "；" ("" when none). */
export function problemsText(
  result: ClassifyResult,
  i: number,
  lang: Lang,
  columnName?: (f: FieldKey) => string,
): string {
  const from = result.problemStart[i];
  const to = result.problemStart[i + 1];
  if (!(to > from)) return "";
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const p = result.problems[k];
    parts.push(problemMessage(p, lang, columnName ? columnName(p.field) : undefined));
  }
  return parts.join("；");
}

// ---------------------------------------------------------------- summary

/** Tiers in the order a summary lists them: most valuable first, 数据不足 last. */
export const TIER_ORDER: readonly Tier[] = [
  Tier.Star,
  Tier.Rising,
  Tier.Regular,
  Tier.Fading,
  Tier.Insufficient,
];
export const ABC_ORDER: readonly Abc[] = [Abc.A, Abc.B, Abc.C];

export interface GroupSummary {
  count: number;
  /** Sum of the values in the group. */
  value: number;
  /** value / total value (0 when the total is 0). */
  share: number;
}

export interface ParetoPoint {
  /** Share of valued customers, best first (0..1). */
  customers: number;
  /** Cumulative share of the total value they hold (0..1). */
  value: number;
}

export interface Summary {
  rowCount: number;
  /** Rows with a value measure (they take part in ABC). */
  valuedCount: number;
  totalValue: number;
  tiers: ({ tier: Tier } & GroupSummary)[];
  abc: ({ abc: Abc } & GroupSummary)[];
  overdueCount: number;
  /** Rows with at least one problem. */
  problemRowCount: number;
  problemCount: number;
  holiday: HolidayHit | null;
  /** The Pareto curve from (0, 0), at most 200 points, ending at (1, 1). Empty when the total is 0. */
  pareto: ParetoPoint[];
}

export const PARETO_MAX_POINTS = 200;

export function summarize(result: ClassifyResult): Summary {
  const n = result.rowCount;
  const tierCount = new Float64Array(5);
  const tierValue = new Float64Array(5);
  const abcCount = new Float64Array(4);
  const abcValue = new Float64Array(4);
  let valued = 0;
  let total = 0;
  let overdueCount = 0;
  let problemRows = 0;
  for (let i = 0; i < n; i++) {
    const v = result.value[i];
    const known = v === v;
    const t = result.tier[i];
    const a = result.abc[i];
    tierCount[t]++;
    abcCount[a]++;
    if (known) {
      valued++;
      total += v;
      tierValue[t] += v;
      abcValue[a] += v;
    }
    if (result.overdue[i] > 0) overdueCount++;
    if (result.problemStart[i + 1] > result.problemStart[i]) problemRows++;
  }
  const shareOf = (x: number): number => (total > 0 ? x / total : 0);
  return {
    rowCount: n,
    valuedCount: valued,
    totalValue: total,
    tiers: TIER_ORDER.map((tier) => ({
      tier,
      count: tierCount[tier],
      value: tierValue[tier],
      share: shareOf(tierValue[tier]),
    })),
    abc: ABC_ORDER.map((abc) => ({
      abc,
      count: abcCount[abc],
      value: abcValue[abc],
      share: shareOf(abcValue[abc]),
    })),
    overdueCount,
    problemRowCount: problemRows,
    problemCount: result.problems.length,
    holiday: result.holiday,
    pareto: paretoPoints(result.value, PARETO_MAX_POINTS),
  };
}

/**
 * Cumulative value share by customer rank (best first), downsampled to at most `maxPoints`
 * points including (0, 0); the last point is always (1, 1).
 */
export function paretoPoints(values: Float64Array, maxPoints: number = PARETO_MAX_POINTS): ParetoPoint[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const sorted = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sorted[k++] = values[i];
  sorted.sort();
  let total = 0;
  for (let p = n - 1; p >= 0; p--) total += sorted[p];
  if (n === 0 || !(total > 0)) return [];
  const m = Math.min(n, Math.max(1, maxPoints - 1));
  const points: ParetoPoint[] = [{ customers: 0, value: 0 }];
  let sum = 0;
  let rank = 0;
  for (let j = 1; j <= m; j++) {
    const target = Math.ceil((j * n) / m);
    while (rank < target) sum += sorted[n - 1 - rank++];
    points.push({ customers: rank / n, value: j === m ? 1 : sum / total });
  }
  return points;
}
