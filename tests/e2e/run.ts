/**
 * End-to-end test of the task pane in headless Chromium (npm run test:e2e).
 *
 * Builds the add-in (webpack production), serves dist/ on 127.0.0.1, answers the Office.js
 * CDN request with a stub (no network), injects a simulated Excel host (simHost.ts, bundled
 * with esbuild) and clicks through map → preview → apply → sort → restore, checking the
 * simulated sheet's cells. Screenshots go to tests/e2e/artifacts/. Every wait is bounded;
 * the process exits non-zero on any failure. E2E_SKIP_BUILD=1 reuses an existing dist/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { sampleGrid } from "./sampleGrid";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const ARTIFACTS = path.join(__dirname, "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const TOTAL_TIMEOUT_MS = 5 * 60_000;
const STEP_TIMEOUT_MS = 20_000;

/** The customers of tests/taskpane/App.test.tsx, tiers computed by hand there. */
const GRID = [
  ["客户名称", "销售额", "上期销售额", "备注"],
  ["甲公司", 500, 400, ""],
  ["乙公司", 300, 500, ""],
  ["丙公司", 100, 50, ""],
  ["丁公司", 60, 60, ""],
  ["戊公司", 40, 0, ""],
  ["己公司", "abc", 10, ""],
];
const EXPECTED_TIERS = ["天王巨星", "明日黄花", "后起之秀", "一般客户", "后起之秀", "数据不足"];
const EXPECTED_ABC = ["A", "A", "B", "B", "C", null];
const EXPECTED_SHARE = [0.5, 0.3, 0.1, 0.06, 0.04, null];

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function buildAddIn(): void {
  if (process.env.E2E_SKIP_BUILD && fs.existsSync(path.join(DIST, "taskpane.html"))) return;
  console.log("building dist/ (npm run build)…");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", timeout: 240_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (status ${r.status}, ${r.error?.message ?? r.signal ?? ""})`);
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html missing after the build");
}

async function hostScript(file: string): Promise<string> {
  const out = await build({
    entryPoints: [path.join(__dirname, file)],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "CRMSim",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

/** A tiny static server for dist/ (no directory listing, no paths outside dist). */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function openPane(
  context: BrowserContext,
  base: string,
  sim: string | null,
  lang: string,
  grid: unknown[][] = GRID,
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`  [browser console] ${m.text()}`);
  });
  if (sim) {
    // A script that already calls install() is used as is (the real-adapter host).
    await page.addInitScript(
      sim.includes("CRMSim.install(") ? sim : `${sim}\nCRMSim.install(${JSON.stringify(grid)}, ${JSON.stringify(lang)});`,
    );
  }
  await page.goto(`${base}/taskpane.html`, { waitUntil: "load" });
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function sheetGrid(page: Page): Promise<unknown[][]> {
  return page.evaluate(() => (window as unknown as { __SIM_SHEET__: { grid: unknown[][] } }).__SIM_SHEET__.grid);
}
async function sheetCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __SIM_SHEET__: { calls: string[] } }).__SIM_SHEET__.calls);
}

