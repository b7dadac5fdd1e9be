/**
 * The Why line and the Problems text of a row (METHOD.md §11): built one row at a time by the
 * writers (never inside classify).
 */
import type { ClassifyResult } from "../classify";
import * as days from "../days";
import * as labels from "../labels";
import * as rules from "../rules";
import { rhythmWhy } from "../rhythm/analyse";
import * as types from "../types";
import type { FieldKey, HolidayHit, Lang } from "../types";

// Module-local copies (called once per output row; CommonJS transpilers would otherwise go
// through a getter on every use).
const { ymdFromDay } = days;
const { abcLabel, CountTexts, holidayLabel, overdueLabel, problemMessage } = labels;
const { Abc, ActionKind, NOT_CLASSIFIED, Tier } = types;
const { TierReason } = rules;

/** A whole percent with its sign: +35%, -30%, +0%. */
function signedPercent(x: number): string {
  const p = Math.round(x * 100);
  // Growth percents repeat from row to row: each one's text is made once.
  const cached = SIGNED_PERCENT.get(p);
  if (cached !== undefined) return cached;
  const text = (p >= 0 ? "+" : "") + String(p) + "%";
  if (SIGNED_PERCENT.size < 1 << 16) SIGNED_PERCENT.set(p, text);
  return text;
}
const SIGNED_PERCENT = new Map<number, string>();

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
  return yoy(g, lang);
}

/** `同比+35%` / `+35% YoY`, made once per percent and language. */
function yoy(g: number, lang: Lang): string {
  const p = Math.round(g * 100);
  const cache = lang === "zh" ? YOY_ZH : YOY_EN;
  const cached = cache.get(p);
  if (cached !== undefined) return cached;
  const text = lang === "zh" ? `同比${signedPercent(g)}` : `${signedPercent(g)} YoY`;
  if (cache.size < 1 << 16) cache.set(p, text);
  return text;
}
const YOY_ZH = new Map<number, string>();
const YOY_EN = new Map<number, string>();

/**
 * The Why line as pieces that, joined with nothing between them, are its text: a writer may encode
 * each piece once (most are the same few texts row after row: class reasons, growth, labels,
 * separators, each made once here) instead of the line of every row.
 */
export interface WhyPieces {
  pieces: string[];
  count: number;
}

/** What decided the tier, as pieces from `n` on; returns the new count. From the reasons §4 returned. */
function tierPieces(result: ClassifyResult, i: number, lang: Lang, out: string[], n: number): number {
  const zh = lang === "zh";
  const s = result.settings;
  const t = result.tier[i];
  const abc = result.abc[i];
  const why = result.tierWhy[i];
  switch (t) {
    case Tier.Insufficient:
      out[n++] = zh ? "数据不足：无销售额或毛利" : "Insufficient data: no revenue or profit";
      return n;
    case Tier.Fading: {
      out[n++] = zh ? "明日黄花：" : "Fading: ";
      const first = n;
      if (tierSaysGrowth(t, why)) out[n++] = yoy(result.growth[i], lang);
      const rhythm = why & TierReason.Rhythm ? result.rhythm : undefined;
      let last = "";
      if (rhythm) {
        // §13 in the rep's words; it names the days without an order, so Lapsed is not repeated.
        const { t, T } = rhythm.histories;
        last = rhythmWhy(rhythm.interval[i], T[i] - t[i], rhythm.pAlive[i], lang);
      } else if (why & TierReason.Lapsed) last = LAPSED.of(result.recency[i], lang);
      if (last !== "") {
        if (n > first) out[n++] = zh ? "，" : ", ";
        out[n++] = last;
      }
      return n;
    }
    case Tier.Star:
      out[n++] = classReason(Abc.A, s.abcCutA, lang);
      return n;
    case Tier.Rising: {
      out[n++] = zh ? "后起之秀：" : "Rising: ";
      out[n++] = tierSaysGrowth(t, why)
        ? growthPhrase(result, i, lang)
        : POTENTIAL.of(result.potential[i], lang);
      return n;
    }
    default:
      out[n++] = classReason(abc, abc === Abc.B ? s.abcCutB : NaN, lang);
      return n;
  }
}
/** Whether what decided the tier already says the growth (a drop, a new or grown customer): then the line does not repeat it. */
function tierSaysGrowth(tier: number, why: number): boolean {
  if (tier === Tier.Fading) return (why & TierReason.Dropped) !== 0;
  return tier === Tier.Rising && (why & (TierReason.New | TierReason.Grew)) !== 0;
}

