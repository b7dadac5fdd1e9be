/**
 * An in-memory ExcelAdapter for the task pane's tests: it records every call and lets a
 * test hold `apply` open (to see progress and cancel) with a deferred promise.
 */
import type { Settings } from "../../src/engine/settings";
import type { CellValue } from "../../src/engine/types";
import type {
  ApplyReport,
  ApplyRequest,
  ExcelAdapter,
  FoundTable,
  LedgerSheetReport,
  LedgerSheetRequest,
  SheetTable,
  SortKey,
} from "../../src/excel/adapter";

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A table at Sheet1!A1 from a header row and data rows (row-major, as a sheet reads). */
export function tableOf(headers: string[], rows: CellValue[][], ownColumns: number[] = []): FoundTable {
  const columns = headers.map((_, c) => rows.map((r) => r[c] ?? null));
  const lastColumn = String.fromCharCode(64 + headers.length);
  return {
    location: {
      sheetName: "Sheet1",
      address: `Sheet1!A1:${lastColumn}${rows.length + 1}`,
      headerRow: 0,
      firstColumn: 0,
      rowCount: rows.length,
      columnCount: headers.length,
      source: "region",
    },
    headers,
    columns,
    ownColumns,
  };
}

export class FakeAdapter implements ExcelAdapter {
  language = "zh-CN";
  table: FoundTable | Error;
  savedSettings: Settings | null = null;
  snapshot = false;
  calls: { method: string; args: unknown[] }[] = [];
  applyRequests: ApplyRequest[] = [];
  /** When set, apply() waits for it; otherwise it reports progress 0.5, 1 and succeeds. */
  pendingApply: Deferred<ApplyReport> | null = null;
  applyWarnings: string[] = [];
  /** When set, findCustomerTable() waits for it (to see the spinner and Cancel). */
  pendingRead: Deferred<FoundTable> | null = null;
  /** When set, sortBy() waits for it (to see the progress). */
  pendingSort: Deferred<void> | null = null;
  restoreResult = { restored: true, message: "已恢复原表" };
  /** Visible sheets (listSheets) and the tables readSheetTable returns, by sheet name. */
  sheets: string[] = ["Sheet1"];
  sheetTables: Record<string, SheetTable> = {};
  ledgerRequests: LedgerSheetRequest[] = [];
  /** When set, writeLedgerSheet() waits for it; otherwise it reports progress 0.5, 1 and succeeds. */
  pendingLedger: Deferred<LedgerSheetReport> | null = null;

  constructor(table: FoundTable | Error) {
    this.table = table;
  }

  private log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  uiLanguage(): string {
    return this.language;
  }
  async findCustomerTable(): Promise<FoundTable> {
    this.log("findCustomerTable");
    if (this.pendingRead) return this.pendingRead.promise;
    if (this.table instanceof Error) throw this.table;
    return this.table;
  }
  async loadSettings(): Promise<Settings | null> {
    this.log("loadSettings");
    return this.savedSettings;
  }
  async saveSettings(settings: Settings): Promise<void> {
    this.log("saveSettings", settings);
    this.savedSettings = settings;
  }
  async apply(request: ApplyRequest): Promise<ApplyReport> {
    this.log("apply", request);
    this.applyRequests.push(request);
    if (this.pendingApply) {
      const report = await this.pendingApply.promise;
      if (!report.cancelled) this.snapshot = true;
      return report;
    }
    request.onProgress?.(0.5);
    request.onProgress?.(1);
    this.snapshot = true;
    return {
      outputAddress: `Sheet1!${String.fromCharCode(65 + request.table.headers.length)}1:R${request.result.rowCount + 1}`,
      rowsWritten: request.result.rowCount,
      summarySheet: "客户分级汇总",
      warnings: this.applyWarnings,
      cancelled: false,
    };
  }
  async hasSnapshot(): Promise<boolean> {
    this.log("hasSnapshot");
    return this.snapshot;
  }
  async restore(): Promise<{ restored: boolean; message: string }> {
    this.log("restore");
    this.snapshot = false;
    return this.restoreResult;
  }
  async selectCell(address: string): Promise<void> {
    this.log("selectCell", address);
  }
  async sortBy(key: SortKey, descending: boolean): Promise<void> {
    this.log("sortBy", key, descending);
    if (this.pendingSort) await this.pendingSort.promise;
  }
  async filterTier(tierLabel: string | null): Promise<void> {
    this.log("filterTier", tierLabel);
  }
  async listSheets(): Promise<string[]> {
    this.log("listSheets");
    return this.sheets;
  }
  async readSheetTable(sheetName: string): Promise<SheetTable> {
    this.log("readSheetTable", sheetName);
    const t = this.sheetTables[sheetName];
    if (!t) throw new Error(`no sheet ${sheetName}`);
    return t;
  }
  async writeLedgerSheet(request: LedgerSheetRequest): Promise<LedgerSheetReport> {
    this.log("writeLedgerSheet", request);
    this.ledgerRequests.push(request);
    if (this.pendingLedger) {
      const report = await this.pendingLedger.promise;
      if (!report.cancelled) this.snapshot = true;
      return report;
    }
    request.onProgress?.(0.5);
    request.onProgress?.(1);
    this.snapshot = true;
    const name = request.lang === "zh" ? "客户汇总" : "Customer summary";
    return { sheetName: name, rowsWritten: request.table.rowCount, warnings: [], cancelled: false };
  }
  async freezeNameColumn(at: { headerRow: number; column: number }): Promise<{ frozen: boolean; message: string }> {
    this.log("freezeNameColumn", at);
    return { frozen: true, message: "已冻结表头和客户名称列；“恢复原表”会还原您原来的冻结设置。" };
  }
}
