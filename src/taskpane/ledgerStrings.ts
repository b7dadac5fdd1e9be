/**
 * The ledger panel's texts (METHOD.md §12 in the pane), Chinese first. Kept apart from strings.ts
 * so the pane's main strings can change without touching these.
 */
import type { Lang } from "../engine/types";

export interface LedgerStrings {
  readAs: string;
  readAsLedger: string;
  readAsCustomers: string;
  detectedLedger: string;
  detectedCustomers: string;
  title: string;
  intro: (sheetName: string) => string;
  listSheet: string;
  noList: string;
  listHint: string;
  build: string;
  building: string;
  cancel: string;
  done: (sheetName: string, customers: number) => string;
  cancelled: string;
  failed: string;
  problemsTitle: string;
}

const ZH: LedgerStrings = {
  readAs: "读取方式",
  readAsLedger: "订单明细（每行一笔订单）",
  readAsCustomers: "客户表（每行一个客户）",
  detectedLedger: "已自动识别为订单明细：有订单日期和金额列，且同一客户出现在多行。",
  detectedCustomers: "已自动识别为客户表。",
  title: "从订单明细生成客户汇总表",
  intro: (name) => `按客户汇总订单明细，分级后写入新工作表“${name}”；订单明细和客户清单不会被修改。`,
  listSheet: "客户清单所在的工作表（可选）",
  noList: "（不使用客户清单）",
  listHint: "客户清单按客户编号（没有编号时按客户名称）与订单明细对应；清单中的其他列会保留。",
  build: "生成客户汇总表",
  building: "正在生成……",
  cancel: "取消",
  done: (name, n) => `已写入工作表“${name}”：${n} 个客户。可用“恢复”删除该工作表。`,
  cancelled: "已取消，未留下客户汇总表。",
  failed: "生成失败：",
  problemsTitle: "数据问题（跳过的行和无法识别的单元格）",
};

const EN: LedgerStrings = {
  readAs: "Read the table as",
  readAsLedger: "A sales ledger (one order per row)",
  readAsCustomers: "A customer table (one customer per row)",
  detectedLedger:
    "Detected as a sales ledger: it has order date and amount columns, and customers on several rows.",
  detectedCustomers: "Detected as a customer table.",
  title: "Build the customer sheet from the ledger",
  intro: (name) =>
    `The ledger is summed up per customer, classified and written to a new sheet "${name}"; the ledger and the customer list are not changed.`,
  listSheet: "Sheet with the customer list (optional)",
  noList: "(no customer list)",
  listHint:
    "The list's rows are matched by customer ID (by name when there is none); the list's other columns are kept.",
  build: "Build the customer sheet",
  building: "Building…",
  cancel: "Cancel",
  done: (name, n) => `Written to sheet "${name}": ${n} customers. Restore removes that sheet.`,
  cancelled: "Cancelled; no customer sheet was left.",
  failed: "Could not build the customer sheet: ",
  problemsTitle: "Data problems (skipped lines and unreadable cells)",
};

export function ledgerStrings(lang: Lang): LedgerStrings {
  return lang === "zh" ? ZH : EN;
}