/**
 * The class reason of a Star (A) or a Regular row: `A类：累计前80%`, `B类：累计前95%`, `C类`.
 * The same few texts for every row of a table: each is made once per class, cut and language
 * (a million rows built them a million times).
 */
function classReason(abc: number, cut: number, lang: Lang): string {
  const slot = abc * 2 + (lang === "zh" ? 0 : 1);
  const kept = CLASS_REASONS[slot];
  if (kept !== undefined && (kept.cut === cut || (kept.cut !== kept.cut && cut !== cut))) return kept.text;
  const zh = lang === "zh";
  const label = abcLabel(abc);
  const text =
    cut === cut
      ? zh
        ? `${label}类：累计前${percent(cut)}`
        : `Class ${label}: top ${percent(cut)} cumulative`
      : zh
        ? `${label}类`
        : `Class ${label}`;
  CLASS_REASONS[slot] = { cut, text };
  return text;
}
const CLASS_REASONS: ({ cut: number; text: string } | undefined)[] = [];

// The day counts, gaps and potentials of the Why line, each text made once (labels.ts CountTexts).
const LAPSED = new CountTexts((d, lang) => (lang === "zh" ? `${d}天未下单` : `no order for ${d} days`));
const POTENTIAL = new CountTexts((p, lang) => (lang === "zh" ? `潜力${p}分` : `potential ${p}`));
const ORDERED = new CountTexts((d, lang) => (lang === "zh" ? `${d}天前下单` : `ordered ${d} days ago`));
const GAP = new CountTexts((g, lang) => (lang === "zh" ? `关系差距${g}` : `familiarity gap ${g}`));

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
      return ORDERED.of(result.recency[i], lang);
    case ActionKind.Referral:
      return zh ? "关系熟悉，尚无转介绍" : "familiar, no referrals yet";
    case ActionKind.Deepen:
      return GAP.of(result.gap[i], lang);
    default:
      return "";
  }
}

/**
 * Row i's Why line as pieces (see WhyPieces) into `out`; returns their count (0: no line).
 * What decided the tier, the growth, what decided the action, and `超期未联系N天` /
 * `contact overdue N days` at the end when the regular contact is overdue, joined with "；"/"; ".
 */
export function whyPieces(result: ClassifyResult, i: number, lang: Lang, out: string[]): number {
  if (result.tier[i] === NOT_CLASSIFIED) return 0; // a totals row: Problems says why
  const sep = lang === "zh" ? "；" : "; ";
  let n = tierPieces(result, i, lang, out, 0);
  if (!tierSaysGrowth(result.tier[i], result.tierWhy[i])) {
    const g = growthPhrase(result, i, lang);
    if (g) {
      out[n++] = sep;
      out[n++] = g;
    }
  }
  const a = actionReason(result, i, lang);
  if (a) {
    out[n++] = sep;
    out[n++] = a;
  }
  if (result.overdue[i] > 0) {
    out[n++] = sep;
    out[n++] = overdueLabel(result.overdue[i], lang);
  }
  return n;
}

/**
 * One short line: what decided the tier, the growth, what decided the action, and
 * `超期未联系N天` / `contact overdue N days` at the end when the regular contact is overdue.
 * E.g. `A类：累计前80%；同比+35%；超期未联系12天`. (whyPieces joined.)
 */
export function whyText(result: ClassifyResult, i: number, lang: Lang): string {
  const n = whyPieces(result, i, lang, PIECES);
  let text = "";
  for (let k = 0; k < n; k++) text += PIECES[k];
  return text;
}
const PIECES: string[] = [];

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
