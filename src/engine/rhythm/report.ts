/**
 * §13 in the shared summary model (report/summary.ts): the fitted parameters, the
 * log-likelihood, the number of repeat buyers (or why there is no fit) and the "at risk" list
 * — repeat buyers with the lowest P(alive), with their typical interval and days silent.
 */
import { readText } from "../cells";
import type { ClassifyResult } from "../classify";
import type { Tier } from "../types";
import { atRiskList } from "./analyse";

export interface AtRiskCustomer {
  /** 0-based data row. */
  row: number;
  id: string;
  name: string;
  tier: Tier;
  pAlive: number;
  /** 通常间隔: days. */
  interval: number;
  /** Days since the last purchase. */
  silentDays: number;
  /** Expected orders in the next forecastDays. */
  expected: number;
}

export interface RhythmSummary {
  /** r, α (days), a, b and the log-likelihood; null when there is no fit. */
  fit: { r: number; alpha: number; a: number; b: number; logLikelihood: number } | null;
  /** Why the §13 columns are blank (one line per language); null with a fit. */
  blankReason: { zh: string; en: string } | null;
  /** Customers with a purchase, and those with x ≥ 1. */
  customers: number;
  repeaters: number;
  forecastDays: number;
  /** Lowest P(alive) first, at most AT_RISK_COUNT. */
  atRisk: AtRiskCustomer[];
}

export const AT_RISK_COUNT = 20;

/** Null unless the result carries a rhythm analysis (ledger input). */
export function rhythmSummary(result: ClassifyResult): RhythmSummary | null {
  const r = result.rhythm;
  if (!r) return null;
  const ids = result.input?.columns.id;
  const names = result.input?.columns.name;
  const text = (col: typeof ids, row: number) => (col && row < col.length ? readText(col[row]) : "");
  return {
    fit: r.fit
      ? { r: r.fit.r, alpha: r.fit.alpha, a: r.fit.a, b: r.fit.b, logLikelihood: r.fit.logLikelihood }
      : null,
    blankReason: r.blankReason,
    customers: r.customers,
    repeaters: r.repeaters,
    forecastDays: r.forecastDays,
    atRisk: atRiskList(r, result.settings, AT_RISK_COUNT).map((e) => ({
      row: e.index,
      id: text(ids, e.index),
      name: text(names, e.index),
      tier: result.tier[e.index] as Tier,
      pAlive: e.pAlive,
      interval: e.interval,
      silentDays: e.silentDays,
      expected: e.expected,
    })),
  };
}
