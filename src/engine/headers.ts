/**
 * Header mapping (METHOD.md §1): which column holds which field.
 *
 * Matching ignores case, spaces, full-/half-width forms and brackets; a bracketed unit such
 * as "销售额(元)", "Revenue (¥)" or "毛利率（%）" is tried without it as well.
 */
import { CellValue, FieldKey, FIELD_KEYS, Lang } from "./types";
import { halfWidth as toHalfWidth } from "./text";

/**
 * METHOD.md §1's header words; the first of each list is the field's display label. After §1's
 * own words, a few a HubSpot company export uses (docs/METHOD-NOTES.md, "Headers"): Record ID,
 * Total revenue (its closed-won deals: sales to us, unlike Annual revenue), Recent deal close
 * date, Last contacted.
 */
export const HEADER_SYNONYMS: Readonly<Record<FieldKey, { zh: string[]; en: string[] }>> = {
  id: { zh: ["客户编号", "客户代码", "编号"], en: ["Customer ID", "Account ID", "ID", "Record ID"] },
  name: {
    zh: ["客户名称", "客户", "客户名", "公司名称", "名称"],
    en: ["Customer", "Customer name", "Account name", "Account", "Company", "Company name", "Name"],
  },
  revenue: {
    zh: ["本期销售额", "销售额", "销售金额", "年销售额", "购买金额"],
    en: ["Revenue", "Sales", "Sales amount", "Total sales", "Amount", "Total revenue"],
  },
  prevRevenue: {
    zh: ["上期销售额", "去年销售额", "上年同期金额", "上年同期"],
    en: ["Previous revenue", "Last year sales", "Prior year sales"],
  },
  profit: { zh: ["毛利", "毛利额", "利润"], en: ["Gross profit", "Profit"] },
  marginRate: { zh: ["毛利率"], en: ["Margin rate", "Gross margin %"] },
  prevMarginRate: { zh: ["上期毛利率"], en: ["Previous margin rate"] },
  orders: { zh: ["订单数", "购买次数"], en: ["Orders", "Order count", "Frequency"] },
  activeMonths: { zh: ["下单月数", "活跃月数"], en: ["Active months"] },
  firstOrder: { zh: ["首次合作日期", "首次购买日期"], en: ["First order", "Customer since"] },
  lastOrder: {
    zh: ["最近下单日期", "最近购买日期", "最后交易日期"],
    en: ["Last order", "Last order date", "Last purchase", "Recent deal close date"],
  },
  overdueDays: { zh: ["平均逾期天数", "回款逾期天数"], en: ["Days late", "Overdue days"] },
  c1: { zh: ["成长性"], en: ["Growth"] },
  c2: { zh: ["业务规划"], en: ["Business plan"] },
  c3: { zh: ["资金潜力"], en: ["Funding"] },
  c4: { zh: ["商机"], en: ["Opportunities"] },
  c5: { zh: ["方案适合度"], en: ["Solution fit"] },
  c6: { zh: ["竞争力"], en: ["Competitiveness"] },
  c7: { zh: ["客户关系"], en: ["Relationship"] },
  potential: { zh: ["潜力得分"], en: ["Potential"] },
  familiarity: { zh: ["熟悉程度", "关系程度"], en: ["Familiarity"] },
  lastContact: { zh: ["最近联系日期", "上次拜访日期"], en: ["Last contact", "Last contacted"] },
  birthday: { zh: ["生日", "负责人生日"], en: ["Birthday"] },
  referrals: { zh: ["转介绍数"], en: ["Referrals"] },
  incumbent: { zh: ["现有供应商"], en: ["Incumbent"] },
  position: { zh: ["竞争地位"], en: ["Competitive position"] },
  opportunity: { zh: ["当前商机"], en: ["Open opportunity"] },
};

