/**
 * A1 addresses: 0-based (row, column) ↔ "Sheet1!B2:D9". Pure, no Office.js, so the
 * adapter can plan ranges without a round trip and tests can check them.
 */
import { columnLetter } from "../engine/headers";

export interface CellBlock {
  sheet: string;
  /** 0-based, inclusive. */
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** "A", "B", …, "Z", "AA", … for a 0-based column index (the engine's, which messages use too). */
export const columnLetters = columnLetter;

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The range part only, e.g. "B2:D9" (a single cell gives "B2"). */
export function rangeA1(row: number, col: number, rowCount = 1, colCount = 1): string {
  const first = `${columnLetters(col)}${row + 1}`;
  if (rowCount === 1 && colCount === 1) return first;
  return `${first}:${columnLetters(col + colCount - 1)}${row + rowCount}`;
}

/** Sheet names with anything but letters, digits and _ are quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function blockAddress(b: CellBlock): string {
  return `${quoteSheet(b.sheet)}!${rangeA1(b.row, b.col, b.rowCount, b.colCount)}`;
}

/** Parses "Sheet1!B2:D9", "'My sheet'!B2", "B2:D9" or whole columns "A:C"; null when unreadable. */
export function parseAddress(address: string, defaultSheet = ""): CellBlock | null {
  let sheet = defaultSheet;
  let rest = address.trim();
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?$/.exec(rest);
  if (!m || (!m[1] && !m[2])) return null;
  const c1 = m[1] ? columnIndex(m[1]) : 0;
  const r1 = m[2] ? Number(m[2]) - 1 : 0;
  const c2 = m[3] ? columnIndex(m[3]) : m[4] ? (m[1] ? c1 : 16383) : m[1] ? c1 : 16383;
  const r2 = m[4] ? Number(m[4]) - 1 : m[3] || !m[2] ? (m[2] && !m[3] ? r1 : 1048575) : r1;
  return {
    sheet,
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rowCount: Math.abs(r2 - r1) + 1,
    colCount: Math.abs(c2 - c1) + 1,
  };
}

export function blocksIntersect(a: CellBlock, b: CellBlock): boolean {
  return (
    a.sheet === b.sheet &&
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.col < b.col + b.colCount &&
    b.col < a.col + a.colCount
  );
}
