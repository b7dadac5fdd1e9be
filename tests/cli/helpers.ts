/** Shared helpers for the CLI tests: run in-process, read outputs back, temp dirs. */
import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { run } from "../../src/cli/main";

export const FIXTURES = path.join(__dirname, "fixtures");
export const fixture = (name: string) => path.join(FIXTURES, name);

export interface RunOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<RunOutcome> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "crm-cli-"));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The CSV output as raw text and as records (BOM removed for parsing). */
export function readCsvOut(file: string): { raw: Buffer; rows: string[][] } {
  const raw = readFileSync(file);
  const rows = parse(raw.toString("utf8").replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
  return { raw, rows };
}

/** A workbook read back with the in-memory reader (outputs in tests are small). */
export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Row r (1-based) of a worksheet as an array of cell values (0-based columns). */
export function rowValues(ws: ExcelJS.Worksheet, r: number, columns: number): ExcelJS.CellValue[] {
  const row = ws.getRow(r);
  return Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value);
}
