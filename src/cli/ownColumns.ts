/**
 * Re-running on a file this tool wrote: its earlier output block (the engine's one rule,
 * findOwnColumns: all 14 §11 headers in order, in either language) is dropped from the input,
 * so that the new block replaces it and an old 潜力得分 column is not read back as the
 * customer's potential.
 */
import { findOwnColumns } from "../engine/report/columns";
import type { CellValue } from "../engine/types";
import type { SheetData } from "./sheet";

/** Start column of an earlier output block, or -1. */
export function findOwnBlock(headers: readonly CellValue[]): number {
  return findOwnColumns(headers)?.start ?? -1;
}

/** The sheet without an earlier output block (the same object when there is none). */
export function withoutOwnBlock(sheet: SheetData): { sheet: SheetData; dropped: number } {
  const own = findOwnColumns(sheet.headers);
  if (!own) return { sheet, dropped: 0 };
  const { start, count: n } = own;
  const cut = <T>(xs: T[]) => [...xs.slice(0, start), ...xs.slice(start + n)];
  return {
    sheet: {
      ...sheet,
      headers: cut(sheet.headers),
      columns: cut(sheet.columns),
      originals: cut(sheet.originals),
      numFmts: cut(sheet.numFmts),
      columnCount: sheet.columnCount - n,
    },
    dropped: n,
  };
}
