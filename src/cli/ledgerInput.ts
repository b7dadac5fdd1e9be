/**
 * crm-classify on a sales ledger (METHOD.md §12): the read table is detected (or declared with
 * --input) as a ledger, turned into the customer sheet by the engine (src/engine/ledger), joined
 * with --customers when given, and then classified like any customer table by main.ts.
 * The ledger and the list are only read.
 */
import { dayFromExcelSerial } from "../engine/days";
import { columnLetter, mapLedgerHeaders, type LedgerField } from "../engine/headers";
import {
  chooseTableKind,
  deriveCustomers,
  derivedColumns,
  derivedKind,
  derivedSheet,
  detectLedger,
  joinCustomerList,
  ledgerInputFromColumns,
  ledgerProblemText,
  ledgerReadMessage,
  type DerivedCustomers,
  type PlainTable,
} from "../engine/ledger";
import { DEFAULT_PERIOD_MONTHS } from "../engine/ledger/periods";
import { historiesForRows, historiesOfPurchaseDays, type RhythmHistories } from "../engine/rhythm/analyse";
import type { Settings } from "../engine/settings";
import type { CellValue, DayNumber, Lang } from "../engine/types";
import { formatOf, type CliOptions } from "./args";
import { readCsv } from "./readCsv";
import { readXlsx } from "./readXlsx";
import { bilingual, CliError, type SheetData } from "./sheet";

export interface LedgerOutcome {
  /** The customer sheet to classify (derived, or the list joined with the ledger). */
  sheet: SheetData;
  /** For stdout: how the input was read, lines read/skipped, customers; the join's counts. */
  report: string[];
  /** For stderr: each skipped line or unreadable cell, with its row and column. */
  problems: string[];
  /** §13: each sheet row's x, t, T from the ledger's purchase dates (NaN: no purchase). */
  histories: RhythmHistories;
}

/** Lines of problems shown before "… and N more" (all of them count in the report). */
const PROBLEMS_SHOWN = 50;

/** Column c of a sheet as the engine reads it. */
function columnOf(sheet: SheetData, c: number): ArrayLike<CellValue> {
  return sheet.columns[c] ?? [];
}

/** Dates as Date cells (UTC midnight), so every writer shows them as dates. */
function asDateCells(column: CellValue[]): CellValue[] {
  return column.map((v) => (typeof v === "number" ? new Date(dayFromExcelSerial(v) * 86_400_000) : v));
}

async function readList(file: string): Promise<SheetData> {
  return formatOf(file) === "xlsx" ? readXlsx(file) : readCsv(file);
}

function sheetOf(
  base: SheetData,
  name: string,
  t: PlainTable,
  dateColumns: Set<number>,
  keep?: SheetData,
): SheetData {
  const columns = t.columns.map((col, c) => (dateColumns.has(c) ? asDateCells(col) : col));
  const originals = columns.map((_, c) => {
    // The list's own cells (rich text, errors) come out as they were, in the list's rows.
    const src = keep?.originals[c];
    return src && !dateColumns.has(c) ? new Map(src) : new Map();
  });
  return {
    format: base.format,
    sheetName: name,
    headerRowNumber: 1,
    headers: t.headers,
    columns,
    originals,
    numFmts: columns.map((_, c) => (dateColumns.has(c) ? "yyyy-mm-dd" : keep?.numFmts[c])),
    rowCount: t.rowCount,
    columnCount: columns.length,
    notes: [],
  };
}

/**
 * When the input is a ledger (detected, or --input ledger): the customer sheet and what to say.
 * Null when it is read as a customer table.
 */
