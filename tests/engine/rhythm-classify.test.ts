/**
 * §13 inside the classification of a ledger: the extra 明日黄花 condition and its Why, the
 * three output columns after §11's, and the fit and the at-risk list in the summary model.
 * The ledger is the CDNOW fixture (as-of 1997-09-30).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { classify, type ClassifyResult } from "../../src/engine/classify";
import { parseIsoDay } from "../../src/engine/days";
import { mapHeaders, mapLedgerHeaders } from "../../src/engine/headers";
import { deriveCustomers, derivedSheet, ledgerInputFromColumns } from "../../src/engine/ledger";
import { outputRow, reportHeaders } from "../../src/engine/report/columns";
import { summarize } from "../../src/engine/report/summary";
import { summaryGrid } from "../../src/engine/report/summarySheet";
import { whyText } from "../../src/engine/report/why";
import { analyseRhythm, historiesOfPurchaseDays } from "../../src/engine/rhythm/analyse";
import { DEFAULT_SETTINGS, type Settings } from "../../src/engine/settings";
import { buildTableInput } from "../../src/engine/tableInput";
import { Abc, Tier } from "../../src/engine/types";
import { TierReason, TIER_BITS, tierDecision } from "../../src/engine/rules";

const TODAY = parseIsoDay("1997-09-30");

/** The fixture ledger, classified as the CLI does; `lines` keeps only its first lines. */
function classifyLedger(
  settings: Settings = DEFAULT_SETTINGS,
  lines?: number,
): { result: ClassifyResult; ids: string[] } {
  const text = readFileSync(join(__dirname, "../fixtures/cdnow-sample-ledger.csv"), "utf8");
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  const headers = rows[0];
  const body = rows.slice(1, lines === undefined ? undefined : 1 + lines);
  const columns = headers.map((_, c) => body.map((r) => (c === 2 ? Number(r[c]) : r[c])));
  const ledger = ledgerInputFromColumns(mapLedgerHeaders(headers), columns, body.length);
  const derived = deriveCustomers(ledger, { today: TODAY, periodMonths: 12 });
  const sheet = derivedSheet(derived, "zh");
  const input = buildTableInput(
    { rowCount: derived.count, column: (c) => sheet.columns[c] },
    mapHeaders(sheet.headers),
  );
  const rhythm = analyseRhythm(
    historiesOfPurchaseDays(derived.purchaseStart, derived.purchaseDays, TODAY),
    settings,
  );
  const ids = Array.from({ length: derived.count }, (_, c) => derived.id[c]);
  return { result: classify(input, { today: TODAY, settings, rhythm }), ids };
}

describe("§4 step 2 with §13's condition (tierDecision)", () => {
  const S = DEFAULT_SETTINGS;
  test("the rhythm condition alone makes 明日黄花, with its own reason bit", () => {
    const d = tierDecision(true, Abc.A, true, 0.1, false, 20, NaN, NaN, S, true);
    expect(d).toBe(Tier.Fading | (TierReason.Rhythm << TIER_BITS));
  });
  test("together with a lapse, both reasons; without it, §4 as before", () => {
    const d = tierDecision(true, Abc.C, true, NaN, false, 200, NaN, NaN, S, true);
    expect(d).toBe(Tier.Fading | ((TierReason.Lapsed | TierReason.Rhythm) << TIER_BITS));
    expect(tierDecision(true, Abc.A, true, 0.1, false, 20, NaN, NaN, S, false)).toBe(Tier.Star);
    expect(tierDecision(true, Abc.A, true, 0.1, false, 20, NaN, NaN, S)).toBe(Tier.Star);
  });
  test("no value stays 数据不足", () => {
    expect(tierDecision(false, Abc.None, true, NaN, false, 20, NaN, NaN, S, true)).toBe(Tier.Insufficient);
  });
});

