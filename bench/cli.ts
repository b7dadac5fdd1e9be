/**
 * Benchmark of crm-classify on Excel's maximum sheet (1,048,575 customers + header), 25 columns
 * as a CRM export has them, against what an analyst would write instead, in the same run:
 *
 *   - CSV → CSV: the CLI vs a pandas script (read_csv, ABC by cumulative value share, growth
 *     tiers, a next-contact date, to_csv), run with Debian's python3-pandas; skipped with a
 *     note when python3 cannot import pandas (`apt-get install python3-pandas`).
 *   - XLSX → XLSX: the CLI vs the fastest reader + writer measured here: our zlib + saxes reader
 *     and direct sheet-XML writer with nothing else (a copy of the sheet), and exceljs's
 *     streaming reader + writer.
 *
 * Wall time, rows/s and peak memory (max RSS, GNU time) of each in a child process. Inputs are
 * generated deterministically into a temp dir, removed afterwards. Each run starts after `sync`,
 * so no run pays for writing back the previous run's output or the generated inputs (since
 * 2026-12-04; before, the CLI ran right after 335 MB of inputs were written and pandas right
 * after the CLI's 380 MB output).
 *
 *   npm run bench:cli [-- --rows 100000] [-- --keep] [-- --exceljs | --no-exceljs] [-- --csv-only] [-- --pairs 3]
 *   (the exceljs baseline runs by default only up to 200,000 rows; --csv-only: CLI and pandas
 *   CSV → CSV only, a few minutes shorter; --pairs: how many times the CLI and pandas take turns
 *   on CSV → CSV, 3 by default, each shown by its median run — since 2026-12-05, one run each before)
 *
 * Not part of `npm test`. Figures depend on the machine's load: read the ratios.
 */
import { spawnSync } from "child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { loadavg, tmpdir } from "os";
import * as path from "path";
import { mulberry32 } from "../scripts/prng";
import { XlsxWriter, type OutCell } from "../src/cli/xlsxWriter";

const MAX_ROWS = 1_048_575;
const HEADERS = [
  "客户编号", "客户名称", "销售额", "上期销售额", "毛利率", "订单数", "最近下单日期", "最近联系日期", "熟悉程度", "平均逾期天数",
  "区域", "负责销售", "联系人", "联系电话", "邮箱", "地址", "行业", "客户来源", "备注", "创建日期",
  "城市", "省份", "客户类型", "信用等级", "网址",
];
const ANCHOR_DAY = 20_758; // 2026-11-01
const TODAY = "2026-11-22";
const REGIONS = ["华东", "华南", "华北", "西南", "东北"];
const OWNERS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆"];
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
      REGIONS[i % 5],
      OWNERS[i % 6],
      `联系人${i % 997}`,
      `138${String(i).padStart(8, "0")}`,
      `c${i}@example.com`,
      `某某路${i % 1000}号`,
      i % 3 ? "制造" : "贸易",
      i % 2 ? "展会" : "转介绍",
      i % 50 === 0 ? "重点跟进, 年底续约" : null,
      iso(ANCHOR_DAY - 400 - (i % 300)),
      "杭州",
      "浙江",
      i % 4 ? "企业" : "个人",
      ["A", "B", "C"][i % 3],
      i % 10 === 0 ? `https://example.com/${i}` : null,
    ];
  }
}

