/**
 * What the preview shows, computed from a ClassifyResult: customers and value share per
 * tier, and the Pareto curve (cumulative value share over customers ranked by value).
 */
import { Tier } from "../engine/types";
import type { ClassifyResult } from "../engine/classify";
import { TIER_ORDER } from "../engine/output";

/** Display order: the tiers a manager acts on first (the engine's summary order). */
export { TIER_ORDER };

export interface TierRow {
  tier: Tier;
  customers: number;
  /** Fraction 0..1 of the table's total value. */
  valueShare: number;
}

export interface PreviewStats {
  rows: TierRow[];
  customers: number;
  overdue: number;
  /** Pareto points [customer fraction, value fraction], from (0,0) to (1,1). */
  pareto: [number, number][];
  /** Share of the value brought by the top 20 % of customers (NaN when no value). */
  top20Share: number;
}

const MAX_POINTS = 50;

export function previewStats(result: ClassifyResult): PreviewStats {
  const n = result.rowCount;
  const customers = new Map<number, number>();
  const shares = new Map<number, number>();
  let overdue = 0;
  let valued = 0;
  for (let i = 0; i < n; i++) {
    const t = result.tier[i];
    customers.set(t, (customers.get(t) ?? 0) + 1);
    const share = result.share[i];
    if (Number.isFinite(share)) shares.set(t, (shares.get(t) ?? 0) + share);
    if (result.overdue[i] > 0) overdue++;
    if (t !== Tier.Insufficient && Number.isFinite(result.value[i])) valued++;
  }
  const rows = TIER_ORDER.map((tier) => ({
    tier,
    customers: customers.get(tier) ?? 0,
    valueShare: shares.get(tier) ?? 0,
  }));

  // Values of the customers that have one, largest first (negative values count as 0, §2).
  const values = new Float64Array(valued);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (result.tier[i] !== Tier.Insufficient && Number.isFinite(result.value[i]))
      values[k++] = Math.max(result.value[i], 0);
  }
  values.sort();
  values.reverse();
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];

  const pareto: [number, number][] = [[0, 0]];
  let top20Share = NaN;
  if (values.length > 0 && total > 0) {
    const steps = Math.min(values.length, MAX_POINTS);
    const top20 = Math.ceil(values.length * 0.2);
    let sum = 0;
    let next = 1;
    for (let i = 0; i < values.length; i++) {
      sum += values[i];
      if (i + 1 === top20) top20Share = sum / total;
      // Keep the point where the customer count reaches next/steps of the customers.
      if ((i + 1) * steps >= next * values.length) {
        pareto.push([(i + 1) / values.length, sum / total]);
        next++;
      }
    }
  }
  return { rows, customers: n, overdue, pareto, top20Share };
}

/** 0.8 → "80%", 0.1234 → "12.3%" (one decimal only when it says something). */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "—";
  const pct = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}
