/**
 * METHOD.md §13 from a built ledger (§12): each output row's x, t, T from its customer's distinct
 * purchase dates (all history up to today), then the BG/NBD analysis. The one "ledger → histories
 * → rhythm" step the CLI, the task pane and CRM.CLASSIFY share.
 */
import {
  analyseRhythm,
  historiesForRows,
  historiesOfPurchaseDays,
  type RhythmAnalysis,
  type RhythmHistories,
  type RhythmSettings,
} from "../rhythm/analyse";
import type { DayNumber, Lang } from "../types";
import type { DerivedCustomers } from "./derive";
import type { JoinedTable } from "./join";

/** What §13 needs of buildLedgerTable's result. */
export interface BuiltLedger {
  derived: Pick<DerivedCustomers, "purchaseStart" | "purchaseDays">;
  joined?: Pick<JoinedTable, "customerOfRow">;
}

/** Row r of the built table's x, t, T (NaN: no purchase, or a listed customer with no ledger line). */
export function ledgerHistories(built: BuiltLedger, today: DayNumber): RhythmHistories {
  const h = historiesOfPurchaseDays(built.derived.purchaseStart, built.derived.purchaseDays, today);
  return built.joined ? historiesForRows(h, built.joined.customerOfRow) : h;
}

/** The §13 analysis of the built table's rows, to pass to classify(…, { rhythm }). */
export function ledgerRhythm(built: BuiltLedger, today: DayNumber, settings: RhythmSettings): RhythmAnalysis {
  return analyseRhythm(ledgerHistories(built, today), settings);
}

/**
 * The one line that says what became of §13: fitted on N repeat buyers, or why the columns are
 * blank (`购买节奏：已按 42 位复购客户拟合（BG/NBD）` / `Buying rhythm: fitted on 42 repeat buyers (BG/NBD)`).
 */
export function rhythmStatusLine(analysis: RhythmAnalysis, lang: Lang): string {
  if (analysis.fit) {
    const n = analysis.repeaters;
    return lang === "zh"
      ? `购买节奏：已按 ${n} 位复购客户拟合（BG/NBD）`
      : `Buying rhythm: fitted on ${n} repeat buyer${n === 1 ? "" : "s"} (BG/NBD)`;
  }
  const why = analysis.blankReason ?? { zh: "未计算", en: "not computed" };
  return lang === "zh" ? `购买节奏：${why.zh}` : `Buying rhythm: ${why.en}`;
}