const csvField = (v: string | number | null) => {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeCsvInput(file: string, n: number): Promise<void> {
  const ws = createWriteStream(file);
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((res) => ws.once("drain", () => res())));
  await write("\uFEFF" + HEADERS.join(",") + "\n");
  let buf = "";
  let k = 0;
  for (const row of rows(n)) {
    buf += row.map(csvField).join(",") + "\n";
    if (++k % 5000 === 0) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
}

async function writeXlsxInput(file: string, n: number): Promise<void> {
  const wb = new XlsxWriter(file);
  const date = wb.style({ numFmt: "yyyy-mm-dd" });
  const styles = HEADERS.map((_, c) => (c === 6 || c === 7 || c === 19 ? date : 0));
  await wb.sheet({ name: "客户" }, async (w) => {
    await w.row(1, HEADERS);
    let r = 2;
    for (const row of rows(n)) {
      const cells: OutCell[] = row.map((v, c) => (typeof v === "string" && styles[c] ? new Date(`${v}T00:00:00Z`) : v));
      const p = w.row(r++, cells, styles);
      if (p) await p;
    }
  });
  await wb.close();
}

/** The analyst's pandas script: the same idea as the CLI's core in a few lines. */
const PANDAS_SCRIPT = `
import sys, pandas as pd
src, out, today = sys.argv[1], sys.argv[2], pd.Timestamp(sys.argv[3])
df = pd.read_csv(src, encoding="utf-8-sig", dtype={"客户编号": str})
value = df["销售额"] * df["毛利率"]
order = value.sort_values(ascending=False)
before = order.cumsum().shift(fill_value=0) / order.sum()
abc = pd.Series("C", index=order.index)
abc[before < 0.95] = "B"
abc[before < 0.8] = "A"
df["ABC分类"] = abc
growth = df["销售额"] / df["上期销售额"] - 1
tier = pd.Series("一般客户", index=df.index)
tier[growth >= 0.3] = "后起之秀"
tier[df["ABC分类"] == "A"] = "天王巨星"
tier[growth <= -0.3] = "明日黄花"
tier[value.isna()] = "数据不足"
df["价值等级"] = tier
df["价值占比"] = value / value.sum()
last = pd.to_datetime(df["最近联系日期"], errors="coerce")
df["下次联系日期"] = (last + pd.Timedelta(days=30)).fillna(today).dt.strftime("%Y-%m-%d")
df.to_csv(out, index=False, encoding="utf-8-sig")
`;

interface Measure {
  label: string;
  seconds: number;
  peakMb: number | null;
  status: number | null;
  stderr: string;
}

/** Runs a command in a child process under GNU time (max RSS) when present. */
function measure(label: string, cmd: string, args: string[]): Measure {
  // Every run starts with nothing waiting to be written back: otherwise a run pays for the disk
  // writes of the one before it (or of the generated inputs), whichever tool that was.
  spawnSync("sync");
  const haveTime = existsSync("/usr/bin/time");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(haveTime ? "/usr/bin/time" : cmd, haveTime ? ["-v", cmd, ...args] : args, {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  return {
    label,
    seconds,
    peakMb: m ? Number(m[1]) / 1024 : null,
    status: r.status,
    stderr: (r.stderr ?? "").split("\n").filter((l) => l && !/^\s/.test(l) && !l.startsWith("Command")).slice(0, 5).join("\n"),
  };
}

/** The run with the median wall time (the upper one of an even count). */
function median(ms: Measure[]): Measure {
  return [...ms].sort((a, b) => a.seconds - b.seconds)[Math.floor(ms.length / 2)];
}

const BIN = path.join(__dirname, "..", "bin", "crm-classify.js");
const runCli = (label: string, args: string[]) => measure(label, process.execPath, [BIN, ...args]);

/** A python3 that can import pandas: Debian's first (a pyenv python3 on PATH may lack it). */
function pythonWithPandas(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(py, ["-c", "import pandas"], { encoding: "utf8" }).status === 0) return py;
  }
  return null;
}

/**
 * Builds the bundle first: bin/crm-classify.js runs the TypeScript sources through tsx, without
 * its worker threads, when a source is newer than the bundle, and a bench right after an edit
 * measured that (5.4 s instead of 3.9 s on 1 M rows, 2026-12-05). Measured is what `npm ci` builds.
 */
function buildCli(): void {
  const r = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: path.join(__dirname, ".."), stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build:cli failed: the CLI's bundle is needed to measure it");
}

async function main(): Promise<void> {
  buildCli();
  const i = process.argv.indexOf("--rows");
  const n = i > 0 ? Number(process.argv[i + 1]) : MAX_ROWS;
  const keep = process.argv.includes("--keep");
  const csvOnly = process.argv.includes("--csv-only");
  const p = process.argv.indexOf("--pairs");
  const pairs = p > 0 ? Math.max(1, Number(process.argv[p + 1])) : 3;
  const dir = mkdtempSync(path.join(tmpdir(), "crm-bench-"));
  const mb = (f: string) => (statSync(f).size / 1048576).toFixed(1);
  try {
    const csv = path.join(dir, "customers.csv");
    const xlsx = path.join(dir, "customers.xlsx");
    let t = Date.now();
    await writeCsvInput(csv, n);
    console.log(`generated ${csv}: ${n} rows × ${HEADERS.length} columns, ${mb(csv)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (!csvOnly) {
      t = Date.now();
      await writeXlsxInput(xlsx, n);
      console.log(`generated ${xlsx}: ${mb(xlsx)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }

    const runs: Measure[] = [];
    // CSV → CSV: the CLI and pandas take turns, PAIRS times; each is shown by its median run, and
    // the speed-up is the ratio of the medians (one pair alone moved ±8 % with the machine's load).
    const python = pythonWithPandas();
    const script = path.join(dir, "analyst.py");
    if (python) writeFileSync(script, PANDAS_SCRIPT);
    const cliRuns: Measure[] = [];
    const pandasRuns: Measure[] = [];
    const outCsv = path.join(dir, "out.csv");
    const outPandas = path.join(dir, "pandas.csv");
    for (let k = 0; k < pairs; k++) {
      rmSync(outCsv, { force: true });
      cliRuns.push(runCli("CLI    CSV  → CSV ", [csv, "--out", outCsv, "--today", TODAY]));
      if (!python) continue;
      rmSync(outPandas, { force: true });
      pandasRuns.push(measure("pandas CSV  → CSV ", python, [script, csv, outPandas, TODAY]));
    }
    const cliCsv = median(cliRuns);
    runs.push(cliCsv);
    const pandas = python ? median(pandasRuns) : null;
    if (pandas) runs.push(pandas);
    const xlsxRuns = csvOnly ? null : runXlsx(n, xlsx, csv, dir, runs);
    console.log(`\n${n} customers × ${HEADERS.length} columns (node ${process.version}); figures as measured, machine load varies`);
    console.log(`load average (1, 5, 15 min) at the end: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
    console.log("run                                                               wall time      rows/s   peak memory   exit");
    for (const m of runs) {
      const peak = m.peakMb === null ? "n/a" : `${m.peakMb.toFixed(0)} MB`;
      console.log(
        `${m.label.padEnd(64)} ${m.seconds.toFixed(1).padStart(7)} s ${Math.round(n / m.seconds).toString().padStart(10)} ${peak.padStart(11)}   ${m.status}`,
      );
      if (m.status !== 0) console.log(`  stderr: ${m.stderr}`);
    }
    if (pandas && pandas.status === 0) {
      const times = (ms: Measure[]) => ms.map((m) => m.seconds.toFixed(1)).join(", ");
      const ratios = pandasRuns.map((p, k) => p.seconds / cliRuns[k].seconds).sort((a, b) => a - b);
      console.log(`CSV → CSV runs in turn (s): CLI ${times(cliRuns)}; pandas ${times(pandasRuns)} (each shown above by its median)`);
      console.log(
        `CLI/pandas (CSV → CSV speed-up, median of ${pairs} runs each): ${(pandas.seconds / cliCsv.seconds).toFixed(2)}× ` +
          `(pair by pair ${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}×)`,
      );
    }
    else console.log("CLI/pandas: skipped (python3 with pandas not found: apt-get install python3-pandas)");
    if (xlsxRuns) {
      const { cliXlsx, copy, exceljs } = xlsxRuns;
      const best = [copy, exceljs].filter((m): m is Measure => m !== null && m.status === 0).sort((a, b) => a.seconds - b.seconds)[0];
      if (best) console.log(`CLI XLSX / best measured reader+writer: ${(cliXlsx.seconds / best.seconds).toFixed(2)}× (best: ${best.label.trim()})`);
    }
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The XLSX runs: the CLI, the reader + writer baselines, and CSV → XLSX. */
function runXlsx(n: number, xlsx: string, csv: string, dir: string, runs: Measure[]) {
  const cliXlsx = runCli("CLI    XLSX → XLSX", [xlsx, "--out", path.join(dir, "out.xlsx"), "--today", TODAY]);
  runs.push(cliXlsx);
  const copy = measure("copy   XLSX → XLSX (zlib+saxes reader, direct writer, no engine)", process.execPath, [
    "--import", "tsx", path.join(__dirname, "xlsxCopy.ts"), "ours", xlsx, path.join(dir, "copy.xlsx"),
  ]);
  runs.push(copy);
  let exceljs: Measure | null = null;
  // exceljs holds a 1 M-row copy in several GB and minutes: by default only on small runs.
  const withExceljs = process.argv.includes("--exceljs") || (n <= 200_000 && !process.argv.includes("--no-exceljs"));
  if (withExceljs) {
    exceljs = measure("copy   XLSX → XLSX (exceljs streaming reader + writer)", process.execPath, [
      "--max-old-space-size=4096", "--import", "tsx", path.join(__dirname, "xlsxCopy.ts"), "exceljs", xlsx, path.join(dir, "copy2.xlsx"),
    ]);
    runs.push(exceljs);
  }
  runs.push(runCli("CLI    CSV  → XLSX", [csv, "--out", path.join(dir, "out2.xlsx"), "--today", TODAY]));
  return { cliXlsx, copy, exceljs };
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
