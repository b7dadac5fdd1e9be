/**
 * The command line of `crm-classify` (commander), checked into a `CliOptions` or a usage
 * error (exit 2) with one bilingual line.
 */
import { Command, CommanderError } from "commander";
import * as path from "path";
import { parseIsoDay } from "../engine/days";
import type { DayNumber, Lang } from "../engine/types";
import { bilingual, CliError } from "./sheet";

export type FileFormat = "csv" | "xlsx";

export interface CliOptions {
  input: string;
  inputFormat: FileFormat;
  out: string;
  outFormat: FileFormat;
  sheet?: string;
  /** Undefined: the machine's local date. */
  today?: DayNumber;
  /** Undefined: follow the input's headers. */
  lang?: Lang;
  settingsFile?: string;
  /** --input: read the table as a sales ledger or a customer table (undefined: detect, METHOD §12). */
  inputKind?: "ledger" | "customers";
  /** --customers: a customer list joined to a ledger (METHOD §12). */
  customersFile?: string;
}

/** What the user asked for: a run, or help/version text already printed. */
export type ParsedArgs = { kind: "run"; options: CliOptions } | { kind: "done" };

export const USAGE_ZH =
  "用法：crm-classify <输入.xlsx|.csv> --out <输出.xlsx|.csv> [--sheet 名称] [--today YYYY-MM-DD] [--lang zh|en] [--settings 设置.json] [--input ledger|customers] [--customers 客户清单.xlsx]";

export function formatOf(file: string): FileFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  return null;
}

function usage(zh: string, en: string): CliError {
  return new CliError(2, bilingual(zh, en));
}

export function parseArgs(argv: readonly string[], out: (s: string) => void): ParsedArgs {
  const program = new Command("crm-classify")
    .description(
      "客户分级助手：为客户表加上价值等级、关系水平和下一步行动 / CRM Tiers: classify a customer table",
    )
    .argument("<input>", "输入文件 .xlsx 或 .csv / input file")
    .option("-o, --out <file>", "输出文件 .xlsx 或 .csv（按扩展名）/ output file, format by extension")
    .option("--sheet <name>", "要读取的工作表（默认第一个）/ worksheet to read (default: the first)")
    .option("--today <date>", "评估日期 YYYY-MM-DD（默认今天）/ evaluation date (default: today)")
    .option("--lang <lang>", "输出语言 zh|en（默认跟随表头）/ output language (default: the headers')")
    .option("--settings <file>", "设置文件（JSON）/ settings file (JSON)")
    .option(
      "--input <kind>",
      "输入是订单明细（ledger）还是客户表（customers），默认自动判断 / read the input as a sales ledger or a customer table (default: detect)",
    )
    .option(
      "--customers <file>",
      "与订单明细合并的客户清单 .xlsx 或 .csv / customer list to join with a ledger",
    )
    .helpOption("-h, --help", "显示帮助 / show help")
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: () => undefined })
    .addHelpText("before", USAGE_ZH + "\n");
  try {
    program.parse(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return { kind: "done" };
      const detail = e.message.replace(/^error:\s*/, "");
      throw usage(`命令行有误：${detail}。${USAGE_ZH}`, `usage error: ${detail} (see --help)`);
    }
    throw e;
  }
  const o = program.opts<RawOptions>();
  const input = program.args[0];
  return { kind: "run", options: checkOptions(input, o) };
}

/** The options as commander parsed them, before they are checked. */
interface RawOptions {
  out?: string;
  sheet?: string;
  today?: string;
  lang?: string;
  settings?: string;
  input?: string;
  customers?: string;
}

function checkOptions(input: string, o: RawOptions): CliOptions {
  const inputFormat = formatOf(input);
  if (path.extname(input).toLowerCase() === ".xls") {
    throw usage(
      `不支持旧版 .xls 文件 ${input}：请在 Excel 中另存为 .xlsx`,
      `old .xls files are not supported (${input}): save it as .xlsx in Excel`,
    );
  }
  if (!inputFormat) {
    throw usage(`输入文件 ${input} 应为 .xlsx 或 .csv`, `the input ${input} must be an .xlsx or .csv file`);
  }
  if (!o.out) throw usage(`缺少 --out 输出文件。${USAGE_ZH}`, "missing --out <output.xlsx|.csv>");
  const outFormat = formatOf(o.out);
  if (
    outFormat === null ||
    path.extname(o.out).toLowerCase() === ".txt" ||
    path.extname(o.out).toLowerCase() === ".tsv"
  ) {
    throw usage(`输出文件 ${o.out} 应以 .xlsx 或 .csv 结尾`, `the output ${o.out} must end in .xlsx or .csv`);
  }
  let today: DayNumber | undefined;
  if (o.today !== undefined) {
    today = /^\d{4}-\d{2}-\d{2}$/.test(o.today.trim()) ? parseIsoDay(o.today.trim()) : NaN;
    if (!Number.isFinite(today)) {
      throw usage(
        `--today 日期无效：“${o.today}”，应为 YYYY-MM-DD，如 2026-11-22`,
        `bad --today "${o.today}": use YYYY-MM-DD, e.g. 2026-11-22`,
      );
    }
  }
  let lang: Lang | undefined;
  if (o.lang !== undefined) {
    const l = o.lang.trim().toLowerCase();
    if (l === "zh" || l === "zh-cn" || l === "cn") lang = "zh";
    else if (l === "en" || l === "en-us") lang = "en";
    else throw usage(`--lang 应为 zh 或 en，而不是“${o.lang}”`, `--lang must be zh or en, not "${o.lang}"`);
  }
  if (o.sheet !== undefined && inputFormat === "csv") {
    throw usage("--sheet 只适用于 .xlsx 输入", "--sheet applies to .xlsx input only");
  }
  let inputKind: CliOptions["inputKind"];
  if (o.input !== undefined) {
    const k = o.input.trim().toLowerCase();
    if (k === "ledger" || k === "customers") inputKind = k;
    else {
      throw usage(
        `--input 应为 ledger（订单明细）或 customers（客户表），而不是“${o.input}”`,
        `--input must be ledger or customers, not "${o.input}"`,
      );
    }
  }
  if (o.customers !== undefined) {
    if (!formatOf(o.customers) || path.extname(o.customers).toLowerCase() === ".xls") {
      throw usage(
        `客户清单 ${o.customers} 应为 .xlsx 或 .csv`,
        `the customer list ${o.customers} must be an .xlsx or .csv file`,
      );
    }
    if (inputKind === "customers") {
      throw usage("--customers 只适用于订单明细输入", "--customers applies to a sales ledger input only");
    }
  }
  return {
    input,
    inputFormat,
    out: o.out,
    outFormat,
    sheet: o.sheet,
    today,
    lang,
    settingsFile: o.settings,
    inputKind,
    customersFile: o.customers,
  };
}
