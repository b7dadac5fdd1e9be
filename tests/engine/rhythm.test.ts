/**
 * METHOD.md §13 (buying rhythm, BG/NBD): the published CDNOW figures, hand-checked customers,
 * blank columns below the threshold, the extra 明日黄花 condition and its Why, the at-risk list.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseIsoDay } from "../../src/engine/days";
import {
  analyseRhythm,
  atRiskList,
  customerLogLikelihood,
  DEFAULT_RHYTHM_SETTINGS,
  expectedOrders,
  fitBgnbd,
  groupHistories,
  historiesOfDates,
  historiesOfPurchaseDays,
  historyOfDates,
  isRhythmFading,
  logLikelihood,
  pAlive,
  prepare,
  rhythmWhy,
  typicalInterval,
  type BgnbdParams,
  type RhythmHistories,
} from "../../src/engine/rhythm";

const AS_OF = parseIsoDay("1997-09-30");

/** The fixture ledger: purchase dates per customer id, in order of first appearance. */
function cdnowDates(): { ids: string[]; dates: number[][] } {
  const text = readFileSync(join(__dirname, "../fixtures/cdnow-sample-ledger.csv"), "utf8");
  const byId = new Map<string, number[]>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [id, date] = line.split(",");
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push(parseIsoDay(date));
  }
  return { ids: [...byId.keys()], dates: [...byId.values()] };
}

const cdnow = cdnowDates();
const cdnowHistories = historiesOfDates(cdnow.dates, AS_OF);

describe("x, t, T and the typical interval", () => {
  test("distinct dates only, dates after today ignored, days between first, last and today", () => {
    const d = parseIsoDay;
    const dates = [d("2026-03-10"), d("2026-01-01"), d("2026-03-10"), d("2026-02-01"), d("2026-12-31")];
    expect(historyOfDates(dates, d("2026-04-01"))).toEqual({ x: 2, t: 68, T: 90 });
    expect(historyOfDates([d("2026-04-01")], d("2026-04-01"))).toEqual({ x: 0, t: 0, T: 0 });
    expect(historyOfDates([d("2026-05-01")], d("2026-04-01"))).toBeNull();
    expect(historyOfDates([], d("2026-04-01"))).toBeNull();
  });

  test("t / x rounded, halves up; blank for x = 0", () => {
    expect(typicalInterval(3, 68)).toBe(23); // 22.67
    expect(typicalInterval(2, 45)).toBe(23); // 22.5
    expect(typicalInterval(4, 45)).toBe(11); // 11.25
    expect(typicalInterval(0, 0)).toBeNaN();
  });

  test("from dates stored end to end (the ledger's layout): distinct, ascending; none → NaN", () => {
    const start = Int32Array.from([0, 3, 3, 4]);
    const days = Int32Array.from([100, 110, 168, 150]);
    const h = historiesOfPurchaseDays(start, days, 190);
    expect(Array.from(h.x)).toEqual([2, NaN, 0]);
    expect(Array.from(h.t)).toEqual([68, NaN, 0]);
    expect(Array.from(h.T)).toEqual([90, NaN, 40]);
  });

  test("grouping keeps counts and skips customers without a purchase", () => {
    const g = groupHistories([0, 2, 2, NaN, 0], [0, 10, 10, NaN, 0], [5, 30, 30, NaN, 5]);
    expect(g.size).toBe(2);
    expect(Array.from(g.count.subarray(0, 2))).toEqual([2, 2]);
    expect([g.customers, g.repeaters, g.repeatPurchases, g.maxX]).toEqual([4, 2, 4, 2]);
  });
});

