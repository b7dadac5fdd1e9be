/**
 * Re-running on a file this tool wrote: its earlier §11 block (all 14 headers, in order,
 * in either language) is dropped from the input, so that the new block replaces it and an
 * old 潜力得分 column is not read back as the customer's potential.
 */
import { normalizeHeader } from "../engine/headers";
import { outputHeaders } from "../engine/labels";
import type { CellValue } from "../engine/types";
import type { SheetData } from "./sheet";

/** Start column of an earlier output block, or -1. */
export function findOwnBlock(headers: readonly CellValue[]): number {
  const norm = headers.map((h) => (typeof h === "string" ? normalizeHeader(h) : ""));
  for (const lang of ["zh", "en"] as const) {
    const block = outputHeaders(lang).map(normalizeHeader);
    for (let start = 0; start + block.length <= norm.length; start++) {
      if (block.every((h, k) => norm[start + k] === h)) return start;
    }
  }
  return -1;
}

/** The sheet without an earlier output block (the same object when there is none). */
export function withoutOwnBlock(sheet: SheetData): { sheet: SheetData; dropped: number } {
  const start = findOwnBlock(sheet.headers);
  if (start < 0) return { sheet, dropped: 0 };
  const n = outputHeaders("zh").length;
  const cut = <T>(xs: T[]) => [...xs.slice(0, start), ...xs.slice(start + n)];
  return {
    sheet: {
      ...sheet,
      headers: cut(sheet.headers),
      columns: cut(sheet.columns),
      originals: cut(sheet.originals),
      numFmts: cut(sheet.numFmts),
      csv: sheet.csv && { ...sheet.csv, fields: cut(sheet.csv.fields) },
      columnCount: sheet.columnCount - n,
    },
    dropped: n,
  };
}
