/**
 * The one summary model (METHOD.md §11 "Summaries"), computed once from a result and read by
 * every medium: the pane's preview, its Summary sheet, the CLI's stdout and workbook.
 *
 * Headline figures first (customers, the Stars' value share, contacts overdue, problems, the
 * evaluation date), then per tier and ABC class, per owner and per region when the table has
 * those columns, the Pareto curve and the top 10 customers by key-account index.
 */
import type { ClassifyResult } from "../classify";
import { readText } from "../cells";
import { cellAt } from "../utf8Texts";
import { rhythmSummary, type RhythmSummary } from "../rhythm/report";
import {
  Abc,
  NOT_CLASSIFIED,
  Tier,
  type CellValue,
  type DayNumber,
  type GroupKey,
  type HolidayHit,
} from "../types";

/** Tiers in the order a summary lists them: most valuable first, 数据不足 last. */
export const TIER_ORDER: readonly Tier[] = [
  Tier.Star,
  Tier.Rising,
  Tier.Regular,
  Tier.Fading,
  Tier.Insufficient,
];
export const ABC_ORDER: readonly Abc[] = [Abc.A, Abc.B, Abc.C];

export interface GroupSummary {
  count: number;
  /** Sum of the values in the group. */
  value: number;
  /** value / total value (0 when the total is 0). */
  share: number;
}

/** One owner's (or region's) line: METHOD §11 asks customers, value share, Stars, Fading, overdue. */
export interface PeopleSummary extends GroupSummary {
  /** The owner or region as written (trimmed); "" for rows with the cell blank. */
  name: string;
  stars: number;
  fading: number;
  overdue: number;
}

export interface ParetoPoint {
  /** Share of valued customers, best first (0..1). */
  customers: number;
  /** Cumulative share of the total value they hold (0..1). */
  value: number;
}

export interface TopCustomer {
  /** 0-based data row. */
  row: number;
  id: string;
  name: string;
  tier: Tier;
  keyIndex: number;
  share: number;
}

export interface Headline {
  /** Rows classified (a totals row is not a customer). */
  customers: number;
  /** The Stars' share of the total value (0..1). */
  starShare: number;
  /** Customers whose regular contact is overdue (§8). */
  overdue: number;
  /** Customers with at least one problem, and the problems. */
  problemRows: number;
  problems: number;
  /** The evaluation date every figure is computed for. */
  today: DayNumber;
}

export interface Summary {
  headline: Headline;
  today: DayNumber;
  rowCount: number;
  /** Rows with a value measure (they take part in ABC). */
  valuedCount: number;
  totalValue: number;
  tiers: ({ tier: Tier } & GroupSummary)[];
  abc: ({ abc: Abc } & GroupSummary)[];
  /** Per owner / per region, by value (largest first), the blank group last; [] without the column. */
  owners: PeopleSummary[];
  regions: PeopleSummary[];
  overdueCount: number;
  problemRowCount: number;
  problemCount: number;
  holiday: HolidayHit | null;
  /** The Pareto curve from (0, 0), at most PARETO_MAX_POINTS points, ending at (1, 1). Empty when the total is 0. */
  pareto: ParetoPoint[];
  /** Share of the value held by the top 20 % of valued customers (NaN when there is no value). */
  top20Share: number;
  /** Up to TOP_COUNT customers by key-account index (highest first, then row order). */
  top: TopCustomer[];
  /** §13 (ledger input only): the fit or why there is none, and the at-risk list; else null. */
  rhythm: RhythmSummary | null;
}

export const PARETO_MAX_POINTS = 200;
export const TOP_COUNT = 10;

