/**
 * METHOD.md §2–§10, one rule at a time, with hand-computed expectations at the boundaries.
 */
import { dayFromYmd } from "../../src/engine/days";
import {
  abcClasses,
  familiarityGap,
  fnv1a32,
  growthOf,
  hasHistory,
  isNewCustomer,
  jitterDays,
  keyIndex,
  MarginBand,
  marginBand,
  nextAction,
  nextBirthday,
  potentialScore,
  relationshipLevel,
  rfmScores,
  riskFlags,
  roundHalfUp,
  salesStrategy,
  tierOf,
  valueOf,
  valueMeasure,
  valueMedian,
  median,
  lastValueEstimate,
  ValueEstimate,
  ValueMeasure,
  type ActionInput,
} from "../../src/engine/rules";
import { DEFAULT_SETTINGS, type Settings } from "../../src/engine/settings";
import { Abc, ActionKind, Level, Position, RiskFlag, Strategy, Tier } from "../../src/engine/types";

const S: Settings = { ...DEFAULT_SETTINGS };
const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe("§8 FNV-1a and jitter", () => {
  // Computed independently (Python: for b in s.encode("utf-8"): h ^= b; h = h*16777619 & 0xffffffff).
  // "华安建材有限公司" = e5 8d 8e e5 ae 89 e5 bb ba e6 9d 90 e6 9c 89 e9 99 90 e5 85 ac e5 8f b8
  // → h = 1535487709; 1535487709 mod 7 = 0 (7 × 219355387 = 1535487709) → jitter 0 − 3 = −3.
  test("华安建材有限公司 hashes to 1535487709 and gets jitter −3", () => {
    expect(fnv1a32("华安建材有限公司")).toBe(1535487709);
    expect(jitterDays("华安建材有限公司")).toBe(-3);
    expect(jitterDays("  华安建材有限公司\u3000")).toBe(-3); // trimmed first
  });
  test("published vectors and edge cases", () => {
    expect(fnv1a32("")).toBe(2166136261); // offset basis; 2166136261 mod 7 = 2 → −1
    expect(fnv1a32("a")).toBe(0xe40c292c); // standard FNV-1a test vector
    expect(fnv1a32("😀")).toBe(866293256); // surrogate pair → 4 UTF-8 bytes f0 9f 98 80
    expect(jitterDays("")).toBe(-1);
    expect(jitterDays("a")).toBe(2); // 3826002220 mod 7 = 5 → 5 − 3
    expect(jitterDays("华安建材有限公司", { jitterDays: 0 })).toBe(0);
  });
  test("jitter stays within ±jitterDays", () => {
    for (const name of ["甲", "乙公司", "Acme", "x".repeat(50)]) {
      const j = jitterDays(name);
      expect(j).toBeGreaterThanOrEqual(-3);
      expect(j).toBeLessThanOrEqual(3);
    }
  });
});

describe("§2 value (v2: one measure per table)", () => {
  const { Revenue, Margin, Profit } = ValueMeasure;
  test("the table's measure: profit column, else revenue and margin columns, else revenue", () => {
    expect(valueMeasure(true, true, true)).toBe(Profit);
    expect(valueMeasure(true, false, false)).toBe(Profit);
    expect(valueMeasure(false, true, true)).toBe(Margin);
    expect(valueMeasure(false, true, false)).toBe(Revenue);
  });
  test("each measure, and its estimates", () => {
    expect(valueOf(Profit, 1000, 300, 0.5, NaN)).toBe(300);
    expect(lastValueEstimate()).toBe(ValueEstimate.None);
    expect(valueOf(Profit, 1000, NaN, 0.25, 0.1)).toBe(250);
    expect(lastValueEstimate()).toBe(ValueEstimate.FromRate);
    expect(valueOf(Profit, 1000, NaN, NaN, 0.1)).toBe(100);
    expect(lastValueEstimate()).toBe(ValueEstimate.MedianRatio);
    expect(valueOf(Profit, 1000, NaN, NaN, NaN)).toBeNaN(); // no median
    expect(valueOf(Profit, NaN, NaN, 0.3, 0.1)).toBeNaN(); // no revenue either
    expect(valueOf(Margin, 1000, 300, 0.25, 0.2)).toBe(250); // a stray profit cell is not the measure
    expect(valueOf(Margin, 1000, NaN, NaN, 0.2)).toBe(200);
    expect(lastValueEstimate()).toBe(ValueEstimate.MedianMargin);
    expect(valueOf(Revenue, 1000, NaN, NaN, NaN)).toBe(1000);
    expect(valueOf(Revenue, NaN, NaN, NaN, NaN)).toBeNaN();
  });
  test("medians: odd and even counts; profit/revenue only where revenue > 0", () => {
    const f = (xs: number[]) => Float64Array.from(xs);
    expect(median(f([0.3, 0.1, 0.2]))).toBe(0.2);
    expect(median(f([0.4, 0.1, 0.2, 0.3]))).toBe(0.25);
    expect(median(f([]))).toBeNaN();
    // rows with both: 100/400 = 0.25, 30/100 = 0.3; revenue 0 and missing profit skipped
    expect(valueMedian(Profit, f([400, 100, 0, 50]), f([100, 30, 5, NaN]), f([NaN, NaN, NaN, NaN]))).toBe(
      0.275,
    );
    expect(valueMedian(Margin, f([1, 1, 1]), f([NaN, NaN, NaN]), f([0.2, NaN, 0.3]))).toBe(0.25);
    expect(valueMedian(Revenue, f([1]), f([1]), f([1]))).toBeNaN();
  });
});

