/**
 * The built customer table of a ledger (§12) classified, with §13's rhythm from its purchase
 * dates: the one "built table → mapping, input, rhythm, classify" step the task pane and
 * CRM.CLASSIFY share (the CLI classifies the same table through its own sheet).
 */
import { classify, type ClassifyResult } from "../classify";
import { mapHeaders, mapSummaryColumns, type HeaderMapping } from "../headers";
import type { Settings } from "../settings";
import { buildTableInput } from "../tableInput";
import type { RhythmAnalysis } from "../rhythm/analyse";
import type { DayNumber } from "../types";
import type { LedgerTableResult } from "./build";
import { ledgerRhythm } from "./rhythm";

export function classifyBuiltLedger(
  built: Extract<LedgerTableResult, { ok: true }>,
  today: DayNumber,
  settings: Settings,
): { mapping: HeaderMapping; rhythm: RhythmAnalysis; result: ClassifyResult } {
  const t = built.table;
  const mapping = mapHeaders(t.headers);
  const input = buildTableInput(
    { rowCount: t.rowCount, column: (c) => t.columns[c] },
    mapping,
    mapSummaryColumns(t.headers),
  );
  const rhythm = ledgerRhythm(built, today, settings);
  return { mapping, rhythm, result: classify(input, { today, settings, rhythm }) };
}
