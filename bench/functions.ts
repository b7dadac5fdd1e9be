/**
 * Benchmark of the custom functions as Excel calls them: CRM.TIER spilled over 100,000 rows
 * (values = population) and CRM.CLASSIFY over a 100,000-row table. Prints the median of a few
 * runs per call. Run: npm run bench:functions
 */
import { classifyTable, tier } from "../src/functions/impl";
import { mulberry32 } from "../scripts/prng";

const ROWS = 100_000;
const RUNS = 5;
const TODAY = 46000; // 2025-12-09 as an Excel serial


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, call: () => unknown[][]): void {
  call(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const out = call();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (out.length === 0) throw new Error("empty result");
  }
  console.log(`${label}: median ${median(ms).toFixed(1)} ms per call over ${ROWS.toLocaleString("en")} rows (runs: ${ms.map((m) => m.toFixed(0)).join(", ")} ms)`);
}

const rand = mulberry32(20251209);
const values: unknown[][] = [];
const prev: unknown[][] = [];
const lastOrder: unknown[][] = [];
const orders: unknown[][] = [];
const overdue: unknown[][] = [];
for (let i = 0; i < ROWS; i++) {
  const v = Math.round(Math.exp(rand() * 12) * 100) / 100; // long-tailed, like real sales
  const p = rand() < 0.1 ? "" : Math.round(v * (0.5 + rand()) * 100) / 100;
  const lo = rand() < 0.05 ? "" : TODAY - Math.floor(rand() * 400);
  const o = Math.floor(rand() * 30);
  const d = rand() < 0.2 ? "" : Math.floor(rand() * 60);
  values.push([rand() < 0.02 ? "" : v]);
  prev.push([p]);
  lastOrder.push([lo]);
  orders.push([o]);
  overdue.push([d]);
}

/**
 * The spilled forms over 100,000 rows. Their table is built and dropped here, so the per-row
 * measurements (run first) see a heap without it, as a workbook's runtime would.
 */
function spilled(): void {
  const more = mulberry32(20251210);
  const table: unknown[][] = [["客户名称", "销售额", "上期销售额", "毛利率", "最近下单日期", "订单数", "平均逾期天数", "最近联系日期", "生日"]];
  for (let i = 0; i < ROWS; i++) {
    const birthday = `${1 + Math.floor(more() * 12)}-${1 + Math.floor(more() * 28)}`;
    table.push([`客户${i}`, values[i][0], prev[i][0], more() * 0.5, lastOrder[i][0], orders[i][0], overdue[i][0], TODAY - Math.floor(more() * 120), birthday]);
  }
  time("CRM.TIER spilled (values = population, 5 per-row args)", () => tier(values, values, prev, lastOrder, orders, overdue, undefined, TODAY));
  time("CRM.CLASSIFY (9 columns + header)", () => classifyTable(table, TODAY));
}

console.log(`CRM functions benchmark (node ${process.version}, ${RUNS} runs each)`);

/**
 * Per-row calls as Excel makes them for a formula filled down: =CRM.TIER(C2, C$2:C$<n+1>, …) in
 * n rows is n calls, each handed the whole population (a fresh array each time: two equal
 * copies alternate here, so nothing can be reused by identity).
 */
function perRow(n: number): { ms: number; cpuMs: number } {
  const pop = values.slice(0, n);
  const copies = [pop.map((r) => [...r]), pop.map((r) => [...r])];
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const out = tier([values[i]], copies[i % 2], [prev[i]], [lastOrder[i]], [orders[i]], [overdue[i]], undefined, TODAY);
    if (out.length !== 1) throw new Error("bad result");
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Per-row first, on a heap that holds only their arguments.
// Wall time is what the user waits; the CPU time this process got is shown too, since on a
// shared machine the two differ by the share of the cores the run was given.
for (const n of [10_000, 50_000]) {
  const { ms, cpuMs } = perRow(n);
  console.log(`CRM.TIER per row, ${n.toLocaleString("en")} calls over a ${n.toLocaleString("en")}-cell population: ${ms.toFixed(0)} ms total (${(ms / n).toFixed(3)} ms per call; CPU ${cpuMs.toFixed(0)} ms, ${((cpuMs * 1e6) / (n * n)).toFixed(1)} ns per population cell)`);
}

// What each call costs besides its population (settings, argument parsing, the result array):
// the same 50,000 calls handed a one-cell population.
{
  const n = 50_000;
  const one = [[1]];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) tier([values[i]], one, [prev[i]], [lastOrder[i]], [orders[i]], [overdue[i]], undefined, TODAY);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`CRM.TIER per row, ${n.toLocaleString("en")} calls over a 1-cell population (the per-call overhead): ${ms.toFixed(0)} ms total (${((ms / n) * 1000).toFixed(1)} µs per call)`);
}

spilled();
