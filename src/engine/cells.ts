/**
 * Reading cells (METHOD.md §1 "Reading values").
 *
 * Every numeric reader returns NaN for a missing or unreadable cell and calls `report` only
 * for an unreadable one (a blank cell is missing, never a problem). Readers run once per
 * cell of a column (a million times on a big sheet): numbers take a cheap fast path, text is
 * scanned by hand, and no regular expression is built per call.
 */
import { halfWidth } from "./text";
import { dayFromExcelSerial, dayFromYmd, daysInMonth, MAX_EXCEL_SERIAL, packedYmdOfDay } from "./days";
import { CellValue, DayNumber, Position, ProblemReason } from "./types";

export type Report = (reason: ProblemReason, found: string) => void;

const noReport: Report = () => undefined;

/** How much of an unreadable cell is kept in a problem (the message shortens it further). */
const FOUND_LIMIT = 60;

// ---------------------------------------------------------------------------------------
// Blank, text normalisation and Excel errors

function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b)
  );
}

function isBlankString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** null, undefined, "" and whitespace are blank (missing). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlankString(v));
}

/** Trimmed, half-width text of a string cell. */
function cleanText(s: string): string {
  return halfWidth(s).trim();
}

const EXCEL_ERRORS: ReadonlyMap<string, string> = new Map(
  [
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NUM!",
    "#NAME?",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#BUSY!",
    "#CONNECT!",
    "#UNKNOWN!",
  ].map((e) => [e, e]),
);

function errorOfText(s: string): string | null {
  let i = 0;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== 35 /* # */) return null; // cheap exit for ordinary text
  return EXCEL_ERRORS.get(s.trim().toUpperCase()) ?? null;
}

/** The Excel error a cell holds ("#N/A", …, also exceljs's `{ error: "#N/A" }`), or null. */
export function excelErrorOf(v: unknown): string | null {
  if (typeof v === "string") return errorOfText(v);
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return errorOfText(o.error) ?? o.error;
    if ("result" in o) return excelErrorOf(o.result);
  }
  return null;
}

function cut(s: string): string {
  return s.length > FOUND_LIMIT ? s.slice(0, FOUND_LIMIT - 1) + "…" : s;
}

function isoOfDate(d: Date): string {
  if (isNaN(d.getTime())) return "Invalid Date";
  return d.toISOString().slice(0, 10);
}

/** A cell as text for a problem line. */
function foundText(v: unknown): string {
  if (typeof v === "string") return cut(v.trim());
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isoOfDate(v);
  if (v !== null && typeof v === "object") {
    try {
      return cut(JSON.stringify(v));
    } catch {
      return "[object]";
    }
  }
  return String(v);
}

/** What to quote for an unreadable cell: the cell itself, or for an exceljs object its content. */
function shown(v: unknown, p: Prepared): string {
  return v !== null && typeof v === "object" && !(v instanceof Date) ? foundText(p) : foundText(v);
}

/** Marks a cell that has been dealt with (blank, or unreadable and reported). */
const DONE = Symbol("done");
type Prepared = string | number | boolean | Date | typeof DONE;

/**
 * The slow path shared by all readers: unwraps exceljs objects (formula results, rich text,
 * hyperlinks, errors), reports Excel errors, and turns text into trimmed half-width text.
 */
function prepare(v: unknown, report: Report, reason: ProblemReason): Prepared {
  if (v === null || v === undefined) return DONE;
  if (typeof v === "string") {
    if (isBlankString(v)) return DONE;
    const err = errorOfText(v);
    if (err) {
      report("excel-error", err);
      return DONE;
    }
    return cleanText(v);
  }
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const err = excelErrorOf(o);
    if (err) {
      report("excel-error", err);
      return DONE;
    }
    if ("result" in o) return prepare(o.result, report, reason);
    if (Array.isArray(o.richText)) {
      return prepare(
        o.richText
          .map((r) => (r && typeof r === "object" ? String((r as { text?: unknown }).text ?? "") : ""))
          .join(""),
        report,
        reason,
      );
    }
    if (typeof o.text === "string") return prepare(o.text, report, reason);
  }
  report(reason, foundText(v));
  return DONE;
}