describe("§2 ABC class, share and volumePct", () => {
  test("cumulative share exactly at 80% → B and at 95% → C", () => {
    // total 100: before = 0, 50, 80, 95
    const r = abcClasses(f64([50, 30, 15, 5]), S);
    expect(Array.from(r.abc)).toEqual([Abc.A, Abc.A, Abc.B, Abc.C]);
    expect(Array.from(r.share)).toEqual([0.5, 0.3, 0.15, 0.05]);
    expect(Array.from(r.cumShare)).toEqual([0.5, 0.8, 0.95, 1]);
    expect(r.total).toBe(100);
    // ranks 1..4 → 1 − (rank−1)/3
    expect(Array.from(r.volumePct)).toEqual([1, 1 - 1 / 3, 1 - 2 / 3, 0]);
  });
  test("order of rows does not matter when values differ", () => {
    const r = abcClasses(f64([5, 15, 50, 30]), S);
    expect(Array.from(r.abc)).toEqual([Abc.C, Abc.B, Abc.A, Abc.A]);
  });
  test("decimal values land exactly on 80%: 0.5 + 0.3 before 0.2 → B", () => {
    const r = abcClasses(f64([0.2, 0.5, 0.3]), S);
    expect(Array.from(r.abc)).toEqual([Abc.B, Abc.A, Abc.A]);
  });
  test("ties: original row order decides the cumulative position", () => {
    // [60, 20, 20]: before 0, 60, 80 → A, A, B
    expect(Array.from(abcClasses(f64([60, 20, 20]), S).abc)).toEqual([Abc.A, Abc.A, Abc.B]);
    // [20, 20, 60]: the 60 first (before 0), then row 0 (before 60), then row 1 (before 80)
    expect(Array.from(abcClasses(f64([20, 20, 60]), S).abc)).toEqual([Abc.A, Abc.B, Abc.A]);
    // equal values share the better rank for volumePct: ranks 1, 1, 3 over n = 3
    expect(Array.from(abcClasses(f64([40, 40, 20]), S).volumePct)).toEqual([1, 1, 0]);
  });
  test("value 0 is always C, unknown is None, total 0 makes everyone C", () => {
    const r = abcClasses(f64([0, 10, NaN]), S);
    expect(Array.from(r.abc)).toEqual([Abc.C, Abc.A, Abc.None]);
    expect(r.share[2]).toBeNaN();
    expect(r.volumePct[2]).toBeNaN();
    const z = abcClasses(f64([0, 0]), S);
    expect(Array.from(z.abc)).toEqual([Abc.C, Abc.C]);
    expect(Array.from(z.share)).toEqual([0, 0]);
  });
  test("a single valued row has volumePct 1", () => {
    expect(Array.from(abcClasses(f64([NaN, 7]), S).volumePct)).toEqual([NaN, 1]);
  });
  test("cut points are settings", () => {
    const r = abcClasses(f64([50, 30, 15, 5]), { abcCutA: 0.5, abcCutB: 0.8 });
    // before 0 < 50 → A; 50 → B (50 < 80); 80 → C; 95 → C
    expect(Array.from(r.abc)).toEqual([Abc.A, Abc.B, Abc.C, Abc.C]);
  });
});

describe("§3 growth, new, history", () => {
  test("growth only when prevRevenue > 0", () => {
    expect(growthOf(135, 100)).toBeCloseTo(0.35, 12);
    expect(growthOf(100, 0)).toBeNaN();
    expect(growthOf(100, NaN)).toBeNaN();
    expect(growthOf(NaN, 100)).toBeNaN();
  });
  const today = dayFromYmd(2027, 1, 20);
  test("new: prevRevenue 0, or missing with a first order 0–365 days ago", () => {
    expect(isNewCustomer(100, 0, NaN, today, S)).toBe(true);
    expect(isNewCustomer(100, NaN, today - 365, today, S)).toBe(true);
    expect(isNewCustomer(100, NaN, today - 366, today, S)).toBe(false);
    expect(isNewCustomer(100, NaN, today, today, S)).toBe(true);
    expect(isNewCustomer(100, NaN, today + 1, today, S)).toBe(false);
    expect(isNewCustomer(100, NaN, NaN, today, S)).toBe(false);
    expect(isNewCustomer(0, 0, NaN, today, S)).toBe(false);
    expect(isNewCustomer(100, 50, today - 10, today, S)).toBe(false);
  });
  test("history: prevRevenue > 0, orders ≥ 1 or a last order", () => {
    expect(hasHistory(1, NaN, NaN)).toBe(true);
    expect(hasHistory(0, 1, NaN)).toBe(true);
    expect(hasHistory(0, 0, 100)).toBe(true);
    expect(hasHistory(0, 0, NaN)).toBe(false);
    expect(hasHistory(NaN, NaN, NaN)).toBe(false);
  });
});

