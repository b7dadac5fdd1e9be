/**
 * The XLSX baselines of bench/cli.ts: read a sheet and write its cells to a new workbook,
 * nothing else — the least a reader + writer pair can do.
 *
 *   tsx bench/xlsxCopy.ts ours|exceljs <in.xlsx> <out.xlsx>
 */
import ExcelJS from "exceljs";
import { readSharedStrings, readStyles, readWorkbookInfo } from "../src/cli/xlsxParts";
import { readSheetRows } from "../src/cli/xlsxSheet";
import { XlsxWriter, type OutCell } from "../src/cli/xlsxWriter";
import { ZipReader } from "../src/cli/zip";

async function ours(input: string, output: string): Promise<void> {
  const zip = await ZipReader.open(input);
  const info = await readWorkbookInfo(zip);
  const ctx = { sharedStrings: await readSharedStrings(zip), styles: await readStyles(zip), date1904: info.date1904 };
  // Rows are held, as the CLI holds its table, then written.
  const rows: OutCell[][] = [];
  await readSheetRows(zip, info.sheets[0].path, ctx, (row) => {
    const cells: OutCell[] = [];
    for (const c of row.cells) cells[c.col] = (c.original as OutCell) ?? c.value;
    rows.push(cells);
  });
  await zip.close();
  const wb = new XlsxWriter(output);
  await wb.sheet(
    { name: info.sheets[0].name },
    async (w) => {
      for (let r = 0; r < rows.length; r++) {
        const p = w.row(r + 1, rows[r]);
        if (p) await p;
      }
    },
    1,
  );
  await wb.close();
}

async function exceljs(input: string, output: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", styles: "cache", worksheets: "emit" });
  const rows: ExcelJS.CellValue[][] = [];
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    break;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet("copy");
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

const [mode, input, output] = process.argv.slice(2);
(mode === "exceljs" ? exceljs : ours)(input, output).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
