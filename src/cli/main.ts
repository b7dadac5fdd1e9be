/**
 * `crm-classify`: classify a customer table (.xlsx or .csv) into a new file with the
 * METHOD.md §11 columns, and print a summary.
 *
 * Exit codes: 0 done (unreadable cells are reported in the Problems column and counted),
 * 1 input problem (file, sheet, headers, settings), 2 usage error.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { classify } from "../engine/classify";
import { todayLocal } from "../engine/days";
import { mapHeaders, mappingMessages, mapSummaryColumns, type HeaderMapping } from "../engine/headers";
import { analyseRhythm } from "../engine/rhythm/analyse";
import { settingsFromJson, DEFAULT_SETTINGS, type Settings } from "../engine/settings";
import { buildTableInput, columnNames } from "../engine/tableInput";
import type { Lang } from "../engine/types";
import { parseArgs, type CliOptions } from "./args";
import { ledgerToCustomers } from "./ledgerInput";
import { outputKinds, outputPlan } from "./outputPlan";
import { readCsv } from "./readCsv";
import { readXlsx } from "./readXlsx";
import { withoutOwnBlock } from "./ownColumns";
import { bilingual, CliError, engineColumn, groupColumn, type SheetData } from "./sheet";
import { formatSummary, summarizeRun } from "./summary";
import { RowTails, tailsJob } from "./rowTails";
import { writeCsv } from "./writeCsv";
import { writeXlsx } from "./writeXlsx";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress lines go to stderr only on a terminal. */
  isTTY?: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const parsed = parseArgs(argv, io.stdout);
    if (parsed.kind === "done") return 0;
    await classifyFile(parsed.options, io);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(e.message + "\n");
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(bilingual(`出错：${msg}`, `error: ${msg}`) + "\n");
    return 1;
  }
}

async function classifyFile(opts: CliOptions, io: CliIo): Promise<void> {
  await refuseSamePath(opts.input, opts.out);
  const settings = opts.settingsFile ? await loadSettings(opts.settingsFile) : { ...DEFAULT_SETTINGS };
  const today = opts.today ?? todayLocal();
  // CRM_CLASSIFY_TIMING=1: each phase's wall time on stderr (for benchmarks; see bench/cli.ts).
  const timing = process.env.CRM_CLASSIFY_TIMING === "1" ? phaseTimer(io) : null;
  const progress = (zh: string, en: string) => {
    if (io.isTTY) io.stderr(`\r\x1b[K${bilingual(zh, en)}`);
  };

  progress(`正在读取 ${opts.input}…`, `reading ${opts.input}…`);
  const read =
    opts.inputFormat === "xlsx"
      ? await readXlsx(opts.input, { sheet: opts.sheet })
      : await readCsv(opts.input);
  const { sheet: readSheet, dropped } = withoutOwnBlock(read);
  if (dropped > 0) {
    readSheet.notes.push(
      bilingual(
        "注意：输入中已有上次分级的结果列，已用本次结果替换",
        "note: the input holds the columns of an earlier run; they are replaced",
      ),
    );
  }
  for (const note of readSheet.notes) io.stderr((io.isTTY ? "\r\x1b[K" : "") + note + "\n");
  // A sales ledger (METHOD §12) becomes the customer sheet first; a customer table stays as read.
  const ledger = await ledgerToCustomers(readSheet, opts, today, settings);
  const sheet = ledger ? ledger.sheet : readSheet;
  if (ledger) {
    for (const line of ledger.problems) io.stderr((io.isTTY ? "\r\x1b[K" : "") + line + "\n");
    for (const line of ledger.report) io.stdout(line + "\n");
  }
  const mapping = checkHeaders(sheet);
  const lang: Lang = opts.lang ?? mapping.lang;
  // Two columns for one field (e.g. 销售额 and 本期销售额): say which one is used.
  for (const line of mappingMessages({ ...mapping, missing: [], unmapped: [] }, lang)) {
    io.stderr((io.isTTY ? "\r\x1b[K" : "") + (lang === "zh" ? "注意：" : "note: ") + line + "\n");
  }

  timing?.("reading");
  progress(`正在分级 ${sheet.rowCount} 位客户…`, `classifying ${sheet.rowCount} customers…`);
  // §13 (ledger only): each customer's buying rhythm; the columns follow §11's.
  const rhythm = ledger ? analyseRhythm(ledger.histories, settings) : undefined;
  const input = buildTableInput(
    {
      rowCount: sheet.rowCount,
      // Owner and region (no field): as the summaries group by them, merged cells counted for each row.
      column: (c, field) => (field ? engineColumn(sheet, c, field) : groupColumn(sheet, c)),
    },
    mapping,
    mapSummaryColumns(mapping.headers),
  );
  timing?.("engine columns");
  // A CSV's result in shared memory: its encoding worker (below) reads it without a copy.
  const resultMemory = opts.outFormat === "csv" ? (bytes: number) => new SharedArrayBuffer(bytes) : undefined;
  const result = classify(input, { today, settings, rhythm, resultMemory });
  timing?.("classifying");
  // A CSV's last rows are encoded on a worker thread; started now, it is ready by the time the
  // writer reaches them (the summary comes first).
  const tails =
    opts.outFormat === "csv"
      ? RowTails.start(tailsJob(result, lang, columnNames(mapping), outputKinds(result)), sheet.rowCount)
      : null;
  const summary = summarizeRun(result, lang);
  const plan = outputPlan(sheet, result, lang, columnNames(mapping), summary, {
    onProgress: io.isTTY
      ? (done) => progress(`已写出 ${done}/${sheet.rowCount} 行…`, `written ${done}/${sheet.rowCount} rows…`)
      : undefined,
  });
  timing?.("summary");
  progress(`正在写出 ${opts.out}…`, `writing ${opts.out}…`);
  try {
    if (opts.outFormat === "xlsx") await writeXlsx(opts.out, plan);
    else await writeCsv(opts.out, plan, { tails });
  } catch (e) {
    throw new CliError(
      1,
      bilingual(
        `无法写入输出文件 ${opts.out}：${(e as Error).message}`,
        `cannot write the output ${opts.out}: ${(e as Error).message}`,
      ),
    );
  }
  if (io.isTTY) io.stderr("\r\x1b[K");
  io.stdout(formatSummary(summary, lang, opts.out));
  timing?.("writing");
}

