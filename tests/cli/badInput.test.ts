/**
 * Bad input: one clear line on stderr, exit 2 for usage errors, 1 for input problems,
 * no output file, and the input never touched.
 */
import { existsSync, writeFileSync } from "fs";
import ExcelJS from "exceljs";
import { fixture, runCli, sha256, tempDir } from "./helpers";

// Workbooks are zipped and unzipped; leave room on a busy 2-core machine.
jest.setTimeout(30_000);
const TODAY = ["--today", "2026-11-22"];
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

async function expectFailure(argv: string[], code: number, message: RegExp): Promise<void> {
  const out = argv[argv.indexOf("--out") + 1];
  const r = await runCli(argv);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code, stdout: "" });
  expect(r.stderr).toMatch(message);
  expect(r.stderr.split("\n")).toHaveLength(2); // one line, then the final newline
  if (argv.includes("--out") && out) expect(existsSync(out)).toBe(false);
}

describe("input problems exit 1", () => {
  it.each([
    ["a missing file", "nope.csv", /找不到输入文件 .*nope\.csv \/ input file not found/],
    ["an empty CSV", "empty.csv", /是空的，没有表头和数据 \/ .*is empty/],
    ["a first row of numbers", "no-header.csv", /不是表头.* \/ .*has no header row/],
    ["no value column", "no-value.csv", /缺少价值列（销售额\/本期销售额，或毛利）；找到的列：客户名称、备注 \/ .*has no value column/],
    ["no name column", "no-name.csv", /缺少客户名称列.*找到的列：销售额、备注 \/ .*no customer name or ID column/],
    ["a header without rows", "header-only.csv", /只有表头，没有客户数据 \/ .*no customer rows/],
  ])("%s", async (_what, file, message) => {
    const input = file === "nope.csv" ? tmp.file(file) : fixture(file);
    await expectFailure([input, "--out", tmp.file("out.csv"), ...TODAY], 1, message);
  });

  it("a file that is not a workbook", async () => {
    const input = tmp.file("fake.xlsx");
    writeFileSync(input, "客户名称,销售额\n甲,1\n");
    await expectFailure(
      [input, "--out", tmp.file("out.xlsx"), ...TODAY],
      1,
      /fake\.xlsx 已损坏或不是 \.xlsx 工作簿（not a zip archive.*请在 Excel 中打开并重新保存.* \/ .*is damaged or not an \.xlsx workbook/,
    );
  });

  it("an empty sheet, and a sheet name that does not exist (the sheets are listed)", async () => {
    const input = tmp.file("book.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空表");
    wb.addWorksheet("客户").addRow(["客户名称", "销售额"]);
    await wb.xlsx.writeFile(input);
    // The empty first sheet is passed over for the one with a header; it has no customers.
    await expectFailure([input, "--out", tmp.file("o.xlsx"), ...TODAY], 1, /工作表“客户” 只有表头，没有客户数据/);
    await expectFailure([input, "--out", tmp.file("o.xlsx"), "--sheet", "空表", ...TODAY], 1, /工作表“空表”是空的/);
    await expectFailure(
      [input, "--out", tmp.file("o.xlsx"), "--sheet", "Sheet9", ...TODAY],
      1,
      /没有名为“Sheet9”的工作表；现有工作表：空表、客户 \/ no sheet named "Sheet9" in the workbook; its sheets: 空表, 客户/,
    );
  });

  it("a settings file that is missing, not JSON, or invalid", async () => {
    const input = fixture("small-zh.csv");
    const out = tmp.file("o.csv");
    await expectFailure([input, "--out", out, "--settings", tmp.file("none.json"), ...TODAY], 1, /无法读取设置文件 .*none\.json/);
    writeFileSync(tmp.file("bad.json"), "{ abcCutA: ");
    await expectFailure([input, "--out", out, "--settings", tmp.file("bad.json"), ...TODAY], 1, /设置文件 .*bad\.json 有误：设置不是有效的 JSON/);
    writeFileSync(tmp.file("range.json"), JSON.stringify({ abcCutA: 2 }));
    await expectFailure([input, "--out", out, "--settings", tmp.file("range.json"), ...TODAY], 1, /设置文件 .*range\.json 有误：.* \/ bad settings file/);
  });

  it("a valid settings file is used (abcCutA 0.5 makes 乙 class B)", async () => {
    writeFileSync(tmp.file("s.json"), JSON.stringify({ abcCutA: 0.5 }));
    const out = tmp.file("o.csv");
    const r = await runCli([fixture("small-zh.csv"), "--out", out, "--settings", tmp.file("s.json"), ...TODAY]);
    expect(r.code).toBe(0);
    // before(乙) = 600 ≥ 0.5 × 1000 → B (and still below 0.95 × 1000).
    expect(r.stdout).toMatch(/\n\s+A\s+1\s+60\.0%\n\s+B\s+2\s+35\.0%\n/);
  });
});

describe("an output that cannot be written exits 1", () => {
  it("--out inside a file", async () => {
    const r = await runCli([fixture("small-zh.csv"), "--out", `${fixture("small-zh.csv")}/x.csv`, ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^无法写入输出文件 .*small-zh\.csv\/x\.csv：.* \/ cannot write the output/);
    expect(r.stderr.split("\n")).toHaveLength(2);
  });
});

describe("usage errors exit 2", () => {
  const input = fixture("small-zh.csv");
  it.each([
    ["no --out", [input, ...TODAY], /缺少 --out 输出文件/],
    ["no input", ["--out", "x.csv"], /命令行有误：missing required argument 'input'/],
    ["an unknown option", [input, "--out", "x.csv", "--colour"], /命令行有误：unknown option '--colour'/],
    ["a bad --today", [input, "--out", "x.csv", "--today", "2026-13-01"], /--today 日期无效：“2026-13-01”.* \/ bad --today "2026-13-01"/],
    ["a --today that is not ISO", [input, "--out", "x.csv", "--today", "22/11/2026"], /--today 日期无效/],
    ["a bad --lang", [input, "--out", "x.csv", "--lang", "fr"], /--lang 应为 zh 或 en/],
    ["an .xls input", ["old.xls", "--out", "x.csv"], /不支持旧版 \.xls 文件/],
    ["an unknown output type", [input, "--out", "x.json"], /输出文件 x\.json 应以 \.xlsx 或 \.csv 结尾/],
    ["--sheet with a CSV", [input, "--out", "x.csv", "--sheet", "A"], /--sheet 只适用于 \.xlsx 输入/],
  ])("%s", async (_what, argv, message) => {
    await expectFailure(argv as string[], 2, message as RegExp);
  });

  it("--out resolving to the input is refused and the input is unchanged", async () => {
    const copy = tmp.file("in.csv");
    writeFileSync(copy, "客户名称,销售额\n甲,1\n");
    const before = sha256(copy);
    const r = await runCli([copy, "--out", `${tmp.dir}/./sub/../in.csv`, ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out 不能与输入文件相同/);
    expect(sha256(copy)).toBe(before);
  });

  it("--help prints the usage and exits 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("用法：crm-classify <输入.xlsx|.csv> --out");
    expect(r.stdout).toContain("--today <date>");
  });
});
