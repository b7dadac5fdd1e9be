/**
 * crm-classify on the CDNOW ledger (tests/fixtures/cdnow-sample-ledger.csv, --today 1997-09-30):
 * §13's three columns after §11's and the fit on stdout (published: r 0.2426, α 30.895 days,
 * a 0.7929, b 2.4259, LL −14363.53).
 */
import { join } from "path";
import { readCsvOut, runCli, tempDir } from "./helpers";

jest.setTimeout(60_000);
const LEDGER = join(__dirname, "../fixtures/cdnow-sample-ledger.csv");

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

test("CSV ledger → CSV: the columns, customer 00004, and the fit and at-risk lines on stdout", async () => {
  const out = tmp.file("out.csv");
  const r = await runCli([LEDGER, "--out", out, "--today", "1997-09-30", "--lang", "en"]);
  expect(r.code).toBe(0);
  const { rows } = readCsvOut(out);
  expect(rows[0].slice(-3)).toEqual(["Typical interval (days)", "P(alive)", "Expected orders (90 days)"]);
  const c00004 = rows.find((row) => row[0] === "00004")!;
  expect(c00004.slice(-3)).toEqual(["107", "0.7266202820016164", "0.45"]);
  const lines = r.stdout.split("\n");
  expect(lines).toContain(
    "Buying rhythm (BG/NBD, 946 repeat buyers): r 0.2426, α 30.895 days, a 0.7929, b 2.4259, log-likelihood -14363.53",
  );
  const at = lines.indexOf("Repeat buyers most at risk:");
  expect(lines[at + 1]).toBe("  19339: P(alive) <1%, usually every 2 days, none for 172 days");
});

test("zh: the stdout lines in Chinese", async () => {
  const out = tmp.file("out.csv");
  const r = await runCli([LEDGER, "--out", out, "--today", "1997-09-30", "--lang", "zh"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    "购买节奏（BG/NBD，946 位复购客户）：r 0.2426，α 30.895 天，a 0.7929，b 2.4259，对数似然 -14363.53\n最可能流失的复购客户：\n  19339：活跃概率<1%，通常每2天下单，已172天未下单\n",
  );
});
