/**
 * CRM.CLASSIFY on a sales ledger (METHOD.md §12, §13): when the table handed over reads as a
 * ledger by §12's detection, the customer table is derived from it, the buying rhythm computed
 * from its purchase dates, and the spill is the derived table's columns followed by §11's and
 * §13's (header row first) — what the CLI writes for the same ledger. Entirely blank rows (a
 * range selected past the data) are left out; a formula cannot list skipped lines (the CLI and
 * the pane do).
 */
import { excelSerialFromDay } from "../engine/days";
import { buildLedgerTable, classifyBuiltLedger, detectLedger } from "../engine/ledger";
import { outputRow, reportColumns, reportHeaders } from "../engine/report/columns";
import { inertText } from "../engine/report/inert";
import { getCurrentSettings } from "../engine/settingsStore";
import { columnNames } from "../engine/tableInput";
import type { CellValue, DayNumber } from "../engine/types";
import { invalidValue } from "./errors";
import { normalizeCell } from "./ranges";

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A value as a custom function returns it: blank "", numbers as they are, texts inert. */
function spillCell(v: unknown): string | number {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  if (typeof v === "number") return v;
  return inertText(String(v), "customFunction");
}

/** The spill for a ledger; null when the table reads as a customer table. */
export function classifyLedgerTable(
  m: readonly (readonly unknown[])[],
  today: DayNumber,
): (string | number)[][] | null {
  const header = m[0].map(normalizeCell);
  const rows: CellValue[][] = [];
  for (let r = 1; r < m.length; r++) {
    const cells = m[r].map(normalizeCell);
    if (!cells.every(isBlank)) rows.push(cells);
  }
  const columns = header.map((_, c) => rows.map((cells) => cells[c] ?? null));
  if (detectLedger(header, columns, rows.length).kind !== "ledger") return null;

  const settings = getCurrentSettings();
  const built = buildLedgerTable({
    headers: header,
    columns,
    rowCount: rows.length,
    today,
    periodMonths: settings.periodMonths,
  });
  if (!built.ok) throw invalidValue(`${built.message.zh} / ${built.message.en}`);
  const t = built.table;
  const { mapping, result } = classifyBuiltLedger(built, today, settings);

  const lang = built.lang;
  const columnName = columnNames(mapping);
  const kinds = reportColumns(result).map((c) => c.kind);
  const out: (string | number)[][] = [[...t.headers.map(spillCell), ...reportHeaders(lang, result)]];
  for (let i = 0; i < t.rowCount; i++) {
    const derived = t.columns.map((col) => spillCell(col[i])); // dates are Excel serials already
    const report = outputRow(result, i, lang, columnName).map((v, c) =>
      typeof v === "number" && kinds[c] === "date" ? excelSerialFromDay(v) : spillCell(v),
    );
    out.push([...derived, ...report]);
  }
  return out;
}