export function summarize(result: ClassifyResult): Summary {
  const n = result.rowCount;
  const tierCount = new Float64Array(5);
  const tierValue = new Float64Array(5);
  const abcCount = new Float64Array(4);
  const abcValue = new Float64Array(4);
  let valued = 0;
  let total = 0;
  let overdueCount = 0;
  let problemRows = 0;
  for (let i = 0; i < n; i++) {
    const v = result.value[i];
    const t = result.tier[i];
    const a = result.abc[i];
    tierCount[t]++;
    abcCount[a]++;
    if (v === v) {
      valued++;
      total += v;
      tierValue[t] += v;
      abcValue[a] += v;
    }
    if (result.overdue[i] > 0) overdueCount++;
    if (result.problemStart[i + 1] > result.problemStart[i]) problemRows++;
  }
  const shareOf = (x: number): number => (total > 0 ? x / total : 0);
  const curve = paretoOfResult(result, PARETO_MAX_POINTS);
  const groups = result.input?.groups;
  return {
    headline: {
      customers: n - result.excluded.length,
      starShare: shareOf(tierValue[Tier.Star]),
      overdue: overdueCount,
      problemRows,
      problems: result.problems.length,
      today: result.today,
    },
    today: result.today,
    rowCount: n,
    valuedCount: valued,
    totalValue: total,
    tiers: TIER_ORDER.map((tier) => ({
      tier,
      count: tierCount[tier],
      value: tierValue[tier],
      share: shareOf(tierValue[tier]),
    })),
    abc: ABC_ORDER.map((abc) => ({
      abc,
      count: abcCount[abc],
      value: abcValue[abc],
      share: shareOf(abcValue[abc]),
    })),
    owners: groups?.owner ? perGroup(result, groups.owner, total) : [],
    regions: groups?.region ? perGroup(result, groups.region, total) : [],
    overdueCount,
    problemRowCount: problemRows,
    problemCount: result.problems.length,
    holiday: result.holiday,
    pareto: curve.points,
    top20Share: curve.top20Share,
    top: topCustomers(result, TOP_COUNT),
    rhythm: rhythmSummary(result),
  };
}

/** Which summary groups the result's table has (owner, region). */
export function groupKeys(result: ClassifyResult): GroupKey[] {
  const g = result.input?.groups;
  return (["owner", "region"] as const).filter((k) => g?.[k] !== undefined);
}

const RECENT_GROUPS = 8;
/** Never === a cell. */
const NO_CELL = Symbol("no cell");

function perGroup(result: ClassifyResult, cells: ArrayLike<CellValue>, total: number): PeopleSummary[] {
  const byName = new Map<string, PeopleSummary>();
  const n = result.rowCount;
  // Owners and regions repeat: the last few cells seen (compared with ===) skip reading the
  // text and the map.
  const recentCell: unknown[] = new Array<unknown>(RECENT_GROUPS).fill(NO_CELL);
  const recentGroup: PeopleSummary[] = new Array<PeopleSummary>(RECENT_GROUPS);
  let slot = 0;
  for (let i = 0; i < n; i++) {
    if (result.tier[i] === NOT_CLASSIFIED) continue;
    const cell = i < cells.length ? cells[i] : null;
    let g: PeopleSummary | undefined;
    for (let k = 0; k < RECENT_GROUPS; k++) {
      if (recentCell[k] === cell) {
        g = recentGroup[k];
        break;
      }
    }
    if (!g) {
      const name = readText(cell);
      g = byName.get(name);
      if (!g) byName.set(name, (g = { name, count: 0, value: 0, share: 0, stars: 0, fading: 0, overdue: 0 }));
      recentCell[slot] = cell;
      recentGroup[slot] = g;
      slot = (slot + 1) % RECENT_GROUPS;
    }
    g.count++;
    const v = result.value[i];
    if (v === v) g.value += v;
    const t = result.tier[i];
    if (t === Tier.Star) g.stars++;
    else if (t === Tier.Fading) g.fading++;
    if (result.overdue[i] > 0) g.overdue++;
  }
  const lines = [...byName.values()]; // first-appearance order, kept by the stable sort
  for (const g of lines) g.share = total > 0 ? g.value / total : 0;
  lines.sort((a, b) => ((a.name === "") !== (b.name === "") ? (a.name === "" ? 1 : -1) : b.value - a.value));
  return lines;
}

/** The `count` rows with the highest key-account index (ties: the earlier row first). */
export function topCustomers(result: ClassifyResult, count: number): TopCustomer[] {
  // One pass keeping the best `count` in order (sorting a million rows for ten took 0.15 s).
  const k = result.keyIndex;
  const rows: number[] = [];
  for (let i = 0; i < result.rowCount; i++) {
    const x = k[i];
    if (x !== x || (rows.length === count && !(x > k[rows[count - 1]]))) continue;
    let at = rows.length === count ? count - 1 : rows.length;
    while (at > 0 && x > k[rows[at - 1]]) at--;
    if (rows.length === count) rows.pop();
    rows.splice(at, 0, i);
  }
  const ids = result.input?.columns.id;
  const names = result.input?.columns.name;
  return rows.slice(0, count).map((row) => ({
    row,
    id: readText(cellAt(ids, row)),
    name: readText(cellAt(names, row)),
    tier: result.tier[row] as Tier,
    keyIndex: result.keyIndex[row],
    share: result.share[row],
  }));
}

/**
 * Cumulative value share by customer rank (best first), downsampled to at most `maxPoints`
 * points including (0, 0); the last point is always (1, 1).
 */