async function chineseFlow(page: Page): Promise<void> {
  await page.getByText("客户表：客户!A1:D7（6 行）").waitFor();
  await page.getByRole("button", { name: "修改" }).click(); // the complete mapping is one line
  const nameSelect = page.getByRole("combobox", { name: "客户名称（必填）" });
  check((await nameSelect.inputValue()) === "0", "mapping: 客户名称 → column A");
  check((await page.getByRole("combobox", { name: "本期销售额" }).inputValue()) === "1", "mapping: 销售额 → column B");
  await shot(page, "01-mapping-preview-zh");

  const starRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "天王巨星", exact: true }) });
  check(same(await starRow.getByRole("cell").allInnerTexts(), ["天王巨星", "1", "50%"]), "preview: 天王巨星 1 customer, 50%");
  await page.getByRole("tab", { name: "汇总" }).click(); // issue 12: the Pareto chart is on the Summary tab
  check(await page.getByRole("img", { name: /帕累托曲线/ }).isVisible(), "summary: Pareto chart drawn");
  await page.getByRole("tab", { name: "分级" }).click();
  check(await page.getByRole("button", { name: "B7" }).isVisible(), "preview: problem cell B7 listed");
  await page.getByRole("button", { name: "B7" }).click();

  await page.getByRole("button", { name: "写入分级结果" }).click();
  await page.getByRole("progressbar").waitFor();
  await shot(page, "02-applying-zh");
  await page.getByTestId("apply-report").waitFor();
  const report = await page.getByTestId("apply-report").innerText();
  check(report.includes("已写入 6 行：客户!E1:R7"), `report: "${report.replace(/\n/g, " ")}"`);
  await shot(page, "03-report-zh");

  const grid = await sheetGrid(page);
  check(grid[0][4] === "价值等级" && grid[0][17] === "数据问题", "sheet: output headers E1 价值等级 … R1 数据问题");
  check(same(grid.slice(1).map((r) => r[4]), EXPECTED_TIERS), "sheet: tier column E2:E7");
  check(same(grid.slice(1).map((r) => r[5]), EXPECTED_ABC), "sheet: ABC column F2:F7");
  check(same(grid.slice(1).map((r) => r[6]), EXPECTED_SHARE), "sheet: value share column G2:G7");
  check(grid[0][3] === "备注" && grid[1][0] === "甲公司", "sheet: input columns untouched");

  await page.getByRole("button", { name: "按大客户指数排序" }).click();
  await page.getByRole("combobox", { name: "只看某一等级" }).selectOption("天王巨星");
  const restore = page.getByRole("button", { name: "恢复原表" });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "恢复原表");
    return b !== undefined && !b.disabled;
  });
  await restore.click();
  await page.getByText("已恢复原表").waitFor();
  const calls = await sheetCalls(page);
  for (const c of ["selectCell 客户!B7", "sortBy keyIndex true", "filterTier 天王巨星", "restore"]) {
    check(calls.includes(c), `adapter call: ${c}`);
  }
  check(same(await sheetGrid(page), GRID), "sheet: restored exactly");
  await shot(page, "04-restored-zh");

  await page.getByRole("tab", { name: "设置" }).click();
  await page.getByRole("button", { name: "大客户指数" }).click(); // issue 12: groups start folded
  await page.getByRole("textbox", { name: "权重：销售规模" }).waitFor();
  await shot(page, "05-settings-zh");
}

async function englishFlow(page: Page): Promise<void> {
  await page.getByText("Customer table: 客户!A1:D7 (6 rows)").waitFor();
  check(await page.getByRole("button", { name: "Write tiers" }).isVisible(), "en: Write tiers button");
  const starRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Star", exact: true }) });
  check(same(await starRow.getByRole("cell").allInnerTexts(), ["Star", "1", "50%"]), "en: Star 1 customer, 50%");
  await shot(page, "06-preview-en");
}

/**
 * Issue 12: the bundled sample (200 customers, 25 columns) at 350 × 700, as a new user sees
 * it. The first decision (write, or change the mapping) must fit the first screen.
 */
