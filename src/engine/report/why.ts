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
const { abcLabel, holidayLabel, overdueLabel, problemMessage } = labels;
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

/** What decided the tier (and whether the growth phrase is already part of it), from the reasons §4 returned. */
function tierReason(result: ClassifyResult, i: number, lang: Lang): Reason {
  const zh = lang === "zh";
  const s = result.settings;
  const t = result.tier[i];
  const abc = result.abc[i];
  const why = result.tierWhy[i];
  switch (t) {
    case Tier.Insufficient:
      return {
        text: zh ? "数据不足：无销售额或毛利" : "Insufficient data: no revenue or profit",
        saysGrowth: false,
      };
    case Tier.Fading: {
      const parts: string[] = [];
      const dropped = (why & TierReason.Dropped) !== 0;
      if (dropped) parts.push(yoy(result.growth[i], lang));
      const rec = result.recency[i];
      const rhythm = why & TierReason.Rhythm ? result.rhythm : undefined;
      if (rhythm) {
        // §13 in the rep's words; it names the days without an order, so Lapsed is not repeated.
        const { t, T } = rhythm.histories;
        parts.push(rhythmWhy(rhythm.interval[i], T[i] - t[i], rhythm.pAlive[i], lang));
      } else if (why & TierReason.Lapsed) parts.push(zh ? `${rec}天未下单` : `no order for ${rec} days`);
      return { text: (zh ? "明日黄花：" : "Fading: ") + parts.join(zh ? "，" : ", "), saysGrowth: dropped };
    }
    case Tier.Star:
      return classReason(Abc.A, s.abcCutA, lang);
    case Tier.Rising: {
      const growthSays = (why & (TierReason.New | TierReason.Grew)) !== 0;
      const reason = growthSays
        ? growthPhrase(result, i, lang)
        : zh
          ? `潜力${result.potential[i]}分`
          : `potential ${result.potential[i]}`;
      return { text: (zh ? "后起之秀：" : "Rising: ") + reason, saysGrowth: growthSays };
    }
    default:
      return classReason(abc, abc === Abc.B ? s.abcCutB : NaN, lang);
  }
}

type Reason = { text: string; saysGrowth: boolean };

/**
 * The class reason of a Star (A) or a Regular row: `A类：累计前80%`, `B类：累计前95%`, `C类`.
 * The same few texts for every row of a table: each is made once per class, cut and language
 * (a million rows built them a million times).
 */
function classReason(abc: number, cut: number, lang: Lang): Reason {
  const slot = abc * 2 + (lang === "zh" ? 0 : 1);
  const kept = CLASS_REASONS[slot];
  if (kept !== undefined && (kept.cut === cut || (kept.cut !== kept.cut && cut !== cut))) return kept.reason;
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
  const reason = { text, saysGrowth: false };
  CLASS_REASONS[slot] = { cut, reason };
  return reason;
}
const CLASS_REASONS: ({ cut: number; reason: Reason } | undefined)[] = [];

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
 * `超期未联系N天` / `contact overdue N days` at the end when the regular contact is overdue.
 * E.g. `A类：累计前80%；同比+35%；超期未联系12天`.
 */
export function whyText(result: ClassifyResult, i: number, lang: Lang): string {
  if (result.tier[i] === NOT_CLASSIFIED) return ""; // a totals row: Problems says why
  const sep = lang === "zh" ? "；" : "; ";
  // Joined as it goes (one line per output row: no array per row).
  const tier = tierReason(result, i, lang);
  let text = tier.text;
  if (!tier.saysGrowth) {
    const g = growthPhrase(result, i, lang);
    if (g) text += sep + g;
  }
  const a = actionReason(result, i, lang);
  if (a) text += sep + a;
  if (result.overdue[i] > 0) text += sep + overdueLabel(result.overdue[i], lang);
  return text;
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
