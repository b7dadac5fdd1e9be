/**
 * Calendar days as whole numbers (days since 1970-01-01), by arithmetic on the proleptic
 * Gregorian calendar (Howard Hinnant's days-from-civil), so no time zone or daylight-saving
 * rule can move a date.
 */
import * as types from "./types";
import type { DayNumber } from "./types";

/** A module-local copy: transpiled CommonJS reads an imported binding through a getter on every use. */
const EPOCH = types.EXCEL_EPOCH_OFFSET;

/** Excel serial 61 = 1900-03-01: below it Excel's fictitious 1900-02-29 makes serials ambiguous. */
export const MIN_EXCEL_SERIAL = 61;
/** Excel serial of 9999-12-31, the last date Excel knows. */
export const MAX_EXCEL_SERIAL = 2958465;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

/** The day of y-m-d, or NaN when that date does not exist (2026-02-30, month 13, fractions). */
export function dayFromYmd(y: number, m: number, d: number): DayNumber {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return NaN;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // 0..399
  const mp = m > 2 ? m - 3 : m + 9; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1; // 0..365
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // 0..146096
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a whole day packed as y × 10000 + m × 100 + d (civil-from-days, H. Hinnant),
 * without allocating: the one conversion that hot paths (birthdays, the ledger's months) share.
 */
export function packedYmdOfDay(day: DayNumber): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return (era * 400 + yoe + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
}

/** The calendar date of a day; NaN parts for a non-integer or non-finite day. */
export function ymdFromDay(day: DayNumber): { y: number; m: number; d: number } {
  if (!Number.isInteger(day)) return { y: NaN, m: NaN, d: NaN };
  const p = packedYmdOfDay(day);
  const y = Math.floor(p / 10000);
  const md = p - y * 10000;
  const m = Math.floor(md / 100);
  return { y, m, d: md - m * 100 };
}

function digitsAt(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Strict "YYYY-MM-DD" → day; NaN for anything else or an impossible date. */
export function parseIsoDay(text: string): DayNumber {
  if (typeof text !== "string" || text.length !== 10 || text[4] !== "-" || text[7] !== "-") return NaN;
  return dayFromYmd(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (s.length >= width ? s : "0".repeat(width - s.length) + s);
}

/** "YYYY-MM-DD"; "" for NaN (an unknown date prints as an empty cell). */
export function formatIsoDay(day: DayNumber): string {
  if (!Number.isInteger(day)) return "";
  const { y, m, d } = ymdFromDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The machine's local calendar date today (the default evaluation date). */
export function todayLocal(now: Date = new Date()): DayNumber {
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function excelSerialFromDay(day: DayNumber): number {
  return day + EPOCH;
}

/**
 * The day of an Excel serial (1900 system), time of day dropped. NaN below 61 (Excel's
 * phantom 1900-02-29 makes earlier serials off by one) and above 9999-12-31.
 */
export function dayFromExcelSerial(serial: number): DayNumber {
  if (!(serial >= MIN_EXCEL_SERIAL && serial < MAX_EXCEL_SERIAL + 1)) return NaN;
  return Math.floor(serial) - EPOCH;
}
