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

/** A customer table with what makes §11 cells differ: problems (quoted), ties, blanks, duplicates. */
export function largeTableCsv(n: number): string {
  const lines = ["客户名称,销售额,上期销售额,毛利率,订单数,最近下单日期,最近联系日期,熟悉程度,负责销售"];
  for (let i = 0; i < n; i++) {
    const revenue = i % 97 === 0 ? "abc" : i % 89 === 0 ? "" : String(1000 + ((i * 7919) % 50000));
    const prev = i % 5 === 0 ? "" : String(800 + ((i * 104729) % 60000));
    const margin = i % 11 === 0 ? "" : `0.${10 + (i % 30)}`;
    const last = `2026-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const contact = i % 3 === 0 ? "" : `2026-${String(1 + (i % 10)).padStart(2, "0")}-15`;
    const name = i % 1000 === 999 ? "客户1号" : `客户${i}号`; // some duplicates
    lines.push([name, revenue, prev, margin, i % 40, last, contact, i % 6, `销售${i % 7}`].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