describe("§4 tier", () => {
  // tierOf(hasValue, abc, history, growth, isNew, recency, potential, overdueDays, settings)
  test("no value measure → 数据不足 whatever else holds", () => {
    expect(tierOf(false, Abc.None, true, -0.9, false, 999, 7, 0, S)).toBe(Tier.Insufficient);
  });
  test("growth exactly −30% (70/100 − 1 = −0.30000000000000004) is Fading", () => {
    expect(70 / 100 - 1).not.toBe(-0.3);
    expect(tierOf(true, Abc.A, true, 70 / 100 - 1, false, NaN, NaN, NaN, S)).toBe(Tier.Fading);
    expect(tierOf(true, Abc.A, true, -0.3 + 5e-10, false, NaN, NaN, NaN, S)).toBe(Tier.Fading);
    expect(tierOf(true, Abc.A, true, -0.3 + 2e-9, false, NaN, NaN, NaN, S)).toBe(Tier.Star);
    expect(tierOf(true, Abc.A, true, -0.29, false, NaN, NaN, NaN, S)).toBe(Tier.Star);
  });
  test("recency 180 is not Fading, 181 is", () => {
    expect(tierOf(true, Abc.A, true, NaN, false, 180, NaN, NaN, S)).toBe(Tier.Star);
    expect(tierOf(true, Abc.A, true, NaN, false, 181, NaN, NaN, S)).toBe(Tier.Fading);
  });
  test("Fading needs history", () => {
    expect(tierOf(true, Abc.C, false, -0.5, false, 400, NaN, NaN, S)).toBe(Tier.Regular);
  });
  test("growth exactly +30% (130/100 − 1) is Rising; just below is Regular", () => {
    expect(130 / 100 - 1).not.toBe(0.3);
    expect(tierOf(true, Abc.B, true, 130 / 100 - 1, false, 10, NaN, NaN, S)).toBe(Tier.Rising);
    expect(tierOf(true, Abc.B, true, 0.3 - 5e-10, false, 10, NaN, NaN, S)).toBe(Tier.Rising);
    expect(tierOf(true, Abc.B, true, 0.3 - 2e-9, false, 10, NaN, NaN, S)).toBe(Tier.Regular);
  });
  test("Star beats Rising; new and potential ≥ 5 make Rising", () => {
    expect(tierOf(true, Abc.A, false, NaN, true, NaN, 7, NaN, S)).toBe(Tier.Star);
    expect(tierOf(true, Abc.C, false, NaN, true, NaN, NaN, NaN, S)).toBe(Tier.Rising);
    expect(tierOf(true, Abc.C, false, NaN, false, NaN, 5, NaN, S)).toBe(Tier.Rising);
    expect(tierOf(true, Abc.C, false, NaN, false, NaN, 4, NaN, S)).toBe(Tier.Regular);
  });
  test("overdue 15 days still Rising, 16 days not", () => {
    expect(tierOf(true, Abc.C, false, NaN, true, NaN, NaN, 15, S)).toBe(Tier.Rising);
    expect(tierOf(true, Abc.C, false, NaN, true, NaN, NaN, 16, S)).toBe(Tier.Regular);
    expect(tierOf(true, Abc.C, false, NaN, true, NaN, NaN, NaN, S)).toBe(Tier.Rising);
  });
});

