/**
 * METHOD.md §13 over a whole table: fit BG/NBD when enough customers bought more than once,
 * then each customer's typical interval, P(alive) and expected orders; blank columns and a
 * one-line reason otherwise. Also the extra 明日黄花 condition, its Why, and the "at risk" list.
 */
import type { Lang } from "../types";
import { fitBgnbd, type BgnbdFit } from "./fit";
import { expectedOrders, pAlive } from "./predict";
import { groupHistories, historyOfDates, typicalInterval } from "./summary";
import type { DayNumber } from "../types";

/** The §13 settings (defaults forecastDays 90, rhythmMinRepeaters 30, rhythmMinRepeats 2, fadingAlive 0.30). */
export interface RhythmSettings {
  forecastDays: number;
  rhythmMinRepeaters: number;
  rhythmMinRepeats: number;
  fadingAlive: number;
}

export const DEFAULT_RHYTHM_SETTINGS: Readonly<RhythmSettings> = Object.freeze({
  forecastDays: 90,
  rhythmMinRepeaters: 30,
  rhythmMinRepeats: 2,
  fadingAlive: 0.3,
});

/** Per customer x, t, T in days: NaN where the customer has no purchase. */
export interface RhythmHistories {
  x: Float64Array;
  t: Float64Array;
  T: Float64Array;
}

export interface RhythmAnalysis {
  /** The fit, when it was made and converged; null otherwise. */
  fit: BgnbdFit | null;
  /** Why the §13 columns are blank, one line each language; null when they are filled. */
  blankReason: { zh: string; en: string } | null;
  customers: number;
  /** Customers with x ≥ 1. */
  repeaters: number;
  repeatPurchases: number;
  forecastDays: number;
  histories: RhythmHistories;
  /** 通常间隔 (days), 活跃概率, 预计订单: NaN = blank cell. */
  interval: Float64Array;
  pAlive: Float64Array;
  expected: Float64Array;
}

/** x, t, T for each customer's list of purchase dates (undefined or empty: no purchase). */
export function historiesOfDates(
  datesPerCustomer: readonly (ArrayLike<DayNumber> | undefined)[],
  today: DayNumber,
): RhythmHistories {
  const n = datesPerCustomer.length;
  const h: RhythmHistories = { x: new Float64Array(n), t: new Float64Array(n), T: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const dates = datesPerCustomer[i];
    const one = dates ? historyOfDates(dates, today) : null;
    h.x[i] = one ? one.x : NaN;
    h.t[i] = one ? one.t : NaN;
    h.T[i] = one ? one.T : NaN;
  }
  return h;
}

/**
 * x, t, T from purchase dates stored end to end (the ledger's layout): customer c's dates are
 * days[start[c] .. start[c+1]), distinct and ascending. A customer with none is NaN.
 */
export function historiesOfPurchaseDays(
  start: Int32Array,
  days: Int32Array,
  today: DayNumber,
): RhythmHistories {
  const n = start.length - 1;
  const h: RhythmHistories = { x: new Float64Array(n), t: new Float64Array(n), T: new Float64Array(n) };
  for (let c = 0; c < n; c++) {
    const from = start[c];
    const to = start[c + 1];
    if (to <= from) {
      h.x[c] = h.t[c] = h.T[c] = NaN;
      continue;
    }
    h.x[c] = to - from - 1;
    h.t[c] = days[to - 1] - days[from];
    h.T[c] = today - days[from];
  }
  return h;
}

/** Histories re-ordered to other rows: row r shows customer rowCustomer[r] (−1: none, NaN). */
export function historiesForRows(h: RhythmHistories, rowCustomer: Int32Array): RhythmHistories {
  const n = rowCustomer.length;
  const out: RhythmHistories = { x: new Float64Array(n), t: new Float64Array(n), T: new Float64Array(n) };
  for (let r = 0; r < n; r++) {
    const c = rowCustomer[r];
    out.x[r] = c >= 0 ? h.x[c] : NaN;
    out.t[r] = c >= 0 ? h.t[c] : NaN;
    out.T[r] = c >= 0 ? h.T[c] : NaN;
  }
  return out;
}

function tooFewReason(repeaters: number, needed: number): { zh: string; en: string } {
  return {
    zh: `只有${repeaters}个客户有复购（至少需要${needed}个），未计算购买节奏`,
    en: `only ${repeaters} customer${repeaters === 1 ? "" : "s"} bought more than once (${needed} needed): no buying rhythm`,
  };
}