export async function ledgerToCustomers(
  read: SheetData,
  opts: Pick<CliOptions, "inputKind" | "customersFile" | "lang">,
  today: DayNumber,
  settings: Settings,
): Promise<LedgerOutcome | null> {
  const detection = detectLedger(
    read.headers,
    read.headers.map((_, c) => columnOf(read, c)),
    read.rowCount,
  );
  const { kind } = chooseTableKind(detection, opts.inputKind);
  if (kind === "customers") {
    if (opts.customersFile) {
      throw new CliError(
        2,
        bilingual(
          "--customers 只适用于订单明细输入；此输入按客户表读取（可用 --input ledger 指定）",
          "--customers applies to a sales ledger; this input reads as a customer table (say --input ledger if it is one)",
        ),
      );
    }
    return null;
  }

  const mapping = mapLedgerHeaders(read.headers);
  const lang: Lang = opts.lang ?? mapping.lang;
  if (mapping.missing.length > 0) {
    const zh = { key: "客户编号或客户名称", orderDate: "订单日期", amount: "金额" };
    const en = { key: "Customer ID or Customer", orderDate: "Order date", amount: "Amount" };
    throw new CliError(
      1,
      bilingual(
        `按订单明细读取，但缺少列：${mapping.missing.map((m) => zh[m]).join("、")}；找到的列：${mapping.headers.filter(Boolean).join("、")}`,
        `read as a sales ledger, but missing: ${mapping.missing.map((m) => en[m]).join(", ")}; columns found: ${mapping.headers.filter(Boolean).join(", ")}`,
      ),
    );
  }
  const columns = read.headers.map((_, c) => columnOf(read, c));
  const periodMonths =
    (settings as unknown as { periodMonths?: number }).periodMonths ?? DEFAULT_PERIOD_MONTHS;
  const derived: DerivedCustomers = deriveCustomers(ledgerInputFromColumns(mapping, columns, read.rowCount), {
    today,
    periodMonths,
  });

  const report = [ledgerReadMessage(derived.lines, derived.count, lang)];
  report.push(
    lang === "zh"
      ? `订单明细：读取 ${derived.lines} 行，跳过 ${derived.skippedLines} 行，汇总为 ${derived.count} 个客户`
      : `ledger: ${derived.lines} lines read, ${derived.skippedLines} skipped, aggregated into ${derived.count} customers`,
  );
  const problems: string[] = [];
  for (const p of derived.problems.slice(0, PROBLEMS_SHOWN)) {
    const col = mapping.columns[p.field as LedgerField] ?? 0;
    problems.push(
      ledgerProblemText(p, lang, {
        row: read.headerRowNumber + 1 + p.line,
        column: columnLetter(col),
        header: mapping.headers[col] ?? "",
      }),
    );
  }
  if (derived.problems.length > PROBLEMS_SHOWN) {
    const more = derived.problems.length - PROBLEMS_SHOWN;
    problems.push(lang === "zh" ? `……另有 ${more} 处未列出` : `… and ${more} more not listed`);
  }

  const histories = historiesOfPurchaseDays(derived.purchaseStart, derived.purchaseDays, today);
  const sheetName = lang === "zh" ? "客户汇总" : "Customer summary";
  if (!opts.customersFile) {
    const t = derivedSheet(derived, lang);
    const dates = new Set<number>();
    derivedColumns(derived).forEach((col, c) => derivedKind(col) === "date" && dates.add(c));
    return {
      sheet: sheetOf(
        read,
        sheetName,
        { headers: t.headers, columns: t.columns, rowCount: derived.count },
        dates,
      ),
      report,
      problems,
      histories,
    };
  }

  const listSheet = await readList(opts.customersFile);
  const list: PlainTable = {
    headers: listSheet.headers,
    columns: listSheet.headers.map((_, c) => Array.from(columnOf(listSheet, c))),
    rowCount: listSheet.rowCount,
  };
  const joined = joinCustomerList(derived, list, lang);
  // Date columns: the ledger's first/last order wherever they landed.
  const dates = new Set<number>();
  joined.derivedOf.forEach((col, c) => col && derivedKind(col) === "date" && dates.add(c));
  report.push(
    lang === "zh"
      ? `客户清单 ${opts.customersFile}：${joined.listRows} 行，其中 ${joined.matched} 个与订单明细对上；新增订单明细中的 ${joined.added} 个客户`
      : `customer list ${opts.customersFile}: ${joined.listRows} rows, ${joined.matched} matched in the ledger; ${joined.added} ledger customers added`,
  );
  return {
    sheet: sheetOf(read, sheetName, joined, dates, listSheet),
    report,
    problems,
    histories: historiesForRows(histories, joined.customerOfRow),
  };
}