describe("§5 key-account index", () => {
  test("rounding: halves go up even through float noise", () => {
    expect(roundHalfUp(62.5)).toBe(63);
    expect(roundHalfUp(62.49999999999999)).toBe(63);
    expect(roundHalfUp(62.4999)).toBe(62);
    expect(roundHalfUp(0)).toBe(0);
  });
  test("all four components with default weights", () => {
    // 0.4×1 + 0.25×(6/12) + 0.2×(1 − 0/60) + 0.15×(0.1 + 0.5) = 0.815 → 81.5 → 82
    expect(keyIndex(1, 6, NaN, 0, 0.1, false, S)).toBe(82);
    // 0.4×1 + 0.25×0.5 + 0.2×0.5 + 0.15×0.5 = 0.7 → 70 (overdue 30 → payment 0.5; growth 0 → 0.5)
    expect(keyIndex(1, 6, NaN, 30, 0, false, S)).toBe(70);
    // new = 0.75: 0.4 + 0.25 + 0.2 + 0.15×0.75 = 0.9625 → 96
    expect(keyIndex(1, 12, NaN, 0, NaN, true, S)).toBe(96);
  });
  test("bounds 0 and 100; clamps", () => {
    expect(keyIndex(0, 0, NaN, 60, -0.5, false, S)).toBe(0);
    expect(keyIndex(1, 12, NaN, -5, 0.5, false, S)).toBe(100);
    expect(keyIndex(1, NaN, 40, 0, 3, false, S)).toBe(100); // orders 40/12 → 1; growth 3.5 → 1
    expect(keyIndex(0, NaN, NaN, 600, -2, false, S)).toBe(0);
  });
  test("continuity from orders when activeMonths is missing", () => {
    // 0.4×0 + 0.25×(3/12) = 0.0625 over 0.65 → 9.615… → 10
    expect(keyIndex(0, NaN, 3, NaN, NaN, false, S)).toBe(10);
  });
  test("missing components are left out and the weights renormalised", () => {
    // volume 1 (0.4) and payment 1 − 45/60 = 0.25 (0.2): 0.45 / 0.6 = 0.75 → 75
    expect(keyIndex(1, NaN, NaN, 45, NaN, false, S)).toBe(75);
    // 0.4×0.5 + 0.2×0.25 = 0.25 over 0.6 → 41.67 → 42
    expect(keyIndex(0.5, NaN, NaN, 45, NaN, false, S)).toBe(42);
    // equal weights: (1 + 0.25)/2 = 0.625 → 62.5 → 63 (half up)
    const eq = { ...S, weightVolume: 1, weightContinuity: 1, weightPayment: 1, weightGrowth: 1 };
    expect(keyIndex(1, NaN, NaN, 45, NaN, false, eq)).toBe(63);
    expect(keyIndex(NaN, NaN, NaN, NaN, NaN, false, S)).toBeNaN();
  });
});

describe("§5 risk flags", () => {
  test("one-off big order: class A with orders ≤ 1 or activeMonths ≤ 1", () => {
    expect(riskFlags(Abc.A, 1, NaN, NaN, NaN, NaN, S)).toBe(RiskFlag.OneOff);
    expect(riskFlags(Abc.A, 5, 1, NaN, NaN, NaN, S)).toBe(RiskFlag.OneOff);
    expect(riskFlags(Abc.A, 2, 2, NaN, NaN, NaN, S)).toBe(0);
    expect(riskFlags(Abc.B, 1, 1, NaN, NaN, NaN, S)).toBe(0);
    expect(riskFlags(Abc.A, NaN, NaN, NaN, NaN, NaN, S)).toBe(0);
  });
  test("margin squeeze: class A and a drop of 5 points (0.35 − 0.30 = 0.04999…) flags", () => {
    expect(0.35 - 0.3).toBeLessThan(0.05);
    expect(riskFlags(Abc.A, 5, NaN, 0.3, 0.35, NaN, S)).toBe(RiskFlag.MarginSqueeze);
    expect(riskFlags(Abc.A, 5, NaN, 0.3, 0.34, NaN, S)).toBe(0);
    expect(riskFlags(Abc.C, 5, NaN, 0.3, 0.5, NaN, S)).toBe(0);
  });
  test("payment risk: overdue 30 no, 31 yes, any class", () => {
    expect(riskFlags(Abc.C, 5, NaN, NaN, NaN, 30, S)).toBe(0);
    expect(riskFlags(Abc.C, 5, NaN, NaN, NaN, 31, S)).toBe(RiskFlag.Payment);
    expect(riskFlags(Abc.A, 1, NaN, 0.1, 0.2, 31, S)).toBe(
      RiskFlag.OneOff | RiskFlag.MarginSqueeze | RiskFlag.Payment,
    );
  });
});

describe("§6 potential", () => {
  test("criteria count wins over the potential column; the column is clamped", () => {
    expect(potentialScore(true, 3, 7)).toBe(3);
    expect(potentialScore(true, 0, NaN)).toBe(0);
    expect(potentialScore(false, 0, 9)).toBe(7);
    expect(potentialScore(false, 0, -1)).toBe(0);
    expect(potentialScore(false, 0, 4.5)).toBe(4.5);
    expect(potentialScore(false, 0, NaN)).toBeNaN();
  });
});

