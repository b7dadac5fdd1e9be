/**
 * The output of a classification, as the v1 callers imported it. The model lives in
 * src/engine/report/: columns.ts (the output columns and outputRow), why.ts (the Why line
 * and the Problems text), summary.ts (the one summary), worklist.ts (§8's Worklist).
 */
import { outputRow as rowOf } from "./report/columns";

export { rfmText, type OutputCell } from "./report/columns";
export { whyText, problemsText } from "./report/why";
export {
  summarize,
  paretoPoints,
  TIER_ORDER,
  ABC_ORDER,
  PARETO_MAX_POINTS,
  type Summary,
  type GroupSummary,
  type ParetoPoint,
} from "./report/summary";

/** report/columns.ts's outputRow (a plain binding, so tests can spy on it through this module). */
export const outputRow = rowOf;