describe("CDNOW sample (Fader, Hardie & Lee 2005), as-of 1997-09-30", () => {
  test("2,357 customers, 946 of them repeat buyers, 2,457 repeat purchases; customer 00004", () => {
    const g = groupHistories(cdnowHistories.x, cdnowHistories.t, cdnowHistories.T);
    expect([g.customers, g.repeaters, g.repeatPurchases]).toEqual([2357, 946, 2457]);
    const i = cdnow.ids.indexOf("00004");
    expect([cdnowHistories.x[i], cdnowHistories.t[i], cdnowHistories.T[i]]).toEqual([2, 213, 272]);
  });

  test("the log-likelihood at the published parameters is the published −14363.53 (days)", () => {
    const g = groupHistories(cdnowHistories.x, cdnowHistories.t, cdnowHistories.T);
    const theta = [0.2426, 30.895, 0.7929, 2.4259].map(Math.log);
    expect(logLikelihood(prepare(g), theta)).toBeCloseTo(-14363.53, 1);
  });

  test("the fit in days: r 0.2426, α 30.895, a 0.7929, b 2.4259, LL −14363.53", () => {
    const g = groupHistories(cdnowHistories.x, cdnowHistories.t, cdnowHistories.T);
    const fit = fitBgnbd(g);
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeCloseTo(0.2426, 4);
    expect(fit.alpha).toBeCloseTo(30.895, 3);
    expect(fit.a).toBeCloseTo(0.7929, 4);
    expect(fit.b).toBeCloseTo(2.4259, 4);
    expect(fit.logLikelihood).toBeCloseTo(-14363.53, 2);
  });

  test("the same data in weeks gives α 4.4136 and LL −9582.43; r, a, b unchanged", () => {
    const weeks = (v: Float64Array) => v.map((d) => d / 7);
    const g = groupHistories(cdnowHistories.x, weeks(cdnowHistories.t), weeks(cdnowHistories.T));
    const fit = fitBgnbd(g);
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeCloseTo(0.2426, 4);
    expect(fit.alpha).toBeCloseTo(4.4136, 4);
    expect(fit.a).toBeCloseTo(0.7929, 4);
    expect(fit.b).toBeCloseTo(2.4259, 4);
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 2);
  });

  test("customer 00004: P(alive) 0.7266, 1.226 expected orders in 273 days", () => {
    const analysis = analyseRhythm(cdnowHistories, { ...DEFAULT_RHYTHM_SETTINGS, forecastDays: 273 });
    expect(analysis.blankReason).toBeNull();
    const i = cdnow.ids.indexOf("00004");
    expect(analysis.pAlive[i]).toBeCloseTo(0.7266, 4);
    expect(analysis.expected[i]).toBeCloseTo(1.226, 3);
    expect(analysis.interval[i]).toBe(107); // 213 / 2 = 106.5, halves up
  });

  test("the published fit's per-customer figures, from the formulas alone", () => {
    const p: BgnbdParams = { r: 0.2426, alpha: 30.895, a: 0.7929, b: 2.4259 };
    expect(pAlive(p, 2, 213, 272)).toBeCloseTo(0.7266, 4);
    expect(expectedOrders(p, 2, 213, 272, 273)).toBeCloseTo(1.226, 3);
  });
});