describe("§7 margin band and relationship level", () => {
  test("0.30 is high, 0.15 medium, within 1e-9 counts as on it, unknown is medium", () => {
    expect(marginBand(0.3, S)).toBe(MarginBand.High);
    expect(marginBand(0.3 - 5e-10, S)).toBe(MarginBand.High);
    expect(marginBand(0.2999, S)).toBe(MarginBand.Medium);
    expect(marginBand(0.15, S)).toBe(MarginBand.Medium);
    expect(marginBand(0.1499, S)).toBe(MarginBand.Low);
    expect(marginBand(NaN, S)).toBe(MarginBand.Medium);
  });
  test("the 3×3 table", () => {
    const { High, Medium, Low } = MarginBand;
    const R = Tier.Regular;
    expect([High, Medium, Low].map((b) => relationshipLevel(Abc.A, b, R))).toEqual([
      Level.Proactive,
      Level.Proactive,
      Level.Accountable,
    ]);
    expect([High, Medium, Low].map((b) => relationshipLevel(Abc.B, b, R))).toEqual([
      Level.Proactive,
      Level.Accountable,
      Level.Reactive,
    ]);
    expect([High, Medium, Low].map((b) => relationshipLevel(Abc.C, b, R))).toEqual([
      Level.Accountable,
      Level.Reactive,
      Level.Basic,
    ]);
  });
  test("Rising and Fading raised to at least 可靠; Insufficient is 一般", () => {
    expect(relationshipLevel(Abc.C, MarginBand.Low, Tier.Rising)).toBe(Level.Accountable);
    expect(relationshipLevel(Abc.C, MarginBand.Medium, Tier.Fading)).toBe(Level.Accountable);
    expect(relationshipLevel(Abc.A, MarginBand.High, Tier.Fading)).toBe(Level.Proactive);
    expect(relationshipLevel(Abc.None, MarginBand.High, Tier.Insufficient)).toBe(Level.Basic);
  });
  test("gap = target − familiarity", () => {
    expect(familiarityGap(Level.Proactive, 1)).toBe(3);
    expect(familiarityGap(Level.Basic, 5)).toBe(-4);
    expect(familiarityGap(Level.Accountable, NaN)).toBeNaN();
  });
});

describe("§8 birthdays", () => {
  test("next occurrence, today counts", () => {
    const today = dayFromYmd(2027, 3, 5);
    expect(nextBirthday(305, today)).toBe(today);
    expect(nextBirthday(304, today)).toBe(dayFromYmd(2028, 3, 4));
    expect(nextBirthday(1231, today)).toBe(dayFromYmd(2027, 12, 31));
    expect(nextBirthday(NaN, today)).toBeNaN();
  });
  test("29 February is 28 February in other years", () => {
    expect(nextBirthday(229, dayFromYmd(2027, 2, 20))).toBe(dayFromYmd(2027, 2, 28));
    expect(nextBirthday(229, dayFromYmd(2027, 2, 28))).toBe(dayFromYmd(2027, 2, 28));
    expect(nextBirthday(229, dayFromYmd(2027, 3, 1))).toBe(dayFromYmd(2028, 2, 29));
    expect(nextBirthday(229, dayFromYmd(2028, 2, 20))).toBe(dayFromYmd(2028, 2, 29));
  });
});