async function sampleFlow(page: Page, lang: "zh" | "en"): Promise<void> {
  const t = <T,>(zh: T, en: T): T => (lang === "zh" ? zh : en);
  await page.setViewportSize({ width: 350, height: 700 });
  await page.getByText(t("客户表：客户!A1:Y201（200 行）", "Customer table: 客户!A1:Y201 (200 rows)")).waitFor();
  await page.getByLabel(t("评估日期", "Evaluation date")).fill("2026-11-01");
  await page.getByTestId("tier-row-total").waitFor();
  const summary = await page.getByTestId("mapping-summary").innerText();
  check(/^✓ /.test(summary) && summary.includes(t("修改", "Change")), `sample ${lang}: mapping is one line "${summary.replace(/\n/g, " ")}"`);
  const nameField = page.getByRole("combobox", { name: t("客户名称（必填）", "Customer (required)") });
  check((await nameField.count()) === 0, `sample ${lang}: no mapping dropdowns before "Change"`);
  const write = await page.getByRole("button", { name: t("写入分级结果", "Write tiers") }).boundingBox();
  check(write !== null && write.y + write.height <= 700, `sample ${lang}: the Write button is in the first 350 × 700 screen (bottom ${write ? Math.round(write.y + write.height) : "?"})`);
  await shot(page, `10-sample-first-screen-${lang}`);
  await page.screenshot({ path: path.join(ARTIFACTS, `10-sample-first-screen-${lang}-viewport.png`) });
  await page.getByRole("button", { name: t("修改", "Change") }).click();
  await nameField.waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, `11-sample-mapping-open-${lang}.png`) });
  await page.getByRole("button", { name: t("收起", "Hide") }).click();
  await page.getByRole("tab", { name: t("设置", "Settings") }).click();
  await page.getByRole("heading", { name: t("分级设置", "Settings") }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, `12-sample-settings-${lang}.png`) });
  await page.getByRole("button", { name: t("大客户指数", "Key-account index") }).click();
  await page.getByTestId("weight-total").waitFor();
  check(
    (await page.getByTestId("weight-total").innerText()) === t("四项权重合计 100%。", "The four weights add up to 100 %."),
    `sample ${lang}: the key-account weights add up to 100 %`,
  );
  await shot(page, `12-sample-settings-weights-${lang}`);

  await page.getByRole("tab", { name: t("本周待办", "This week") }).click();
  const title = page.getByRole("heading", { name: t(/^本周待办：\d+ 位客户$/, /^This week: \d+ customers?$/) });
  await title.waitFor();
  await page.waitForTimeout(300); // the tab indicator's animation
  const items = page.getByTestId("worklist-item");
  check((await items.count()) > 0, `sample ${lang}: worklist "${await title.innerText()}" lists ${await items.count()} customers`);
  await page.screenshot({ path: path.join(ARTIFACTS, `13-sample-worklist-${lang}.png`) });
  const first = items.first().getByRole("button");
  const firstName = await first.innerText();
  await first.click();
  await page.waitForFunction(
    () => (window as unknown as { __SIM_SHEET__: { calls: string[] } }).__SIM_SHEET__.calls.some((c) => c.startsWith("selectCell")),
  );
  const select = (await sheetCalls(page)).find((c) => c.startsWith("selectCell")) ?? "";
  check(/^selectCell 客户!A\d+:Y\d+$/.test(select), `sample ${lang}: clicking ${firstName} selects its row (${select})`);

  await page.getByRole("tab", { name: t("汇总", "Summary") }).click();
  await page.getByTestId("head-customers").waitFor();
  await page.waitForTimeout(300);
  check((await page.getByTestId("head-customers").innerText()).includes("200"), `sample ${lang}: summary headline 200 customers`);
  await page.screenshot({ path: path.join(ARTIFACTS, `14-sample-summary-${lang}.png`) });
  await shot(page, `14-sample-summary-${lang}-full`);
  await page.getByRole("tab", { name: t("分级", "Tiers") }).click();
}

/** createOfficeAdapter over the strict Excel double (tests/excel/fakeExcel.ts): the same clicks, the real writes. */
async function realAdapterFlow(page: Page): Promise<void> {
  await page.getByText(/^客户表：/).waitFor();
  await page.getByRole("button", { name: "写入分级结果" }).click();
  await page.getByTestId("apply-report").waitFor();
  const report = await page.getByTestId("apply-report").innerText();
  check(report.startsWith("已写入 6 行"), `real adapter report: "${report.replace(/\n/g, " ")}"`);
  await shot(page, "08-real-adapter-report-zh");
  const grid = (await page.evaluate(() =>
    (window as unknown as { __SIM_SHEET__: { grid: (a: string) => unknown[][] } }).__SIM_SHEET__.grid("A1:Z7"),
  )) as unknown[][];
  const tierCol = grid[0].indexOf("价值等级");
  check(tierCol >= 4, `real adapter: 价值等级 header written right of the table (column ${tierCol})`);
  check(same(grid.slice(1).map((r) => r[tierCol]), EXPECTED_TIERS), "real adapter: tier column");
  check(same(grid.slice(1).map((r) => r[tierCol + 1]), EXPECTED_ABC.map((v) => v ?? "")), "real adapter: ABC column");
  check(grid[1][0] === "甲公司" && grid[0][3] === "备注", "real adapter: input columns untouched");

  // Issue 12 over the strict double: the Worklist sheet, and the offered (not forced) freeze.
  type Host = { findSheet(n: string): unknown; sheet(n: string): { frozen: unknown } };
  const hostState = () =>
    page.evaluate(() => {
      const host = (window as unknown as { __SIM_SHEET__: { host: Host } }).__SIM_SHEET__.host;
      return { worklist: !!host.findSheet("本周待办"), frozen: host.sheet("客户").frozen };
    });
  const before = await hostState();
  check(before.worklist && before.frozen === null, `real adapter: 本周待办 sheet written, nothing frozen (${JSON.stringify(before)})`);
  await page.getByRole("button", { name: "冻结客户名称列" }).click();
  await page.getByTestId("freeze-status").waitFor();
  const frozen = await hostState();
  check(
    same(frozen.frozen, { row: 0, col: 0, rowCount: 1, colCount: 1 }),
    `real adapter: header row and name column A frozen (${JSON.stringify(frozen.frozen)})`,
  );
  await shot(page, "15-real-adapter-frozen-zh");

  const restore = page.getByRole("button", { name: "恢复原表" });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "恢复原表");
    return b !== undefined && !b.disabled;
  });
  await restore.click();
  await page.waitForFunction(
    () => (window as unknown as { __SIM_SHEET__: { grid: (a: string) => unknown[][] } }).__SIM_SHEET__.grid("E1:E1")[0][0] === "",
  );
  check(true, "real adapter: restore cleared the output columns");
  const after = await hostState();
  check(!after.worklist && after.frozen === null, `real adapter: restore removed 本周待办 and unfroze (${JSON.stringify(after)})`);
}

