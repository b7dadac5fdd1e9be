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
import { readNumber, type Report } from "../engine/cells";
import type { Settings } from "../engine/settings";
import { abcClassOf, volumePctOf as volumePctOfRank } from "../engine/rules";
import type { Abc } from "../engine/types";
import { normalizeCell, type Matrix } from "./ranges";

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

// ------------------------------------------------------------------ the same population again

/**
 * The cells a population was prepared from, kept so the next call can tell whether it was handed
 * exactly the same cells. A formula filled down (=CRM.TIER(C2, C$2:C$10001, …)) makes Excel call
 * once per row, each time with the whole population; comparing its cells is O(n), preparing it
 * again is O(n log n) and allocates. No hash: two populations are the same only when every cell is.
 */
export interface PopulationCells {
  rows: number;
  cols: number;
  /** Each cell (row-major) as a number; NaN where the cell is not a number, so no number equals it. */
  numbers: Float64Array;
  /** Each cell as compared when it is not a number: primitives as they are, objects (error values) by their text. */
  cells: unknown[];
}

const ignore: Report = () => {};

/** A cell as kept for comparison: error objects by their text (what the population reads from them). */
function comparable(v: unknown): unknown {
  return typeof v === "object" && v !== null ? normalizeCell(v) : v;
}

/**
 * Prepares the population of a rectangular matrix (toMatrix's result): its readable values
 * (unreadable and blank cells left out), and the cells it came from.
 */
export function preparePopulation(m: Matrix): { cells: PopulationCells; population: Population } {
  const rows = m.length;
  const cols = m[0].length;
  const values = new Float64Array(rows * cols);
  const numbers = new Float64Array(rows * cols);
  const cells: unknown[] = new Array(rows * cols);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const row = m[r];
    for (let c = 0; c < cols; c++, k++) {
      const v = row[c];
      cells[k] = comparable(v);
      numbers[k] = typeof v === "number" ? v : NaN;
      values[k] = readNumber(normalizeCell(v), ignore);
    }
  }
  return { cells: { rows, cols, numbers, cells }, population: buildPopulation(values) };
}

/**
 * Whether a cell that is not a number is the kept cell k: the same primitive, or an error object
 * with the same text. Kept out of the hot loops so they stay small and monomorphic.
 */
function sameOtherCell(v: unknown, kept: unknown): boolean {
  return v === kept || (typeof v === "object" && v !== null && normalizeCell(v) === kept);
}

/** Whether cell k (row-major) of `arg` is the kept one; also checks its row is a row of the right width. */
function sameCellAt(arg: unknown[], k: number, p: PopulationCells): boolean {
  const row = arg[Math.floor(k / p.cols)];
  if (!Array.isArray(row) || row.length !== p.cols) return false;
  const v: unknown = row[k % p.cols];
  return typeof v === "number" ? v === p.numbers[k] : sameOtherCell(v, p.cells[k]);
}

/**
 * Whether `arg` (a population argument as Excel passes it) holds exactly the kept cells, so the
 * population prepared from them applies. A different population is usually rejected in O(1)
 * (size, then the first, last and middle cells); the same one costs one tight pass: numbers are
 * compared unboxed against a Float64Array, with no allocation and no call per cell.
 *
 * Equality is by value, cell by cell: 1 and "1" are different cells (even though both read as 1),
 * and so are null and undefined; an error object is its text, which is all the population reads
 * from it. 0 and -0 count as the same cell: they place every value identically. Array identity is
 * never relied on (Excel does not document handing the same arrays to two calls).
 */
export function samePopulationCells(arg: unknown, p: PopulationCells): boolean {
  if (!Array.isArray(arg) || arg.length !== p.rows) return false;
  const n = p.rows * p.cols;
  if (!sameCellAt(arg, 0, p) || !sameCellAt(arg, n - 1, p) || !sameCellAt(arg, n >>> 1, p)) return false;
  if (p.cols !== 1) return sameBlock(arg, p.cols, p.numbers, p.cells);
  try {
    return sameColumn(arg as unknown[][], p.numbers, p.cells);
  } catch {
    return false; // a null or undefined row: not a range Excel could pass, and not the kept one
  }
}

/**
 * The usual population, one column (C$2:C$10001): the loop every per-row call runs, 2.5 × 10⁹
 * cells for 50,000 rows, so each cell costs as few loads and branches as possible. Four rows per
 * step (measured ~20 % faster than one: the loads of four rows overlap), their lengths checked by
 * one sum (another ~15 %), and no Array.isArray on the number path (another ~20 %): Excel hands a range as a two-dimensional array, so only an
 * array-like object with `length` 1 holding the same number, never from Excel, passes without it.
 * A string row gives a non-number and is checked in sameRowAt; a null row throws, which
 * samePopulationCells turns into "not the same".
 */
function sameColumn(arg: unknown[][], numbers: Float64Array, cells: unknown[]): boolean {
  const rows = arg.length;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a = arg[r], b = arg[r + 1], c = arg[r + 2], d = arg[r + 3]; // prettier-ignore
    const va: unknown = a[0], vb: unknown = b[0], vc: unknown = c[0], vd: unknown = d[0]; // prettier-ignore
    // Four numbers at [0] mean four lengths of at least 1; a sum of 4 then means each is 1.
    if (
      a.length + b.length + c.length + d.length === 4 &&
      typeof va === "number" &&
      typeof vb === "number" &&
      typeof vc === "number" &&
      typeof vd === "number"
    ) {
      if (va !== numbers[r] || vb !== numbers[r + 1] || vc !== numbers[r + 2] || vd !== numbers[r + 3])
        return false;
    } else if (
      !sameRowAt(a, r, numbers, cells) ||
      !sameRowAt(b, r + 1, numbers, cells) ||
      !sameRowAt(c, r + 2, numbers, cells) ||
      !sameRowAt(d, r + 3, numbers, cells)
    )
      return false;
  }
  for (; r < rows; r++) if (!sameRowAt(arg[r], r, numbers, cells)) return false;
  return true;
}

/** Whether one row of a one-column population is the kept row r (any cell type). */
function sameRowAt(row: unknown[], r: number, numbers: Float64Array, cells: unknown[]): boolean {
  if (!Array.isArray(row) || row.length !== 1) return false;
  const v: unknown = row[0];
  return typeof v === "number" ? v === numbers[r] : sameOtherCell(v, cells[r]);
}

function sameBlock(arg: unknown[], cols: number, numbers: Float64Array, cells: unknown[]): boolean {
  const rows = arg.length;
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const row = arg[r] as unknown[];
    if (!Array.isArray(row) || row.length !== cols) return false;
    for (let c = 0; c < cols; c++, k++) {
      const v: unknown = row[c];
      if (typeof v === "number") {
        if (v !== numbers[k]) return false;
      } else if (!sameOtherCell(v, cells[k])) return false;
    }
  }
  return true;
}