export interface HeaderMapping {
  /** field → 0-based column index within the table. */
  columns: Partial<Record<FieldKey, number>>;
  /** The header row as text (trimmed). */
  headers: string[];
  /** Columns used by no field (blank headers included), ascending. */
  unmapped: number[];
  /** Fields that several columns match: `columns` lists them all, the first is the one used. */
  duplicates: { field: FieldKey; columns: number[] }[];
  /** Required fields with no column: "name" (neither name nor id), "value" (neither revenue nor profit). */
  missing: ("name" | "value")[];
  /** The language most mapped headers are written in. */
  lang: Lang;
}

export type HeaderOverrides = Partial<Record<FieldKey, number | null>>;

const IGNORED_CHARS = /[\s_\-()[\]【】*:：]/g;
const BRACKETED = /[(（[【][^)）\]】]*[)）\]】]/g;

/**
 * The comparison form of a header: half-width, lower case, without spaces, underscores,
 * hyphens, brackets, asterisks (a "required" mark) or colons.
 */
export function normalizeHeader(s: string): string {
  return toHalfWidth(String(s)).toLowerCase().replace(IGNORED_CHARS, "");
}

/** The header without its bracketed parts ("销售额(元)" → "销售额"), normalized. */
function withoutBrackets(s: string): string {
  return normalizeHeader(toHalfWidth(String(s)).replace(BRACKETED, ""));
}

const HAN = /[\u3400-\u9fff]/;

interface Synonym {
  field: FieldKey;
  lang: Lang;
}

/** normalized synonym → field; the field keys themselves ("lastOrder") also match. */
const SYNONYM_INDEX: ReadonlyMap<string, Synonym> = (() => {
  const index = new Map<string, Synonym>();
  for (const field of FIELD_KEYS) {
    for (const lang of ["zh", "en"] as const) {
      for (const word of HEADER_SYNONYMS[field][lang]) index.set(normalizeHeader(word), { field, lang });
    }
  }
  for (const field of FIELD_KEYS) {
    const key = normalizeHeader(field);
    if (!index.has(key)) index.set(key, { field, lang: "en" });
  }
  return index;
})();

function headerText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Which field a header names, or null. */
export function fieldOfHeader(header: string): Synonym | null {
  const exact = SYNONYM_INDEX.get(normalizeHeader(header));
  if (exact) return exact;
  const bare = withoutBrackets(header);
  return bare ? (SYNONYM_INDEX.get(bare) ?? null) : null;
}

/**
 * The matching both mappings share (§1's fields and §12's): each field takes the first column
 * whose header names it; `overrides` (from the user) then set a field to a column (taking that
 * column from any automatic field) or unmap it (null). zh/en count the matched headers by script.
 */
function matchHeaders<F extends string>(
  headers: readonly string[],
  fieldOf: (h: string) => { field: F } | null,
  fields: readonly F[],
  overrides?: Partial<Record<F, number | null>>,
): {
  columns: Partial<Record<F, number>>;
  matches: Map<F, number[]>;
  overridden: Set<F>;
  zh: number;
  en: number;
} {
  const matches = new Map<F, number[]>();
  let zh = 0;
  let en = 0;
  headers.forEach((h, col) => {
    if (!h) return;
    const hit = fieldOf(h);
    if (!hit) return;
    const list = matches.get(hit.field);
    if (list) list.push(col);
    else matches.set(hit.field, [col]);
    if (HAN.test(h)) zh++;
    else en++;
  });

  const columns: Partial<Record<F, number>> = {};
  for (const [field, cols] of matches) columns[field] = cols[0];

  const overridden = new Set<F>();
  if (overrides) {
    for (const field of fields) {
      if (!Object.prototype.hasOwnProperty.call(overrides, field)) continue;
      const col = overrides[field];
      if (col === undefined) continue;
      overridden.add(field);
      if (col === null) {
        delete columns[field];
        continue;
      }
      if (!Number.isInteger(col) || col < 0 || col >= headers.length) continue;
      // One column feeds one field: an explicit choice takes the column from an automatic one.
      for (const other of fields) {
        if (other !== field && columns[other] === col && !overridden.has(other)) delete columns[other];
      }
      columns[field] = col;
    }
  }
  return { columns, matches, overridden, zh, en };
}