describe("CDNOW as a ledger", () => {
  const { result, ids } = classifyLedger();
  const row = (id: string) => ids.indexOf(id);

  test("the three columns follow §11's; the header names the horizon", () => {
    expect(reportHeaders("zh", result).slice(-4)).toEqual([
      "数据问题",
      "通常间隔(天)",
      "活跃概率",
      "预计订单(90天)",
    ]);
    expect(reportHeaders("en", result).slice(-3)).toEqual([
      "Typical interval (days)",
      "P(alive)",
      "Expected orders (90 days)",
    ]);
  });

  test("00004 (x 2, t 213, T 272): 107 days, P(alive) 0.7266, 0.45 orders in 90 days; not 明日黄花", () => {
    const i = row("00004");
    const cells = outputRow(result, i, "zh").slice(-3);
    expect(cells[0]).toBe(107);
    expect(cells[1] as number).toBeCloseTo(0.7266, 4);
    expect(cells[2]).toBe(0.45);
    expect(result.tier[i]).toBe(Tier.Star);
  });

  test("01605 (x 2, every 26 days, silent 214 days, P(alive) 19.8%): 明日黄花 in the rep's words", () => {
    const i = row("01605");
    expect(result.tier[i]).toBe(Tier.Fading);
    expect(result.rhythm!.pAlive[i]).toBeCloseTo(0.19818, 5);
    expect(whyText(result, i, "zh").split("；")[0]).toBe(
      "明日黄花：通常每26天下单，已214天未下单，活跃概率19%",
    );
    expect(whyText(result, i, "en").split("; ")[0]).toBe(
      "Fading: usually orders every 26 days, none for 214 days, P(alive) 19%",
    );
  });

  test("x = 1 never takes the rhythm condition (rhythmMinRepeats 2): 00021 is 明日黄花 by its lapse", () => {
    const i = row("00021");
    expect(result.rhythm!.histories.x[i]).toBe(1);
    expect(whyText(result, i, "en").split("; ")[0]).toBe("Fading: no order for 260 days");
  });

  test("the summary model: the fit, 946 repeat buyers and the at-risk list, lowest P(alive) first", () => {
    const s = summarize(result).rhythm!;
    expect(s.fit!.r).toBeCloseTo(0.2426, 4);
    expect(s.fit!.alpha).toBeCloseTo(30.895, 3);
    expect(s.fit!.a).toBeCloseTo(0.7929, 4);
    expect(s.fit!.b).toBeCloseTo(2.4259, 4);
    expect(s.fit!.logLikelihood).toBeCloseTo(-14363.53, 2);
    expect([s.repeaters, s.customers, s.forecastDays, s.blankReason]).toEqual([946, 2357, 90, null]);
    expect(s.atRisk).toHaveLength(20);
    expect(s.atRisk[0]).toMatchObject({ id: "19339", interval: 2, silentDays: 172, tier: Tier.Fading });
    for (let k = 1; k < s.atRisk.length; k++)
      expect(s.atRisk[k].pAlive).toBeGreaterThanOrEqual(s.atRisk[k - 1].pAlive);
  });

  test("the Summary sheet (pane and CLI): the fit, then the at-risk table", () => {
    const grid = summaryGrid(summarize(result), "en");
    const first = grid.cells.map((row) => row[0]);
    const at = first.indexOf("Buying rhythm (BG/NBD)");
    expect(grid.cells.slice(at + 1, at + 3).map((row) => row.slice(0, 2))).toEqual([
      ["Repeat buyers", 946],
      ["r", summarize(result).rhythm!.fit!.r],
    ]);
    const head = first.indexOf("Repeat buyers most at risk") + 1;
    expect(grid.cells[head]).toEqual([
      "Customer ID",
      "Customer",
      "P(alive)",
      "Typical interval (days)",
      "Days silent",
      "Expected orders (90 days)",
    ]);
    expect(grid.cells[head + 1].slice(0, 1).concat(grid.cells[head + 1].slice(3))).toEqual([
      "19339",
      2,
      172,
      0,
    ]);
    expect(grid.kinds[head + 1][2]).toBe("percent");
  });

  test("fadingAlive 0 switches the rhythm condition off: 01605 is then 明日黄花 by its lapse only", () => {
    const off = classifyLedger({ ...DEFAULT_SETTINGS, fadingAlive: 0 });
    const i = off.ids.indexOf("01605");
    expect(whyText(off.result, i, "zh").split("；")[0]).toBe("明日黄花：214天未下单");
  });
});

describe("too few repeat buyers", () => {
  test("the first 40 lines: columns present but blank, Why as §4 alone, the summary says why", () => {
    const { result } = classifyLedger(DEFAULT_SETTINGS, 40);
    const s = summarize(result).rhythm!;
    expect(s.fit).toBeNull();
    expect(s.blankReason!.zh).toMatch(/^只有\d+个客户有复购（至少需要30个），未计算购买节奏$/);
    for (let i = 0; i < result.rowCount; i++) {
      expect(outputRow(result, i, "zh").slice(-3)).toEqual([null, null, null]);
      expect(whyText(result, i, "zh")).not.toMatch(/活跃概率/);
    }
  });
});

test("a customer table (no ledger) keeps §11's 14 columns and no rhythm summary", () => {
  const input = buildTableInput(
    { rowCount: 1, column: (c) => [["甲公司"], [1000]][c] },
    mapHeaders(["客户名称", "销售额"]),
  );
  const result = classify(input, { today: TODAY });
  expect(reportHeaders("zh", result)).toHaveLength(14);
  expect(summarize(result).rhythm).toBeNull();
});
