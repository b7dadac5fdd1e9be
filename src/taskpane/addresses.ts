/** A1 addresses of cells of the found table, so a problem can point at its cell. */
import type { TableLocation } from "../excel/adapter";

import { columnLetter } from "../engine/headers";

export { columnLetter };

/** Sheet names with spaces or punctuation must be quoted ('My sheet'!A1; a ' doubles). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** The cell of data row `row` (0-based, header excluded) in table column `column` (0-based). */
export function dataCellAddress(location: TableLocation, row: number, column: number): string {
  const sheetRow = location.headerRow + 1 + row; // 0-based sheet row of the data cell
  return `${quoteSheetName(location.sheetName)}!${columnLetter(location.firstColumn + column)}${sheetRow + 1}`;
}

/** The whole row of data row `row` across the table, e.g. "Sheet1!A7:Y7" (a Worklist click selects it). */
export function dataRowAddress(location: TableLocation, row: number): string {
  const first = dataCellAddress(location, row, 0);
  const sheetRow = location.headerRow + 1 + row + 1;
  return `${first}:${columnLetter(location.firstColumn + Math.max(location.columnCount, 1) - 1)}${sheetRow}`;
}
