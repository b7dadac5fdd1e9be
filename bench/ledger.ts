/**
 * Ledger benchmark (METHOD.md §12): aggregate Excel's maximum of 1,048,575 ledger lines into
 * customers, and compare with a floor: one pass reading every cell the aggregation reads with
 * the same §1 cell readers (readText / readDate / readNumber) and nothing else.
 *
 * The lines (seeded, the same on every run): orders of 1–5 lines (one customer, one date),
 * 20,000 customers, 30 months up to today, 10
 * columns (order no, date, customer id and name, amount, profit, due and paid dates, owner,
 * region); ~2% returns, ~1% zero lines, ~0.3% unreadable amounts, ~0.2% dated after today.
 * Two shapes: as an .xlsx gives them (dates as serials, numbers as numbers, one string per
 * distinct text as in its shared-strings table) and as a CSV gives them (every cell a new text).
 *
 * Prints lines/s (best of 3), peak memory (VmHWM) and `ledger/floor: <ratio>` per shape.
 * Run: npm run bench:ledger   (LINES=100000 npm run bench:ledger for a quicker look)
 */
import { readDate, readNumber, readText } from "../src/engine/cells";
import { dayFromYmd, formatIsoDay } from "../src/engine/days";
import { deriveCustomers, type LedgerInput } from "../src/engine/ledger";
import type { CellValue } from "../src/engine/types";
import { mulberry32 } from "../scripts/prng";
import { vmHwmMb } from "./memory";

const LINES = Number(process.env.LINES ?? 1048575);
const CUSTOMERS = 20000;
const TODAY = dayFromYmd(2026, 11, 1);
const SPAN_DAYS = 913; // 30 months

function generate(n: number, asText: boolean): LedgerInput {
  const rnd = mulberry32(20261101);
  const col = () => new Array<CellValue>(n);
  const orderId = col();
  const date = col();
  const id = col();
  const name = col();
  const amount = col();
  const profit = col();
  const due = col();
  const paid = col();
  const owner = col();
  const region = col();
  const ids: string[] = [];
  const names: string[] = [];
  const OWNERS = ["王伟", "李娜", "张敏", "刘洋", "陈静"];
  const REGIONS = ["华东", "华南", "华北", "西南"];
  const dateCell = (d: number): CellValue => (asText ? formatIsoDay(d) : d + 25569);
  const numCell = (x: number): CellValue => (asText ? String(x) : x);
  let c = 0;
  let d = TODAY;
  let order = 0;
  let left = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      // A new order of 1–5 lines: one customer (skewed: a few place many orders), one date.
      left = 1 + Math.floor(rnd() * 5);
      order++;
      c = Math.floor(CUSTOMERS * Math.pow(rnd(), 2));
      d = TODAY - Math.floor(rnd() * SPAN_DAYS) + (rnd() < 0.002 ? 40 : 0);
    }
    left--;
    const r = rnd();
    const amt = r < 0.02 ? -Math.round(rnd() * 500) : r < 0.03 ? 0 : Math.round(rnd() * 20000) / 10;
    orderId[i] = `SO${String(order).padStart(8, "0")}`;
    date[i] = dateCell(d);
    // An .xlsx stores repeated text once (shared strings), so its reader hands out one string
    // per distinct text; a CSV reader makes a new string for every cell.
    id[i] = asText ? `C${String(c).padStart(5, "0")}` : (ids[c] ??= `C${String(c).padStart(5, "0")}`);
    name[i] = asText ? `客户${c}号贸易有限公司` : (names[c] ??= `客户${c}号贸易有限公司`);
    amount[i] = rnd() < 0.003 ? "n/a" : numCell(amt);
    profit[i] = numCell(Math.round(amt * 23) / 100);
    due[i] = dateCell(d + 30);
    paid[i] = rnd() < 0.1 ? null : dateCell(d + 20 + Math.floor(rnd() * 30));
    owner[i] = OWNERS[c % OWNERS.length];
    region[i] = REGIONS[c % REGIONS.length];
  }
  return {
    rowCount: n,
    columns: { orderId, orderDate: date, id, name, amount, lineProfit: profit, dueDate: due, paidDate: paid, owner, region },
  };
}


let sink = 0;
function floor(input: LedgerInput): void {
  const c = input.columns;
  for (let i = 0; i < input.rowCount; i++) {
    sink += readText(c.id![i]).length + readText(c.orderId![i]).length;
    sink += readDate(c.orderDate![i]) + readDate(c.dueDate![i]) + (readDate(c.paidDate![i]) || 0);
    sink += (readNumber(c.amount![i]) || 0) + readNumber(c.lineProfit![i]);
  }
}

function best(f: () => void): number {
  let ms = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

const SHAPES = (process.env.SHAPES ?? "xlsx,csv").split(",");
for (const asText of [false, true]) {
  if (!SHAPES.includes(asText ? "csv" : "xlsx")) continue;
  const shape = asText ? "csv cells" : "xlsx cells";
  const t0 = performance.now();
  const input = generate(LINES, asText);
  const genMs = performance.now() - t0;
  const floorMs = best(() => floor(input));
  let customers = 0;
  let skipped = 0;
  const ms = best(() => {
    const d = deriveCustomers(input, { today: TODAY, periodMonths: 12 });
    customers = d.count;
    skipped = d.skippedLines;
  });
  const rate = Math.round(LINES / (ms / 1000)).toLocaleString("en-US");
  console.log(`ledger (${shape}): ${LINES} lines (generated in ${genMs.toFixed(0)} ms) → ${customers} customers, ${skipped} skipped`);
  console.log(`  floor (read every cell): ${floorMs.toFixed(0)} ms`);
  console.log(`  deriveCustomers: ${ms.toFixed(0)} ms (best of 3), ${rate} lines/s, peak memory (VmHWM) ${vmHwmMb().toFixed(0)} MB`);
  console.log(`ledger/floor (${shape}): ${(ms / floorMs).toFixed(2)}`);
}
if (sink === 42) console.log("");
