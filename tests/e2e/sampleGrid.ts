/**
 * The bundled sample (assets/sample-customers.xlsx) as the grid Excel's Range.values would
 * give the pane: dates as serial numbers, formulas as their results, rich text as text.
 * The e2e uses it to look at the pane as a new user would: 200 customers, 25 columns.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";

const ROOT = path.resolve(__dirname, "../..");
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

type Cell = string | number | boolean | null;

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "object" && "result" in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "text" in v) return String((v as { text: unknown }).text);
  return null;
}

export async function sampleGrid(): Promise<{ sheetName: string; grid: Cell[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, "assets/sample-customers.xlsx"));
  const ws = wb.worksheets[0];
  const width = ws.columnCount;
  const grid: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(plain(row.getCell(c).value));
    grid[r - 1] = cells;
  });
  for (let r = 0; r < grid.length; r++) grid[r] ??= new Array<Cell>(width).fill(null);
  return { sheetName: ws.name, grid };
}
