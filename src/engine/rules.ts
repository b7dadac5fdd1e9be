/**
 * METHOD.md §2–§10 as small pure functions, one per rule. `classify` runs them over a whole
 * table; the custom functions (CRM.*) call them on single values. No allocation per call
 * except where a function returns a whole column.
 *
 * Conventions: NaN = unknown for numbers; yes/no inputs are 1 / 0 / NaN; enumerations are
 * the numeric constants of types.ts.
 */
import { dayFromYmd, isLeapYear } from "./days";
import { DEFAULT_SETTINGS, type Settings } from "./settings";
import { yearOfDay } from "./holidays";
import * as types from "./types";
import type { DayNumber, HolidayHit } from "./types";

// Module-local copies of the enumerations: the CommonJS output of transpilers (tsx/esbuild)
// reads an imported binding through a getter on every use, which shows at a million rows.
const { Abc, ActionKind, Level, Position, RiskFlag, Strategy, Tier } = types;
type Abc = types.Abc;
type ActionKind = types.ActionKind;
type Level = types.Level;
type Position = types.Position;
type Strategy = types.Strategy;
type Tier = types.Tier;

const A = Abc.A;
const B = Abc.B;
const C = Abc.C;

/** METHOD.md §1: growth and margin comparisons treat a value within 1e-9 of the threshold as on it. */
export const TOLERANCE = 1e-9;

/** §1's tolerance rule: x ≤ threshold, a value within TOLERANCE above it counting as on it. */
export function atOrBelow(x: number, threshold: number): boolean {
  return x <= threshold + TOLERANCE;
}

/** §1's tolerance rule: x ≥ threshold, a value within TOLERANCE below it counting as on it. */
export function atOrAbove(x: number, threshold: number): boolean {
  return x >= threshold - TOLERANCE;
}

/** Margin band of §7. Unknown margin counts as Medium. */
export const MarginBand = { Low: 0, Medium: 1, High: 2 } as const;
export type MarginBand = (typeof MarginBand)[keyof typeof MarginBand];

// ---------------------------------------------------------------- §8 jitter (FNV-1a)

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/**
 * FNV-1a 32-bit (unsigned) over the UTF-8 bytes of `text`. UTF-8 is encoded by hand so the
 * engine needs neither TextEncoder nor Buffer; a lone surrogate is encoded as U+FFFD, as
 * TextEncoder does.
 */
export function fnv1a32(text: string): number {
  return fnv1a32Int(text) >>> 0;
}

/**
 * fnv1a32 as a signed 32-bit integer (the same bits): a small integer to V8, so a loop over
 * a million names stores and compares it without boxing a number above 2^31.
 */
export function fnv1a32Int(text: string): number {
  let h = FNV_OFFSET | 0; // as int32, so the loop stays in integer arithmetic
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    // The common cases first: ASCII (1 byte), then CJK and the rest of the BMP (3 bytes).
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
      continue;
    }
    if (c >= 0xd800) {
      // A surrogate: a valid pair is one 4-byte code point; a lone one is U+FFFD (3 bytes).
      const lo = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
        h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME);
      } else {
        c = 0xfffd;
        h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      }
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME); // 2 bytes
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h;
}

/** fnv1a32Int of the text whose UTF-8 bytes are bytes[s, e) (valid UTF-8): the same number. */
export function fnv1a32IntOfBytes(bytes: Uint8Array, s: number, e: number): number {
  let h = FNV_OFFSET | 0;
  for (let p = s; p < e; p++) h = Math.imul(h ^ bytes[p], FNV_PRIME);
  return h;
}

/** The text the jitter is hashed from: the trimmed name, or the trimmed id when the name is empty. */
export function customerKey(name: string, id = ""): string {
  const n = name.trim();
  return n !== "" ? n : id.trim();
}

/**
 * §8's jitter from a customer's hash: (h mod (2·jitterDays+1)) − jitterDays, h taken as
 * unsigned (fnv1a32Int's bits). The one definition; classify and jitterDays call it.
 */
export function jitterOfHash(hash: number, jitterDays: number): number {
  const j = jitterDays > 0 ? Math.floor(jitterDays) : 0;
  return ((hash >>> 0) % (2 * j + 1)) - j;
}

/** §8: the jitter of a customer, h = fnv1a32(trimmed name). */
export function jitterDays(name: string, settings: Pick<Settings, "jitterDays"> = DEFAULT_SETTINGS): number {
  return jitterOfHash(fnv1a32Int(name.trim()), settings.jitterDays);
}