describe("§8 next action", () => {
  const today = dayFromYmd(2027, 1, 20);
  /** A Regular customer contacted 10 days ago: regular due today + 80, nothing else pending. */
  const base = (over: Partial<ActionInput> = {}): ActionInput => ({
    today,
    tier: Tier.Regular,
    abc: Abc.C,
    orders: 5,
    birthdayDay: NaN,
    holiday: null,
    lastOrder: NaN,
    lastContact: today - 10,
    familiarity: NaN,
    referrals: NaN,
    gap: NaN,
    jitter: 0,
    ...over,
  });
  const run = (over: Partial<ActionInput>) => ({ ...nextAction(base(over), S) });

  test("regular contact: lastContact + cadence + jitter", () => {
    expect(run({})).toEqual({ kind: ActionKind.Regular, variant: 2, due: today + 80, overdue: 0 });
    expect(run({ jitter: -3 })).toEqual({
      kind: ActionKind.Regular,
      variant: 2,
      due: today + 77,
      overdue: 0,
    });
    // missing lastContact → due today, not overdue
    expect(run({ lastContact: NaN })).toEqual({
      kind: ActionKind.Regular,
      variant: 2,
      due: today,
      overdue: 0,
    });
  });
  test("overdue: due exactly today is not overdue, one day before is", () => {
    expect(run({ lastContact: today - 90 }).overdue).toBe(0);
    expect(run({ lastContact: today - 91 })).toEqual({
      kind: ActionKind.Regular,
      variant: 2,
      due: today,
      overdue: 1,
    });
    expect(run({ lastContact: today - 93, jitter: 3 }).overdue).toBe(0);
    expect(run({ lastContact: today - 200, jitter: -3 }).overdue).toBe(113); // due today − 113
  });
  test("Star: visit when last contact ≥ 30 days ago, else a call", () => {
    expect(run({ tier: Tier.Star, abc: Abc.A, lastContact: today - 10 })).toEqual({
      kind: ActionKind.Regular,
      variant: 1,
      due: today + 4,
      overdue: 0,
    });
    expect(run({ tier: Tier.Star, abc: Abc.A, lastContact: today - 29 })).toEqual({
      kind: ActionKind.Regular,
      variant: 1,
      due: today,
      overdue: 15,
    });
    expect(run({ tier: Tier.Star, abc: Abc.A, lastContact: today - 30 })).toEqual({
      kind: ActionKind.Regular,
      variant: 0,
      due: today,
      overdue: 16,
    });
    expect(run({ tier: Tier.Star, abc: Abc.A, lastContact: NaN }).variant).toBe(0);
  });
  test("cadence by tier: Rising 30, Fading 30 (win-back first), Insufficient 90", () => {
    expect(run({ tier: Tier.Rising }).due).toBe(today + 20);
    expect(run({ tier: Tier.Insufficient, abc: Abc.None }).due).toBe(today + 80);
    expect(run({ tier: Tier.Fading, lastContact: today - 40 }).overdue).toBe(10);
  });
  test("birthday today / 14 days away / 15 days away", () => {
    expect(run({ birthdayDay: today })).toEqual({
      kind: ActionKind.Birthday,
      variant: 1,
      due: today,
      overdue: 0,
    });
    expect(run({ birthdayDay: today + 14 })).toEqual({
      kind: ActionKind.Birthday,
      variant: 1,
      due: today + 14,
      overdue: 0,
    });
    expect(run({ birthdayDay: today + 15 }).kind).toBe(ActionKind.Regular);
    expect(run({ birthdayDay: today, tier: Tier.Star, abc: Abc.A }).variant).toBe(0);
    expect(run({ birthdayDay: today, tier: Tier.Rising }).variant).toBe(0);
  });
  test("holiday 14 days away is due 2 days before it; 15 days away is ignored", () => {
    const h14 = { key: "springFestival" as const, day: today + 14 };
    expect(run({ holiday: h14 })).toEqual({
      kind: ActionKind.Holiday,
      variant: 2,
      due: today + 12,
      overdue: 0,
    });
    expect(run({ holiday: { key: "springFestival", day: today + 15 } }).kind).toBe(ActionKind.Regular);
    // a Star contacted yesterday (regular due today + 13) gets the holiday first
    expect(run({ holiday: h14, tier: Tier.Star, abc: Abc.A, lastContact: today - 1 }).variant).toBe(0);
    // … one contacted 10 days ago has a call due today + 4, before the holiday's date
    expect(run({ holiday: h14, tier: Tier.Star, abc: Abc.A }).kind).toBe(ActionKind.Regular);
    expect(run({ holiday: h14, tier: Tier.Rising }).variant).toBe(1);
  });
  test("holiday tomorrow or today: lead date has passed → due today", () => {
    expect(run({ holiday: { key: "newYear", day: today + 1 } }).due).toBe(today);
    expect(run({ holiday: { key: "newYear", day: today } }).due).toBe(today);
    expect(run({ holiday: { key: "newYear", day: today - 1 } }).kind).toBe(ActionKind.Regular);
  });
  test("after-sale: ordered 0–30 days ago and no contact since; due order + 7", () => {
    expect(run({ lastOrder: today - 3, lastContact: today - 40 })).toEqual({
      kind: ActionKind.AfterSale,
      variant: 0,
      due: today + 4,
      overdue: 0,
    });
    expect(run({ lastOrder: today - 30, lastContact: today - 40 })).toEqual({
      kind: ActionKind.AfterSale,
      variant: 0,
      due: today,
      overdue: 0,
    });
    expect(run({ lastOrder: today - 31, lastContact: today - 40 }).kind).toBe(ActionKind.Regular);
    expect(run({ lastOrder: today - 3, lastContact: today - 3 }).kind).toBe(ActionKind.Regular); // contacted that day
    // no lastContact: after-sale due today + 4 loses to regular due today …
    expect(run({ lastOrder: today - 3, lastContact: NaN }).kind).toBe(ActionKind.Regular);
    // … but wins the tie when the order was 7 days ago (lower number)
    expect(run({ lastOrder: today - 7, lastContact: NaN }).kind).toBe(ActionKind.AfterSale);
  });
  test("win-back for Fading: class A/B visit, one order → plan, else call; due today", () => {
    expect(run({ tier: Tier.Fading, abc: Abc.A })).toEqual({
      kind: ActionKind.WinBack,
      variant: 0,
      due: today,
      overdue: 0,
    });
    expect(run({ tier: Tier.Fading, abc: Abc.B }).variant).toBe(0);
    expect(run({ tier: Tier.Fading, abc: Abc.C, orders: 1 }).variant).toBe(1);
    expect(run({ tier: Tier.Fading, abc: Abc.C, orders: 2 }).variant).toBe(2);
    expect(run({ tier: Tier.Fading, abc: Abc.C, orders: NaN }).variant).toBe(2);
  });
  test("referral replaces regular contact: orders ≥ 2, familiarity ≥ 3, referrals = 0", () => {
    expect(run({ orders: 2, familiarity: 3, referrals: 0 })).toEqual({
      kind: ActionKind.Referral,
      variant: 0,
      due: today + 80,
      overdue: 0,
    });
    expect(run({ orders: 1, familiarity: 3, referrals: 0 }).kind).toBe(ActionKind.Regular);
    expect(run({ orders: 2, familiarity: 2, referrals: 0 }).kind).toBe(ActionKind.Regular);
    expect(run({ orders: 2, familiarity: 3, referrals: 1 }).kind).toBe(ActionKind.Regular);
    expect(run({ orders: 2, familiarity: 3, referrals: NaN }).kind).toBe(ActionKind.Regular);
  });
  test("deepen replaces regular contact when gap ≥ 2 and referral does not hold", () => {
    expect(run({ gap: 2 })).toEqual({ kind: ActionKind.Deepen, variant: 0, due: today + 80, overdue: 0 });
    expect(run({ gap: 1 }).kind).toBe(ActionKind.Regular);
    expect(run({ gap: 2, orders: 2, familiarity: 3, referrals: 0 }).kind).toBe(ActionKind.Referral);
    // the overdue count still belongs to the regular-contact date
    expect(run({ gap: 3, lastContact: today - 95 })).toEqual({
      kind: ActionKind.Deepen,
      variant: 0,
      due: today,
      overdue: 5,
    });
  });
  test("earliest date wins; ties go to the lower number", () => {
    const h = { key: "midAutumn" as const, day: today + 7 }; // holiday due today + 5
    expect(run({ birthdayDay: today + 5, holiday: h }).kind).toBe(ActionKind.Birthday);
    expect(run({ birthdayDay: today + 6, holiday: h }).kind).toBe(ActionKind.Holiday);
    // holiday due today + 5 vs after-sale due today + 5 → holiday
    expect(run({ holiday: h, lastOrder: today - 2, lastContact: today - 40 }).kind).toBe(ActionKind.Holiday);
    // after-sale due today (clamped) vs win-back today → after-sale
    expect(run({ tier: Tier.Fading, lastOrder: today - 20, lastContact: today - 40 }).kind).toBe(
      ActionKind.AfterSale,
    );
    // birthday today vs win-back today → birthday
    expect(run({ tier: Tier.Fading, birthdayDay: today }).kind).toBe(ActionKind.Birthday);
    // win-back today vs overdue regular (clamped to today) → win-back
    expect(run({ tier: Tier.Fading, lastContact: today - 100 })).toEqual({
      kind: ActionKind.WinBack,
      variant: 2,
      due: today,
      overdue: 70,
    });
    // birthday in 3 days beats regular in 80 days; overdue regular (today) beats birthday in 3 days
    expect(run({ birthdayDay: today + 3 }).kind).toBe(ActionKind.Birthday);
    expect(run({ birthdayDay: today + 3, lastContact: today - 100 }).kind).toBe(ActionKind.Regular);
  });
});