describe("P(alive) and expected orders, hand-checked", () => {
  const p: BgnbdParams = { r: 0.25, alpha: 30, a: 0.8, b: 2.5 };

  test("no repeat purchase (x = 0): P(alive) = 1", () => {
    expect(pAlive(p, 0, 0, 0)).toBe(1);
    expect(pAlive(p, 0, 0, 400)).toBe(1);
  });

  test("last purchase today (T = t): P(alive) = (b+x−1)/(a+b+x−1) = 3.5/4.3", () => {
    expect(pAlive(p, 2, 100, 100)).toBeCloseTo(3.5 / 4.3, 14);
  });

  test("a long silence: r=1, α=10, a=0.5, b=1.5, x=3, t=20, T=110 → 1/(1 + (1/7)·4⁴) = 7/263", () => {
    const q = { r: 1, alpha: 10, a: 0.5, b: 1.5 };
    expect(pAlive(q, 3, 20, 110)).toBeCloseTo(7 / 263, 14);
  });

  // With r = a+b−1 the ₂F₁ of Euler's form is 1, so the bracket is 1 − (1−z)^(a−1), z = H/(α+T+H).
  test("r = a+b−1 = 2, a = 2, α = 10, T = 30, H = 40 (z = 1/2): x = 0 → 2·½ = 1 order", () => {
    const q = { r: 2, alpha: 10, a: 2, b: 1 };
    expect(expectedOrders(q, 0, 0, 30, 40)).toBeCloseTo(1, 12);
  });

  test("same, x = 1, t = 10: 3·½ · P(alive) = 1.5 / (1 + 2·(40/20)³) = 1.5/17", () => {
    const q = { r: 2, alpha: 10, a: 2, b: 1 };
    expect(pAlive(q, 1, 10, 30)).toBeCloseTo(1 / 17, 14);
    expect(expectedOrders(q, 1, 10, 30, 40)).toBeCloseTo(1.5 / 17, 12);
  });

  test("a < 1: r = 1, a = 0.5, b = 1.5, x = 0, z = ½: 1/(−½) · (1 − √2) = 2(√2 − 1)", () => {
    const q = { r: 1, alpha: 10, a: 0.5, b: 1.5 };
    expect(expectedOrders(q, 0, 0, 30, 40)).toBeCloseTo(2 * (Math.SQRT2 - 1), 12);
  });

  test("a = 1 (0/0) is its limit: continuous across a = 1", () => {
    const at = (a: number) => expectedOrders({ ...p, a }, 2, 213, 272, 90);
    const left = at(1 - 1e-3);
    const right = at(1 + 1e-3);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((left + right) / 2, 6);
    expect(at(1 - 1e-9)).toBeCloseTo(at(1), 9);
  });

  // Reference values: the formula of METHOD §13 in mpmath 1.3.0 at 30 digits.
  test("z close to 1 (α = 1, T = 0, H = 1,000,000): finite and equal to the exact value", () => {
    const q = { r: 0.2426, alpha: 1, a: 0.7929, b: 2.4259 };
    expect(expectedOrders(q, 0, 0, 0, 1e6)).toBeCloseTo(76.39023005949619, 8);
    expect(expectedOrders(q, 3, 5, 5, 1e6)).toBeCloseTo(209.9006399273018, 7);
    expect(expectedOrders(p, 10, 300, 300, 0)).toBe(0);
  });
});

describe("analyseRhythm: the threshold and the reason", () => {
  function fewCustomers(n: number): RhythmHistories {
    const h = { x: new Float64Array(n), t: new Float64Array(n), T: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      h.x[i] = i % 4;
      h.t[i] = (i % 4) * 20;
      h.T[i] = 200;
    }
    return h;
  }

  test("20 customers (15 repeat buyers < 30): every column blank, one line why", () => {
    const a = analyseRhythm(fewCustomers(20), DEFAULT_RHYTHM_SETTINGS);
    expect(a.fit).toBeNull();
    expect(a.repeaters).toBe(15);
    expect(a.blankReason).toEqual({
      zh: "只有15个客户有复购（至少需要30个），未计算购买节奏",
      en: "only 15 customers bought more than once (30 needed): no buying rhythm",
    });
    for (const col of [a.interval, a.pAlive, a.expected]) expect(Array.from(col).every(Number.isNaN)).toBe(true);
    expect(atRiskList(a, DEFAULT_RHYTHM_SETTINGS)).toEqual([]);
  });

  test("no maximum (100 customers all alike, silent since long): blank, 'did not converge'", () => {
    const same = (v: number) => new Float64Array(100).fill(v);
    const a = analyseRhythm({ x: same(3), t: same(30), T: same(1000) }, DEFAULT_RHYTHM_SETTINGS);
    expect(a.fit).toBeNull();
    expect(a.blankReason).toEqual({
      zh: "购买节奏模型（BG/NBD）未收敛，未计算购买节奏",
      en: "the buying-rhythm model (BG/NBD) did not converge: no buying rhythm",
    });
    expect(Array.from(a.pAlive).every(Number.isNaN)).toBe(true);
  });

  test("exactly rhythmMinRepeaters repeat buyers is enough to fit", () => {
    const a = analyseRhythm(cdnowHistories, { ...DEFAULT_RHYTHM_SETTINGS, rhythmMinRepeaters: 946 });
    expect(a.blankReason).toBeNull();
    const b = analyseRhythm(cdnowHistories, { ...DEFAULT_RHYTHM_SETTINGS, rhythmMinRepeaters: 947 });
    expect(b.blankReason?.en).toBe("only 946 customers bought more than once (947 needed): no buying rhythm");
  });

  test("a customer without a purchase stays blank in a fitted table", () => {
    const dates = [...cdnow.dates, []];
    const a = analyseRhythm(historiesOfDates(dates, AS_OF), DEFAULT_RHYTHM_SETTINGS);
    const last = dates.length - 1;
    expect([a.interval[last], a.pAlive[last], a.expected[last]].every(Number.isNaN)).toBe(true);
    expect(a.customers).toBe(2357);
  });
});