// ---------------------------------------------------------------- sorting helpers

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// 13-bit digits: five passes over 64 bits (13+13+13+13+12). Measured on a million values:
// 62 ms, against 88 ms with six passes of 11 bits; 8,192 buckets still scatter well.
const RADIX_BITS = 13;
const RADIX = 1 << RADIX_BITS;
const DIGIT = RADIX - 1;
const RADIX_PASSES = 5;

/**
 * The rows whose value is known (not NaN), sorted by value, equal values in row order.
 * A stable LSD radix sort on the IEEE bits made order-preserving (negative: all bits
 * flipped; otherwise the sign bit flipped): no comparisons, no per-row objects, and a digit
 * that is the same for every row (e.g. the low bits of whole-number amounts) costs no pass.
 * With `negativeAsZero`, negatives (and −0) sort as 0.
 */
export interface SortOptions {
  descending?: boolean;
  /** Negatives (and −0) sort as 0. */
  negativeAsZero?: boolean;
  /** Six buffers' worth of words (6 × values.length) lent by the caller: one allocation, not six. */
  work?: Uint32Array;
  /** Receives the sorted values themselves (as sorted, so negatives as 0 with negativeAsZero). */
  sorted?: Float64Array;
}

export function sortOrder(values: ArrayLike<number>, options: SortOptions = {}): Uint32Array {
  const { descending = false, negativeAsZero = false, work, sorted } = options;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const asFloat = new Float64Array(1);
  const words = new Uint32Array(asFloat.buffer);
  const loW = LITTLE_ENDIAN ? 0 : 1;
  const hiW = 1 - loW;
  // Six buffers of n words (the result is a view of the first or the fourth).
  const buf = work && work.length >= 6 * n ? work : new Uint32Array(6 * n);
  let idx = buf.subarray(0, n);
  let lo = buf.subarray(n, 2 * n);
  let hi = buf.subarray(2 * n, 3 * n);
  const counts = new Int32Array(RADIX_PASSES * RADIX);
  for (let i = 0, k = 0; i < values.length; i++) {
    let v = values[i];
    if (v !== v) continue;
    if (v === 0 || (negativeAsZero && v < 0)) v = 0; // −0 sorts with +0
    asFloat[0] = v;
    let l = words[loW];
    let h = words[hiW];
    if (h >>> 31) {
      l = ~l;
      h = ~h;
    } else h ^= 0x80000000;
    if (descending) {
      l = ~l;
      h = ~h;
    }
    l >>>= 0;
    h >>>= 0;
    idx[k] = i;
    lo[k] = l;
    hi[k++] = h;
    // The five digits of hi:lo (bits 0–12, 13–25, 26–38, 39–51, 52–63).
    counts[l & DIGIT]++;
    counts[RADIX + ((l >>> 13) & DIGIT)]++;
    counts[2 * RADIX + (((l >>> 26) | (h << 6)) & DIGIT)]++;
    counts[3 * RADIX + ((h >>> 7) & DIGIT)]++;
    counts[4 * RADIX + (h >>> 20)]++;
  }
  let idx2 = buf.subarray(3 * n, 4 * n);
  let lo2 = buf.subarray(4 * n, 5 * n);
  let hi2 = buf.subarray(5 * n, 6 * n);
  for (let pass = 0; pass < RADIX_PASSES && n > 0; pass++) {
    const base = pass * RADIX;
    let first = 0;
    while (counts[base + first] === 0) first++;
    if (counts[base + first] === n) continue; // every row has the same digit: nothing moves
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    // One loop per kind of digit, so the hot loop has no branch on the pass.
    if (pass < 2) {
      const shift = pass * RADIX_BITS;
      for (let k = 0; k < n; k++) {
        const l = lo[k];
        const dst = counts[base + ((l >>> shift) & DIGIT)]++;
        lo2[dst] = l;
        hi2[dst] = hi[k];
        idx2[dst] = idx[k];
      }
    } else if (pass === 2) {
      for (let k = 0; k < n; k++) {
        const l = lo[k];
        const h = hi[k];
        const dst = counts[base + (((l >>> 26) | (h << 6)) & DIGIT)]++;
        lo2[dst] = l;
        hi2[dst] = h;
        idx2[dst] = idx[k];
      }
    } else {
      const shift = pass * RADIX_BITS - 32;
      for (let k = 0; k < n; k++) {
        const h = hi[k];
        const dst = counts[base + ((h >>> shift) & DIGIT)]++;
        lo2[dst] = lo[k];
        hi2[dst] = h;
        idx2[dst] = idx[k];
      }
    }
    let t = lo;
    lo = lo2;
    lo2 = t;
    t = hi;
    hi = hi2;
    hi2 = t;
    t = idx;
    idx = idx2;
    idx2 = t;
  }
  if (sorted) {
    // Decode the keys back into numbers: the caller then reads them in order, not by row.
    for (let k = 0; k < n; k++) {
      let l = lo[k];
      let h = hi[k];
      if (descending) {
        l = ~l;
        h = ~h;
      }
      if (h >>> 31) h ^= 0x80000000;
      else {
        l = ~l;
        h = ~h;
      }
      words[loW] = l;
      words[hiW] = h;
      sorted[k] = asFloat[0];
    }
  }
  return idx;
}