describe("§9 sales strategy", () => {
  test("first that holds; unknown never matches; all unknown → blank", () => {
    const { Unknown, Strong, Even, Weak } = Position;
    expect(salesStrategy(NaN, Unknown, NaN)).toBe(Strategy.None);
    expect(salesStrategy(1, Weak, 0)).toBe(Strategy.Fortify);
    expect(salesStrategy(0, Strong, 0)).toBe(Strategy.Frontal);
    expect(salesStrategy(NaN, Strong, NaN)).toBe(Strategy.Frontal);
    expect(salesStrategy(0, Weak, 0)).toBe(Strategy.Develop);
    expect(salesStrategy(0, Even, 0)).toBe(Strategy.Develop);
    expect(salesStrategy(0, Weak, 1)).toBe(Strategy.Flank);
    expect(salesStrategy(NaN, Weak, NaN)).toBe(Strategy.Flank);
    expect(salesStrategy(0, Even, 1)).toBe(Strategy.Divide);
    expect(salesStrategy(0, Unknown, NaN)).toBe(Strategy.Divide);
    expect(salesStrategy(NaN, Unknown, 1)).toBe(Strategy.Divide);
  });
});

describe("§10 RFM scores", () => {
  test("k = 1 + rows strictly worse, score = ⌈5k/n⌉; ties share the lower score", () => {
    // n = 4 known: 10 → k1 → ⌈5/4⌉ = 2; 20 → k2 → ⌈10/4⌉ = 3 (both); 30 → k4 → 5
    expect(Array.from(rfmScores(f64([10, 20, 20, 30, NaN]), true))).toEqual([2, 3, 3, 5, 0]);
    // fewer is better: 10 → 3 worse → k4 → 5; 20 → 1 worse → 3; 30 → k1 → 2
    expect(Array.from(rfmScores(f64([10, 20, 20, 30, NaN]), false))).toEqual([5, 3, 3, 2, 0]);
  });
  test("n = 7: ⌈5k/7⌉ for k = 1..7 in integers", () => {
    expect(Array.from(rfmScores(f64([1, 2, 3, 4, 5, 6, 7]), true))).toEqual([1, 2, 3, 3, 4, 5, 5]);
  });
  test("a metric most rows have at 0 scores them 1", () => {
    expect(Array.from(rfmScores(f64([0, 0, 0, 0, 0, 0, 0, 0, 0, 5]), true))).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1, 1, 5,
    ]);
  });
  test("a single known row scores 5; all unknown scores 0", () => {
    expect(Array.from(rfmScores(f64([NaN, 3]), true))).toEqual([0, 5]);
    expect(Array.from(rfmScores(f64([NaN, NaN]), false))).toEqual([0, 0]);
  });
});

