/**
 * The pane's §12 path, pure: is the read table a ledger (detected, or the user's switch), and
 * from the ledger (and the picked customer list) to the classified customer sheet to write.
 */
import { mapLedgerHeaders } from "../engine/headers";
import {
  buildLedgerTable,
  chooseTableKind,
  classifyBuiltLedger,
  detectLedger,
  rhythmStatusLine,
  type LedgerDetection,
  type TableKind,
} from "../engine/ledger";
import type { Settings } from "../engine/settings";
import type { DayNumber, Lang } from "../engine/types";
import type { FoundTable, LedgerSheetRequest, SheetTable } from "../excel/adapter";

export interface TableKindChoice {
  /** How the table is read: the switch when the user set it, else the detection. */
  kind: TableKind;
  detection: LedgerDetection;
  /** The table has §12's order date and amount columns: the switch is offered. */
  canBeLedger: boolean;
}

export function tableKindOf(table: FoundTable, override?: TableKind): TableKindChoice {
  const detection = detectLedger(table.headers, table.columns, table.location.rowCount);
  const m = mapLedgerHeaders(table.headers).columns;
  const canBeLedger =
    m.orderDate !== undefined && m.amount !== undefined && (m.id !== undefined || m.name !== undefined);
  return { kind: chooseTableKind(detection, override).kind, detection, canBeLedger };
}

export type LedgerPlan =
  | {
      ok: true;
      /** `按订单明细读取：N 行，M 个客户`, lines read/skipped, the join's line. */
      report: string[];
      /** Each skipped line or unreadable cell, with its sheet row and column. */
      problems: string[];
      customers: number;
      /** §13 in one line: fitted on N repeat buyers, or why its columns are blank. */
      rhythm: string;
      request: Omit<LedgerSheetRequest, "onProgress" | "signal">;
    }
  | { ok: false; message: string };

export function planLedgerSheet(
  ledger: FoundTable,
  list: SheetTable | null,
  settings: Settings,
  lang: Lang,
  today: DayNumber,
): LedgerPlan {
  const built = buildLedgerTable({
    headers: ledger.headers,
    columns: ledger.columns,
    rowCount: ledger.location.rowCount,
    today,
    periodMonths: settings.periodMonths,
    lang,
    list: list ? { headers: list.headers, columns: list.columns, rowCount: list.rowCount } : undefined,
    firstRowNumber: ledger.location.headerRow + 2,
    firstColumn: ledger.location.firstColumn,
  });
  if (!built.ok) return { ok: false, message: built.message[lang] };
  const table = built.table;
  // §13: the rhythm from the ledger's purchase dates, exactly as the CLI computes it.
  const { mapping, rhythm, result } = classifyBuiltLedger(built, today, settings);
  return {
    ok: true,
    report: built.report,
    problems: built.problems,
    customers: table.rowCount,
    rhythm: rhythmStatusLine(rhythm, lang),
    request: {
      table: { headers: table.headers, columns: table.columns, rowCount: table.rowCount },
      dateColumns: built.dateColumns,
      mapping: mapping.columns,
      result,
      lang,
    },
  };
}