/** §2's order: known values largest first, ties in row order, negatives as 0. */
export function descendingOrder(values: ArrayLike<number>): Uint32Array {
  return sortOrder(values, { descending: true, negativeAsZero: true });
}

/** §2's order with the values themselves in that order (negatives as 0). */
export interface ValueOrder {
  /** Rows with a value, largest first, ties in row order. */
  order: Uint32Array;
  /** sorted[p] = the value of row order[p]. */
  sorted: Float64Array;
}

export function valueOrder(
  values: ArrayLike<number>,
  work?: Uint32Array,
  sortedInto?: Float64Array,
): ValueOrder {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const sorted = sortedInto && sortedInto.length >= n ? sortedInto.subarray(0, n) : new Float64Array(n);
  const order = sortOrder(values, { descending: true, negativeAsZero: true, work, sorted });
  return { order, sorted };
}

// ---------------------------------------------------------------- §2 value and ABC

/**
 * §2's value measure, one per table (v2; v1 chose it row by row): profit when the table has a
 * profit column; else revenue × marginRate when it has both columns; else revenue.
 */
export const ValueMeasure = { Revenue: 0, Margin: 1, Profit: 2 } as const;
export type ValueMeasure = (typeof ValueMeasure)[keyof typeof ValueMeasure];

export function valueMeasure(hasProfit: boolean, hasRevenue: boolean, hasMarginRate: boolean): ValueMeasure {
  if (hasProfit) return ValueMeasure.Profit;
  if (hasRevenue && hasMarginRate) return ValueMeasure.Margin;
  return ValueMeasure.Revenue;
}

/** How a row's value was estimated (§2), for its problem; None when it was measured. */
export const ValueEstimate = { None: 0, FromRate: 1, MedianRatio: 2, MedianMargin: 3 } as const;
export type ValueEstimate = (typeof ValueEstimate)[keyof typeof ValueEstimate];

/** The last valueOf's estimate (a module slot, so the per-row call allocates nothing). */
let lastEstimate: ValueEstimate = ValueEstimate.None;
export function lastValueEstimate(): ValueEstimate {
  return lastEstimate;
}

/**
 * §2: one row's value under the table's measure; NaN for no value. A row lacking what the
 * measure needs is estimated (see lastValueEstimate): with the profit measure, revenue ×
 * marginRate when the row has both, else revenue × `median` (the median profit/revenue);
 * with the margin measure, revenue × `median` (the median marginRate). No median (NaN) or no
 * revenue: no value.
 */
export function valueOf(
  measure: ValueMeasure,
  revenue: number,
  profit: number,
  marginRate: number,
  median: number,
): number {
  lastEstimate = ValueEstimate.None;
  if (measure === ValueMeasure.Revenue) return revenue;
  if (measure === ValueMeasure.Profit) {
    if (profit === profit) return profit;
    if (revenue !== revenue) return NaN;
    if (marginRate === marginRate) {
      lastEstimate = ValueEstimate.FromRate;
      return revenue * marginRate;
    }
    if (median !== median) return NaN;
    lastEstimate = ValueEstimate.MedianRatio;
    return revenue * median;
  }
  if (revenue !== revenue) return NaN;
  if (marginRate === marginRate) return revenue * marginRate;
  if (median !== median) return NaN;
  lastEstimate = ValueEstimate.MedianMargin;
  return revenue * median;
}

/**
 * The median of `xs` (mean of the two middle ones for an even count); NaN for none.
 * Reorders `xs` (selection, O(n): a million margins take milliseconds, a sort ten times more).
 */
export function median(xs: Float64Array): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  const upper = select(xs, mid);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest of the elements left of `mid` after selection.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (xs[i] > lower) lower = xs[i];
  return (lower + upper) / 2;
}

/** Hoare's selection: reorders `a` so that a[k] is the k-th smallest, smaller ones left of it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/**
 * The median §2's estimate needs under `measure`: profit/revenue over rows with both
 * (revenue > 0) for the profit measure, marginRate over rows that have one for the margin
 * measure; NaN for the revenue measure, when no row has it, or when no row needs it (then
 * nothing is sorted).
 */
