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
  const s = String(n);
  if (!s.includes("e")) return s; // the common case, without a regex
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = "", expText] = m;
  const digits = lead + frac;
  const exp = Number(expText);
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  return intLen >= digits.length
    ? sign + digits + "0".repeat(intLen - digits.length)
    : `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
