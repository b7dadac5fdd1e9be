/**
 * CRM.CLASSIFY: a whole customer table (header row first) → the METHOD.md §11 block with its
 * own header row, in the language of the table's headers. Headers are mapped as in the CLI
 * (mapHeaders); dates come out as Excel serials, the share as a fraction, unknown as "".
 * Entirely blank rows (a range selected past the data) stay blank and take no part in the
 * population, so selecting A1:Z1000 for 200 customers ranks the 200.
 */
import { classify } from "../engine/classify";
import { excelSerialFromDay } from "../engine/days";
import { mapHeaders, mappingMessages, mapSummaryColumns } from "../engine/headers";
import { outputRow, reportColumns, reportHeaders } from "../engine/report/columns";
import { inertText } from "../engine/report/inert";
import { buildTableInput, columnNames } from "../engine/tableInput";
import { getCurrentSettings } from "../engine/settingsStore";
import type { CellValue } from "../engine/types";
import { parseToday } from "./args";
import { classifyLedgerTable } from "./classifyLedger";
import { invalidValue } from "./errors";
import { normalizeCell, toMatrix } from "./ranges";

function isBlankRow(row: readonly CellValue[]): boolean {
  for (const v of row) {
    if (v === null || v === undefined) continue;
    if (typeof v === "string" && v.trim() === "") continue;
    return false;
  }
  return true;
}

export function classifyTable(table: unknown, today?: unknown): (string | number)[][] {
  const day = parseToday(today);
  const m = toMatrix(table, "table");
  // A sales ledger (§12): the derived customer table, classified, with §13's rhythm.
  const ledger = classifyLedgerTable(m, day);
  if (ledger) return ledger;
  const header = m[0].map(normalizeCell);
  const mapping = mapHeaders(header);
  if (mapping.missing.length > 0) {
    const zh = mappingMessages(mapping, "zh").slice(0, mapping.missing.length).join("；");
    const en = mappingMessages(mapping, "en").slice(0, mapping.missing.length).join("; ");
    throw invalidValue(`${zh}（表格第一行应为表头）/ ${en} (the table's first row must be its headers)`);
  }
  const lang = mapping.lang;

  // Data rows that hold anything; blank rows keep their place in the output.
  const dataRows: number[] = [];
  const rowsCells: CellValue[][] = [];
  for (let r = 1; r < m.length; r++) {
    const cells = m[r].map(normalizeCell);
    if (isBlankRow(cells)) continue;
    dataRows.push(r);
    rowsCells.push(cells);
  }
  const column = (col: number): CellValue[] => rowsCells.map((cells) => cells[col]);
  const input = buildTableInput({ rowCount: rowsCells.length, column }, mapping, mapSummaryColumns(header));
  const result = classify(input, { today: day, settings: getCurrentSettings() });

  // Problems name the column as the user wrote it.
  const columnName = columnNames(mapping);
  const kinds = reportColumns(result).map((c) => c.kind);
  const width = kinds.length;
  const out: (string | number)[][] = new Array(m.length);
  out[0] = reportHeaders(lang, result);
  for (let r = 1; r < m.length; r++) out[r] = new Array<string | number>(width).fill("");
  for (let i = 0; i < dataRows.length; i++) {
    const row = outputRow(result, i, lang, columnName);
    const target = out[dataRows[i]];
    for (let c = 0; c < width; c++) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
      if (typeof v === "number") target[c] = kinds[c] === "date" ? excelSerialFromDay(v) : v;
      else target[c] = inertText(v, "customFunction"); // a result is a value: Excel never evaluates it
    }
  }
  return out;
}
