/**
 * Reading the scalar and label arguments of the CRM.* functions: [today], [language], and the
 * labels users pass back in (a TIER, LEVEL or ABC result, in Chinese or English).
 */
import { readDate, type Report } from "../engine/cells";
import { todayLocal } from "../engine/days";
import { levelLabel, tierLabel } from "../engine/labels";
import { Abc, Level, Tier } from "../engine/types";
import type { CellValue, DayNumber, Lang, ProblemReason } from "../engine/types";
import { invalidValue } from "./errors";
import { isOmitted, normalizeCell, toMatrix } from "./ranges";

/** A scalar argument given as a range: only a single cell makes sense. */
function single(arg: unknown, argName: string): CellValue {
  if (!Array.isArray(arg)) return normalizeCell(arg);
  const m = toMatrix(arg, argName);
  if (m.length !== 1 || m[0].length !== 1) {
    throw invalidValue(`参数 ${argName} 应为一个单元格 / Argument ${argName} must be a single cell`);
  }
  return normalizeCell(m[0][0]);
}

function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** [today]: omitted or blank → the machine's local date; else an Excel date (serial or text). */
export function parseToday(arg: unknown): DayNumber {
  if (isOmitted(arg)) return todayLocal();
  const v = single(arg, "today");
  if (isBlankCell(v)) return todayLocal();
  let bad = false;
  const day = readDate(v, () => {
    bad = true;
  });
  if (bad || Number.isNaN(day)) {
    throw invalidValue(
      `参数 today 不是有效日期（${String(v)}）/ Argument today is not a valid date (${String(v)})`,
    );
  }
  return day;
}

/** [language]: omitted or blank → "zh"; "zh"/"中文"/"zh-CN"… or "en"/"English"/"英文"/"en-US"…. */
export function parseLanguage(arg: unknown): Lang {
  if (isOmitted(arg)) return "zh";
  const v = single(arg, "language");
  if (isBlankCell(v)) return "zh";
  const s = String(v).trim().toLowerCase();
  if (
    s === "zh" ||
    s.startsWith("zh-") ||
    s.startsWith("zh_") ||
    s === "cn" ||
    s === "中文" ||
    s === "chinese"
  )
    return "zh";
  if (s === "en" || s.startsWith("en-") || s.startsWith("en_") || s === "english" || s === "英文")
    return "en";
  throw invalidValue(
    `参数 language 应为 "zh" 或 "en"（${String(v)}）/ Argument language must be "zh" or "en" (${String(v)})`,
  );
}

/** Normalises a label for lookup: trimmed, lower case, inner spaces collapsed. */
function key(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

function labelTable<T extends number>(
  values: readonly T[],
  label: (v: T, lang: Lang) => string,
): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(key(label(v, "zh")), v);
    m.set(key(label(v, "en")), v);
  }
  return m;
}

const TIERS = labelTable(Object.values(Tier) as Tier[], tierLabel);
const LEVELS = labelTable(Object.values(Level) as Level[], levelLabel);

/** Sentinel: the cell holds something that is not a label of this kind. */
export const UNREADABLE = -1;

/** Tier from a label (zh or en); blank → undefined; unknown text → UNREADABLE. */
export function parseTier(v: CellValue): Tier | undefined | typeof UNREADABLE {
  if (isBlankCell(v)) return undefined;
  const t = TIERS.get(key(String(v)));
  return t === undefined ? UNREADABLE : t;
}

/** Level from a label (zh or en); blank → undefined; unknown text → UNREADABLE. */
export function parseLevel(v: CellValue): Level | undefined | typeof UNREADABLE {
  if (isBlankCell(v)) return undefined;
  const l = LEVELS.get(key(String(v)));
  return l === undefined ? UNREADABLE : l;
}

/** ABC class from "A"/"B"/"C" (also "A类", "a"); blank → Abc.None; other text → UNREADABLE. */
export function parseAbc(v: CellValue): Abc | typeof UNREADABLE {
  if (isBlankCell(v)) return Abc.None;
  const s = key(String(v)).replace(/类$/, "");
  return s === "a" ? Abc.A : s === "b" ? Abc.B : s === "c" ? Abc.C : UNREADABLE;
}

/** What went wrong in one input cell; the function turns it into that cell's #VALUE!. */
export class CellIssue extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

const REASONS: Record<ProblemReason, readonly [string, string]> = {
  "excel-error": ["是 Excel 错误值", "is an Excel error"],
  "not-a-number": ["无法识别为数字", "is not a number"],
  "not-a-rate": ["无法识别为比率", "is not a rate"],
  "not-a-date": ["无法识别为日期", "is not a date"],
  "future-date": ["日期晚于今天", "is a date after today"],
  "not-yes-no": ["无法识别为是/否", "is not yes/no"],
  "not-familiarity": ["无法识别为熟悉程度（1–5）", "is not a familiarity (1–5)"],
  "not-position": ["无法识别为竞争地位（强/平/弱）", "is not a position (strong/even/weak)"],
  "out-of-range": ["超出范围", "is out of range"],
  "negative-value": ["为负数", "is negative"],
  duplicate: ["与前面的客户重复", "repeats an earlier customer"], // classify only; no function reports it
  // classify only (whole-table rules of §1–§2); no function reports them
  "estimated-profit-rate": ["按销售额×毛利率估算", "is estimated"],
  "estimated-profit-median": ["按中位数估算", "is estimated"],
  "estimated-margin-median": ["按中位数估算", "is estimated"],
  "totals-row": ["是合计行", "is a totals row"],
};

/** Shows a found value briefly and quoted. */
export function quote(found: string): string {
  const s = found.length > 30 ? found.slice(0, 29) + "…" : found;
  return `"${s}"`;
}

/** A Report (cells.ts) that throws a CellIssue naming the argument and the cell's place. */
export function throwingReport(argName: string, place: { zh: string; en: string }): Report {
  return (reason: ProblemReason, found: string) => {
    const [zh, en] = REASONS[reason] ?? ["无法识别", "cannot be read"];
    throw new CellIssue(
      `${argName} ${place.zh}：${zh}（${quote(found)}）`,
      `${argName} ${place.en}: ${en} (${quote(found)})`,
    );
  };
}

/** A CellIssue for a label that is not one of the known labels. */
export function labelIssue(
  argName: string,
  place: { zh: string; en: string },
  v: CellValue,
  what: { zh: string; en: string },
): CellIssue {
  return new CellIssue(
    `${argName} ${place.zh}：无法识别为${what.zh}（${quote(String(v))}）`,
    `${argName} ${place.en}: is not ${what.en} (${quote(String(v))})`,
  );
}
