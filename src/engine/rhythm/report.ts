/**
 * §13 in the shared summary model (report/summary.ts): the fitted parameters, the
 * log-likelihood, the number of repeat buyers (or why there is no fit) and the "at risk" list
 * — repeat buyers with the lowest P(alive), with their typical interval and days silent.
 */
import { readText } from "../cells";
import { cellAt } from "../utf8Texts";
import type { ClassifyResult } from "../classify";
import type { Lang, Tier } from "../types";
import type { ColumnKind } from "../report/columnList";
import type { SummaryCell } from "../report/summarySheet";
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
  const text = (col: typeof ids, row: number) => readText(cellAt(col, row));
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

/** One row of the Summary sheet's §13 block. */
export interface RhythmSheetRow {
  cells: SummaryCell[];
  kinds: ColumnKind[];
  bold?: boolean;
}

/**
 * §13's block of the Summary sheet (report/summarySheet.ts): the fit — repeat buyers, r, α in
 * days, a, b, log-likelihood — or the one-line reason, then the at-risk table.
 */
export function rhythmSheetRows(r: RhythmSummary, lang: Lang): RhythmSheetRow[] {
  const t = (zh: string, en: string) => (lang === "zh" ? zh : en);
  const rows: RhythmSheetRow[] = [
    { cells: [t("购买节奏（BG/NBD）", "Buying rhythm (BG/NBD)")], kinds: [], bold: true },
    { cells: [t("复购客户", "Repeat buyers"), r.repeaters], kinds: ["text", "integer"] },
  ];
  if (!r.fit) {
    rows.push({ cells: [r.blankReason ? t(r.blankReason.zh, r.blankReason.en) : null], kinds: [] });
    return rows;
  }
  const f = r.fit;
  const num: ColumnKind[] = ["text", "number"];
  rows.push(
    { cells: ["r", f.r], kinds: num },
    { cells: [t("α（天）", "α (days)"), f.alpha], kinds: num },
    { cells: ["a", f.a], kinds: num },
    { cells: ["b", f.b], kinds: num },
    { cells: [t("对数似然", "Log-likelihood"), f.logLikelihood], kinds: num },
  );
  if (r.atRisk.length === 0) return rows;
  rows.push({ cells: [null], kinds: [] });
  rows.push({
    cells: [t("最可能流失的复购客户", "Repeat buyers most at risk")],
    kinds: [],
    bold: true,
  });
  rows.push({
    cells: [
      t("客户编号", "Customer ID"),
      t("客户名称", "Customer"),
      t("活跃概率", "P(alive)"),
      t("通常间隔(天)", "Typical interval (days)"),
      t("未下单天数", "Days silent"),
      t(`预计订单(${r.forecastDays}天)`, `Expected orders (${r.forecastDays} days)`),
    ],
    kinds: [],
    bold: true,
  });
  for (const c of r.atRisk) {
    rows.push({
      cells: [
        c.id || null,
        c.name || null,
        c.pAlive,
        c.interval,
        c.silentDays,
        Math.round(c.expected * 100) / 100,
      ],
      kinds: ["text", "text", "percent", "integer", "integer", "number"],
    });
  }
  return rows;
}