// ---------------------------------------------------------------------------------------
// Numbers

/** Set by scanNumber: whether the text ended with "%". */
let scanPercent = false;

/** Whether the last successful scanPlainNumber (or scanNumber) read a "%" sign. */
export function scanPercentSeen(): boolean {
  return scanPercent;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function startsWithCi(s: string, at: number, word: string): boolean {
  if (at + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Scans trimmed half-width text as a decimal number: optional sign, currency (¥ $ RMB CNY),
 * accounting brackets for negatives, thousands commas in groups of three, a fraction, an
 * exponent, and one suffix: "%" (÷100) or 万 (×10⁴) / 亿 (×10⁸), optionally followed by 元.
 * NaN for anything else and for results that are not finite ("nan", "inf", "1e999").
 */
function scanNumber(s: string): number {
  scanPercent = false;
  let i = 0;
  let end = s.length;
  let neg = false;
  if (s.charCodeAt(i) === 40 /* ( */) {
    if (s.charCodeAt(end - 1) !== 41 /* ) */) return NaN;
    neg = true;
    i++;
    end--;
    while (i < end && isSpaceCode(s.charCodeAt(i))) i++;
    while (end > i && isSpaceCode(s.charCodeAt(end - 1))) end--;
  }
  let signSeen = neg;
  let currencySeen = false;
  for (;;) {
    const c = s.charCodeAt(i);
    if (!signSeen && (c === 45 || c === 0x2212 || c === 43)) {
      signSeen = true;
      neg = c !== 43;
      i++;
    } else if (!currencySeen && (c === 0xa5 || c === 36)) {
      currencySeen = true;
      i++;
    } else if (!currencySeen && (startsWithCi(s, i, "rmb") || startsWithCi(s, i, "cny"))) {
      currencySeen = true;
      i += 3;
    } else break;
    while (i < end && isSpaceCode(s.charCodeAt(i))) i++;
  }

  // Suffixes, read from the end.
  let scale = 0;
  let percent = false;
  let c = s.charCodeAt(end - 1);
  if (c === 37 /* % */) {
    percent = true;
    end--;
  } else {
    if (c === 0x5143 /* 元 */) {
      end--;
      while (end > i && isSpaceCode(s.charCodeAt(end - 1))) end--;
      c = s.charCodeAt(end - 1);
    }
    if (c === 0x4e07 /* 万 */) {
      scale = 4;
      end--;
    } else if (c === 0x4ebf /* 亿 */) {
      scale = 8;
      end--;
    }
  }
  while (end > i && isSpaceCode(s.charCodeAt(end - 1))) end--;

  // The decimal core s[i, end).
  const start = i;
  let intDigits = 0;
  let commas = false;
  let group = 0;
  let j = i;
  for (; j < end; j++) {
    const d = s.charCodeAt(j);
    if (isDigit(d)) {
      intDigits++;
      group++;
    } else if (d === 44 /* , */) {
      // Thousands separators only: "1,234,567"; "1,2" could be a decimal comma, so refuse it.
      if (intDigits === 0 || (commas ? group !== 3 : intDigits > 3)) return NaN;
      commas = true;
      group = 0;
    } else break;
  }
  if (commas && group !== 3) return NaN;
  let fracDigits = 0;
  if (j < end && s.charCodeAt(j) === 46 /* . */) {
    j++;
    while (j < end && isDigit(s.charCodeAt(j))) {
      j++;
      fracDigits++;
    }
  }
  if (intDigits + fracDigits === 0) return NaN;
  let hasExp = false;
  if (j < end && (s.charCodeAt(j) | 32) === 101 /* e */) {
    j++;
    if (j < end && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) j++;
    let expDigits = 0;
    while (j < end && isDigit(s.charCodeAt(j))) {
      j++;
      expDigits++;
    }
    if (expDigits === 0) return NaN;
    hasExp = true;
  }
  if (j !== end) return NaN;

  let core = s.slice(start, end);
  if (commas) core = core.replaceAll(",", "");
  const shift = scale - (percent ? 2 : 0);
  // Shifting the decimal exponent in the text keeps "1.1%" exactly 0.011 (no 1.1/100 rounding).
  let n =
    shift === 0 ? Number(core) : hasExp ? Number(core) * Math.pow(10, shift) : Number(`${core}e${shift}`);
  if (!Number.isFinite(n)) return NaN;
  if (neg) n = -n;
  scanPercent = percent;
  return n === 0 ? 0 : n;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
/** Above this many digits the mantissa might not be an exact double: leave it to Number(). */
const FAST_MAX_DIGITS = 15;

/**
 * The common shapes of number text, scanned in one pass with no string built: an optional
 * "-", an optional ¥ or $, digits (thousands commas in groups of three), an optional
 * fraction, and an optional %, 万 or 亿 ("12%", "¥1,234", "1.2万", "0.35"). NaN for anything
 * else (spaces, full-width, exponents, long numbers): the caller then takes the full path.
 *
 * Exactly as scanNumber: with at most 15 digits the mantissa m is an exact double and so is
 * 10^k for k ≤ 22, so m / 10^k and m × 10^k are the correctly rounded value of the text, which
 * is what Number() returns (Clinger's fast path). Sets scanPercent like scanNumber.
 */
export function scanPlainNumber(s: string): number {
  // Every read is at an index < len (reading past the end would make the JIT deoptimise).
  const len = s.length;
  let i = 0;
  if (i < len && s.charCodeAt(i) === 45 /* - */) i++;
  const neg = i === 1;
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c === 0xa5 /* ¥ */ || c === 36 /* $ */) i++;
  }
  let m = 0;
  let digits = 0;
  let group = -1; // digits since the last thousands comma; -1 before any
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (group >= 0) group++;
    } else if (c === 44 /* , */) {
      if (group >= 0 ? group !== 3 : digits === 0 || digits > 3) return NaN;
      group = 0;
    } else break;
  }
  if (group >= 0 && group !== 3) return NaN;
  let exp = 0;
  if (i < len && s.charCodeAt(i) === 46 /* . */) {
    for (i++; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      m = m * 10 + (c - 48);
      digits++;
      exp--;
    }
  }
  if (digits === 0 || digits > FAST_MAX_DIGITS) return NaN;
  let percent = false;
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      percent = true;
      exp -= 2;
    } else if (c === 0x4e07 /* 万 */) exp += 4;
    else if (c === 0x4ebf /* 亿 */) exp += 8;
    else return NaN;
    if (i + 1 !== len) return NaN;
  }
  if (exp < -22) return NaN;
  let n = exp < 0 ? m / POW10[-exp] : m * POW10[exp]; // exp ≤ 8 here
  if (neg) n = -n;
  scanPercent = percent;
  return n === 0 ? 0 : n;
}

