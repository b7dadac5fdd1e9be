/**
 * Every user-visible word of the engine, in Chinese and English (METHOD.md §4–§11).
 * A zh sheet uses the Chinese labels alone, an en sheet the English ones alone.
 */
import * as bilingual from "./bilingual";
import type { Bilingual } from "./bilingual";
import { HEADER_SYNONYMS } from "./headers";
import { CORE_COLUMNS, type ColumnKind, type OutputColumnKey } from "./report/columnList";
import {
  Abc,
  ActionKind,
  CellProblem,
  FieldKey,
  HolidayHit,
  Lang,
  Level,
  ProblemReason,
  RiskFlag,
  Strategy,
  Tier,
} from "./types";

type Pair = Bilingual;

// Module-local copies: labels are read once per output cell, and transpiled CommonJS would read
// an imported binding through a getter on every use.
const { bi, pick } = bilingual;

/** "zh-CN", "zh-TW", "zh" → "zh"; anything else → "en". */
export function langFromLocale(locale: string | null | undefined): Lang {
  return typeof locale === "string" && locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const TIER: Record<number, Pair> = {
  [Tier.Insufficient]: bi("数据不足", "Insufficient data"),
  [Tier.Fading]: bi("明日黄花", "Fading"),
  [Tier.Star]: bi("天王巨星", "Star"),
  [Tier.Rising]: bi("后起之秀", "Rising"),
  [Tier.Regular]: bi("一般客户", "Regular"),
};

export function tierLabel(t: Tier | number, lang: Lang): string {
  return pick(TIER[t], lang);
}

/** "A", "B", "C"; "" for a row without a class. */
export function abcLabel(a: Abc | number): string {
  return a === Abc.A ? "A" : a === Abc.B ? "B" : a === Abc.C ? "C" : "";
}

const LEVEL: Record<number, Pair> = {
  [Level.Proactive]: bi("主动", "Proactive"),
  [Level.Accountable]: bi("可靠", "Accountable"),
  [Level.Reactive]: bi("反应", "Reactive"),
  [Level.Basic]: bi("一般", "Basic"),
};

export function levelLabel(l: Level | number, lang: Lang): string {
  return pick(LEVEL[l], lang);
}

const STRATEGY: Record<number, Pair> = {
  [Strategy.Fortify]: bi("加强防御", "Fortify"),
  [Strategy.Frontal]: bi("正面出击", "Frontal"),
  [Strategy.Develop]: bi("立足长远", "Develop for future"),
  [Strategy.Flank]: bi("出其不意", "Flank"),
  [Strategy.Divide]: bi("分而治之", "Divide and conquer"),
};

/** "" for Strategy.None (all inputs unknown). */
export function strategyLabel(s: Strategy | number, lang: Lang): string {
  return pick(STRATEGY[s], lang);
}

const RISKS: readonly { bit: number; label: Pair }[] = [
  { bit: RiskFlag.OneOff, label: bi("一次性大单", "One-off big order") },
  { bit: RiskFlag.MarginSqueeze, label: bi("压价风险", "Margin squeeze") },
  { bit: RiskFlag.Payment, label: bi("回款风险", "Payment risk") },
];

/** The set flags in bit order, joined with "；" in both languages (METHOD §11); "" when none. */
export function riskLabel(bits: number, lang: Lang): string {
  // One text per set of flags and language, made on first use (called once per output row).
  const cache = lang === "zh" ? RISK_ZH : RISK_EN;
  const cached = cache.get(bits);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  for (const r of RISKS) if (bits & r.bit) parts.push(pick(r.label, lang));
  const text = parts.join("；");
  cache.set(bits, text);
  return text;
}
const RISK_ZH = new Map<number, string>();
const RISK_EN = new Map<number, string>();

const ACTION_KIND: Record<number, Pair> = {
  [ActionKind.Birthday]: bi("生日祝福", "Birthday greeting"),
  [ActionKind.Holiday]: bi("节日问候", "Holiday greeting"),
  [ActionKind.AfterSale]: bi("售后回访", "After-sale follow-up"),
  [ActionKind.WinBack]: bi("挽回", "Win-back"),
  [ActionKind.Regular]: bi("定期联系", "Regular contact"),
  [ActionKind.Referral]: bi("请求转介绍", "Ask for referral"),
  [ActionKind.Deepen]: bi("深化关系", "Deepen relationship"),
};

export function actionKindLabel(k: ActionKind | number, lang: Lang): string {
  return pick(ACTION_KIND[k], lang);
}

/**
 * Details by kind and variant (METHOD §8):
 * Birthday 0 Star/Rising, 1 others; Holiday 0 Star, 1 Rising, 2 others; AfterSale 0;
 * WinBack 0 class A/B, 1 orders ≤ 1, 2 else; Regular 0 Star visit, 1 Star call, 2 others;
 * Referral 0; Deepen 0.
 */
const ACTION_DETAIL: Record<number, readonly Pair[]> = {
  [ActionKind.Birthday]: [
    bi("生日当天登门或致电祝福，备小礼物", "Visit or call on the day with a small gift"),
    bi("发送个性化生日祝福", "Send a personal birthday message"),
  ],
  [ActionKind.Holiday]: [
    bi("手写贺卡并送有来历的小礼品", "Send a handwritten card and a small gift with a story behind it"),
    bi("亲自致电问候", "Call personally with holiday wishes"),
    bi("发送个性化问候（勿群发）", "Send a personal greeting (not a mass message)"),
  ],
  [ActionKind.AfterSale]: [
    bi("回访使用情况和满意度", "Check how the order went and whether they are satisfied"),
  ],
  [ActionKind.WinBack]: [
    bi("登门拜访，了解下滑原因", "Visit in person to learn why business has dropped"),
    bi("制定回购营销方案", "Plan an offer to win a repeat order"),
    bi("致电了解需求变化", "Call to learn how their needs have changed"),
  ],
  [ActionKind.Regular]: [
    bi("实地拜访", "Visit in person"),
    bi("情感电话", "Personal call to keep in touch"),
    bi("电话回访", "Follow-up call"),
  ],
  [ActionKind.Referral]: [
    bi(
      "请客户推荐同行或朋友，并给予回馈",
      "Ask for an introduction to peers or friends, and thank them in return",
    ),
  ],
  [ActionKind.Deepen]: [
    bi(
      "邀请参加培训或活动（同流→交流→交心）",
      "Invite to a training or event (shared activity → conversation → trust)",
    ),
  ],
};

export function actionDetail(k: ActionKind | number, variant: number, lang: Lang): string {
  return pick(ACTION_DETAIL[k]?.[variant], lang);
}

/** The Next action cell: `<kind>：<detail>` (en `<Kind>: <detail>`); "" for no action. */
export function actionText(k: ActionKind | number, variant: number, lang: Lang): string {
  // One text per kind, variant and language, made on first use (called once per output row).
  const cache = lang === "zh" ? ACTION_ZH : ACTION_EN;
  const key = k * 256 + variant;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const text = actionTextOf(k, variant, lang);
  if (cache.size < 4096) cache.set(key, text);
  return text;
}
const ACTION_ZH = new Map<number, string>();
const ACTION_EN = new Map<number, string>();

function actionTextOf(k: ActionKind | number, variant: number, lang: Lang): string {
  const kind = actionKindLabel(k, lang);
  if (!kind) return "";
  const detail = actionDetail(k, variant, lang);
  if (!detail) return kind;
  return lang === "zh" ? `${kind}：${detail}` : `${kind}: ${detail}`;
}

const HOLIDAY: Record<HolidayHit["key"], Pair> = {
  newYear: bi("元旦", "New Year's Day"),
  springFestival: bi("春节", "Spring Festival"),
  lantern: bi("元宵", "Lantern Festival"),
  qingming: bi("清明", "Qingming"),
  dragonBoat: bi("端午", "Dragon Boat Festival"),
  midAutumn: bi("中秋", "Mid-Autumn Festival"),
  nationalDay: bi("国庆", "National Day"),
};

export function holidayLabel(key: HolidayHit["key"], lang: Lang): string {
  return pick(HOLIDAY[key], lang);
}

/**
 * Texts of small whole numbers (day counts, gaps, potentials) in both languages, each made once:
 * the Why line is built once per row, and the same few numbers come back row after row. Other
 * numbers (negative, fractional, 4,096 and over) are made each time.
 */
export class CountTexts {
  // Allocated at full length: an empty array written at index 3,000 would turn into a dictionary.
  private readonly zh = new Array<string | undefined>(COUNT_MEMO);
  private readonly en = new Array<string | undefined>(COUNT_MEMO);

  constructor(private readonly make: (x: number, lang: Lang) => string) {}

  of(x: number, lang: Lang): string {
    if (!(x >= 0 && x < COUNT_MEMO && (x | 0) === x)) return this.make(x, lang);
    const memo = lang === "zh" ? this.zh : this.en;
    return (memo[x] ??= this.make(x, lang));
  }
}
const COUNT_MEMO = 4096;

/**
 * `超期未联系N天` / `contact overdue N days` (the end of Why for an overdue regular contact;
 * METHOD v2 §8 — v1's `逾期N天` read as late payment).
 */
export function overdueLabel(days: number, lang: Lang): string {
  return OVERDUE.of(days, lang);
}
const OVERDUE = new CountTexts((days, lang) =>
  lang === "zh"
    ? `超期未联系${days}天`
    : days === 1
      ? "contact overdue 1 day"
      : `contact overdue ${days} days`,
);

/** A field's display name: its first header synonym. */
export function fieldLabel(field: FieldKey, lang: Lang): string {
  return HEADER_SYNONYMS[field]?.[lang]?.[0] ?? field;
}

export type { OutputColumnKey } from "./report/columnList";

export interface OutputColumn {
  key: OutputColumnKey;
  zh: string;
  en: string;
  kind: ColumnKind;
}

/** METHOD §11's output columns, in order (read from report/columnList.ts, the one description). */
export const OUTPUT_COLUMNS: readonly OutputColumn[] = Object.freeze(
  CORE_COLUMNS.map((c) => Object.freeze({ key: c.key, zh: c.header.zh, en: c.header.en, kind: c.kind })),
);

export function outputHeaders(lang: Lang): string[] {
  return OUTPUT_COLUMNS.map((c) => (lang === "zh" ? c.zh : c.en));
}

/** Both languages' output headers: a re-run recognises the columns it wrote before. */
export const ALL_OUTPUT_HEADERS: readonly string[] = Object.freeze([
  ...OUTPUT_COLUMNS.map((c) => c.zh),
  ...OUTPUT_COLUMNS.map((c) => c.en),
]);

const PROBLEM: Record<ProblemReason, Pair> = {
  "excel-error": bi("单元格是错误值", "Excel error"),
  "not-a-number": bi("无法识别为数字", "not a number"),
  "not-a-rate": bi("无法识别为比率（如 30% 或 0.3）", "not a rate (like 30% or 0.3)"),
  "not-a-date": bi("无法识别为日期", "not a date"),
  "future-date": bi("日期晚于今天，按缺失处理", "date is after today, treated as missing"),
  "not-yes-no": bi("无法识别为是/否", "not yes or no"),
  "not-familiarity": bi(
    "熟悉程度应为 1–5 或 认识/还熟悉/比较熟悉/很熟悉/相知",
    "familiarity must be 1–5 or 认识/还熟悉/比较熟悉/很熟悉/相知",
  ),
  "not-position": bi("竞争地位应为 强/平/弱", "not strong, even or weak"),
  "out-of-range": bi("超出允许范围", "out of range"),
  "negative-value": bi("为负数，按 0 计算", "negative, counted as 0"),
  duplicate: bi("重复的客户", "duplicate"),
  "estimated-profit-rate": bi(
    "毛利缺失，按销售额×毛利率估算",
    "profit missing, estimated as revenue × margin rate",
  ),
  "estimated-profit-median": bi(
    "毛利缺失，按毛利率中位数{}估算",
    "profit missing, estimated at the median margin {}",
  ),
  "estimated-margin-median": bi(
    "毛利率缺失，按中位数{}估算",
    "margin rate missing, estimated at the median {}",
  ),
  "totals-row": bi("合计行，未参与分级", "totals row, not classified"),
};

/** Problems that are a whole sentence of METHOD's (no column name in front; `{}` is the found text). */
const SENTENCE_PROBLEMS: ReadonlySet<ProblemReason> = new Set([
  "estimated-profit-rate",
  "estimated-profit-median",
  "estimated-margin-median",
  "totals-row",
]);

/** What follows the found text of a duplicate, by the field that was the customer's key. */
const DUPLICATE_TAIL: Partial<Record<FieldKey, Pair>> = {
  name: bi("前面已有同名记录", "an earlier row has the same name"),
  id: bi("前面已有相同编号的记录", "an earlier row has the same ID"),
};

const FOUND_MAX = 30;

/** The found text quoted, cut to about 30 characters, line breaks shown as spaces. */
export function quoteFound(found: string): string {
  let s = String(found).replace(/[\r\n\t]+/g, " ");
  if (s.length > FOUND_MAX) s = s.slice(0, FOUND_MAX - 1) + "…";
  return `"${s}"`;
}

/**
 * One problem as a sentence, e.g. `销售额：无法识别为数字（"abc"）` /
 * `Revenue: not a number ("abc")`. The caller adds the row or cell address.
 * `columnName` is the header as found in the sheet; the field's label when omitted.
 */
export function problemMessage(p: CellProblem, lang: Lang, columnName?: string): string {
  if (SENTENCE_PROBLEMS.has(p.reason)) return pick(PROBLEM[p.reason], lang).replace("{}", p.found ?? "");
  const name = columnName && columnName.trim() ? columnName.trim() : fieldLabel(p.field, lang);
  const what = pick(PROBLEM[p.reason], lang) || p.reason;
  const found = p.found === undefined || p.found === null || p.found === "" ? "" : quoteFound(p.found);
  const tail = p.reason === "duplicate" ? pick(DUPLICATE_TAIL[p.field], lang) : "";
  if (lang === "zh") {
    const s = found ? `${name}：${what}（${found}）` : `${name}：${what}`;
    return tail ? `${s}，${tail}` : s;
  }
  const s = found ? `${name}: ${what} (${found})` : `${name}: ${what}`;
  return tail ? `${s}, ${tail}` : s;
}
