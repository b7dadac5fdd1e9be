/**
 * The CLI's workbook opens in a real spreadsheet program: LibreOffice Calc, headless, converts
 * every sheet of it to CSV (the Summary with its chart, the Worklist, the customer table).
 * Skipped, with a note, where `soffice` is not installed (Debian: libreoffice-calc-nogui).
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "./helpers";

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find(existsSync);
const maybe = soffice ? it : it.skip;
if (!soffice) console.warn("libreoffice.test: soffice not found, skipped (apt-get install libreoffice-calc-nogui)");

jest.setTimeout(180_000);

maybe("LibreOffice loads every sheet of the CLI's workbook", async () => {
  const tmp = tempDir();
  try {
    const out = tmp.file("out.xlsx");
    expect((await runCli([fixture("small-zh.csv"), "--out", out, "--today", "2026-11-22"])).code).toBe(0);
    // Filter options: comma, double quote, UTF-8, from line 1, …, sheet -1 = every sheet to its own file.
    const r = spawnSync(
      soffice!,
      [
        `-env:UserInstallation=file://${tmp.dir}/profile`,
        "--headless",
        "--convert-to",
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        "--outdir",
        tmp.dir,
        out,
      ],
      { encoding: "utf8", timeout: 170_000 },
    );
    expect(r.status).toBe(0);
    const csvs = readdirSync(tmp.dir).filter((f) => f.endsWith(".csv")).sort();
    expect(csvs).toEqual(["out-客户分级.csv", "out-客户分级汇总.csv", "out-本周待办.csv"]);
    const customers = readFileSync(path.join(tmp.dir, "out-客户分级.csv"), "utf8");
    expect(customers.split("\n")[0]).toMatch(/^客户名称,销售额,.*,价值等级,ABC分类/);
    expect(customers).toContain("甲公司,600");
    const summary = readFileSync(path.join(tmp.dir, "out-客户分级汇总.csv"), "utf8");
    expect(summary).toContain("客户数,5");

    // The Pareto chart part is understood: saved as ODS it is a chart object with both series.
    const ods = spawnSync(
      soffice!,
      [`-env:UserInstallation=file://${tmp.dir}/profile`, "--headless", "--convert-to", "ods", "--outdir", tmp.dir, out],
      { encoding: "utf8", timeout: 170_000 },
    );
    expect(ods.status).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(path.join(tmp.dir, "out.ods")));
    const chart = Object.keys(zip.files).find((f) => /^Object \d+\/content\.xml$/.test(f));
    expect(chart).toBeDefined();
    const xml = await zip.file(chart!)!.async("string");
    expect(xml).toContain('chart:class="chart:bar"');
    expect((xml.match(/<chart:series /g) ?? []).length).toBe(2);
    // The series keep their colours (bars blue, line orange): without them LibreOffice drew nothing.
    expect(xml).toContain('draw:fill-color="#4472c4"');
    expect(xml).toContain('svg:stroke-color="#ed7d31"');
  } finally {
    tmp.cleanup();
  }
});