/** Fields several columns match (the first is used), unless the user chose the field's column. */
function duplicatesOf<F extends string>(
  fields: readonly F[],
  matches: Map<F, number[]>,
  overridden: Set<F>,
): { field: F; columns: number[] }[] {
  const duplicates: { field: F; columns: number[] }[] = [];
  for (const field of fields) {
    const cols = matches.get(field);
    if (cols && cols.length > 1 && !overridden.has(field)) duplicates.push({ field, columns: cols.slice() });
  }
  return duplicates;
}

/**
 * Maps a header row to fields. The first matching column wins; `overrides` (from the user)
 * then set a field to a column (taking that column away from any other field) or unmap it (null).
 */
export function mapHeaders(headerRow: readonly CellValue[], overrides?: HeaderOverrides): HeaderMapping {
  const headers = headerRow.map(headerText);
  const { columns, matches, overridden, zh, en } = matchHeaders(
    headers,
    fieldOfHeader,
    FIELD_KEYS,
    overrides,
  );

  const used = new Set<number>(Object.values(columns) as number[]);
  const unmapped: number[] = [];
  for (let col = 0; col < headers.length; col++) {
    if (used.has(col)) continue;
    // A later duplicate is reported under `duplicates`, not as an unknown header.
    const dupOf = fieldOfHeader(headers[col]);
    if (headers[col] && dupOf && !overridden.has(dupOf.field) && columns[dupOf.field] !== undefined) continue;
    unmapped.push(col);
  }

  const duplicates = duplicatesOf(FIELD_KEYS, matches, overridden);

  const missing: HeaderMapping["missing"] = [];
  if (columns.name === undefined && columns.id === undefined) missing.push("name");
  if (columns.revenue === undefined && columns.profit === undefined) missing.push("value");

  let lang: Lang;
  if (zh !== en) lang = zh > en ? "zh" : "en";
  else if (zh > 0) lang = "zh";
  else lang = headers.some((h) => HAN.test(h)) || headers.every((h) => !h) ? "zh" : "en";

  return { columns, headers, unmapped, duplicates, missing, lang };
}

/** "A", "B", …, "Z", "AA", … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = Math.floor(index) + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function label(field: FieldKey, lang: Lang): string {
  return HEADER_SYNONYMS[field][lang][0];
}

/**
 * Sentences for the user about a mapping: missing required columns, duplicates, columns not
 * used. `firstColumn` is the sheet column of the table's first column, so letters match the sheet.
 * `ignoreHeaders` (e.g. the add-in's own output headers) are not reported as unused.
 */