export function paretoPoints(values: Float64Array, maxPoints: number = PARETO_MAX_POINTS): ParetoPoint[] {
  return paretoCurve(values, maxPoints).points;
}

/**
 * paretoCurve of a classified table, from what §2 already worked out: the cumulative share of
 * the customer at rank t (best first) is that row's cumShare, summed in the same order as the
 * curve sums, so the points are the same numbers. Only the cumShares at the curve's ranks are
 * needed, so instead of sorting a million values it finds those order statistics: a histogram
 * of cumShare, then a sort of the few buckets holding a wanted rank.
 */
export function paretoOfResult(
  result: Pick<ClassifyResult, "value" | "cumShare">,
  maxPoints: number,
): { points: ParetoPoint[]; top20Share: number } {
  const { value, cumShare } = result;
  let n = 0;
  let positive = false;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v === v) {
      n++;
      if (v > 0) positive = true;
    }
  }
  if (n === 0 || !positive) return { points: [], top20Share: NaN };
  const m = Math.min(n, Math.max(1, maxPoints - 1));
  const ranks: number[] = [];
  for (let j = 1; j <= m; j++) ranks.push(Math.ceil((j * n) / m));
  const top20 = Math.ceil(n * 0.2);
  const at = cumShareAtRanks(cumShare, n, [...ranks, top20]);
  const points: ParetoPoint[] = [{ customers: 0, value: 0 }];
  for (let j = 1; j <= m; j++) points.push({ customers: ranks[j - 1] / n, value: j === m ? 1 : at[j - 1] });
  return { points, top20Share: at[m] };
}

const PARETO_BUCKETS = 1 << 16;

/** The t-th smallest known cumShare (1-based) for each t in `ranks` (n = how many are known). */
function cumShareAtRanks(cumShare: ArrayLike<number>, n: number, ranks: readonly number[]): number[] {
  const bucketOf = (c: number): number =>
    Math.min(PARETO_BUCKETS - 1, Math.max(0, Math.floor(c * PARETO_BUCKETS)));
  const count = new Int32Array(PARETO_BUCKETS + 1);
  for (let i = 0; i < cumShare.length; i++) {
    const c = cumShare[i];
    if (c === c) count[bucketOf(c) + 1]++;
  }
  for (let b = 0; b < PARETO_BUCKETS; b++) count[b + 1] += count[b]; // count[b] = known cumShares below bucket b
  // The bucket of each wanted rank: the first b with count[b + 1] ≥ t.
  const bucketOfRank = ranks.map((t) => {
    let lo = 0;
    let hi = PARETO_BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (count[mid + 1] >= Math.min(t, n)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  });
  // Those buckets' values, gathered in one pass and sorted (a few hundred buckets, small).
  const wanted = new Map<number, number[]>();
  for (const b of bucketOfRank) wanted.set(b, []);
  const isWanted = new Uint8Array(PARETO_BUCKETS);
  for (const b of wanted.keys()) isWanted[b] = 1;
  for (let i = 0; i < cumShare.length; i++) {
    const c = cumShare[i];
    if (c === c) {
      const b = bucketOf(c);
      if (isWanted[b] === 1) wanted.get(b)!.push(c);
    }
  }
  for (const list of wanted.values()) list.sort((a, b) => a - b);
  return ranks.map((t, k) => {
    const b = bucketOfRank[k];
    return wanted.get(b)![Math.min(t, n) - 1 - count[b]];
  });
}

export function paretoCurve(
  values: Float64Array,
  maxPoints: number,
): { points: ParetoPoint[]; top20Share: number } {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const sorted = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sorted[k++] = values[i];
  sorted.sort();
  let total = 0;
  for (let p = n - 1; p >= 0; p--) total += sorted[p];
  if (n === 0 || !(total > 0)) return { points: [], top20Share: NaN };
  const top20 = Math.ceil(n * 0.2);
  let top20Sum = 0;
  for (let r = 0; r < top20; r++) top20Sum += sorted[n - 1 - r];
  const m = Math.min(n, Math.max(1, maxPoints - 1));
  const points: ParetoPoint[] = [{ customers: 0, value: 0 }];
  let sum = 0;
  let rank = 0;
  for (let j = 1; j <= m; j++) {
    const target = Math.ceil((j * n) / m);
    while (rank < target) sum += sorted[n - 1 - rank++];
    points.push({ customers: rank / n, value: j === m ? 1 : sum / total });
  }
  return { points, top20Share: top20Sum / total };
}
