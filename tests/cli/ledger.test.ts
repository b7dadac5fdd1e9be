/**
 * crm-classify on a sales ledger (METHOD.md §12), end to end: the hand-checked fixture ledger
 * (tests/fixtures/ledger, today 2026-03-31) as CSV and as a workbook, detection both ways and
 * the --input override, --customers, and the bundled sample ledger.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import * as path from "path";
import { buildSampleOrdersWorkbook } from "../../scripts/make-sample-workbook";
import { readCsvOut, readWorkbook, rowValues, runCli, sha256, tempDir } from "./helpers";

jest.setTimeout(60_000);
const LEDGER = path.join(__dirname, "..", "fixtures", "ledger");
const TODAY = ["--today", "2026-03-31"];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const expectedRows = (file: string) =>
  readFileSync(path.join(LEDGER, file), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split(","));

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const SKIPPED_ZH = readFileSync(path.join(LEDGER, "orders.skipped.expected.txt"), "utf8");

describe("CSV ledger → CSV", () => {
  it("derives the hand-checked customer table, then classifies it; says how the ledger was read", async () => {
    const input = path.join(LEDGER, "orders-zh.csv");
    const before = sha256(input);
    const out = tmp.file("out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(sha256(input)).toBe(before);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "按订单明细读取：18 行，4 个客户",
      "订单明细：读取 18 行，跳过 5 行，汇总为 4 个客户",
    ]);
    expect(r.stderr).toBe(SKIPPED_ZH);
    const { rows } = readCsvOut(out);
    expect(rows.map((row) => row.slice(0, 12))).toEqual(expectedRows("orders-zh.P12.expected.csv"));
    expect(rows[0].slice(12, 14)).toEqual(["价值等级", "ABC分类"]);
    expect(rows.length).toBe(5);
  });

  it("English headers give English output and messages", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([path.join(LEDGER, "orders-en.csv"), "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "read as a sales ledger: 18 lines, 4 customers",
      "ledger: 18 lines read, 5 skipped, aggregated into 4 customers",
    ]);
    expect(r.stderr.split("\n")[1]).toBe("ledger row 15, column B (Order date): date 2026-04-02 is after today; line skipped");
    const { rows } = readCsvOut(out);
    expect(rows.map((row) => row.slice(0, 12))).toEqual(expectedRows("orders-en.P12.expected.csv"));
  });

  it("the UCI Online Retail invoice shape is read as a ledger with no option", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([path.join(LEDGER, "online-retail-invoices.csv"), "--out", out, "--today", "2010-12-02"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("read as a sales ledger: 32 lines, 22 customers");
    const { rows } = readCsvOut(out);
    expect(rows[0].slice(0, 7)).toEqual(["Customer ID", "Revenue", "Previous revenue", "Orders", "Active months", "First order", "Last order"]);
    expect(rows[1].slice(0, 7)).toEqual(["17850", "1101.8", "", "7", "1", "2010-12-01", "2010-12-02"]);
  });

  it("the CDNOW sample (Customer ID, Order date, Amount) too", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([path.join(__dirname, "..", "fixtures", "cdnow-sample-ledger.csv"), "--out", out, "--today", "1998-06-30", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "read as a sales ledger: 6919 lines, 2357 customers",
      "ledger: 6919 lines read, 0 skipped, aggregated into 2357 customers",
    ]);
  });
});

describe("detection and the --input override", () => {
  it("the header row is the engine's (§1/§12 cells, METHOD v2 §1): a ledger on a workbook's second sheet is found", async () => {
    // 客户 is a §1 header; 单据日期 and 价税合计 are §12's only. A cover sheet comes first.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").getCell("A1").value = "本工作簿由 ERP 导出";
    const ws = wb.addWorksheet("订单");
    ws.getCell("A1").value = "销售明细";
    ws.getRow(3).values = ["客户", "单据日期", "价税合计"];
    ws.getRow(4).values = ["甲", d("2026-01-05"), 100];
    ws.getRow(5).values = ["甲", d("2026-02-05"), 200];
    ws.getRow(6).values = ["乙", d("2026-03-01"), 50];
    const input = tmp.file("orders.xlsx");
    await wb.xlsx.writeFile(input);
    const r = await runCli([input, "--out", tmp.file("out.csv"), ...TODAY]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "按订单明细读取：3 行，2 个客户",
      "订单明细：读取 3 行，跳过 0 行，汇总为 2 个客户",
    ]);
  });

  it("a customer table stays a customer table; --input ledger on it derives from its rows", async () => {
    const list = path.join(LEDGER, "customers-zh.csv");
    const out = tmp.file("out.csv");
    const asTable = await runCli([list, "--out", out, ...TODAY]);
    expect(asTable.code).toBe(0);
    expect(asTable.stdout).not.toMatch(/订单明细/);
    // Forced: the list has no order date column, which the message names.
    const forced = await runCli([list, "--out", out, "--input", "ledger", ...TODAY]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/^按订单明细读取，但缺少列：订单日期；找到的列：客户编号、客户名称、销售额、生日、熟悉程度、最近下单日期 \//);
  });

  it("--input customers reads a ledger as a customer table (one row per line)", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([path.join(LEDGER, "orders-zh.csv"), "--out", out, "--input", "customers", ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/订单明细/);
    expect(readCsvOut(out).rows.length).toBe(19); // header + 18 lines, each a "customer"
  });

  it("bad --input and --customers on a customer table are usage errors", async () => {
    const out = tmp.file("out.csv");
    const bad = await runCli([path.join(LEDGER, "orders-zh.csv"), "--out", out, "--input", "orders"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('--input 应为 ledger（订单明细）或 customers（客户表），而不是“orders” / --input must be ledger or customers, not "orders"\n');
    const list = path.join(LEDGER, "customers-zh.csv");
    const r = await runCli([list, "--out", out, "--customers", list, ...TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--customers 只适用于订单明细输入/);
  });
});

describe("--customers: the list joined with the ledger", () => {
  it("CSV: the list's rows with the ledger's fields, then the ledger-only customer", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([path.join(LEDGER, "orders-zh.csv"), "--customers", path.join(LEDGER, "customers-zh.csv"), "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[2]).toBe(
      "客户清单：5 行，其中 3 个与订单明细对上；新增订单明细中的 1 个客户",
    );
    const { rows } = readCsvOut(out);
    expect(rows.map((row) => row.slice(0, 14))).toEqual(expectedRows("customers-zh.joined.P12.expected.csv"));
  });
});

describe("XLSX ledger → XLSX", () => {
  it("date cells and numbers as Excel holds them; the output sheet is 客户汇总 with date cells", async () => {
    const input = tmp.file("orders.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("订单");
    const csv = readFileSync(path.join(LEDGER, "orders-zh.csv"), "utf8").split("\n").filter(Boolean).map((l) => l.split(","));
    ws.addRow(csv[0]);
    for (const line of csv.slice(1)) {
      ws.addRow(
        line.map((v, c) => {
          if (v === "") return null;
          if ([1, 6, 7].includes(c) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return d(v);
          if ([4, 5].includes(c) && /^-?\d+$/.test(v)) return Number(v);
          return v;
        }),
      );
    }
    await wb.xlsx.writeFile(input);
    const before = sha256(input);
    const out = tmp.file("out.xlsx");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(sha256(input)).toBe(before);
    expect(r.stdout.split("\n")[0]).toBe("按订单明细读取：18 行，4 个客户");
    const back = await readWorkbook(out);
    const sheet = back.getWorksheet("客户汇总")!;
    expect(sheet).toBeDefined();
    expect(rowValues(sheet, 1, 12)).toEqual(expectedRows("orders-zh.P12.expected.csv")[0]);
    expect(rowValues(sheet, 2, 12)).toEqual(["C001", "华东五金", "王伟", "华东", 3500, 1500, 700, 2, 2, d("2024-05-10"), d("2025-10-15"), 39]);
    expect(rowValues(sheet, 5, 12)).toEqual([null, "散客张三", "李娜", "华南", 600, null, 120, 3, 2, d("2025-12-01"), d("2026-03-31"), null]);
  });
});

describe("the bundled sample ledger", () => {
  it("npm run demo's ledger run: a title row, a 合计 row, the sample list joined", async () => {
    const out = tmp.file("sample-orders-classified.xlsx");
    const r = await runCli([
      "assets/sample-orders.xlsx",
      "--customers",
      "assets/sample-customers.xlsx",
      "--out",
      out,
      "--today",
      "2026-11-01",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      "按订单明细读取：2889 行，198 个客户",
      "订单明细：读取 2889 行，跳过 3 行，汇总为 198 个客户",
      "客户清单：200 行，其中 195 个与订单明细对上；新增订单明细中的 3 个客户",
      `已分级 203 位客户 → ${out}`,
    ]);
    // A quarter of the sample's customers stop buying part-way, so the BG/NBD fit sees churn: the
    // at-risk list is led by long-silent frequent buyers. Checked by hand for 瑞丰石材 (x 5, t 222,
    // T 890 days; closed form with the printed r, α, a, b: 0.147 → shown cut down, 14%).
    const lines = r.stdout.split("\n");
    const rhythm = lines.findIndex((l) => l.startsWith("购买节奏"));
    expect(lines.slice(rhythm, rhythm + 7)).toEqual([
      "购买节奏（BG/NBD，188 位复购客户）：r 1.4239，α 120.192 天，a 0.0247，b 0.4664，对数似然 -7059.88",
      "最可能流失的复购客户：",
      "  瑞丰石材有限公司：活跃概率14%，通常每44天下单，已668天未下单",
      "  博远管业有限公司：活跃概率18%，通常每38天下单，已453天未下单",
      "  长青石材股份有限公司：活跃概率33%，通常每63天下单，已742天未下单",
      "  丰源涂料有限公司：活跃概率48%，通常每76天下单，已641天未下单",
      "  东方贸易有限公司：活跃概率55%，通常每80天下单，已609天未下单",
    ]);
    // The unreadable amount, the order booked after today, the 合计 row (its message only).
    const problems = r.stderr.trim().split("\n");
    expect(problems.map((l) => l.replace(/第 \d+ 行 /, ""))).toEqual([
      "订单明细E 列（价税合计）：无法识别的数字“待定”，该行已跳过",
      "订单明细A 列（单据日期）：日期 2026-11-08 在今天之后，该行已跳过",
      "订单明细D 列（客户名称）：合计行“合计”，该行已跳过",
    ]);
  });

  it("assets/sample-orders.xlsx is what `npm run sample` generates (deterministic bytes)", async () => {
    const sample = path.join(__dirname, "..", "..", "assets", "sample-orders.xlsx");
    expect(Buffer.compare(await buildSampleOrdersWorkbook(), readFileSync(sample))).toBe(0);
  });
});