/**
 * A number (§1): Excel numbers, or text like "1,234.5", "¥1,234", "￥1,234", "1.2万", "12%",
 * full-width digits. Booleans, dates and non-finite values are unreadable.
 */
export function readNumber(v: CellValue, report: Report = noReport): number {
  if (typeof v === "number") {
    if (Number.isFinite(v)) return v;
    report("not-a-number", String(v));
    return NaN;
  }
  if (typeof v === "string") {
    const fast = scanPlainNumber(v);
    if (fast === fast) return fast;
  }
  const p = prepare(v, report, "not-a-number");
  if (p === DONE) return NaN;
  if (typeof p === "number") return readNumber(p, report);
  if (typeof p === "string") {
    const n = scanNumber(p);
    if (n === n) return n;
  }
  report("not-a-number", shown(v, p));
  return NaN;
}

/** A plain number above 1 in absolute value is a percentage ("30" means 30%). */
function rateOfPlain(n: number): number {
  return rateOfNumber(n, false);
}

/**
 * §1's rate rule: a number written with `%` was divided by 100 once already; a plain number
 * above 1 (or below −1) is a percentage and is divided by 100. The one definition (the
 * column reader in fast/ calls it too).
 */
export function rateOfNumber(n: number, percentSign: boolean): number {
  return percentSign || !(n > 1 || n < -1) ? n : n / 100;
}

