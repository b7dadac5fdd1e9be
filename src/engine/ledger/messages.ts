/** What the user is told about a ledger line (METHOD.md §12: row, column, what was found). */
import type { Lang } from "../types";
import type { LedgerProblem } from "./derive";

/** Where a ledger line's cell sits in the user's sheet. */
export interface CellPlace {
  /** The sheet's row number (1-based, as Excel shows it). */
  row: number;
  /** Column letter, e.g. "C". */
  column: string;
  /** The column's header as the user wrote it. */
  header: string;
}

function what(p: LedgerProblem, lang: Lang): string {
  const zh = lang === "zh";
  switch (p.reason) {
    case "blank":
      return zh ? "空白" : "blank";
    case "no-key":
      return zh ? "没有客户编号或名称" : "no customer ID or name";
    case "future-date":
      return zh ? `日期 ${p.found} 在今天之后` : `date ${p.found} is after today`;
    case "totals-row":
      return zh ? `合计行“${p.found}”` : `a totals row "${p.found}"`;
    case "excel-error":
      return zh ? `Excel 错误 ${p.found}` : `Excel error ${p.found}`;
    case "not-a-date":
      return zh ? `无法识别的日期“${p.found}”` : `unreadable date "${p.found}"`;
    case "not-a-number":
      return zh ? `无法识别的数字“${p.found}”` : `unreadable number "${p.found}"`;
  }
}

function consequence(p: LedgerProblem, lang: Lang): string {
  const zh = lang === "zh";
  if (p.skipped) return zh ? "，该行已跳过" : "; line skipped";
  if (p.field === "lineProfit") return zh ? "，毛利按 0 计" : "; profit counted as 0";
  if (p.field === "dueDate") return zh ? "，该行不计逾期" : "; left out of days late";
  if (p.field === "paidDate") return zh ? "，按未回款计" : "; taken as not yet paid";
  return "";
}

/** `订单明细第 12 行 C 列（订单日期）：日期 2026-04-02 在今天之后，该行已跳过`. */
export function ledgerProblemText(p: LedgerProblem, lang: Lang, at: CellPlace): string {
  return lang === "zh"
    ? `订单明细第 ${at.row} 行 ${at.column} 列（${at.header}）：${what(p, lang)}${consequence(p, lang)}`
    : `ledger row ${at.row}, column ${at.column} (${at.header}): ${what(p, lang)}${consequence(p, lang)}`;
}

/** `跳过 3 行（见下）` / `3 lines skipped (listed below)`; "" when none. */
export function skippedSummary(skipped: number, lang: Lang): string {
  if (skipped === 0) return "";
  return lang === "zh" ? `跳过 ${skipped} 行` : `${skipped} line${skipped === 1 ? "" : "s"} skipped`;
}