/** Logs how long the phase just ended took (from the process's start for the first). */
function phaseTimer(io: CliIo): (ended: string) => void {
  let t0 = 0; // performance.now() counts from the process's start
  return (ended) => {
    const t = performance.now();
    io.stderr(`timing: ${ended} ${(t - t0).toFixed(0)} ms\n`);
    t0 = t;
  };
}

/** The output must never overwrite the input (also through a symlink or a different spelling). */
async function refuseSamePath(input: string, out: string): Promise<void> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const same =
    path.resolve(input) === path.resolve(out) ||
    (await real(input)) === (await real(out)) ||
    (process.platform !== "linux" && path.resolve(input).toLowerCase() === path.resolve(out).toLowerCase());
  if (same) {
    throw new CliError(
      2,
      bilingual(
        `--out 不能与输入文件相同（${out}）：输入文件绝不会被修改`,
        `--out must differ from the input (${out}): the input is never modified`,
      ),
    );
  }
}

async function loadSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在 / not found" : (e as Error).message;
    throw new CliError(
      1,
      bilingual(`无法读取设置文件 ${file}`, `cannot read the settings file ${file}`) + `: ${why}`,
    );
  }
  const { settings, errors } = settingsFromJson(text.replace(/^\uFEFF/, ""));
  if (errors.length > 0) {
    throw new CliError(
      1,
      bilingual(
        `设置文件 ${file} 有误：${errors.map((e) => e.zh).join("；")}`,
        `bad settings file ${file}: ${errors.map((e) => e.en).join("; ")}`,
      ),
    );
  }
  return settings;
}

/** Header row checks: there is one, it names the customer and a value measure, there is data. */
function checkHeaders(sheet: SheetData): HeaderMapping {
  const where = sheet.format === "xlsx" ? `工作表“${sheet.sheetName}”` : sheet.sheetName;
  const whereEn = sheet.format === "xlsx" ? `the sheet "${sheet.sheetName}"` : sheet.sheetName;
  const texts = sheet.headers.filter((h): h is string => typeof h === "string" && h.trim() !== "");
  // A first row of numbers (also numbers read as text from a CSV) is data, not a header.
  if (texts.every((t) => /^[-+]?[\d.,%¥$]+$/.test(t.trim()))) {
    throw new CliError(
      1,
      bilingual(
        `${where} 第 ${sheet.headerRowNumber} 行不是表头（没有任何列名）：第一行应为“客户名称、销售额…”等列名`,
        `${whereEn} has no header row (row ${sheet.headerRowNumber} holds no column names); the first row must name the columns, e.g. Customer, Revenue`,
      ),
    );
  }
  const mapping = mapHeaders(sheet.headers);
  const shown = texts.slice(0, 12).join("、") + (texts.length > 12 ? "…" : "");
  if (mapping.missing.includes("name")) {
    throw new CliError(
      1,
      bilingual(
        `${where} 缺少客户名称列（客户名称/客户/公司名称，或客户编号）；找到的列：${shown}`,
        `${whereEn} has no customer name or ID column (Customer, Name, Company or Customer ID); columns found: ${texts.join(", ")}`,
      ),
    );
  }
  if (mapping.missing.includes("value")) {
    throw new CliError(
      1,
      bilingual(
        `${where} 缺少价值列（销售额/本期销售额，或毛利）；找到的列：${shown}`,
        `${whereEn} has no value column (Revenue/Sales or Gross profit); columns found: ${texts.join(", ")}`,
      ),
    );
  }
  if (sheet.rowCount === 0) {
    throw new CliError(
      1,
      bilingual(`${where} 只有表头，没有客户数据`, `${whereEn} has a header row but no customer rows`),
    );
  }
  return mapping;
}

export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(String(e) + "\n");
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