export function valueMedian(
  measure: ValueMeasure,
  revenue: ArrayLike<number>,
  profit: ArrayLike<number>,
  marginRate: ArrayLike<number>,
): number {
  if (measure === ValueMeasure.Revenue) return NaN;
  const n = revenue.length;
  const byProfit = measure === ValueMeasure.Profit;
  let needed = false;
  for (let i = 0; i < n && !needed; i++) {
    if (byProfit)
      needed = profit[i] !== profit[i] && revenue[i] === revenue[i] && marginRate[i] !== marginRate[i];
    else needed = marginRate[i] !== marginRate[i] && revenue[i] === revenue[i];
  }
  if (!needed) return NaN;
  const picked = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (byProfit) {
      if (revenue[i] > 0 && profit[i] === profit[i]) picked[k++] = profit[i] / revenue[i];
    } else if (marginRate[i] === marginRate[i]) picked[k++] = marginRate[i];
  }
  return median(picked.subarray(0, k));
}

/**
 * §2's class of one value: A if `before` (the sum of the values ranked above it) < abcCutA ×
 * total, B if < abcCutB × total, else C; a value of 0 is always C, and a total of 0 makes
 * everyone C. abcClasses and the custom functions both call it.
 */
export function abcClassOf(
  value: number,
  before: number,
  total: number,
  settings: Pick<Settings, "abcCutA" | "abcCutB">,
): Abc {
  if (value <= 0 || total <= 0) return C;
  if (before < settings.abcCutA * total) return A;
  if (before < settings.abcCutB * total) return B;
  return C;
}

/** §2's volumePct: 1 − (rank − 1)/(n − 1) (n = 1 gives 1); a value of 0 has 0 (v2). */
export function volumePctOf(value: number, rank: number, n: number): number {
  if (value <= 0) return 0;
  return n <= 1 ? 1 : 1 - (rank - 1) / (n - 1);
}

export interface AbcResult {
  /** Abc.None where the value is unknown. */
  abc: Uint8Array;
  /** value / total (0 when total is 0); NaN where unknown. */
  share: Float64Array;
  /** Share of the total held by this row and every row ranked above it; NaN where unknown. */
  cumShare: Float64Array;
  /** 1 − (rank − 1)/(n − 1), equal values sharing the better rank; NaN where unknown. */
  volumePct: Float64Array;
  total: number;
  /** §10 M score from the same order (0 where unknown). */
  rfmM: Uint8Array;
}

/**
 * §2 (and §10's M) over a value column: NaN = no value measure; a negative value counts as 0.
 * One stable sort, largest first, ties in row order; `before` is the running sum in that
 * order, so the last row's before + value is exactly the total.
 */
export function abcClasses(
  values: ArrayLike<number>,
  settings: Pick<Settings, "abcCutA" | "abcCutB">,
  prepared: ValueOrder = valueOrder(values),
  out?: Omit<AbcResult, "total">,
): AbcResult {
  const rows = values.length;
  const { order, sorted } = prepared;
  const n = order.length;
  const abc = out ? out.abc.fill(0) : new Uint8Array(rows);
  const share = out ? out.share : new Float64Array(rows);
  const cumShare = out ? out.cumShare : new Float64Array(rows);
  const volumePct = out ? out.volumePct : new Float64Array(rows);
  const rfmM = out ? out.rfmM.fill(0) : new Uint8Array(rows);
  let total = 0;
  for (let p = 0; p < n; p++) total += sorted[p];
  // By row (sequential): share, and NaN where the value is unknown.
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v !== v) share[i] = cumShare[i] = volumePct[i] = NaN;
    else share[i] = total > 0 ? clampValue(v) / total : 0;
  }
  // By rank: the values are read in order; only the writes go by row.
  let before = 0;
  let p = 0;
  while (p < n) {
    // One block of equal values [p, q): they share volumePct and the M score.
    const v = sorted[p];
    let q = p + 1;
    while (q < n && sorted[q] === v) q++;
    const vol = volumePctOf(v, p + 1, n); // rank = 1 + the rows strictly larger
    const m = rfmScore(n - q + 1, n); // §10's M: k = 1 + rows strictly smaller
    for (let r = p; r < q; r++) {
      const i = order[r];
      abc[i] = abcClassOf(v, before, total, settings);
      before += v;
      cumShare[i] = total > 0 ? before / total : 0;
      volumePct[i] = vol;
      rfmM[i] = m;
    }
    p = q;
  }
  return { abc, share, cumShare, volumePct, total, rfmM };
}