export function mappingMessages(
  mapping: HeaderMapping,
  lang: Lang,
  firstColumn = 0,
  ignoreHeaders: readonly string[] = [],
): string[] {
  const letter = (col: number) => columnLetter(firstColumn + col);
  const out: string[] = [];
  if (mapping.missing.includes("name")) {
    out.push(
      lang === "zh"
        ? `缺少必需的列：${label("name", "zh")}（或${label("id", "zh")}）`
        : `Missing a required column: ${label("name", "en")} (or ${label("id", "en")})`,
    );
  }
  if (mapping.missing.includes("value")) {
    out.push(
      lang === "zh"
        ? `缺少必需的列：${label("revenue", "zh")}（或${label("profit", "zh")}）`
        : `Missing a required column: ${label("revenue", "en")} (or ${label("profit", "en")})`,
    );
  }
  for (const { field, columns } of mapping.duplicates) {
    const used = columns[0];
    if (lang === "zh") {
      const list = columns.map((c) => `${letter(c)} 列`).join("、");
      out.push(`有多列都像“${label(field, "zh")}”：${list}；使用 ${letter(used)} 列`);
    } else {
      const list = columns.map(letter).join(", ");
      out.push(`Several columns look like “${label(field, "en")}”: ${list}; using ${letter(used)}`);
    }
  }
  const ignored = new Set(ignoreHeaders.map(normalizeHeader));
  for (const col of mapping.unmapped) {
    const h = mapping.headers[col] ?? "";
    if (!h || ignored.has(normalizeHeader(h))) continue;
    const shown = h.length > 30 ? h.slice(0, 29) + "…" : h;
    out.push(
      lang === "zh" ? `${letter(col)} 列“${shown}”未使用` : `Column ${letter(col)} “${shown}” is not used`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Owner and region (§1, "summaries only"): not classification fields, so kept apart from
// FIELD_KEYS; summaries, the Worklist and the ledger (§12) read them.

export type SummaryField = "owner" | "region";

export const SUMMARY_HEADER_SYNONYMS: Readonly<Record<SummaryField, { zh: string[]; en: string[] }>> = {
  // "Company owner": HubSpot's (see HEADER_SYNONYMS).
  owner: {
    zh: ["负责销售", "业务员", "销售员", "客户经理"],
    en: ["Owner", "Sales rep", "Account owner", "Company owner"],
  },
  region: { zh: ["区域", "地区", "片区"], en: ["Region", "Territory"] },
};

// ---------------------------------------------------------------------------------------
// Ledger headers (§12). A ledger is matched with its own table: "Sales" or 销售额 is a line's
// amount there, a customer's revenue in §1.

export const LEDGER_FIELDS = [
  "id",
  "name",
  "orderDate",
  "amount",
  "lineProfit",
  "orderId",
  "dueDate",
  "paidDate",
  "owner",
  "region",
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const LEDGER_HEADER_SYNONYMS: Readonly<Record<LedgerField, { zh: string[]; en: string[] }>> = {
  id: { zh: ["客户编号", "客户代码", "编号"], en: ["Customer ID", "CustomerID", "Account ID"] },
  name: { zh: ["客户名称", "客户", "购货单位", "公司名称"], en: ["Customer", "Name", "Company", "Account"] },
  orderDate: {
    zh: ["订单日期", "下单日期", "单据日期", "销售日期", "开票日期", "日期"],
    en: ["Order date", "Invoice date", "InvoiceDate", "Date"],
  },
  amount: {
    zh: ["金额", "销售金额", "订单金额", "价税合计", "含税金额", "销售额"],
    en: ["Amount", "Sales", "Total", "TotalPrice", "Revenue"],
  },
  lineProfit: { zh: ["毛利", "毛利额"], en: ["Profit", "Gross profit"] },
  orderId: {
    zh: ["订单号", "订单编号", "单据编号", "单号", "发票号"],
    en: ["Order ID", "Order No", "Invoice", "InvoiceNo"],
  },
  dueDate: { zh: ["应收日期", "到期日", "付款期限"], en: ["Due date"] },
  paidDate: { zh: ["回款日期", "收款日期", "付款日期"], en: ["Paid date", "Payment date"] },
  owner: SUMMARY_HEADER_SYNONYMS.owner,
  region: SUMMARY_HEADER_SYNONYMS.region,
};

function indexOf<K extends string>(
  table: Readonly<Record<K, { zh: string[]; en: string[] }>>,
  keys: readonly K[],
) {
  const index = new Map<string, { field: K; lang: Lang }>();
  for (const field of keys) {
    for (const lang of ["zh", "en"] as const) {
      for (const word of table[field][lang]) {
        const n = normalizeHeader(word);
        if (!index.has(n)) index.set(n, { field, lang });
      }
    }
  }
  return index;
}

const SUMMARY_INDEX = indexOf(SUMMARY_HEADER_SYNONYMS, ["owner", "region"]);
const LEDGER_INDEX = indexOf(LEDGER_HEADER_SYNONYMS, LEDGER_FIELDS);

function lookup<K>(index: ReadonlyMap<string, K>, header: string): K | null {
  const exact = index.get(normalizeHeader(header));
  if (exact) return exact;
  const bare = withoutBrackets(header);
  return bare ? (index.get(bare) ?? null) : null;
}

/** Owner or region (§1, summaries only), or null. */
export function summaryFieldOfHeader(header: string): { field: SummaryField; lang: Lang } | null {
  return lookup(SUMMARY_INDEX, header);
}

/** Which §12 ledger field a header names, or null. */
export function ledgerFieldOfHeader(header: string): { field: LedgerField; lang: Lang } | null {
  return lookup(LEDGER_INDEX, header);
}

/** Owner and region columns of a header row (the first matching column of each). */
export function mapSummaryColumns(headerRow: readonly CellValue[]): Partial<Record<SummaryField, number>> {
  const out: Partial<Record<SummaryField, number>> = {};
  headerRow.forEach((v, col) => {
    const hit = summaryFieldOfHeader(headerText(v));
    if (hit && out[hit.field] === undefined) out[hit.field] = col;
  });
  return out;
}

export interface LedgerMapping {
  /** ledger field → 0-based column index. */
  columns: Partial<Record<LedgerField, number>>;
  headers: string[];
  /** Fields several columns match; the first is used. */
  duplicates: { field: LedgerField; columns: number[] }[];
  /** Required and absent: "key" (neither id nor name), "orderDate", "amount". */
  missing: ("key" | "orderDate" | "amount")[];
  lang: Lang;
}

/** Maps a ledger's header row to §12's fields; the first matching column wins. */
export function mapLedgerHeaders(
  headerRow: readonly CellValue[],
  overrides?: Partial<Record<LedgerField, number | null>>,
): LedgerMapping {
  const headers = headerRow.map(headerText);
  const { columns, matches, overridden, zh, en } = matchHeaders(
    headers,
    ledgerFieldOfHeader,
    LEDGER_FIELDS,
    overrides,
  );
  const duplicates = duplicatesOf(LEDGER_FIELDS, matches, overridden);
  const missing: LedgerMapping["missing"] = [];
  if (columns.id === undefined && columns.name === undefined) missing.push("key");
  if (columns.orderDate === undefined) missing.push("orderDate");
  if (columns.amount === undefined) missing.push("amount");
  const lang: Lang = en > zh ? "en" : zh > 0 || headers.some((h) => HAN.test(h)) ? "zh" : "en";
  return { columns, headers, duplicates, missing, lang };
}

// ---------------------------------------------------------------------------------------
// Where the table starts (§1 "Real sheets"): title rows, blank rows and units rows come first.

/** Whether a cell names a §1 field, owner/region, or a §12 ledger field. */
export function isKnownHeader(v: CellValue): boolean {
  const h = headerText(v);
  if (!h) return false;
  return fieldOfHeader(h) !== null || summaryFieldOfHeader(h) !== null || ledgerFieldOfHeader(h) !== null;
}

/** How many rows findHeaderRow looks at by default. */
export const HEADER_SEARCH_ROWS = 50;

/**
 * The header row (§1): the index of the first of `rows` in which at least two cells match §1's
 * or §12's headers; -1 when none of the first `limit` rows does. Rows above it are not data.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[], limit = HEADER_SEARCH_ROWS): number {
  const n = Math.min(rows.length, limit);
  for (let r = 0; r < n; r++) if (isHeaderRow(rows[r])) return r;
  return -1;
}

/** Whether a row is a header row (§1): at least two of its cells match §1's or §12's headers. */
export function isHeaderRow(row: readonly CellValue[]): boolean {
  let hits = 0;
  for (let c = 0; c < row.length; c++) {
    if (isKnownHeader(row[c]) && ++hits >= 2) return true;
  }
  return false;
}
