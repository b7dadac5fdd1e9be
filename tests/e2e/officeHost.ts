/**
 * The e2e page's second simulated host: engineer T1's real Office.js adapter
 * (createOfficeAdapter) running over the strict Excel double of tests/excel/fakeExcel.ts.
 * window.__SIM_SHEET__.grid() reads the fake sheet back for assertions.
 */
import { createOfficeAdapter } from "../../src/excel/officeAdapter";
import type { DocumentSettings } from "../../src/excel/settingsStorage";
import { FakeHost, putGrid, readGrid } from "../excel/fakeExcel";

export function install(grid: unknown[][], uiLanguage: string, sheetName: string): void {
  const host = new FakeHost();
  const sheet = host.addSheet(sheetName);
  host.active = sheetName;
  host.select(sheetName, "A1");
  putGrid(sheet, "A1", grid);
  const store = new Map<string, unknown>();
  const documentSettings: DocumentSettings = {
    get: (k) => store.get(k) ?? null,
    set: (k, v) => void store.set(k, v),
    saveAsync: (cb) => cb?.({ status: "succeeded" }),
  };
  const adapter = createOfficeAdapter({
    run: ((options: { delayForCellEdit?: boolean }, batch: (c: unknown) => Promise<unknown>) => host.run(options, batch as never)) as never,
    setCheck: (name, version) => host.isSetSupported(name, version),
    documentSettings: () => documentSettings,
    displayLanguage: () => uiLanguage,
  });
  const w = window as unknown as Record<string, unknown>;
  w.__CRM_TEST_ADAPTER__ = adapter;
  w.__SIM_SHEET__ = { grid: (address: string) => readGrid(sheet, address), host };
}