function clampValue(v: number): number {
  return v > 0 ? v : 0;
}

// ---------------------------------------------------------------- §3 growth and recency

/** §3: (revenue − prevRevenue)/prevRevenue when prevRevenue > 0, else NaN. */
export function growthOf(revenue: number, prevRevenue: number): number {
  return prevRevenue > 0 && revenue === revenue ? (revenue - prevRevenue) / prevRevenue : NaN;
}

/** §3: new when revenue > 0 and (prevRevenue = 0, or prevRevenue missing and 0 ≤ today − firstOrder ≤ 365). */
export function isNewCustomer(
  revenue: number,
  prevRevenue: number,
  firstOrder: DayNumber,
  today: DayNumber,
  settings: Pick<Settings, "newCustomerDays">,
): boolean {
  if (!(revenue > 0)) return false;
  if (prevRevenue === 0) return true;
  if (prevRevenue === prevRevenue) return false;
  const age = today - firstOrder;
  return age >= 0 && age <= settings.newCustomerDays;
}

/** §3: today − lastOrder in days (NaN when unknown). */
export function recencyOf(lastOrder: DayNumber, today: DayNumber): number {
  return today - lastOrder;
}

/** §4: the customer has history (prevRevenue > 0, orders ≥ 1 or a lastOrder). */
export function hasHistory(prevRevenue: number, orders: number, lastOrder: DayNumber): boolean {
  return prevRevenue > 0 || orders >= 1 || lastOrder === lastOrder;
}

// ---------------------------------------------------------------- §4 tier

/**
 * Why §4 decided a tier, as bits beside it (the Why line is built from these, never by
 * re-testing the conditions): Fading because growth dropped, no order for too long and/or
 * (§13) the customer's own rhythm says they have probably stopped; Rising because new, grew,
 * and/or potential.
 */
export const TierReason = { Dropped: 1, Lapsed: 2, New: 4, Grew: 8, Potential: 16, Rhythm: 32 } as const;

/** Bits of a tierDecision: the tier in the low 3 bits, TierReason bits above. */
export const TIER_BITS = 3;
export const TIER_MASK = 7;

type TierSettings = Pick<
  Settings,
  "fadingGrowth" | "risingGrowth" | "lapseDays" | "risingPotential" | "onTimeDays"
>;

/**
 * §4, first rule that holds, with its reasons: `tier | reasons << TIER_BITS`.
 * `potential` and `overdueDays` may be NaN. `rhythmFading` is §13's extra condition of step 2
 * (x ≥ rhythmMinRepeats and P(alive) < fadingAlive: rhythm/analyse.ts isRhythmFading), known
 * only for a ledger.
 */
export function tierDecision(
  hasValue: boolean,
  abc: Abc,
  history: boolean,
  growth: number,
  isNew: boolean,
  recency: number,
  potential: number,
  overdueDays: number,
  settings: TierSettings,
  rhythmFading = false,
): number {
  if (!hasValue) return Tier.Insufficient;
  if (history || rhythmFading) {
    const why =
      (history && atOrBelow(growth, settings.fadingGrowth) ? TierReason.Dropped : 0) |
      (history && recency > settings.lapseDays ? TierReason.Lapsed : 0) |
      (rhythmFading ? TierReason.Rhythm : 0);
    if (why !== 0) return Tier.Fading | (why << TIER_BITS);
  }
  if (abc === Abc.A) return Tier.Star;
  const why =
    (isNew ? TierReason.New : 0) |
    (atOrAbove(growth, settings.risingGrowth) ? TierReason.Grew : 0) |
    (potential >= settings.risingPotential ? TierReason.Potential : 0);
  if (why !== 0 && !(overdueDays > settings.onTimeDays)) return Tier.Rising | (why << TIER_BITS);
  return Tier.Regular;
}

/** §4's tier alone (see tierDecision). */
export function tierOf(
  hasValue: boolean,
  abc: Abc,
  history: boolean,
  growth: number,
  isNew: boolean,
  recency: number,
  potential: number,
  overdueDays: number,
  settings: TierSettings,
): Tier {
  return (tierDecision(hasValue, abc, history, growth, isNew, recency, potential, overdueDays, settings) &
    TIER_MASK) as Tier;
}

// ---------------------------------------------------------------- §5 key-account index and risks

