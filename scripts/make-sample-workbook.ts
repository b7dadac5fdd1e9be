/**
 * Generates assets/sample-customers.xlsx: 200 made-up customers of a building-materials
 * distributor, with the header spellings and messy cells real sales sheets have
 * ("¥12,300", "1.2万", "30%", #N/A, blanks, text in a number column) — and
 * assets/sample-orders.xlsx, the same distributor's sales ledger (METHOD.md §12): about 3,000
 * order lines over the 30 months before ANCHOR, as an ERP exports it (a merged title row, a
 * blank row, order numbers, returns, free samples at 0, due and paid dates, a 合计 row); about
 * a quarter of its established customers stop buying part-way, as real customers do.
 *
 * Deterministic: a fixed seed, dates relative to ANCHOR (2026-11-01), and a fixed clock
 * while zipping, so `npm run sample` rewrites the same bytes. `npm run demo` classifies it
 * with `--today 2026-11-01` so the sample stays meaningful whatever the real date is.
 *
 *   npm run sample [-- --out path.xlsx]
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { mulberry32 } from "./prng";

export const ANCHOR = Date.UTC(2026, 10, 1); // 2026-11-01
const DAY = 86_400_000;
const CUSTOMERS = 200;


const PREFIX = [
  "华安", "东方", "恒信", "鑫达", "宏远", "金桥", "瑞丰", "中联", "永盛", "海纳", "天成", "博远", "新源", "汇通",
  "长青", "盛世", "联创", "嘉禾", "德润", "正泰", "明辉", "安泰", "广厦", "润华", "丰源", "卓越", "宝丰", "远航",
];
const TRADE = ["建材", "贸易", "机电", "五金", "装饰", "工程", "实业", "物资", "门窗", "涂料", "管业", "照明", "家居", "石材"];
const SUFFIX = ["有限公司", "有限公司", "有限公司", "股份有限公司", "商贸有限公司"];
const REGIONS = ["华东", "华南", "华北", "西南", "华中"];
const REPS = ["王芳", "李强", "张伟", "刘洋", "陈静"];
const FAMILIARITY_WORDS = ["认识", "还熟悉", "比较熟悉", "很熟悉", "相知"];

export const HEADERS = [
  "客户编号", "客户名称", "销售额(元)", "上期销售额", "毛利率", "订单数", "最近下单日期", "最近联系日期", "生日",
  "熟悉程度", "转介绍数", "平均逾期天数", "现有供应商", "竞争地位", "当前商机",
  "成长性", "业务规划", "资金潜力", "商机", "方案适合度", "竞争力", "客户关系", "区域", "负责销售", "联系电话",
];

type Cell = ExcelJS.CellValue;

function buildRows(): Cell[][] {
  const r = mulberry32(20261101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const daysAgo = (n: number) => new Date(ANCHOR - Math.round(n) * DAY);
  const used = new Set<string>();
  const rows: Cell[][] = [];

  for (let i = 0; i < CUSTOMERS; i++) {
    let name = "";
    do name = pick(PREFIX) + pick(TRADE) + pick(SUFFIX);
    while (used.has(name));
    used.add(name);

    // Pareto-distributed revenue (shape 0.8): a few large customers hold most of the value.
    const revenue = Math.round(Math.min(20_000_000, 20_000 / Math.pow(1 - r() * 0.999, 1 / 0.8)) / 100) * 100;
    const isNew = chance(0.08);
    const growth = r() * 1.2 - 0.4; // −40 % .. +80 %
    const prev = isNew ? (chance(0.5) ? 0 : null) : Math.round(revenue / (1 + growth) / 100) * 100;
    const margin = Math.round((0.06 + r() * 0.38) * 1000) / 1000;
    const orders = Math.max(1, Math.round((revenue / 40_000) * (0.5 + r())));
    const lapsed = chance(0.08);
    const lastOrder = daysAgo(lapsed ? 181 + r() * 300 : Math.pow(r(), 2) * 120);
    const lastContact = daysAgo(Math.pow(r(), 2) * 120);
    // About one in fifteen has a birthday in the fortnight after the anchor.
    const birthday = chance(0.07)
      ? new Date(Date.UTC(1970 + Math.floor(r() * 20), 10, 1 + Math.floor(r() * 14)))
      : chance(0.55)
        ? new Date(Date.UTC(1965 + Math.floor(r() * 25), Math.floor(r() * 12), 1 + Math.floor(r() * 28)))
        : null;
    const fam = 1 + Math.floor(r() * 5);
    const yesNo = (p: number): Cell => (chance(0.1) ? null : chance(p) ? (chance(0.2) ? "√" : "是") : "否");

    const row: Cell[] = [
      `KH${String(1001 + i).padStart(5, "0")}`,
      name,
      revenue,
      prev,
      margin,
      orders,
      lastOrder,
      chance(0.1) ? null : lastContact,
      birthday,
      chance(0.15) ? null : chance(0.4) ? FAMILIARITY_WORDS[fam - 1] : fam,
      chance(0.3) ? null : Math.floor(Math.pow(r(), 3) * 4),
      chance(0.2) ? null : Math.round(Math.pow(r(), 3) * 75),
      chance(0.5) ? null : chance(0.4) ? "是" : "否",
      chance(0.4) ? null : pick(["强", "平", "弱"]),
      chance(0.4) ? null : chance(0.5) ? "有" : "无",
      yesNo(0.5), yesNo(0.4), yesNo(0.45), yesNo(0.5), yesNo(0.55), yesNo(0.4), yesNo(0.5),
      pick(REGIONS),
      pick(REPS),
      chance(0.3) ? `+86 13${Math.floor(r() * 10)} ${String(Math.floor(r() * 1e4)).padStart(4, "0")} ${String(Math.floor(r() * 1e4)).padStart(4, "0")}` : null,
    ];
    rows.push(row);
  }

  // The messy cells real sheets have, at fixed rows so the demo shows each one.
  const REV = 2, PREV = 3, MARGIN = 4, ORDERS = 5, LAST_ORDER = 6, FAM = 9;
  rows[3][REV] = "¥12,300";
  rows[8][REV] = "1.2万";
  rows[12][MARGIN] = "30%";
  rows[15][REV] = { error: "#N/A" };
  rows[21][REV] = null; // no value measure at all → 数据不足
  rows[21][PREV] = null;
  rows[27][ORDERS] = "待确认"; // text in a number column
  rows[33][LAST_ORDER] = "2026/9/15";
  rows[40][LAST_ORDER] = "2026年8月3日";
  rows[46][FAM] = 3.5; // not a familiarity
  rows[52][PREV] = "去年未合作";
  rows[58][MARGIN] = "0.28";
  return rows;
}

export async function buildSampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CRM Tiers";
  wb.created = new Date(ANCHOR);
  wb.modified = new Date(ANCHOR);
  const ws = wb.addWorksheet("客户清单", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = HEADERS.map((h) => ({ header: h, width: h === "客户名称" ? 26 : h === "联系电话" ? 18 : 12 }));
  ws.getRow(1).font = { bold: true };
  for (const values of buildRows()) {
    const row = ws.addRow(values);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      if (v instanceof Date) cell.numFmt = HEADERS[c] === "生日" ? "m月d日" : "yyyy-mm-dd";
      else if (typeof v === "number" && HEADERS[c] === "毛利率") cell.numFmt = "0.0%";
      else if (typeof v === "number" && (c === 2 || c === 3)) cell.numFmt = "#,##0";
    });
  }
  return withFixedClock(ANCHOR, async () => Buffer.from(await wb.xlsx.writeBuffer()));
}

/** Runs `fn` with `new Date()` / `Date.now()` fixed, so the zip entries carry a fixed timestamp. */
async function withFixedClock<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(ms);
      else super(...(args as [number]));
    }
    static now(): number {
      return ms;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ---------------------------------------------------------------------------------------
// The sales ledger (assets/sample-orders.xlsx)

export const ORDER_HEADERS = [
  "单据日期", "单据编号", "客户编号", "客户名称", "价税合计", "毛利", "到期日", "回款日期", "业务员", "区域",
];
export const ORDERS_TITLE = "销售订单明细表 2024年5月—2026年10月";
const LEDGER_DAYS = 913; // 30 months before ANCHOR
/** The share of established customers who stop buying part-way (churners, METHOD §13). */
const CHURN_SHARE = 0.27; // of the established customers: 48 of the ledger's 198 customers (24 %)
/** Orders a customer would place over the whole ledger, shared out by weight (about 3,000 lines in all). */
const ORDERS_PER_CUSTOMER_SPAN = 1700;
/** Listed customers with no order in the ledger, and new customers the list does not have yet. */
const NOT_IN_LEDGER = [17, 64, 111, 150, 188];
const NEW_IN_LEDGER = [
  ["KH01201", "新锐建材科技有限公司", "华东", "王芳"],
  ["KH01202", "远景装饰工程有限公司", "华南", "李强"],
  ["KH01203", "鼎盛门窗有限公司", "西南", "陈静"],
] as const;

interface OrderLine {
  day: number; // days before ANCHOR (0 = ANCHOR)
  id: string;
  name: string;
  amount: number | string;
  profit: number;
  dueIn: number;
  paidAfterDue: number | null;
  rep: string;
  region: string;
  order: number; // order sequence within the ledger, set after sorting
}

function buildOrderLines(): OrderLine[] {
  const customers = buildRows(); // the same 200 customers (their own seed: the list is unchanged)
  const r = mulberry32(20240501);
  const orders: { day: number; lines: Omit<OrderLine, "day" | "order">[] }[] = [];
  const sellers: {
    id: string;
    name: string;
    revenue: number;
    growth: number;
    margin: number;
    rep: string;
    region: string;
  }[] = [];
  customers.forEach((row, i) => {
    if (NOT_IN_LEDGER.includes(i)) return;
    const revenue = typeof row[2] === "number" ? row[2] : 50_000;
    const margin = typeof row[4] === "number" ? row[4] : 0.2;
    // The list's year-on-year growth, so the ledger tells the same story (capped to ±60%).
    const prev = typeof row[3] === "number" && row[3] > 0 ? row[3] : revenue;
    const growth = Math.max(-0.6, Math.min(0.6, revenue / prev - 1));
    sellers.push({ id: String(row[0]), name: String(row[1]), revenue, growth, margin, rep: String(row[23]), region: String(row[22]) });
  });
  for (const [id, name, region, rep] of NEW_IN_LEDGER) sellers.push({ id, name, revenue: 120_000, growth: 0, margin: 0.25, rep, region });
  const weight = sellers.map((c) => Math.pow(c.revenue, 0.25));
  const totalWeight = weight.reduce((a, b) => a + b, 0);
  sellers.forEach((c, k) => {
    const isNew = k >= sellers.length - NEW_IN_LEDGER.length || r() < 0.06;
    const first = isNew ? 20 + Math.floor(r() * 180) : LEDGER_DAYS - 1; // days before ANCHOR
    // About one customer in four stops buying at a random point of the ledger (not in its last
    // two months), so the buying-rhythm fit (§13) sees churn as well as buying.
    const churned = !isNew && r() < CHURN_SHARE;
    // √u leans the stop toward the start: most churners have been silent for a long while.
    const last = churned ? 60 + Math.floor(Math.sqrt(r()) * (first - 150)) : 0;
    // The customer's buying rate is kept: a churner places fewer orders, over its shorter span.
    const rate = (ORDERS_PER_CUSTOMER_SPAN * weight[k]) / totalWeight;
    const n = Math.max(1, Math.round((rate * (first - last)) / first));
    const lineAmount = (c.revenue * 2.5) / (n * 2);
    const dueIn = r() < 0.3 ? 60 : 30;
    for (let o = 0; o < n; o++) {
      // Spread over the customer's active span (one order per slice), amounts growing with time.
      const day = Math.round(first - ((o + r()) * (first - last)) / n);
      const trend = Math.pow(1 + c.growth, (LEDGER_DAYS / 2 - day) / 365);
      const lines: Omit<OrderLine, "day" | "order">[] = [];
      const count = 1 + Math.floor(r() * 3);
      for (let l = 0; l < count; l++) {
        const roll = r();
        // A free sample at 0 (1.5%), a return (3%), else a sale.
        const amount = roll < 0.015 ? 0 : Math.round(lineAmount * trend * (0.5 + r()) * (roll < 0.045 ? -0.3 : 1));
        const late = r();
        lines.push({
          id: c.id,
          name: c.name,
          amount,
          profit: Math.round(amount * c.margin * (0.8 + r() * 0.4) * 100) / 100,
          dueIn,
          paidAfterDue: late < 0.08 ? null : Math.round(-10 + Math.pow(r(), 3) * 60),
          rep: c.rep,
          region: c.region,
        });
      }
      orders.push({ day, lines });
    }
  });
  // Ledger order: by date, oldest first (ties in generation order).
  const sorted = orders.map((o, k) => ({ ...o, k })).sort((a, b) => b.day - a.day || a.k - b.k);
  const out: OrderLine[] = [];
  sorted.forEach((o, seq) => {
    for (const line of o.lines) out.push({ ...line, day: o.day, order: seq + 1 });
  });
  // What a real export also holds, at fixed places so the demo shows each: an amount typed as
  // text the readers cannot take, and an order booked for next week (after the evaluation date).
  out[100].amount = "待定";
  const future = { ...out[out.length - 1], day: -7, order: sorted.length + 1, amount: 8800, profit: 2000 };
  out.push(future);
  return out;
}

export async function buildSampleOrdersWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CRM Tiers";
  wb.created = new Date(ANCHOR);
  wb.modified = new Date(ANCHOR);
  const ws = wb.addWorksheet("订单明细", { views: [{ state: "frozen", ySplit: 3 }] });
  ws.columns = ORDER_HEADERS.map((h) => ({ width: h === "客户名称" ? 26 : 12 }));
  ws.getCell("A1").value = ORDERS_TITLE;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, ORDER_HEADERS.length);
  ws.getRow(3).values = ORDER_HEADERS;
  ws.getRow(3).font = { bold: true };
  const date = (daysBefore: number) => new Date(ANCHOR - daysBefore * DAY);
  let total = 0;
  let totalProfit = 0;
  let rowNumber = 4;
  for (const line of buildOrderLines()) {
    const due = line.day - line.dueIn; // days before ANCHOR
    const paidDay = line.paidAfterDue === null ? null : due - line.paidAfterDue;
    const d = date(line.day);
    const orderNo = `${line.amount !== "待定" && Number(line.amount) < 0 ? "TH" : "XS"}${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(line.order).padStart(5, "0")}`;
    const row = ws.getRow(rowNumber++);
    row.values = [
      d,
      orderNo,
      line.id,
      line.name,
      line.amount,
      line.profit,
      date(due),
      paidDay !== null && paidDay > 0 ? date(paidDay) : null, // not paid yet as of ANCHOR
      line.rep,
      line.region,
    ];
    for (const c of [1, 7, 8]) row.getCell(c).numFmt = "yyyy-mm-dd";
    row.getCell(5).numFmt = "#,##0";
    row.getCell(6).numFmt = "#,##0.00";
    if (typeof line.amount === "number") total += line.amount;
    totalProfit += line.profit;
  }
  const totals = ws.getRow(rowNumber);
  totals.getCell(4).value = "合计";
  totals.getCell(5).value = total;
  totals.getCell(5).numFmt = "#,##0";
  totals.getCell(6).value = Math.round(totalProfit * 100) / 100;
  totals.getCell(6).numFmt = "#,##0.00";
  totals.font = { bold: true };
  return withFixedClock(ANCHOR, async () => Buffer.from(await wb.xlsx.writeBuffer()));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--out");
  const out = i > 0 ? process.argv[i + 1] : path.join(__dirname, "..", "assets", "sample-customers.xlsx");
  const j = process.argv.indexOf("--orders-out");
  const ordersOut = j > 0 ? process.argv[j + 1] : path.join(path.dirname(out), "sample-orders.xlsx");
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await buildSampleWorkbook());
  process.stdout.write(`wrote ${out} (${CUSTOMERS} customers)\n`);
  await fs.mkdir(path.dirname(ordersOut), { recursive: true });
  await fs.writeFile(ordersOut, await buildSampleOrdersWorkbook());
  process.stdout.write(`wrote ${ordersOut} (sales ledger)\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e) + "\n");
    process.exitCode = 1;
  });
}