const NOT_CONVERGED = {
  zh: "购买节奏模型（BG/NBD）未收敛，未计算购买节奏",
  en: "the buying-rhythm model (BG/NBD) did not converge: no buying rhythm",
};

/** Fits and predicts for every customer (columns blank with a reason when no usable fit). */
export function analyseRhythm(histories: RhythmHistories, settings: RhythmSettings): RhythmAnalysis {
  const n = histories.x.length;
  const groupOf = new Int32Array(n);
  const groups = groupHistories(histories.x, histories.t, histories.T, groupOf);
  const base = {
    customers: groups.customers,
    repeaters: groups.repeaters,
    repeatPurchases: groups.repeatPurchases,
    forecastDays: settings.forecastDays,
    histories,
    interval: new Float64Array(n).fill(NaN),
    pAlive: new Float64Array(n).fill(NaN),
    expected: new Float64Array(n).fill(NaN),
  };
  if (groups.repeaters < settings.rhythmMinRepeaters || groups.repeaters === 0) {
    return { ...base, fit: null, blankReason: tooFewReason(groups.repeaters, settings.rhythmMinRepeaters) };
  }
  const fit = fitBgnbd(groups);
  if (!fit.converged) return { ...base, fit: null, blankReason: NOT_CONVERGED };
  // Predictions are made once per distinct (x, t, T) and shared by its customers.
  const H = settings.forecastDays;
  const alive = new Float64Array(groups.size);
  const expected = new Float64Array(groups.size);
  for (let g = 0; g < groups.size; g++) {
    alive[g] = pAlive(fit, groups.x[g], groups.t[g], groups.T[g]);
    expected[g] = expectedOrders(fit, groups.x[g], groups.t[g], groups.T[g], H);
  }
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    if (g < 0) continue;
    base.interval[i] = typicalInterval(groups.x[g], groups.t[g]);
    base.pAlive[i] = alive[g];
    base.expected[i] = expected[g];
  }
  return { ...base, fit, blankReason: null };
}

/** METHOD §4 step 2, §13's extra condition: x ≥ rhythmMinRepeats and P(alive) < fadingAlive. */
export function isRhythmFading(x: number, alive: number, settings: RhythmSettings): boolean {
  return x >= settings.rhythmMinRepeats && alive < settings.fadingAlive;
}

/**
 * A probability as a whole percentage for a rep: `18%`, `<1%` below one percent. Cut down, not
 * rounded, so that a P(alive) under the 30% threshold never reads `30%`.
 */
export function percentText(p: number): string {
  return p < 0.01 ? "<1%" : `${Math.floor(p * 100 + 1e-9)}%`;
}

/**
 * The Why of the rhythm rule: `通常每23天下单，已52天未下单，活跃概率18%` /
 * `usually orders every 23 days, none for 52 days, P(alive) 18%` (silentDays = T − t).
 */
export function rhythmWhy(interval: number, silentDays: number, alive: number, lang: Lang): string {
  const pct = percentText(alive);
  if (lang === "zh") return `通常每${interval}天下单，已${silentDays}天未下单，活跃概率${pct}`;
  const every = interval === 1 ? "every day" : `every ${interval} days`;
  const none = silentDays === 1 ? "none for 1 day" : `none for ${silentDays} days`;
  return `usually orders ${every}, ${none}, P(alive) ${pct}`;
}

export interface AtRiskEntry {
  /** The customer's row index in the analysed table. */
  index: number;
  pAlive: number;
  interval: number;
  silentDays: number;
  expected: number;
}

/**
 * The repeat buyers (x ≥ rhythmMinRepeats) with the lowest P(alive), lowest first (ties in
 * table order), at most `limit` of them; empty when there is no fit.
 */
export function atRiskList(analysis: RhythmAnalysis, settings: RhythmSettings, limit = 20): AtRiskEntry[] {
  if (!analysis.fit) return [];
  const { x, t, T } = analysis.histories;
  const out: AtRiskEntry[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] >= settings.rhythmMinRepeats) || Number.isNaN(analysis.pAlive[i])) continue;
    out.push({
      index: i,
      pAlive: analysis.pAlive[i],
      interval: analysis.interval[i],
      silentDays: T[i] - t[i],
      expected: analysis.expected[i],
    });
  }
  out.sort((p, q) => p.pAlive - q.pAlive || p.index - q.index);
  return out.slice(0, limit);
}