/**
 * A rate (§1): 0.3, "30%" and 30 are all 0.30. A plain number above 1 has no "%" sign and
 * is taken as a percentage; one with "%" is divided by 100 once. (Symmetrically, −5 is −5%.)
 */
export function readRate(v: CellValue, report: Report = noReport): number {
  if (typeof v === "number") {
    if (Number.isFinite(v)) return rateOfPlain(v);
    report("not-a-rate", String(v));
    return NaN;
  }
  if (typeof v === "string") {
    const fast = scanPlainNumber(v);
    if (fast === fast) return scanPercent ? fast : rateOfPlain(fast);
  }
  const p = prepare(v, report, "not-a-rate");
  if (p === DONE) return NaN;
  if (typeof p === "number") return readRate(p, report);
  if (typeof p === "string") {
    const n = scanNumber(p);
    if (n === n) return scanPercent ? n : rateOfPlain(n);
  }
  report("not-a-rate", shown(v, p));
  return NaN;
}

// ---------------------------------------------------------------------------------------
// Dates

const TIME_CLOCK =
  /^(?:(?:上午|下午|中午|晚上|凌晨|早上)\s*)?\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?m\.?|上午|下午)?\s*(?:z|[+-]\d{2}:?\d{2})?$/i;
const TIME_HAN =
  /^(?:(?:上午|下午|中午|晚上|凌晨|早上)\s*)?\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?)?$/;

/** Is `rest` (after a date) empty or a time of day? */
function isTimeRest(s: string, at: number): boolean {
  if (at >= s.length) return true;
  const c = s.charCodeAt(at);
  if (!isSpaceCode(c) && c !== 84 /* T */ && c !== 116 /* t */) return false;
  const rest = s.slice(at + 1).trim();
  if (rest === "") return c !== 84 && c !== 116;
  return TIME_CLOCK.test(rest) || TIME_HAN.test(rest);
}

/** Reads 1..max digits at s[at]; sets `digitEnd`. NaN when none. */
let digitEnd = 0;
function readDigits(s: string, at: number, max: number): number {
  let n = 0;
  let k = at;
  while (k < s.length && k - at < max && isDigit(s.charCodeAt(k))) {
    n = n * 10 + (s.charCodeAt(k) - 48);
    k++;
  }
  digitEnd = k;
  return k === at ? NaN : n;
}

function skipSpaces(s: string, at: number): number {
  while (at < s.length && isSpaceCode(s.charCodeAt(at))) at++;
  return at;
}

