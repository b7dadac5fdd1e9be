/** Small helpers for the ledger tests: read a fixture CSV (no quoted fields) into columns. */
import * as fs from "fs";
import * as path from "path";
import { parseIsoDay } from "../../src/engine/days";
import type { CellValue } from "../../src/engine/types";

export const LEDGER_FIXTURES = path.join(__dirname, "..", "fixtures", "ledger");

export interface CsvTable {
  headers: string[];
  rows: string[][];
  columns: CellValue[][];
  rowCount: number;
}

/** A plain CSV (commas, no quotes): blank cells are null, as a CSV reader gives them. */
export function readPlainCsv(file: string): CsvTable {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const headers = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const columns: CellValue[][] = headers.map((_, c) => rows.map((r) => (r[c] === undefined || r[c] === "" ? null : r[c])));
  return { headers, rows, columns, rowCount: rows.length };
}

export const day = (iso: string): number => parseIsoDay(iso);
