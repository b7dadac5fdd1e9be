/** Shared set-up for the adapter tests: a fake workbook, the adapter over it, the real engine. */
import { classify, type ClassifyResult } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { mapHeaders } from "../../src/engine/headers";
import type { FieldKey, TableInput } from "../../src/engine/types";
import type { ApplyRequest, FoundTable } from "../../src/excel/adapter";
import { createOfficeAdapter, type OfficeAdapterDeps } from "../../src/excel/officeAdapter";
import { FakeHost, putGrid, type FakeCell, type HostOptions, type SheetState } from "./fakeExcel";

export const TODAY = dayFromYmd(2026, 3, 15);
export const NOT_LOADED = "Error, property was not loaded";

/** Excel serial of a date. */
export const serial = (y: number, m: number, d: number) => dayFromYmd(y, m, d) + 25569;

export const CUSTOMERS: unknown[][] = [
  ["客户名称", "本期销售额", "上期销售额", "最近联系日期"],
  ["甲公司", 500000, 300000, serial(2026, 3, 1)],
  ["乙公司", 300000, 310000, serial(2026, 2, 1)],
  ["丙公司", 150000, 100000, serial(2025, 12, 1)],
  ["丁公司", 50000, 60000, ""],
  ["戊公司", "", "", ""],
];

/** A workbook whose Sheet1 holds `rows` at `at`, selected there. */
export function workbook(rows: unknown[][] = CUSTOMERS, at = "A1", options: HostOptions = {}): { host: FakeHost; sheet: SheetState } {
  const host = new FakeHost(options);
  const sheet = host.sheet("Sheet1");
  putGrid(sheet, at, rows);
  host.select("Sheet1", at.split(":")[0]);
  return { host, sheet };
}

/** The adapter over the strict double: Excel.run and the requirement sets are the host's. */
export function adapterFor(host: FakeHost, deps: OfficeAdapterDeps = {}) {
  return createOfficeAdapter({
    run: (options, batch) => host.run(options, (ctx) => batch(ctx as unknown as Excel.RequestContext)),
    setCheck: (name, version) => host.isSetSupported(name, version),
    displayLanguage: () => "zh-CN",
    ...deps,
  });
}

export function classifyFound(found: FoundTable): { result: ClassifyResult; mapping: Partial<Record<FieldKey, number>> } {
  const own = new Set(found.ownColumns);
  const overrides: Partial<Record<FieldKey, number | null>> = {};
  const mapping = mapHeaders(found.headers);
  // Our own output columns are never input (潜力得分 is both an input and an output header).
  for (const [f, c] of Object.entries(mapping.columns)) if (own.has(c as number)) overrides[f as FieldKey] = null;
  const cols = mapHeaders(found.headers, overrides).columns;
  const input: TableInput = { rowCount: found.location.rowCount, columns: {} };
  for (const [f, c] of Object.entries(cols)) input.columns[f as FieldKey] = found.columns[c as number];
  return { result: classify(input, { today: TODAY }), mapping: cols };
}

export async function findAndClassify(adapter: ReturnType<typeof adapterFor>, extra: Partial<ApplyRequest> = {}): Promise<ApplyRequest> {
  const table = await adapter.findCustomerTable();
  const { result, mapping } = classifyFound(table);
  return { table, mapping, result, lang: "zh", ...extra };
}

/** Everything a user could see on a sheet: cells (value, formula, format, fill, font), widths. */
export function sheetState(sheet: SheetState): string {
  const cells = [...sheet.cells.entries()]
    .filter(([, c]) => c.value !== "" || c.formula || c.numberFormat !== "General" || c.fill || c.fontColor || c.bold)
    .map(([k, c]: [string, FakeCell]) => [k, c.value, c.formula ?? null, c.numberFormat, c.fill ?? null, c.fontColor ?? null, c.bold ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const widths = [...sheet.widths.entries()].filter(([, w]) => w !== 64).sort((a, b) => a[0] - b[0]);
  return JSON.stringify({ cells, widths });
}

export function workbookState(host: FakeHost): string {
  return JSON.stringify({
    sheets: host.sheets.map((s) => [s.name, s.visibility, sheetState(s)]),
    tables: host.tables.map((t) => [t.name, t.block]),
    active: host.active,
  });
}

/** True when any string anywhere in the object is office-addin-mock's "not loaded" marker. */
export function leaksNotLoaded(x: unknown): boolean {
  return JSON.stringify(x ?? null).includes(NOT_LOADED);
}
