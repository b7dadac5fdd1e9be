/**
 * Benchmark of crm-classify on Excel's maximum sheet (1,048,575 customers + header), as
 * CSV and as XLSX: wall time and peak memory (max RSS) of the CLI in a child process.
 * Inputs are generated deterministically (streamed) into a temp dir, removed afterwards.
 *
 *   npm run bench:cli [-- --rows 100000] [-- --keep]
 *
 * Not part of `npm test`.
 */
import { spawnSync } from "child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { mulberry32 } from "../scripts/prng";

const MAX_ROWS = 1_048_575;
const HEADERS = ["客户编号", "客户名称", "销售额", "上期销售额", "毛利率", "订单数", "最近下单日期", "最近联系日期", "熟悉程度", "平均逾期天数"];
const ANCHOR_DAY = 20_758; // 2026-11-01
const TODAY = "2026-11-22";


const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Row i of the synthetic table (the same for CSV and XLSX). */
function* rows(n: number): Generator<(string | number | null)[]> {
  const r = mulberry32(42);
  for (let i = 0; i < n; i++) {
    const revenue = Math.round(10_000 / Math.pow(1 - r() * 0.999, 1 / 0.9));
    yield [
      `C${String(i + 1).padStart(7, "0")}`,
      `客户${i + 1}有限公司`,
      revenue,
      r() < 0.1 ? null : Math.round(revenue / (0.6 + r())),
      Math.round((0.05 + r() * 0.4) * 1000) / 1000,
      1 + Math.floor(r() * 40),
      iso(ANCHOR_DAY - Math.floor(r() * r() * 400)),
      r() < 0.2 ? null : iso(ANCHOR_DAY - Math.floor(r() * 120)),
      r() < 0.3 ? null : 1 + Math.floor(r() * 5),
      r() < 0.3 ? null : Math.floor(r() * r() * 60),
    ];
  }
}

async function writeCsvInput(file: string, n: number): Promise<void> {
  const ws = createWriteStream(file);
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((res) => ws.once("drain", () => res())));
  await write("\uFEFF" + HEADERS.join(",") + "\n");
  let buf = "";
  let k = 0;
  for (const row of rows(n)) {
    buf += row.map((v) => (v === null ? "" : String(v))).join(",") + "\n";
    if (++k % 5000 === 0) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
}

async function writeXlsxInput(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet("客户");
  ws.addRow(HEADERS).commit();
  const dateStyle = { numFmt: "yyyy-mm-dd" };
  for (const row of rows(n)) {
    const values = row.map((v, c) => (typeof v === "string" && (c === 6 || c === 7) ? new Date(`${v}T00:00:00Z`) : v));
    const xr = ws.addRow(values);
    if (values[6] instanceof Date) xr.getCell(7).style = dateStyle;
    if (values[7] instanceof Date) xr.getCell(8).style = dateStyle;
    xr.commit();
  }
  ws.commit();
  await wb.commit();
}

interface Measure {
  label: string;
  seconds: number;
  peakMb: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in a child process under GNU time (max RSS) when present. */
function runCli(label: string, args: string[]): Measure {
  const bin = path.join(__dirname, "..", "bin", "crm-classify.js");
  const haveTime = existsSync("/usr/bin/time");
  const cmd = haveTime ? "/usr/bin/time" : process.execPath;
  const argv = haveTime ? ["-v", process.execPath, bin, ...args] : [bin, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  return {
    label,
    seconds,
    peakMb: m ? Number(m[1]) / 1024 : null,
    status: r.status,
    stdout: r.stdout,
    stderr: (r.stderr ?? "").split("\n").filter((l) => l && !/^\s/.test(l) && !l.startsWith("Command")).join("\n"),
  };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--rows");
  const n = i > 0 ? Number(process.argv[i + 1]) : MAX_ROWS;
  const keep = process.argv.includes("--keep");
  const dir = mkdtempSync(path.join(tmpdir(), "crm-bench-"));
  const mb = (f: string) => (statSync(f).size / 1048576).toFixed(1);
  try {
    const csv = path.join(dir, "customers.csv");
    const xlsx = path.join(dir, "customers.xlsx");
    let t = Date.now();
    await writeCsvInput(csv, n);
    console.log(`generated ${csv}: ${n} rows, ${mb(csv)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await writeXlsxInput(xlsx, n);
    console.log(`generated ${xlsx}: ${n} rows, ${mb(xlsx)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const runs: Measure[] = [
      runCli("CSV  → CSV ", [csv, "--out", path.join(dir, "out.csv"), "--today", TODAY]),
      runCli("XLSX → XLSX", [xlsx, "--out", path.join(dir, "out.xlsx"), "--today", TODAY]),
      runCli("CSV  → XLSX", [csv, "--out", path.join(dir, "out2.xlsx"), "--today", TODAY]),
    ];
    console.log(`\ncrm-classify on ${n} customers × ${HEADERS.length} columns (node ${process.version})`);
    console.log("run           wall time   peak memory (max RSS)   exit");
    for (const m of runs) {
      const peak = m.peakMb === null ? "n/a (no /usr/bin/time)" : `${m.peakMb.toFixed(0)} MB`;
      console.log(`${m.label}   ${m.seconds.toFixed(1).padStart(7)} s   ${peak.padStart(21)}   ${m.status}`);
      if (m.status !== 0) console.log(`  stderr: ${m.stderr}`);
    }
    for (const f of ["out.csv", "out.xlsx", "out2.xlsx"]) {
      const p = path.join(dir, f);
      if (existsSync(p)) console.log(`output ${f}: ${mb(p)} MB`);
    }
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
