/**
 * The whole §12 path from a read ledger to the customer table to classify, in one pure call that
 * the CLI, the task pane and the functions share: map the headers, derive the customers, join a
 * customer list when there is one, and say what happened (in the output's language).
 */
import { columnLetter, mapLedgerHeaders, type LedgerField, type LedgerMapping } from "../headers";
import type { CellValue, DayNumber, Lang } from "../types";
import { deriveCustomers, type DerivedCustomers } from "./derive";
import { ledgerReadMessage } from "./detect";
import { joinCustomerList, type JoinedTable, type PlainTable } from "./join";
import { ledgerProblemText } from "./messages";
import { derivedColumns, derivedKind, derivedSheet } from "./table";

export interface LedgerTableRequest {
  /** The ledger's header row and columns as laid out in the sheet (`columns[c][row]`). */
  headers: readonly CellValue[];
  columns: readonly ArrayLike<CellValue>[];
  rowCount: number;
  today: DayNumber;
  /** P (default 12). */
  periodMonths?: number;
  /** Output language; default: the language of the ledger's headers. */
  lang?: Lang;
  /** A customer list to join (§12 "Joining a customer list"). */
  list?: PlainTable;
  /** Sheet row number of the ledger's first data row (messages); default 2. */
  firstRowNumber?: number;
  /** 0-based sheet column of the ledger's first column (messages); default 0. */
  firstColumn?: number;
  /** Problems listed one by one before "… and N more"; default 50. */
  problemsShown?: number;
}

export type LedgerTableResult =
  | {
      ok: true;
      lang: Lang;
      mapping: LedgerMapping;
      /** The customer table: headers, then columns (`columns[c][row]`), dates as Excel serials. */
      table: PlainTable;
      /** Columns of `table` holding dates (first/last order). */
      dateColumns: number[];
      derived: DerivedCustomers;
      /** The join's details when a list was given. */
      joined?: JoinedTable;
      /** `按订单明细读取：N 行，M 个客户`, the read/skipped/customers line, the join's line. */
      report: string[];
      /** Each problem with its sheet row and column (the first `problemsShown`, then a count). */
      problems: string[];
    }
  | {
      ok: false;
      lang: Lang;
      mapping: LedgerMapping;
      missing: LedgerMapping["missing"];
      /** What is missing and what was found, in both languages. */
      message: { zh: string; en: string };
    };

const MISSING = {
  zh: { key: "客户编号或客户名称", orderDate: "订单日期", amount: "金额" },
  en: { key: "Customer ID or Customer", orderDate: "Order date", amount: "Amount" },
} as const;

export function buildLedgerTable(req: LedgerTableRequest): LedgerTableResult {
  const mapping = mapLedgerHeaders(req.headers);
  const lang: Lang = req.lang ?? mapping.lang;
  if (mapping.missing.length > 0) {
    const found = mapping.headers.filter(Boolean);
    const message = {
      zh: `按订单明细读取，但缺少列：${mapping.missing.map((m) => MISSING.zh[m]).join("、")}；找到的列：${found.join("、")}`,
      en: `read as a sales ledger, but missing: ${mapping.missing.map((m) => MISSING.en[m]).join(", ")}; columns found: ${found.join(", ")}`,
    };
    return { ok: false, lang, mapping, missing: mapping.missing, message };
  }
  const input: Partial<Record<LedgerField, ArrayLike<CellValue>>> = {};
  for (const [field, c] of Object.entries(mapping.columns) as [LedgerField, number][]) {
    if (req.columns[c]) input[field] = req.columns[c];
  }
  const derived = deriveCustomers(
    { rowCount: req.rowCount, columns: input },
    { today: req.today, periodMonths: req.periodMonths },
  );

  const report = [
    ledgerReadMessage(derived.lines, derived.count, lang),
    lang === "zh"
      ? `订单明细：读取 ${derived.lines} 行，跳过 ${derived.skippedLines} 行，汇总为 ${derived.count} 个客户`
      : `ledger: ${derived.lines} lines read, ${derived.skippedLines} skipped, aggregated into ${derived.count} customers`,
  ];
  const shown = req.problemsShown ?? 50;
  const firstRow = req.firstRowNumber ?? 2;
  const firstColumn = req.firstColumn ?? 0;
  const problems = derived.problems.slice(0, shown).map((p) => {
    const col = mapping.columns[p.field] ?? 0;
    return ledgerProblemText(p, lang, {
      row: firstRow + p.line,
      column: columnLetter(firstColumn + col),
      header: mapping.headers[col] ?? "",
    });
  });
  if (derived.problems.length > shown) {
    const more = derived.problems.length - shown;
    problems.push(lang === "zh" ? `……另有 ${more} 处未列出` : `… and ${more} more not listed`);
  }

  if (!req.list) {
    const t = derivedSheet(derived, lang);
    const dateColumns: number[] = [];
    derivedColumns(derived).forEach((col, c) => {
      if (derivedKind(col) === "date") dateColumns.push(c);
    });
    return {
      ok: true,
      lang,
      mapping,
      table: { headers: t.headers, columns: t.columns, rowCount: derived.count },
      dateColumns,
      derived,
      report,
      problems,
    };
  }
  const joined = joinCustomerList(derived, req.list, lang);
  const dateColumns: number[] = [];
  joined.derivedOf.forEach((col, c) => {
    if (col && derivedKind(col) === "date") dateColumns.push(c);
  });
  report.push(
    lang === "zh"
      ? `客户清单：${joined.listRows} 行，其中 ${joined.matched} 个与订单明细对上；新增订单明细中的 ${joined.added} 个客户`
      : `customer list: ${joined.listRows} rows, ${joined.matched} matched in the ledger; ${joined.added} ledger customers added`,
  );
  return { ok: true, lang, mapping, table: joined, dateColumns, derived, joined, report, problems };
}