/** Round half up, robust to float noise (62.49999999999999 from an exact 62.5 becomes 63). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + TOLERANCE);
}

/** §5: 0..100, missing components left out and the weights renormalised; NaN if nothing is known. */
export function keyIndex(
  volumePct: number,
  activeMonths: number,
  orders: number,
  overdueDays: number,
  growth: number,
  isNew: boolean,
  settings: Pick<
    Settings,
    | "weightVolume"
    | "weightContinuity"
    | "weightPayment"
    | "weightGrowth"
    | "continuityMonths"
    | "paymentZeroDays"
    | "newGrowthScore"
  >,
): number {
  let sum = 0;
  let weights = 0;
  if (volumePct === volumePct) {
    sum += settings.weightVolume * volumePct;
    weights += settings.weightVolume;
  }
  const continuitySource = activeMonths === activeMonths ? activeMonths : orders;
  if (continuitySource === continuitySource) {
    sum += settings.weightContinuity * Math.min(Math.max(continuitySource, 0) / settings.continuityMonths, 1);
    weights += settings.weightContinuity;
  }
  if (overdueDays === overdueDays) {
    sum += settings.weightPayment * (1 - Math.min(Math.max(overdueDays, 0) / settings.paymentZeroDays, 1));
    weights += settings.weightPayment;
  }
  const g = isNew
    ? settings.newGrowthScore
    : growth === growth
      ? Math.min(Math.max(growth + 0.5, 0), 1)
      : NaN;
  if (g === g) {
    sum += settings.weightGrowth * g;
    weights += settings.weightGrowth;
  }
  if (!(weights > 0)) return NaN;
  return roundHalfUp((100 * sum) / weights);
}

/** §5 risk flags as RiskFlag bits. */
export function riskFlags(
  abc: Abc,
  orders: number,
  activeMonths: number,
  marginRate: number,
  prevMarginRate: number,
  overdueDays: number,
  settings: Pick<Settings, "oneOffMaxOrders" | "marginSqueeze" | "paymentRiskDays">,
): number {
  let bits = 0;
  if (abc === Abc.A) {
    if (orders <= settings.oneOffMaxOrders || activeMonths <= settings.oneOffMaxOrders)
      bits |= RiskFlag.OneOff;
    if (atOrAbove(prevMarginRate - marginRate, settings.marginSqueeze)) bits |= RiskFlag.MarginSqueeze;
  }
  if (overdueDays > settings.paymentRiskDays) bits |= RiskFlag.Payment;
  return bits;
}

// ---------------------------------------------------------------- §6 potential

/** §6: the yes-count when the table has c columns, else `potential` clamped to 0..7, else NaN. */
export function potentialScore(hasCriteriaColumns: boolean, yesCount: number, potential: number): number {
  if (hasCriteriaColumns) return yesCount;
  return potential === potential ? Math.min(Math.max(potential, 0), 7) : NaN;
}

// ---------------------------------------------------------------- §7 relationship level

/** §7: ≥ marginHigh high, ≥ marginMedium medium, else low; unknown = medium. */
export function marginBand(
  rate: number,
  settings: Pick<Settings, "marginHigh" | "marginMedium">,
): MarginBand {
  if (rate !== rate) return MarginBand.Medium;
  if (atOrAbove(rate, settings.marginHigh)) return MarginBand.High;
  if (atOrAbove(rate, settings.marginMedium)) return MarginBand.Medium;
  return MarginBand.Low;
}

/** LEVELS[abc][band] for abc A, B, C (index 1..3) and band Low, Medium, High. */
const LEVELS: readonly (readonly Level[])[] = [
  [Level.Basic, Level.Basic, Level.Basic],
  [Level.Accountable, Level.Proactive, Level.Proactive],
  [Level.Reactive, Level.Accountable, Level.Proactive],
  [Level.Basic, Level.Reactive, Level.Accountable],
];

/** §7 table; Rising and Fading raised to at least 可靠; Insufficient data is 一般. */
export function relationshipLevel(abc: Abc, band: MarginBand, tier: Tier): Level {
  if (tier === Tier.Insufficient) return Level.Basic;
  const level = LEVELS[abc][band];
  if ((tier === Tier.Rising || tier === Tier.Fading) && level < Level.Accountable) return Level.Accountable;
  return level;
}

/** Target familiarity: 主动 4, 可靠 3, 反应 2, 一般 1. */
export function targetFamiliarity(level: Level): number {
  return level + 1;
}

/** §7: target − familiarity (NaN when familiarity is unknown). */
export function familiarityGap(level: Level, familiarity: number): number {
  return targetFamiliarity(level) - familiarity;
}

// ---------------------------------------------------------------- §8 next action

