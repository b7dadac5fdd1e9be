/**
 * Cell texts for the CLI's files. Whether a text needs a formula guard is decided once, in
 * src/engine/report/inert.ts (CSV: a leading `'`, plain numbers and phone numbers excepted).
 */
import { csvNeedsGuard, inertText } from "../engine/report/inert";

/** True when a spreadsheet could evaluate this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return csvNeedsGuard(text);
}

/** The text as it must be written to a CSV cell so that no spreadsheet evaluates it. */
export function csvSafeText(text: string): string {
  return inertText(text, "csv");
}

/** Characters XML 1.0 forbids (a workbook containing them does not open). */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point of this pattern
const XML_INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_INVALID_ALL = new RegExp(XML_INVALID_CHAR.source, "g");

/** The text without characters that would corrupt an .xlsx file. */
export function xmlSafeText(text: string): string {
  return XML_INVALID_CHAR.test(text) ? text.replace(XML_INVALID_ALL, "") : text;
}

/**
 * A number as plain decimal text, never in exponent form ("1.5e-7" → "0.00000015"), with
 * JavaScript's shortest round-trip digits, so scripts and spreadsheets read back the same double.
 */
export function plainNumber(n: number): string {
  // Small whole numbers (key-account index, gap, potential, counts) from a table.
  if (n >= -SMALL && n <= SMALL && (n | 0) === n && !Object.is(n, -0)) return SMALL_INTS[n + SMALL];
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s; // the common case
  // Without a regex: shares like 1.5e-7 are common in a large table (one per small customer).
  const neg = s.charCodeAt(0) === 45 ? 1 : 0;
  const sign = neg ? "-" : "";
  const exp = parseInt(s.slice(e + 1), 10);
  // The mantissa's digits: "d" or "d.ddd" → "dddd".
  const digits = e - neg > 1 ? s[neg] + s.slice(neg + 2, e) : s[neg];
  if (exp < 0) return sign + "0." + zeros(-exp - 1) + digits;
  const intLen = exp + 1;
  return intLen >= digits.length
    ? sign + digits + zeros(intLen - digits.length)
    : sign + digits.slice(0, intLen) + "." + digits.slice(intLen);
}

/** The most bytes plainNumberInto writes (a sign, "0.", 323 zeros and 17 digits). */
export const PLAIN_NUMBER_MAX_BYTES = 400;

/**
 * plainNumber(n) written as ASCII into buf at pos (room for PLAIN_NUMBER_MAX_BYTES must be
 * there); returns the position after it. The writer's hot path for shares like 3.2e-7: the same
 * text, with no strings built but String(n)'s.
 */
export function plainNumberInto(n: number, buf: Uint8Array, pos: number): number {
  const s =
    n >= -SMALL && n <= SMALL && (n | 0) === n && !Object.is(n, -0) ? SMALL_INTS[n + SMALL] : String(n);
  const len = s.length;
  const e = s.indexOf("e");
  if (e < 0) {
    // Indexing from a fixed base (not p++) keeps this loop at a few cycles a byte.
    for (let j = 0; j < len; j++) buf[pos + j] = s.charCodeAt(j);
    return pos + len;
  }
  return exponentInto(s, e, buf, pos);
}

/** The part of plainNumberInto for String(n) in exponent form ("-1.5e-7", "1e+21"). */
function exponentInto(s: string, e: number, buf: Uint8Array, pos: number): number {
  let p = pos;
  const neg = s.charCodeAt(0) === 45 ? 1 : 0;
  if (neg) buf[p++] = 45;
  // The exponent's digits after "e+" or "e-", read in place.
  let exp = 0;
  for (let j = e + 2; j < s.length; j++) exp = exp * 10 + (s.charCodeAt(j) - 48);
  if (s.charCodeAt(e + 1) === 45) exp = -exp;
  // The mantissa's digits: s[neg], then s[neg + 2, e) when there is a point.
  const rest = e - neg > 1 ? e - neg - 2 : 0;
  const first = s.charCodeAt(neg);
  if (exp < 0) {
    buf[p++] = 48;
    buf[p++] = 46;
    for (let z = 0; z < -exp - 1; z++) buf[p++] = 48;
    buf[p++] = first;
    for (let k = 0; k < rest; k++) buf[p++] = s.charCodeAt(neg + 2 + k);
    return p;
  }
  // exp ≥ 21 here (String(n) writes smaller numbers in full), so the point never falls inside.
  buf[p++] = first;
  for (let k = 0; k < rest; k++) buf[p++] = s.charCodeAt(neg + 2 + k);
  for (let z = rest + 1; z < exp + 1; z++) buf[p++] = 48;
  return p;
}

const SMALL = 1000;
const SMALL_INTS: readonly string[] = Array.from({ length: 2 * SMALL + 1 }, (_, k) => String(k - SMALL));

const ZEROS: string[] = [""];
/** "000…" of length k, memoised (at most 330 for a double). */
function zeros(k: number): string {
  return ZEROS[k] ?? (ZEROS[k] = "0".repeat(k));
}
