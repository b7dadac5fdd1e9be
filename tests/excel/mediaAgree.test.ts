/**
 * The task pane's sheet and the CLI's workbook, built from the same customer table, agree on
 * every output column's header, number format, width and fill, and on the Summary sheet
 * (cells, formats, fills, the Pareto block): both are thin writers over src/engine/report.
 * The pane writes through the Excel test double; the CLI writes a real .xlsx, read back with
 * exceljs.
 */
import ExcelJS from "exceljs";
import { widthInPoints } from "../../src/engine/report/columns";
import { SUMMARY_SHEET_NAME } from "../../src/engine/report/summarySheet";
import { WORKLIST_COLUMNS, WORKLIST_SHEET_NAME } from "../../src/engine/report/worklist";
import { readGrid, type SheetState } from "./fakeExcel";
import { adapterFor, CUSTOMERS, findAndClassify, workbook } from "./helpers";
import { readWorkbook, runCli, tempDir } from "../cli/helpers";

const ROWS = 40; // the Summary sheet and its Pareto block fit
const COLS = 11; // A..K

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Cell = string | number | null;

async function paneSheets(): Promise<{ sheet: SheetState; summary: SheetState; worklist: SheetState }> {
  const { host, sheet } = workbook();
  const adapter = adapterFor(host);
  await adapter.apply(await findAndClassify(adapter));
  return { sheet, summary: host.sheet(SUMMARY_SHEET_NAME.zh), worklist: host.sheet(WORKLIST_SHEET_NAME.zh) };
}

async function cliWorkbook(): Promise<ExcelJS.Workbook> {
  const input = tmp.file("customers.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const row of CUSTOMERS) ws.addRow(row.map((v) => (v === "" ? null : v)) as ExcelJS.CellValue[]);
  await wb.xlsx.writeFile(input);
  const out = tmp.file("out.xlsx");
  const r = await runCli([input, "--out", out, "--today", "2026-03-15"]);
  expect(r.stderr).toBe("");
  return readWorkbook(out);
}

/** An exceljs value as the pane's double holds it: dates as serials, blanks null. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Math.round(v.getTime() / 86_400_000) + 25569;
  return v as Cell;
}
const hexOf = (c: ExcelJS.Cell): string | null => {
  const argb = (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
  return argb ? "#" + argb.slice(2) : null;
};

describe("the pane's sheet and the CLI's workbook agree", () => {
  let pane: { sheet: SheetState; summary: SheetState; worklist: SheetState };
  let cli: ExcelJS.Workbook;
  beforeAll(async () => {
    pane = await paneSheets();
    cli = await cliWorkbook();
  });

  test("output columns: headers, number formats, widths, tier fills", () => {
    const paneHeader = readGrid(pane.sheet, "A1:Z1")[0];
    const p0 = paneHeader.indexOf("价值等级");
    const ws = cli.getWorksheet("Sheet1")!;
    const cliHeader = Array.from({ length: 26 }, (_, c) => ws.getRow(1).getCell(c + 1).value);
    const c0 = cliHeader.indexOf("价值等级");
    expect(p0).toBeGreaterThan(0);
    expect(c0).toBe(p0); // the same input columns, then ours
    expect(cliHeader.slice(c0, c0 + 14)).toEqual(paneHeader.slice(p0, p0 + 14));
    for (let k = 0; k < 14; k++) {
      for (let r = 1; r <= 5; r++) {
        expect([k, r, ws.getRow(r + 1).getCell(c0 + k + 1).numFmt ?? "General"]).toEqual([
          k,
          r,
          pane.sheet.cell(r, p0 + k)!.numberFormat,
        ]);
      }
      expect(widthInPoints(ws.getColumn(c0 + k + 1).width!)).toBe(pane.sheet.widths.get(p0 + k));
    }
    // Tier fills: the pane's conditional formats (tier text → colour) and the CLI's cell fills.
    const paneFill = (tier: unknown) =>
      pane.sheet.conditionalFormats.find((f) => (f.rule as { formula1: string }).formula1 === `="${tier}"`)
        ?.fill ?? null;
    for (let r = 1; r <= 5; r++) {
      const tier = pane.sheet.cell(r, p0)!.value;
      expect(ws.getRow(r + 1).getCell(c0 + 1).value).toBe(tier);
      expect([tier, hexOf(ws.getRow(r + 1).getCell(c0 + 1))]).toEqual([tier, paneFill(tier)]);
    }
  });

  test("the Summary sheet: same name, cells, formats and fills", () => {
    const s = cli.getWorksheet(SUMMARY_SHEET_NAME.zh)!;
    expect(s).toBeDefined();
    let compared = 0;
    let filled = 0;
    for (let r = 0; r < ROWS; r++) {
      for (let c = 0; c < COLS; c++) {
        const p = pane.summary.cell(r, c);
        const x = s.getRow(r + 1).getCell(c + 1);
        const pv = p === undefined || p.value === "" ? null : p.value;
        expect([r, c, plain(x.value)]).toEqual([r, c, pv]);
        if (pv === null) continue;
        expect([r, c, x.numFmt ?? "General"]).toEqual([r, c, p!.numberFormat]);
        expect([r, c, hexOf(x)]).toEqual([r, c, p!.fill ?? null]);
        compared++;
        if (p!.fill) filled++;
      }
    }
    // Not vacuous: headline, tier and ABC tables, top 10, Pareto block; four tier fills (一般客户 has none).
    expect(compared).toBeGreaterThan(60);
    expect(filled).toBe(4);
  });

  test("the Worklist sheet: same customers in the same order, same cells in the model's columns", () => {
    // The pane's sheet has a title line first (date and days); the CLI's starts at its header.
    const n = WORKLIST_COLUMNS.length;
    const w = cli.getWorksheet(WORKLIST_SHEET_NAME.zh)!;
    expect(w).toBeDefined();
    const paneRow = (r: number) =>
      Array.from({ length: n }, (_, c) => {
        const v = pane.worklist.cell(r + 1, c)?.value;
        return v === undefined || v === "" ? null : v;
      });
    const cliRow = (r: number) =>
      Array.from({ length: n }, (_, c) => plain(w.getRow(r + 1).getCell(c + 1).value));
    expect(cliRow(0)).toEqual(paneRow(0)); // headers
    let rows = 0;
    while (paneRow(rows + 1).some((v) => v !== null)) {
      expect([rows, cliRow(rows + 1)]).toEqual([rows, paneRow(rows + 1)]);
      rows++;
    }
    expect(cliRow(rows + 1).every((v) => v === null)).toBe(true);
    expect(rows).toBeGreaterThan(2); // not vacuous
  });
});