/** §8 cadence by tier, in days (before jitter). */
export function cadenceDays(
  tier: Tier,
  s: Pick<
    Settings,
    "cadenceStar" | "cadenceRising" | "cadenceRegular" | "cadenceFading" | "cadenceInsufficient"
  >,
): number {
  switch (tier) {
    case Tier.Star:
      return s.cadenceStar;
    case Tier.Rising:
      return s.cadenceRising;
    case Tier.Regular:
      return s.cadenceRegular;
    case Tier.Fading:
      return s.cadenceFading;
    default:
      return s.cadenceInsufficient;
  }
}

function birthdayIn(year: number, month: number, day: number): DayNumber {
  return dayFromYmd(year, month, month === 2 && day === 29 && !isLeapYear(year) ? 28 : day);
}

/** The next occurrence (today counts) of a birthday given as month×100+day; 29 Feb is 28 Feb in other years. */
export function nextBirthday(monthDay: number, today: DayNumber): DayNumber {
  if (monthDay !== monthDay) return NaN;
  const month = Math.floor(monthDay / 100);
  const day = monthDay % 100;
  const y = yearOfDay(today);
  const thisYear = birthdayIn(y, month, day);
  return thisYear >= today ? thisYear : birthdayIn(y + 1, month, day);
}

/** The facts about one customer that §8 looks at. Reuse one object per table: no allocation per row. */
export interface ActionInput {
  today: DayNumber;
  tier: Tier;
  abc: Abc;
  orders: number;
  /** Next occurrence of the birthday (see nextBirthday), NaN if unknown. */
  birthdayDay: DayNumber;
  /** The table's next major holiday (depends only on today), or null. */
  holiday: HolidayHit | null;
  lastOrder: DayNumber;
  lastContact: DayNumber;
  familiarity: number;
  referrals: number;
  gap: number;
  jitter: number;
}

export interface ActionOutput {
  kind: ActionKind;
  variant: number;
  /** The next-contact date: the chosen due date, never before today. */
  due: DayNumber;
  /** Days the regular contact is overdue (0 when not overdue). */
  overdue: number;
}

/** An ActionInput for `today` with every per-customer fact unknown, to be filled row by row. */
export function newActionInput(today: DayNumber, holiday: HolidayHit | null): ActionInput {
  return {
    today,
    tier: Tier.Insufficient,
    abc: Abc.None,
    orders: NaN,
    birthdayDay: NaN,
    holiday,
    lastOrder: NaN,
    lastContact: NaN,
    familiarity: NaN,
    referrals: NaN,
    gap: NaN,
    jitter: 0,
  };
}

export function newActionOutput(): ActionOutput {
  return { kind: ActionKind.None, variant: 0, due: NaN, overdue: 0 };
}

type ActionSettings = Pick<
  Settings,
  | "birthdayWindowDays"
  | "holidayWindowDays"
  | "holidayLeadDays"
  | "afterSaleWindowDays"
  | "afterSaleDelayDays"
  | "visitAfterDays"
  | "deepenGap"
  | "referralMinOrders"
  | "referralMinFamiliarity"
  | "oneOffMaxOrders"
  | "cadenceStar"
  | "cadenceRising"
  | "cadenceRegular"
  | "cadenceFading"
  | "cadenceInsufficient"
>;

/**
 * §8: the candidate with the earliest due date (a due date before today counting as today;
 * ties go to the lower candidate number). Writes into `out` and returns it.
 */
