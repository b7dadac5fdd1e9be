/**
 * Number formats, widths and tier fills of the output columns, read from the engine's one
 * description (src/engine/report/columns.ts); the pane keeps none of its own.
 */
import {
  CORE_COLUMNS,
  TIER_FILLS as PALETTE,
  widthInPoints,
  type OutputColumnKey,
} from "../engine/report/columns";
import { Tier } from "../engine/types";

export function columnFormat(key: OutputColumnKey): string {
  return CORE_COLUMNS.find((c) => c.key === key)?.numberFormat ?? "@";
}

/** Column widths in points (Office.js `columnWidth`), from the description's character widths. */
export const COLUMN_WIDTHS: Record<OutputColumnKey, number> = Object.fromEntries(
  CORE_COLUMNS.map((c) => [c.key, widthInPoints(c.width)]),
) as Record<OutputColumnKey, number>;

/** The tier palette as conditional-format rules; 一般客户 gets none. */
export const TIER_FILLS: { tier: Tier; color: string }[] = [
  Tier.Star,
  Tier.Rising,
  Tier.Fading,
  Tier.Insufficient,
]
  .filter((tier) => PALETTE[tier] !== null)
  .map((tier) => ({ tier, color: PALETTE[tier] as string }));
