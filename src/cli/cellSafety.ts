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

const SMALL = 1000;
const SMALL_INTS: readonly string[] = Array.from({ length: 2 * SMALL + 1 }, (_, k) => String(k - SMALL));

const ZEROS: string[] = [""];
/** "000…" of length k, memoised (at most 330 for a double). */
function zeros(k: number): string {
  return ZEROS[k] ?? (ZEROS[k] = "0".repeat(k));
}