describe("the extra 明日黄花 condition and its Why", () => {
  const s = DEFAULT_RHYTHM_SETTINGS;
  test("x ≥ 2 and P(alive) < 0.30; boundaries excluded/included as METHOD says", () => {
    expect(isRhythmFading(2, 0.29, s)).toBe(true);
    expect(isRhythmFading(2, 0.3, s)).toBe(false);
    expect(isRhythmFading(1, 0.01, s)).toBe(false);
    expect(isRhythmFading(5, NaN, s)).toBe(false);
  });

  test("the rep's words, zh and en", () => {
    expect(rhythmWhy(23, 52, 0.18, "zh")).toBe("通常每23天下单，已52天未下单，活跃概率18%");
    expect(rhythmWhy(23, 52, 0.18, "en")).toBe("usually orders every 23 days, none for 52 days, P(alive) 18%");
    expect(rhythmWhy(1, 1, 0.004, "en")).toBe("usually orders every day, none for 1 day, P(alive) <1%");
    // Cut down, not rounded: 29.5% is below the 30% threshold and must not read 30%.
    expect(rhythmWhy(7, 30, 0.295, "zh")).toBe("通常每7天下单，已30天未下单，活跃概率29%");
    expect(rhythmWhy(7, 30, 0.0099, "zh")).toBe("通常每7天下单，已30天未下单，活跃概率<1%");
  });
});

describe("the at-risk list", () => {
  test("CDNOW: repeat buyers (x ≥ 2) by lowest P(alive), with interval and days silent", () => {
    const a = analyseRhythm(cdnowHistories, DEFAULT_RHYTHM_SETTINGS);
    const list = atRiskList(a, DEFAULT_RHYTHM_SETTINGS, 5);
    expect(list).toHaveLength(5);
    for (let k = 1; k < list.length; k++) expect(list[k].pAlive).toBeGreaterThanOrEqual(list[k - 1].pAlive);
    for (const e of list) {
      expect(cdnowHistories.x[e.index]).toBeGreaterThanOrEqual(2);
      expect(e.silentDays).toBe(cdnowHistories.T[e.index] - cdnowHistories.t[e.index]);
      expect(e.interval).toBe(Math.round(cdnowHistories.t[e.index] / cdnowHistories.x[e.index]));
    }
    // Nobody outside the list with x ≥ 2 has a lower P(alive).
    const worst = list[list.length - 1].pAlive;
    const lower = Array.from(a.pAlive).filter((v, i) => cdnowHistories.x[i] >= 2 && v < worst);
    expect(lower.length).toBeLessThan(5);
  });
});

describe("one customer's log-likelihood matches the grouped sum", () => {
  test("CDNOW at the published parameters", () => {
    const p = { r: 0.2426, alpha: 30.895, a: 0.7929, b: 2.4259 };
    let sum = 0;
    for (let i = 0; i < cdnowHistories.x.length; i++)
      sum += customerLogLikelihood(p, cdnowHistories.x[i], cdnowHistories.t[i], cdnowHistories.T[i]);
    expect(sum).toBeCloseTo(-14363.53, 1);
  });
});
