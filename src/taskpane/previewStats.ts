/**
 * What the preview shows: a view of the engine's one summary model (src/engine/report/
 * summary.ts) — customers and value share per tier, the Pareto curve as [x, y] pairs, the top
 * 20 %'s share. Nothing is counted here.
 */
import type { ClassifyResult } from "../engine/classify";
import { summarize, TIER_ORDER, type Summary } from "../engine/report/summary";
import type { Tier } from "../engine/types";

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
  /** The whole summary (headline, per owner/region, top 10) for the views that show more. */
  summary: Summary;
}

export function previewStats(result: ClassifyResult, summary: Summary = summarize(result)): PreviewStats {
  return {
    rows: summary.tiers.map((t) => ({ tier: t.tier, customers: t.count, valueShare: t.share })),
    customers: summary.headline.customers,
    overdue: summary.overdueCount,
    pareto: summary.pareto.length > 0 ? summary.pareto.map((p) => [p.customers, p.value]) : [[0, 0]],
    top20Share: summary.top20Share,
    summary,
  };
}

/** 0.8 → "80%", 0.1234 → "12.3%" (one decimal only when it says something). */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "—";
  const pct = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}