/** "yyyymmdd" as a day (ERP exports), or NaN. */
function dayOfCompact(n: number): DayNumber {
  if (!Number.isInteger(n) || n < 10000101 || n > 99991231) return NaN;
  return dayFromYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

/**
 * Date text: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 (日 or 号 optional), 20260305,
 * each optionally followed by a time; NaN for anything else or an impossible date.
 */
function scanDate(s: string): DayNumber {
  let run = 0;
  while (run < s.length && isDigit(s.charCodeAt(run))) run++;
  if (run === 8) return isTimeRest(s, 8) ? dayOfCompact(Number(s.slice(0, 8))) : NaN;
  if (run === 5) {
    // Five-digit number text is an Excel serial that lost its format in a CSV (10000 = 1927-05-18).
    const n = scanNumber(s);
    return n === n && !scanPercent ? dayFromExcelSerial(n) : NaN;
  }
  if (run !== 4) return NaN;
  const y = readDigits(s, 0, 4);
  let i = 4;
  const afterYear = skipSpaces(s, 4);
  if (s.charCodeAt(afterYear) === 0x5e74 /* 年 */) i = afterYear;
  const sep = s.charCodeAt(i);
  const han = sep === 0x5e74; /* 年 */
  if (!han && sep !== 45 && sep !== 47 && sep !== 46) return NaN;
  i = han ? skipSpaces(s, i + 1) : i + 1;
  const m = readDigits(s, i, 2);
  if (m !== m) return NaN;
  i = han ? skipSpaces(s, digitEnd) : digitEnd;
  if (s.charCodeAt(i) !== (han ? 0x6708 /* 月 */ : sep)) return NaN;
  i = han ? skipSpaces(s, i + 1) : i + 1;
  const d = readDigits(s, i, 2);
  if (d !== d) return NaN;
  i = digitEnd;
  if (han) {
    const j = skipSpaces(s, i);
    const c = s.charCodeAt(j);
    if (c === 0x65e5 /* 日 */ || c === 0x53f7 /* 号 */) i = j + 1;
  }
  if (!isTimeRest(s, i)) return NaN;
  return dayFromYmd(y, m, d);
}

function dayOfDate(d: Date): DayNumber {
  // exceljs hands dates over as UTC midnight of the calendar date.
  return dayFromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function dayOfSerial(n: number): DayNumber {
  const day = dayFromExcelSerial(n);
  if (day === day) return day;
  return n > MAX_EXCEL_SERIAL ? dayOfCompact(n) : NaN;
}

/**
 * A date (§1) as a DayNumber: an Excel serial from 61 (1900-03-01) up (time of day dropped),
 * a Date (its UTC calendar date, as exceljs gives them), or text as in scanDate.
 */
export function readDate(v: CellValue, report: Report = noReport): DayNumber {
  if (typeof v === "number") {
    const day = dayOfSerial(v);
    if (day !== day) report("not-a-date", String(v));
    return day;
  }
  const p = prepare(v, report, "not-a-date");
  if (p === DONE) return NaN;
  if (typeof p === "number") return readDate(p, report);
  let day = NaN;
  if (p instanceof Date) day = isNaN(p.getTime()) ? NaN : dayOfDate(p);
  else if (typeof p === "string") day = scanDate(p);
  if (day !== day) report("not-a-date", shown(v, p));
  return day;
}

/** "3月5日", "3月5号", "03-05", "3-5", "3/5" as month×100+day (29 Feb allowed), or NaN. */
function scanMonthDay(s: string): number {
  const m = readDigits(s, 0, 2);
  if (m !== m) return NaN;
  let i = digitEnd;
  const sep = s.charCodeAt(i);
  const han = sep === 0x6708; /* 月 */
  if (!han && sep !== 45 && sep !== 47) return NaN;
  i = han ? skipSpaces(s, i + 1) : i + 1;
  const d = readDigits(s, i, 2);
  if (d !== d) return NaN;
  i = digitEnd;
  if (han) {
    i = skipSpaces(s, i);
    const c = s.charCodeAt(i);
    if (c === 0x65e5 || c === 0x53f7) i++;
  }
  if (skipSpaces(s, i) !== s.length) return NaN;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(2000, m)) return NaN;
  return m * 100 + d;
}

function monthDayOfDay(day: DayNumber): number {
  if (day !== day) return NaN;
  const p = packedYmdOfDay(day);
  return p - Math.floor(p / 10000) * 10000;
}

/**
 * A birthday as month×100+day (e.g. 305 for 5 March; 229 allowed): any full date as in
 * readDate (the year is dropped), or a month and day alone: 3月5日, 03-05, 3-5, 3/5.
 */
export function readBirthday(v: CellValue, report: Report = noReport): number {
  if (typeof v === "number") {
    const md = monthDayOfDay(dayOfSerial(v));
    if (md !== md) report("not-a-date", String(v));
    return md;
  }
  const p = prepare(v, report, "not-a-date");
  if (p === DONE) return NaN;
  if (typeof p === "number") return readBirthday(p, report);
  let md = NaN;
  if (p instanceof Date) md = isNaN(p.getTime()) ? NaN : monthDayOfDay(dayOfDate(p));
  else if (typeof p === "string") {
    md = monthDayOfDay(scanDate(p));
    if (md !== md) md = scanMonthDay(p);
  }
  if (md !== md) report("not-a-date", shown(v, p));
  return md;
}

// ---------------------------------------------------------------------------------------
// Words

function wordMap(entries: readonly [number, readonly string[]][]): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [value, words] of entries) for (const w of words) m.set(w.toLowerCase(), value);
  return m;
}

