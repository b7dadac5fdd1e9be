/**
 * A value's place in a population of values, for the per-cell functions (TIER, ABC, SHARE,
 * KEYINDEX). The population is sorted once (largest first) with prefix sums, so each lookup is a
 * binary search: 100,000 values against 100,000 population cells stay well under a second.
 *
 * The rule (see docs/METHOD-NOTES.md, "Custom functions"): a value is "a customer with that value
 * located in the population" when the population holds an equal value, otherwise "added to it"
 * (it joins the total and the count). `before` = the sum of population values strictly greater
 * than the value. For distinct values this is exactly METHOD.md §2 on the whole table, so
 * `=CRM.ABC(B2, B$2:B$9)` filled down agrees with `=CRM.ABC(B2:B9)`; for equal values all of
 * them get the better class (§2 breaks such ties by row order, which a single cell cannot know).
 */
import type { Settings } from "../engine/settings";
import { abcClassOf, volumePctOf as volumePctOfRank } from "../engine/rules";
import type { Abc } from "../engine/types";

export interface Population {
  /** Known values (negative counted as 0), largest first. */
  sorted: Float64Array;
  /** prefix[k] = sum of sorted[0..k). */
  prefix: Float64Array;
  total: number;
}

/** Builds a population from the readable values (NaN = unknown, left out; negative → 0). */
export function buildPopulation(values: ArrayLike<number>): Population {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const sorted = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) sorted[k++] = v < 0 ? 0 : v;
  }
  sorted.sort();
  sorted.reverse();
  const prefix = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) prefix[j + 1] = prefix[j] + sorted[j];
  return { sorted, prefix, total: prefix[n] };
}

/** Number of population values strictly greater than v (binary search on the descending array). */
export function countGreater(p: Population, v: number): number {
  let lo = 0;
  let hi = p.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p.sorted[mid] > v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Placement {
  /** Sum of the values strictly greater than v. */
  before: number;
  /** Population total, plus v when v was added. */
  total: number;
  /** 1 + the number of strictly greater values. */
  rank: number;
  /** Number of customers, counting v when it was added. */
  n: number;
  /** The value placed. */
  value: number;
}

/** Where a (non-negative, known) value sits in the population: located if present, else added. */
export function place(p: Population, v: number): Placement {
  const greater = countGreater(p, v);
  const located = greater < p.sorted.length && p.sorted[greater] === v;
  return {
    before: p.prefix[greater],
    total: located ? p.total : p.total + v,
    rank: greater + 1,
    n: located ? p.sorted.length : p.sorted.length + 1,
    value: v,
  };
}

/** METHOD.md §2 class from a placement: 0 is always C, total 0 makes everyone C. */
export function abcOf(v: number, at: Placement, settings: Readonly<Settings>): Abc {
  return abcClassOf(v, at.before, at.total, settings);
}

/** Cumulative share: the value of this customer and all bigger ones over the total (0 when total is 0). */
export function cumShareOf(v: number, at: Placement): number {
  return at.total > 0 ? (at.before + v) / at.total : 0;
}

/** METHOD.md §2 volumePct (the engine's rule: a value of 0 has 0). */
export function volumePctOf(at: Placement): number {
  return volumePctOfRank(at.value, at.rank, at.n);
}
