/**
 * METHOD.md §13: a customer's buying history reduced to x (repeat purchases), t (first to last
 * purchase) and T (first purchase to today), in days, and the customers grouped by identical
 * (x, t, T) so that the likelihood of a million customers is a sum over far fewer groups.
 */
import type { DayNumber } from "../types";

/** x, t, T in days; null when the customer has no purchase on or before today. */
export interface RhythmHistory {
  x: number;
  t: number;
  T: number;
}

/** From a customer's purchase dates (any order, repeats allowed; dates after today ignored). */
export function historyOfDates(dates: ArrayLike<DayNumber>, today: DayNumber): RhythmHistory | null {
  const distinct = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (!Number.isInteger(d) || d > today) continue;
    distinct.add(d);
    if (d < first) first = d;
    if (d > last) last = d;
  }
  if (distinct.size === 0) return null;
  return { x: distinct.size - 1, t: last - first, T: today - first };
}

/** 通常间隔: t / x rounded to a whole day (halves up); NaN when x < 1. */
export function typicalInterval(x: number, t: number): number {
  return x >= 1 ? Math.round(t / x) : NaN;
}

/** Customers grouped by identical (x, t, T); count = how many customers share the triple. */
export interface RhythmGroups {
  x: Int32Array;
  t: Float64Array;
  T: Float64Array;
  count: Float64Array;
  /** Number of groups (the arrays may be longer). */
  size: number;
  /** Customers in all groups. */
  customers: number;
  /** Customers with x ≥ 1. */
  repeaters: number;
  /** Total repeat purchases Σx. */
  repeatPurchases: number;
  /** Largest x. */
  maxX: number;
}

/** Whole days below 2^17 (358 years) and x below 2^19 make an exact numeric key below 2^53. */
const KEY_BASE = 1 << 17;

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Groups customers by (x, t, T). Entries with x, t or T not a number, x not a whole number ≥ 0,
 * t < 0 or T < t are left out (no purchase). t of a customer with x = 0 is taken as 0. Days
 * are usually whole (from dates) but need not be: CRM.RHYTHMFIT accepts weeks.
 * When groupOf is given it receives each customer's group (−1 for one left out).
 */
export function groupHistories(
  x: ArrayLike<number>,
  t: ArrayLike<number>,
  T: ArrayLike<number>,
  groupOf?: Int32Array,
): RhythmGroups {
  const index = new Map<number | string, number>();
  const n = x.length;
  let gx: Int32Array = new Int32Array(Math.max(16, Math.min(n, 4096)));
  let gt: Float64Array = new Float64Array(gx.length);
  let gT: Float64Array = new Float64Array(gx.length);
  let gc: Float64Array = new Float64Array(gx.length);
  let size = 0;
  let customers = 0;
  let repeaters = 0;
  let repeatPurchases = 0;
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const ti = xi === 0 ? 0 : t[i];
    const Ti = T[i];
    if (!(Number.isInteger(xi) && xi >= 0 && ti >= 0 && Ti >= ti && Number.isFinite(Ti))) {
      if (groupOf) groupOf[i] = -1;
      continue;
    }
    const exact = Number.isInteger(ti) && Number.isInteger(Ti) && Ti < KEY_BASE && xi < 4 * KEY_BASE;
    const key = exact ? (xi * KEY_BASE + ti) * KEY_BASE + Ti : `${xi},${ti},${Ti}`;
    let g = index.get(key);
    if (g === undefined) {
      if (size === gx.length) {
        gx = growInt(gx);
        gt = growFloat(gt);
        gT = growFloat(gT);
        gc = growFloat(gc);
      }
      g = size++;
      index.set(key, g);
      gx[g] = xi;
      gt[g] = ti;
      gT[g] = Ti;
    }
    gc[g] += 1;
    if (groupOf) groupOf[i] = g;
    customers++;
    if (xi >= 1) repeaters++;
    repeatPurchases += xi;
    if (xi > maxX) maxX = xi;
  }
  return { x: gx, t: gt, T: gT, count: gc, size, customers, repeaters, repeatPurchases, maxX };
}