export function nextAction(
  a: ActionInput,
  s: ActionSettings,
  out: ActionOutput = newActionOutput(),
): ActionOutput {
  const today = a.today;
  // Candidates are visited in METHOD order and a later one wins only with a strictly earlier
  // date, so ties go to the lower number. Written without closures: called once per row.
  let kind: ActionKind = ActionKind.None;
  let variant = 0;
  let best = Infinity;
  let due: number;
  const starOrRising = a.tier === Tier.Star || a.tier === Tier.Rising;

  // 1. Birthday: 0–14 days away, due that day.
  const toBirthday = a.birthdayDay - today;
  if (toBirthday >= 0 && toBirthday <= s.birthdayWindowDays) {
    best = a.birthdayDay;
    kind = ActionKind.Birthday;
    variant = starOrRising ? 0 : 1;
  }

  // 2. Holiday: 0–14 days away, due `holidayLeadDays` before it (today if that has passed).
  if (a.holiday) {
    const toHoliday = a.holiday.day - today;
    if (toHoliday >= 0 && toHoliday <= s.holidayWindowDays) {
      due = Math.max(a.holiday.day - s.holidayLeadDays, today);
      if (due < best) {
        best = due;
        kind = ActionKind.Holiday;
        variant = a.tier === Tier.Star ? 0 : a.tier === Tier.Rising ? 1 : 2;
      }
    }
  }

  // 3. After-sale follow-up: ordered 0–30 days ago and not contacted since.
  const recency = today - a.lastOrder;
  if (recency >= 0 && recency <= s.afterSaleWindowDays && !(a.lastContact >= a.lastOrder)) {
    due = Math.max(a.lastOrder + s.afterSaleDelayDays, today);
    if (due < best) {
      best = due;
      kind = ActionKind.AfterSale;
      variant = 0;
    }
  }

  // 4. Win-back: every Fading customer, due today.
  if (a.tier === Tier.Fading && today < best) {
    best = today;
    kind = ActionKind.WinBack;
    variant = a.abc === Abc.A || a.abc === Abc.B ? 0 : a.orders <= s.oneOffMaxOrders ? 1 : 2;
  }

  // 5–7. Regular contact, replaced by a referral request or by deepening (same due date).
  const known = a.lastContact === a.lastContact;
  const regularDue = known ? a.lastContact + cadenceDays(a.tier, s) + a.jitter : today;
  due = Math.max(regularDue, today);
  if (due < best) {
    best = due;
    if (a.orders >= s.referralMinOrders && a.familiarity >= s.referralMinFamiliarity && a.referrals === 0) {
      kind = ActionKind.Referral;
      variant = 0;
    } else if (a.gap >= s.deepenGap) {
      kind = ActionKind.Deepen;
      variant = 0;
    } else {
      kind = ActionKind.Regular;
      variant = a.tier !== Tier.Star ? 2 : !known || today - a.lastContact >= s.visitAfterDays ? 0 : 1;
    }
  }

  out.kind = kind;
  out.variant = variant;
  out.due = best;
  out.overdue = regularDue < today ? today - regularDue : 0;
  return out;
}

// ---------------------------------------------------------------- §9 strategy

/** §9. incumbent / opportunity are 1, 0 or NaN (unknown); an unknown input never matches. */
export function salesStrategy(incumbent: number, position: Position, opportunity: number): Strategy {
  if (incumbent !== incumbent && position === Position.Unknown && opportunity !== opportunity)
    return Strategy.None;
  if (incumbent === 1) return Strategy.Fortify;
  if (position === Position.Strong) return Strategy.Frontal;
  if (opportunity === 0) return Strategy.Develop;
  if (position === Position.Weak) return Strategy.Flank;
  return Strategy.Divide;
}

// ---------------------------------------------------------------- §10 RFM

/** §10: score = ⌈5k/n⌉ in integers (k = 1 + rows strictly worse, n rows known). */
export function rfmScore(k: number, n: number): number {
  return Math.floor((5 * k + n - 1) / n);
}

/**
 * §10 for one metric (NaN = unknown → 0): k = 1 + rows strictly worse, score = ⌈5k/n⌉.
 * Whole-number metrics with a modest range (days, order counts) use a histogram, O(n);
 * anything else one stable radix sort, equal values sharing a score.
 */
export function rfmScores(
  metric: ArrayLike<number>,
  higherIsBetter: boolean,
  into?: Uint8Array,
  work?: Uint32Array,
): Uint8Array {
  const rows = metric.length;
  const out = into ? into.fill(0) : new Uint8Array(rows);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < rows; i++) {
    const x = metric[i];
    if (x !== x) continue;
    n++;
    if (x < min) min = x;
    if (x > max) max = x;
    if (whole && Math.floor(x) !== x) whole = false;
  }
  if (n === 0) return out;
  const range = max - min;
  if (whole && range <= Math.max(65536, 4 * n)) {
    // below[j] = number of known values < min + j
    const below = new Int32Array(range + 2);
    for (let i = 0; i < rows; i++) {
      const x = metric[i];
      if (x === x) below[x - min + 1]++;
    }
    for (let j = 1; j < below.length; j++) below[j] += below[j - 1];
    // Every value min + j has one score: work it out once per value, then look it up per row.
    const scoreOf = new Uint8Array(range + 1);
    for (let j = 0; j <= range; j++)
      scoreOf[j] = rfmScore((higherIsBetter ? below[j] : n - below[j + 1]) + 1, n);
    for (let i = 0; i < rows; i++) {
      const x = metric[i];
      if (x === x) out[i] = scoreOf[x - min];
    }
    return out;
  }
  // Any other numbers: one stable sort, then blocks of equal values share a score.
  const order = sortOrder(metric, { work });
  let p = 0;
  while (p < n) {
    const x = metric[order[p]];
    let q = p + 1;
    while (q < n && metric[order[q]] === x) q++;
    const score = rfmScore((higherIsBetter ? p : n - q) + 1, n);
    for (let r = p; r < q; r++) out[order[r]] = score;
    p = q;
  }
  return out;
}