const YES_NO = wordMap([
  [1, ["1", "是", "有", "好", "高", "强", "多", "y", "yes", "true", "√", "✓", "✔"]],
  [0, ["0", "否", "无", "差", "低", "弱", "少", "n", "no", "false", "×", "✗", "✘", "✕"]],
]);

/** Yes = 1, no = 0 (§1's words and symbols, any case; 1/0; TRUE/FALSE); NaN otherwise. */
export function readYesNo(v: CellValue, report: Report = noReport): number {
  if (typeof v === "number") {
    if (v === 1 || v === 0) return v;
    report("not-yes-no", String(v));
    return NaN;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const exact = YES_NO.get(v); // fast path: a clean word such as 是 or 否
    if (exact !== undefined) return exact;
  }
  const p = prepare(v, report, "not-yes-no");
  if (p === DONE) return NaN;
  if (typeof p === "number" || typeof p === "boolean") return readYesNo(p, report);
  if (typeof p === "string") {
    const hit = YES_NO.get(p.toLowerCase());
    if (hit !== undefined) return hit;
  }
  report("not-yes-no", shown(v, p));
  return NaN;
}

const FAMILIARITY_WORDS = wordMap([
  [1, ["认识"]],
  [2, ["还熟悉"]],
  [3, ["比较熟悉"]],
  [4, ["很熟悉"]],
  [5, ["相知"]],
]);

/** Familiarity 1–5: an integer or 认识/还熟悉/比较熟悉/很熟悉/相知; 3.5, 0, 9 are unreadable. */
export function readFamiliarity(v: CellValue, report: Report = noReport): number {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= 5) return v;
    report("not-familiarity", String(v));
    return NaN;
  }
  if (typeof v === "string") {
    const exact = FAMILIARITY_WORDS.get(v);
    if (exact !== undefined) return exact;
  }
  const p = prepare(v, report, "not-familiarity");
  if (p === DONE) return NaN;
  if (typeof p === "number") return readFamiliarity(p, report);
  if (typeof p === "string") {
    const word = FAMILIARITY_WORDS.get(p);
    if (word !== undefined) return word;
    const n = scanNumber(p);
    if (!scanPercent && Number.isInteger(n) && n >= 1 && n <= 5) return n;
  }
  report("not-familiarity", shown(v, p));
  return NaN;
}

const POSITIONS = wordMap([
  [Position.Strong, ["强", "strong"]],
  [Position.Even, ["平", "even"]],
  [Position.Weak, ["弱", "weak"]],
]);

/** 竞争地位: 强/平/弱 or strong/even/weak (any case); Position.Unknown for blank or unreadable. */
export function readPosition(v: CellValue, report: Report = noReport): Position {
  if (typeof v === "string") {
    const exact = POSITIONS.get(v);
    if (exact !== undefined) return exact as Position;
  }
  const p = prepare(v, report, "not-position");
  if (p === DONE) return Position.Unknown;
  if (typeof p === "string") {
    const hit = POSITIONS.get(p.toLowerCase());
    if (hit !== undefined) return hit as Position;
  }
  report("not-position", shown(v, p));
  return Position.Unknown;
}

/**
 * Text (names, ids): trimmed; numbers as their shortest text (an id 1001 → "1001"),
 * dates as yyyy-mm-dd, booleans TRUE/FALSE; "" for blank and for Excel errors.
 */
export function readText(v: CellValue): string {
  if (typeof v === "string") return errorOfText(v) ? "" : v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isNaN(v.getTime()) ? "" : isoOfDate(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (excelErrorOf(o)) return "";
    if ("result" in o) return readText(o.result as CellValue);
    if (Array.isArray(o.richText)) {
      return o.richText
        .map((r) => (r && typeof r === "object" ? String((r as { text?: unknown }).text ?? "") : ""))
        .join("")
        .trim();
    }
    if (typeof o.text === "string") return o.text.trim();
  }
  return "";
}
