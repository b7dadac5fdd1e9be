/**
 * The e2e page's simulated Excel: an ExcelAdapter over an in-memory sheet of customers
 * (row-major grid, header in row 1), bundled for the browser by run.ts and installed as
 * window.__CRM_TEST_ADAPTER__. window.__SIM_SHEET__ exposes the grid for assertions.
 * It writes the real engine output (outputRow), in chunks with progress, and can restore.
 */
import { ALL_OUTPUT_HEADERS, outputHeaders } from "../../src/engine/labels";
import { outputRow } from "../../src/engine/output";
import { DEFAULT_SETTINGS, type Settings } from "../../src/engine/settings";
import type { CellValue } from "../../src/engine/types";
import { columnLetter } from "../../src/engine/headers";
import type { ApplyReport, ApplyRequest, ExcelAdapter, FoundTable, SortKey } from "../../src/excel/adapter";

export interface SimSheet {
  name: string;
  grid: CellValue[][];
  calls: string[];
}

const CHUNK_ROWS = 2;

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

export function createSimHost(sheet: SimSheet, uiLanguage: string): ExcelAdapter {
  let settings: Settings | null = null;
  let snapshot: CellValue[][] | null = null;
  const copy = (g: CellValue[][]) => g.map((r) => r.slice());

  const ownColumnsOf = (headers: string[]) =>
    headers.map((h, c) => (ALL_OUTPUT_HEADERS.includes(h) ? c : -1)).filter((c) => c >= 0);

  return {
    uiLanguage: () => uiLanguage,
    async findCustomerTable(): Promise<FoundTable> {
      sheet.calls.push("findCustomerTable");
      const [header, ...rows] = sheet.grid;
      const headers = header.map((h) => String(h ?? ""));
      const columns = headers.map((_, c) => rows.map((r) => r[c] ?? null));
      return {
        location: {
          sheetName: sheet.name,
          address: `${sheet.name}!A1:${columnLetter(headers.length - 1)}${rows.length + 1}`,
          headerRow: 0,
          firstColumn: 0,
          rowCount: rows.length,
          columnCount: headers.length,
          source: "region",
        },
        headers,
        columns,
        ownColumns: ownColumnsOf(headers),
      };
    },
    async loadSettings() {
      return settings;
    },
    async saveSettings(s) {
      settings = { ...DEFAULT_SETTINGS, ...s };
    },
    async apply(request: ApplyRequest): Promise<ApplyReport> {
      sheet.calls.push("apply");
      const before = copy(sheet.grid);
      const headers = outputHeaders(request.lang);
      const own = ownColumnsOf(request.table.headers);
      const start = own.length > 0 ? own[0] : request.table.headers.length;
      const n = request.result.rowCount;
      sheet.grid[0].splice(start, headers.length, ...headers);
      for (let i = 0; i < n; i += CHUNK_ROWS) {
        if (request.signal?.aborted) {
          sheet.grid = before;
          return { outputAddress: "", rowsWritten: 0, summarySheet: null, warnings: [], cancelled: true };
        }
        for (let r = i; r < Math.min(n, i + CHUNK_ROWS); r++) {
          const cells = outputRow(request.result, r, request.lang).map((v) =>
            typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v,
          );
          sheet.grid[r + 1].splice(start, headers.length, ...cells);
        }
        request.onProgress?.(Math.min(1, (i + CHUNK_ROWS) / n));
        await sleep(150); // slow enough for the e2e to see (and screenshot) the progress bar
      }
      snapshot = before;
      const first = columnLetter(start);
      const last = columnLetter(start + headers.length - 1);
      return {
        outputAddress: `${sheet.name}!${first}1:${last}${n + 1}`,
        rowsWritten: n,
        summarySheet: null,
        warnings: ["模拟宿主：未创建汇总表。"],
        cancelled: false,
      };
    },
    async hasSnapshot() {
      return snapshot !== null;
    },
    async restore() {
      if (!snapshot) return { restored: false, message: "没有可恢复的内容" };
      sheet.grid = snapshot;
      snapshot = null;
      sheet.calls.push("restore");
      return { restored: true, message: "已恢复原表" };
    },
    async selectCell(address: string) {
      sheet.calls.push(`selectCell ${address}`);
    },
    async sortBy(key: SortKey, descending: boolean) {
      sheet.calls.push(`sortBy ${key} ${descending}`);
    },
    async filterTier(tierLabel: string | null) {
      sheet.calls.push(`filterTier ${tierLabel}`);
    },
    // The ledger's customer sheet (§12) is covered on the strict double (tests/excel/ledgerSheet.test.ts), not here.
    async listSheets() {
      return [sheet.name];
    },
    async readSheetTable(name: string) {
      throw new Error(`simulated host: no sheet ${name}`);
    },
    async writeLedgerSheet() {
      throw new Error("simulated host: the ledger's customer sheet is not simulated");
    },
  };
}

/** Installed by the e2e page before the pane's bundle runs. */
export function install(grid: CellValue[][], uiLanguage: string): void {
  const sheet: SimSheet = { name: "客户", grid, calls: [] };
  const w = window as unknown as Record<string, unknown>;
  w.__SIM_SHEET__ = sheet;
  w.__CRM_TEST_ADAPTER__ = createSimHost(sheet, uiLanguage);
}