async function main(): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  buildAddIn();
  const [sim, office, server] = await Promise.all([hostScript("simHost.ts"), hostScript("officeHost.ts"), serve()]);
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const officeStub = fs.readFileSync(path.join(__dirname, "officeStub.js"), "utf8");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 380, height: 900 },
    locale: "zh-CN",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    // No network: the Office.js CDN gets the stub, anything else off localhost is refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      if (/\/office\.js(\?|$)/.test(url)) return route.fulfill({ contentType: "text/javascript", body: officeStub });
      return route.abort();
    });

    await chineseFlow(await openPane(context, base, sim, "zh-CN"));
    await englishFlow(await openPane(context, base, sim, "en-US"));

    const sample = (await sampleGrid()).grid;
    await sampleFlow(await openPane(context, base, sim, "zh-CN", sample), "zh");
    await sampleFlow(await openPane(context, base, sim, "en-US", sample), "en");

    await realAdapterFlow(await openPane(context, base, `${office}\nCRMSim.install(${JSON.stringify(GRID)}, "zh-CN", "客户");`, ""));

    const outside = await openPane(context, base, null, "");
    await outside.getByText("请在 Excel 中打开客户分级助手").waitFor();
    check(true, "outside Office: open-in-Excel message");
    await shot(outside, "07-outside-office");

    // Office.js did not load (offline, blocked CDN): the same message, not "正在加载…" for ever.
    const offline = await context.newPage();
    offline.setDefaultTimeout(STEP_TIMEOUT_MS);
    const offlineErrors: string[] = [];
    offline.on("pageerror", (e) => offlineErrors.push(e.message));
    await offline.route(/\/office\.js(\?|$)/, (route) => route.abort());
    await offline.goto(`${base}/taskpane.html`, { waitUntil: "load" });
    await offline.getByText("请在 Excel 中打开客户分级助手").waitFor();
    check(await offline.getByText("Open CRM Tiers in Excel").isVisible(), "Office.js blocked: bilingual open-in-Excel message");
    check(offlineErrors.length === 0, `Office.js blocked: no page error (${offlineErrors.join("; ")})`);
    await shot(offline, "09-office-js-blocked");
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`e2e: timed out after ${TOTAL_TIMEOUT_MS / 1000}s`);
  process.exit(2);
}, TOTAL_TIMEOUT_MS);

main().then(
  () => {
    clearTimeout(watchdog);
    if (failures.length > 0) {
      console.error(`\ne2e: ${failures.length} failure(s):\n- ${failures.join("\n- ")}`);
      process.exit(1);
    }
    console.log("\ne2e: all checks passed; screenshots in tests/e2e/artifacts/");
    process.exit(0);
  },
  (err: unknown) => {
    clearTimeout(watchdog);
    console.error("e2e: failed:", err instanceof Error ? err.stack ?? err.message : err);
    if (failures.length > 0) console.error(`- ${failures.join("\n- ")}`);
    process.exit(1);
  },
);
