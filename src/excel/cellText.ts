/**
 * What we put in a cell: numbers as they are (NaN/±Infinity blank), texts kept inert by the
 * engine's one rule for an Excel range (src/engine/report/inert.ts: Excel's quote prefix).
 */
import { inertText } from "../engine/report/inert";

export type OutCell = string | number | boolean | null;

export function asTextConstant(v: OutCell): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "string") return inertText(v, "excelRange");
  return v;
}

/** UTF-8 length of a string, without allocating. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += c === 0x22 || c === 0x5c || c < 0x20 ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON-ish size of one cell as Office.js sends it: quotes, escapes, separator. */
export function cellBytes(v: unknown): number {
  if (typeof v === "string") return utf8Bytes(v) + 3;
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return 6;
  return 5; // null / empty
}

/** JSON-ish size of one row: its values plus, when given, its number formats. */
export function rowBytes(values: readonly unknown[], formats?: readonly unknown[]): number {
  let n = 2;
  for (const v of values) n += cellBytes(v);
  if (formats) {
    n += 2;
    for (const f of formats) n += cellBytes(f);
  }
  return n;
}
