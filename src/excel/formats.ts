/** Number formats, widths and tier fills of the §11 columns. */
import { OUTPUT_COLUMNS, type OutputColumnKey } from "../engine/labels";
import { Tier } from "../engine/types";

export function columnFormat(key: OutputColumnKey): string {
  const kind = OUTPUT_COLUMNS.find((c) => c.key === key)?.kind ?? "text";
  if (key === "keyIndex") return "0";
  if (kind === "percent") return "0.0%";
  if (kind === "date") return "yyyy-mm-dd";
  if (kind === "number") return "General";
  // Text columns are text so that e.g. RFM "545" stays the text it is.
  return "@";
}

/** Column widths in points (about 7 points per Latin character, 12–14 per Chinese one). */
export const COLUMN_WIDTHS: Record<OutputColumnKey, number> = {
  tier: 72,
  abc: 48,
  share: 64,
  keyIndex: 72,
  potential: 60,
  level: 84,
  gap: 60,
  nextAction: 240,
  nextContact: 84,
  risk: 120,
  strategy: 96,
  rfm: 48,
  why: 280,
  problems: 240,
};

/** Light fills so the text stays readable; 一般客户 gets none. */
export const TIER_FILLS: { tier: Tier; color: string }[] = [
  { tier: Tier.Star, color: "#FFE699" },
  { tier: Tier.Rising, color: "#C6EFCE" },
  { tier: Tier.Fading, color: "#F8CBAD" },
  { tier: Tier.Insufficient, color: "#D9D9D9" },
];