describe("stable radix sort behind ABC and RFM", () => {
  // (imported late to keep the rule tests above readable)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sortOrder, valueOrder } =
    require("../../src/engine/rules") as typeof import("../../src/engine/rules");
  test("ascending and descending, negatives, −0 with 0, NaN left out, ties in row order", () => {
    const v = f64([3.5, -2, 0, NaN, -0, 1e300, -1e-300, 3.5]);
    expect(Array.from(sortOrder(v))).toEqual([1, 6, 2, 4, 0, 7, 5]);
    expect(Array.from(sortOrder(v, { descending: true }))).toEqual([5, 0, 7, 2, 4, 6, 1]);
    // negatives as 0: −2, 0, −0, −1e-300 are one block of zeros, in row order
    expect(Array.from(sortOrder(v, { descending: true, negativeAsZero: true }))).toEqual([
      5, 0, 7, 1, 2, 4, 6,
    ]);
  });
  test("valueOrder gives the sorted values themselves", () => {
    const { order, sorted } = valueOrder(f64([0.1, 0.7, NaN, -5, 0.2]));
    expect(Array.from(order)).toEqual([1, 4, 0, 3]);
    expect(Array.from(sorted)).toEqual([0.7, 0.2, 0.1, 0]);
  });
  test("matches a comparison sort on random doubles", () => {
    let s = 7;
    const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const v = Float64Array.from({ length: 5000 }, () =>
      rnd() < 0.1 ? Math.floor(rnd() * 5) : (rnd() - 0.3) * 10 ** (rnd() * 12),
    );
    const want = Array.from(v.keys()).sort((a, b) => v[a] - v[b] || a - b);
    expect(Array.from(sortOrder(v))).toEqual(want);
  });
  test("matches a comparison sort on random bit patterns, so every digit of the radix sort counts", () => {
    // Random 64-bit patterns cover every exponent and mantissa bit; neighbours that differ only
    // in the lowest bits and repeats are mixed in. NaN patterns are left out (as the sort does).
    let s = 11;
    const word = (): number => (s = (s * 1103515245 + 12345) % 2147483648) * 2 + (s & 1);
    const bits = new Uint32Array(2);
    const asDouble = new Float64Array(bits.buffer);
    const v: number[] = [];
    while (v.length < 6000) {
      bits[0] = word();
      bits[1] = word();
      const x = asDouble[0];
      if (x !== x) continue;
      v.push(x);
      if (v.length % 7 === 0) v.push(x); // a repeat
      if (v.length % 5 === 0) {
        bits[0] ^= 1 << (v.length % 32); // a neighbour: one low or middle bit apart
        if (asDouble[0] === asDouble[0]) v.push(asDouble[0]);
      }
    }
    const values = Float64Array.from(v);
    const want = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
    expect(Array.from(sortOrder(values))).toEqual(want);
    const down = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    expect(Array.from(sortOrder(values, { descending: true }))).toEqual(down);
  });
  test("RFM on fractional metrics takes the sort path and agrees with the definition", () => {
    const m = f64([0.5, 0.25, 0.25, 2.75, NaN, 1e-9]);
    // n = 5: 1e-9 (k1 → 1), 0.25 ×2 (k2 → 2), 0.5 (k4 → 4), 2.75 (k5 → 5)
    expect(Array.from(rfmScores(m, true))).toEqual([4, 2, 2, 5, 0, 1]);
    // fewer is better: 2.75 → k1 → 1; 0.5 → k2 → 2; 0.25 → k3 → 3; 1e-9 → k5 → 5
    expect(Array.from(rfmScores(m, false))).toEqual([2, 3, 3, 1, 0, 5]);
  });
});

describe("median (selection) = the sorted middle, on random arrays", () => {
  test("odd and even lengths, repeats", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 1; n < 60; n++) {
      const xs = Float64Array.from({ length: n }, () => Math.floor(rnd() * 10) / 10);
      const s = Float64Array.from(xs).sort();
      const want = n % 2 ? s[n >> 1] : (s[(n >> 1) - 1] + s[n >> 1]) / 2;
      expect(median(xs)).toBe(want);
    }
  });
});
