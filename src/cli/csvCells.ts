/**
 * The cells of a CSV column as the engine reads them, built from the file's bytes: the commonest
 * number and date texts become numbers here, without a string being made, and every other field
 * is handed over as its text, for the engine's own readers (METHOD §1) to read and report.
 *
 * Only shapes the engine reads to the very same value are taken:
 *   - a number field: `-?[¥$]?digits[.digits]`, thousands commas in groups of three, at most 15
 *     digits, is what scanPlainNumber reads (the same arithmetic: m / 10^k is correctly rounded,
 *     "-0" is 0); never "%", 万 or 亿, which a rate field reads differently from the number;
 *   - a date field: `yyyy-mm-dd` of a real day in 1901–9999 is the Excel serial of that day, which
 *     the engine reads back as the same day (serials are read from 1900-03-01).
 * tests/cli/csvCells.test.ts checks both against the engine's readers on random texts.
 */
import { dayFromYmd, excelSerialFromDay } from "../engine/days";

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_DIGITS = 15;

/**
 * The number of bytes[s, e) when it is number text in one of scanPlainNumber's plainest shapes
 * (an optional "-", an optional ¥ or $, digits with thousands commas in groups of three, an
 * optional fraction: "-12.5", "¥1,234", "1,234,567.89"), else NaN.
 */
export function plainNumberOfBytes(bytes: Uint8Array, s: number, e: number): number {
  let i = s;
  const neg = i < e && bytes[i] === 45; /* - */
  if (neg) i++;
  if (i < e && bytes[i] === 36 /* $ */) i++;
  else if (i + 1 < e && bytes[i] === 0xc2 && bytes[i + 1] === 0xa5 /* ¥ in UTF-8 */) i += 2;
  let m = 0;
  let digits = 0;
  let group = -1; // digits since the last thousands comma; -1 before any
  for (; i < e; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (group >= 0) group++;
    } else if (c === 44 /* , */) {
      if (group >= 0 ? group !== 3 : digits === 0 || digits > 3) return NaN;
      group = 0;
    } else break;
  }
  if (digits === 0 || (group >= 0 && group !== 3)) return NaN;
  let frac = 0;
  if (i < e) {
    if (bytes[i] !== 46 /* . */) return NaN;
    for (i++; i < e; i++) {
      const c = bytes[i] - 48;
      if (c < 0 || c > 9) return NaN;
      m = m * 10 + c;
      frac++;
    }
    if (frac === 0) return NaN;
  }
  if (digits + frac > MAX_DIGITS) return NaN;
  let n = frac === 0 ? m : m / POW10[frac];
  if (neg) n = -n;
  return n === 0 ? 0 : n;
}

/** The Excel serial of bytes[s, e) when it is `yyyy-mm-dd`, a real day in 1901–9999, else NaN. */
export function isoDateSerialOfBytes(bytes: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || bytes[s + 4] !== 45 || bytes[s + 7] !== 45) return NaN;
  const y = digits(bytes, s, 4);
  const m = digits(bytes, s + 5, 2);
  const d = digits(bytes, s + 8, 2);
  if (y < 1901) return NaN; // also NaN: not digits
  const day = dayFromYmd(y, m, d);
  return day === day ? excelSerialFromDay(day) : NaN;
}

/** The value of `count` ASCII digits at `at`, or -1. */
function digits(bytes: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = bytes[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
