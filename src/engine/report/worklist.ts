/**
 * The Worklist 本周待办 (METHOD.md §8): the customers whose next contact is at most
 * `worklistDays` − 1 days after today (default 7: today and the next 6 days), in the order a
 * rep should work through them — next contact (earliest first), then tier (天王巨星, 后起之秀,
 * 明日黄花, 一般客户, 数据不足), then key-account index (highest first, blank last), then row order.
 */
import { bi, pick, type Bilingual } from "../bilingual";
import type { ClassifyResult } from "../classify";
import { readText } from "../cells";
import { cellAt, type TextCells } from "../utf8Texts";
import { actionText, tierLabel } from "../labels";
import { ActionKind, Tier, type Lang } from "../types";
import type { ColumnKind } from "./columnList";
import { whyText } from "./why";

/** §8's tier order for the Worklist (not the summary's: Fading comes before Regular here). */
export const WORKLIST_TIER_ORDER: readonly Tier[] = [
  Tier.Star,
  Tier.Rising,
  Tier.Fading,
  Tier.Regular,
  Tier.Insufficient,
];

const TIER_RANK = new Uint8Array(5);
WORKLIST_TIER_ORDER.forEach((t, k) => (TIER_RANK[t] = k));

/** The data rows on the Worklist, in §8's order. `days` defaults to the result's worklistDays setting. */
export function worklistRows(result: ClassifyResult, days: number = result.settings.worklistDays): number[] {
  const last = result.today + days - 1;
  const rows: number[] = [];
  const next = result.nextContact;
  for (let i = 0; i < result.rowCount; i++) if (next[i] <= last) rows.push(i); // NaN (no action) never is
  const { tier, keyIndex } = result;
  rows.sort((a, b) => {
    if (next[a] !== next[b]) return next[a] - next[b];
    if (tier[a] !== tier[b]) return TIER_RANK[tier[a]] - TIER_RANK[tier[b]];
    const ka = keyIndex[a];
    const kb = keyIndex[b];
    if (ka !== kb) {
      if (ka !== ka) return 1; // blank last
      if (kb !== kb) return -1;
      return kb - ka;
    }
    return a - b;
  });
  return rows;
}

export interface WorklistColumn {
  key: "id" | "name" | "owner" | "tier" | "nextAction" | "nextContact" | "why";
  header: Bilingual;
  kind: ColumnKind;
  width: number;
}

/** The Worklist sheet's columns (METHOD §11): id, name, owner, tier, next action, next contact, Why. */
export const WORKLIST_COLUMNS: readonly WorklistColumn[] = Object.freeze([
  { key: "id", header: bi("客户编号", "Customer ID"), kind: "text", width: 12 },
  { key: "name", header: bi("客户名称", "Customer"), kind: "text", width: 28 },
  { key: "owner", header: bi("负责销售", "Owner"), kind: "text", width: 12 },
  { key: "tier", header: bi("价值等级", "Tier"), kind: "text", width: 10 },
  { key: "nextAction", header: bi("下一步行动", "Next action"), kind: "text", width: 40 },
  { key: "nextContact", header: bi("下次联系日期", "Next contact"), kind: "date", width: 12 },
  { key: "why", header: bi("依据", "Why"), kind: "text", width: 40 },
] as WorklistColumn[]);

/** The Worklist's sheet name (one constant for the pane and the CLI). */
export const WORKLIST_SHEET_NAME: Bilingual = bi("本周待办", "Worklist");

export function worklistHeaders(lang: Lang): string[] {
  return WORKLIST_COLUMNS.map((c) => pick(c.header, lang));
}

/** Row i's Worklist cells in WORKLIST_COLUMNS order (the date a DayNumber; unknown null). */
export function worklistCells(result: ClassifyResult, i: number, lang: Lang): (string | number | null)[] {
  const text = (col: TextCells | undefined): string | null => {
    const t = readText(cellAt(col, i));
    return t === "" ? null : t;
  };
  const kind = result.action[i];
  const next = result.nextContact[i];
  return [
    text(result.input?.columns.id),
    text(result.input?.columns.name),
    text(result.input?.groups?.owner),
    tierLabel(result.tier[i], lang) || null,
    kind === ActionKind.None ? null : actionText(kind, result.actionVariant[i], lang) || null,
    next === next ? next : null,
    whyText(result, i, lang) || null,
  ];
}
