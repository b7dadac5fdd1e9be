/**
 * The derived customer table (METHOD.md §12): its columns, headers (§1's first header in the
 * output's language) and cells, and the same table as the classifier's input.
 */
import { excelSerialFromDay } from "../days";
import { SUMMARY_HEADER_SYNONYMS } from "../headers";
import type { CellValue, FieldKey, Lang, TableInput } from "../types";
import type { DerivedCustomers } from "./derive";

export type DerivedColumn =
  | "id"
  | "name"
  | "owner"
  | "region"
  | "revenue"
  | "prevRevenue"
  | "profit"
  | "orders"
  | "activeMonths"
  | "firstOrder"
  | "lastOrder"
  | "overdueDays";

/** The fields a ledger fills in a customer table (§12 "Joining": they replace the list's). */
export const LEDGER_FILLED_FIELDS = [
  "revenue",
  "prevRevenue",
  "profit",
  "orders",
  "activeMonths",
  "firstOrder",
  "lastOrder",
  "overdueDays",
] as const satisfies readonly DerivedColumn[];

export type DerivedKind = "text" | "number" | "date";

export function derivedKind(column: DerivedColumn): DerivedKind {
  if (column === "firstOrder" || column === "lastOrder") return "date";
  if (column === "id" || column === "name" || column === "owner" || column === "region") return "text";
  return "number";
}

/** The columns in §12's order: id, name, owner, region (those the ledger has), then the figures. */
export function derivedColumns(d: DerivedCustomers): DerivedColumn[] {
  const cols: DerivedColumn[] = [];
  if (d.has.id) cols.push("id");
  if (d.has.name) cols.push("name");
  if (d.has.owner) cols.push("owner");
  if (d.has.region) cols.push("region");
  cols.push("revenue", "prevRevenue");
  if (d.has.profit) cols.push("profit");
  cols.push("orders", "activeMonths", "firstOrder", "lastOrder");
  if (d.has.due) cols.push("overdueDays");
  return cols;
}

/**
 * The headers §12 lists (活跃月数, not §1's first 下单月数); owner and region take §1's first
 * header (负责销售 / Owner, 区域 / Region). Each is a §1 synonym, so the table reads back as itself.
 */
const DERIVED_HEADERS: Readonly<Record<DerivedColumn, { zh: string; en: string }>> = {
  id: { zh: "客户编号", en: "Customer ID" },
  name: { zh: "客户名称", en: "Customer" },
  owner: { zh: SUMMARY_HEADER_SYNONYMS.owner.zh[0], en: SUMMARY_HEADER_SYNONYMS.owner.en[0] },
  region: { zh: SUMMARY_HEADER_SYNONYMS.region.zh[0], en: SUMMARY_HEADER_SYNONYMS.region.en[0] },
  revenue: { zh: "本期销售额", en: "Revenue" },
  prevRevenue: { zh: "上期销售额", en: "Previous revenue" },
  profit: { zh: "毛利", en: "Gross profit" },
  orders: { zh: "订单数", en: "Orders" },
  activeMonths: { zh: "活跃月数", en: "Active months" },
  firstOrder: { zh: "首次合作日期", en: "First order" },
  lastOrder: { zh: "最近下单日期", en: "Last order" },
  overdueDays: { zh: "平均逾期天数", en: "Days late" },
};

/** 客户编号 / Customer ID, …, 负责销售 / Owner, 区域 / Region. */
export function derivedHeader(column: DerivedColumn, lang: Lang): string {
  return DERIVED_HEADERS[column][lang];
}

/** A cell of the derived table: text, a number, a date as an Excel serial, null when missing. */
export function derivedCell(d: DerivedCustomers, column: DerivedColumn, c: number): CellValue {
  switch (column) {
    case "id":
    case "name":
    case "owner":
    case "region":
      return d[column][c] || null;
    case "firstOrder":
    case "lastOrder": {
      const day = d[column][c];
      return day === day ? excelSerialFromDay(day) : null;
    }
    default: {
      const x = d[column][c];
      return x === x ? x : null;
    }
  }
}

/** The derived table with its header row, as a 2-D array (a spill, a CSV). */
export function derivedRows(d: DerivedCustomers, lang: Lang): CellValue[][] {
  const cols = derivedColumns(d);
  const rows: CellValue[][] = [cols.map((c) => derivedHeader(c, lang))];
  for (let c = 0; c < d.count; c++) rows.push(cols.map((col) => derivedCell(d, col, c)));
  return rows;
}

/** The derived table column by column, with its headers (what a writer or the classifier takes). */
export function derivedSheet(d: DerivedCustomers, lang: Lang): { headers: string[]; columns: CellValue[][] } {
  const cols = derivedColumns(d);
  return {
    headers: cols.map((c) => derivedHeader(c, lang)),
    columns: cols.map((col) => {
      const out: CellValue[] = new Array(d.count);
      for (let c = 0; c < d.count; c++) out[c] = derivedCell(d, col, c);
      return out;
    }),
  };
}

/** The derived table as the classifier's input, owner and region as its groups (summaries, Worklist). */
export function derivedTableInput(d: DerivedCustomers): TableInput {
  const columns: TableInput["columns"] = {};
  const groups: NonNullable<TableInput["groups"]> = {};
  for (const col of derivedColumns(d)) {
    const out: CellValue[] = new Array(d.count);
    for (let c = 0; c < d.count; c++) out[c] = derivedCell(d, col, c);
    if (col === "owner" || col === "region") groups[col] = out;
    else columns[col as FieldKey] = out;
  }
  return groups.owner || groups.region
    ? { rowCount: d.count, columns, groups }
    : { rowCount: d.count, columns };
}
