/**
 * Engine benchmark: classify Excel's maximum of 1,048,575 data rows, as cells would come
 * from Excel, and compare
 * with a floor: sorting the value column as a Float64Array plus one pass over every input
 * column. Prints rows/s, peak memory (VmHWM) and ends with `engine/floor: <ratio>`.
 *
 * The rows (seeded, so every run is the same): 17 columns; numbers as numbers, dates as
 * serials, yes/no and 强/平/弱 as text; about 3.5% of revenues as text ("¥1,234", "1.2万"),
 * 0.5% "#N/A", 1% "n/a" order counts, 1% impossible and 4% text dates, a quarter of the
 * birthdays as "3月5日", blanks throughout (≈2.5% of rows end up with a problem). The cells are
 * handed over through JSON, as Office.js delivers Range.values (flat strings; since
 * 2026-12-04 — before, the names were built by a template literal and never flattened).
 *
 * Protocol: both are timed best of 3 in the same process (the first classify of a size also
 * allocates the scratch memory that later runs reuse; its time is printed too). Each classify
 * hands its result back (releaseResult) before the next one, as the task pane does when it
 * re-classifies: the next call then writes into the same result buffer instead of allocating
 * ~87 MB of fresh external memory, which makes V8 run a full GC on every call. The machine is
 * shared: compare ratios from the same run, not milliseconds across runs.
 *
 * Run: npm run bench:engine   (ROWS=100000 npm run bench:engine for a quicker look)
 */
import { classify, releaseResult } from "../src/engine/classify";
import { dayFromYmd } from "../src/engine/days";
import { outputRow } from "../src/engine/output";
import type { CellValue, FieldKey, TableInput } from "../src/engine/types";
import { cellAt } from "../src/engine/utf8Texts";
import { mulberry32 } from "../scripts/prng";
import { vmHwmMb } from "./memory";

const ROWS = Number(process.env.ROWS ?? 1048575);
const TODAY = dayFromYmd(2027, 1, 20);
const SERIAL_TODAY = TODAY + 25569;

export function generate(n: number): TableInput {
  const rnd = mulberry32(20270120);
  const cols: Partial<Record<FieldKey, CellValue[]>> = {};
  const make = (f: FieldKey): CellValue[] => (cols[f] = new Array<CellValue>(n));
  const name = make("name");
  const revenue = make("revenue");
  const prevRevenue = make("prevRevenue");
  const marginRate = make("marginRate");
  const orders = make("orders");
  const activeMonths = make("activeMonths");
  const firstOrder = make("firstOrder");
  const lastOrder = make("lastOrder");
  const overdue = make("overdueDays");
  const familiarity = make("familiarity");
  const lastContact = make("lastContact");
  const birthday = make("birthday");
  const referrals = make("referrals");
  const incumbent = make("incumbent");
  const position = make("position");
  const opportunity = make("opportunity");
  const potential = make("potential");
  const POS = ["强", "平", "弱", "strong", "", "弱", "平", "weak", "", ""];
  const YN = ["是", "否", "", "Y", 1, 0];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    name[i] = `客户${i}号贸易有限公司`;
    // Pareto-ish revenue; 2% as text ("¥1,234" / "1.2万"), 0.5% garbage, 1% blank.
    const rev = Math.round(1000 * Math.pow(1 / (rnd() + 0.001), 1.2));
    revenue[i] =
      r < 0.01
        ? null
        : r < 0.015
          ? "#N/A"
          : r < 0.025
            ? `¥${rev.toLocaleString("en-US")}`
            : r < 0.035
              ? `${(rev / 10000).toFixed(1)}万`
              : rev;
    const p = rnd();
    prevRevenue[i] = p < 0.1 ? null : p < 0.15 ? 0 : Math.round(rev * (0.5 + rnd()));
    const m = rnd();
    marginRate[i] = m < 0.05 ? null : m < 0.2 ? `${Math.round(m * 100)}%` : Math.round(m * 40) / 100;
    orders[i] = rnd() < 0.01 ? "n/a" : Math.floor(rnd() * 40);
    activeMonths[i] = rnd() < 0.3 ? null : Math.floor(rnd() * 13);
    firstOrder[i] = SERIAL_TODAY - Math.floor(rnd() * 3000);
    const lo = rnd();
    lastOrder[i] =
      lo < 0.05
        ? null
        : lo < 0.06
          ? "2027-13-45"
          : lo < 0.1
            ? "2026-11-05"
            : SERIAL_TODAY - Math.floor(rnd() * 400);
    overdue[i] = rnd() < 0.2 ? null : Math.floor(rnd() * 70) - 5;
    familiarity[i] = rnd() < 0.3 ? null : rnd() < 0.1 ? "很熟悉" : 1 + Math.floor(rnd() * 5);
    lastContact[i] = rnd() < 0.2 ? null : SERIAL_TODAY - Math.floor(rnd() * 200);
    birthday[i] =
      rnd() < 0.5
        ? null
        : rnd() < 0.5
          ? `${1 + Math.floor(rnd() * 12)}月${1 + Math.floor(rnd() * 28)}日`
          : SERIAL_TODAY - 10000 - Math.floor(rnd() * 10000);
    referrals[i] = rnd() < 0.4 ? null : Math.floor(rnd() * 3);
    incumbent[i] = YN[Math.floor(rnd() * YN.length)];
    position[i] = rnd() < 0.005 ? "?" : POS[Math.floor(rnd() * POS.length)];
    opportunity[i] = YN[Math.floor(rnd() * YN.length)];
    potential[i] = rnd() < 0.5 ? null : Math.floor(rnd() * 8);
  }
  // Hand the cells over as Office.js does: parsed from the host's JSON response (Range.values
  // crosses the same 5 MB request/response payload as everything else). A template literal
  // above makes each name a V8 "cons string" (two joined parts) that no real input holds:
  // reading one costs an extra indirection on every call. One column at a time, so the JSON
  // text never holds the whole table.
  for (const key of Object.keys(cols) as FieldKey[]) cols[key] = JSON.parse(JSON.stringify(cols[key]));
  return { rowCount: n, columns: cols };
}

/** The floor: sort the value column as a Float64Array, plus one pass over every input column. */
export function floor(input: TableInput): number {
  const n = input.rowCount;
  const values = new Float64Array(n);
  const rev = input.columns.revenue!;
  for (let i = 0; i < n; i++) {
    const v = rev[i];
    values[i] = typeof v === "number" ? v : NaN;
  }
  values.sort();
  let touched = 0;
  for (const col of Object.values(input.columns)) {
    if (!col) continue;
    for (let i = 0; i < n; i++) {
      const v = cellAt(col, i);
      if (typeof v === "number") touched += v;
      else if (v !== null && v !== undefined) touched++;
    }
  }
  return touched + values[0];
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main(): void {
  let input!: TableInput;
  const genMs = time(() => (input = generate(ROWS)));
  console.log(
    `rows: ${ROWS}, columns: ${Object.keys(input.columns).length}, generated in ${genMs.toFixed(0)} ms`,
  );
  const afterGen = vmHwmMb();

  // Warm up both on a slice so the JIT has seen the code, then take the best of 3 runs each.
  const small: TableInput = {
    rowCount: Math.min(20000, ROWS),
    columns: Object.fromEntries(
      Object.entries(input.columns).map(([k, c]) => [k, (c as CellValue[]).slice(0, 20000)]),
    ),
  };
  releaseResult(classify(small, { today: TODAY }));
  floor(small);

  let floorMs = Infinity;
  let engineMs = Infinity;
  let firstMs = NaN;
  let sink = 0;
  let problems = 0;
  for (let run = 0; run < 3; run++) {
    floorMs = Math.min(
      floorMs,
      time(() => (sink += floor(input))),
    );
    engineMs = Math.min(
      engineMs,
      time(() => {
        const r = classify(input, { today: TODAY });
        problems = r.problems.length;
        sink += r.keyIndex[0] || 0;
        releaseResult(r);
      }),
    );
    if (run === 0) firstMs = engineMs; // the first big run also allocates the kept scratch memory
  }
  const peakClassify = vmHwmMb();

  // Strings are built per row by the writer, not by classify: time that separately.
  const r = classify(input, { today: TODAY });
  const outMs = time(() => {
    for (let i = 0; i < ROWS; i++) sink += outputRow(r, i, "zh").length;
  });

  console.log(`input ready: ${afterGen.toFixed(0)} MB peak so far`);
  console.log(`floor: ${floorMs.toFixed(0)} ms`);
  console.log(
    `classify: ${engineMs.toFixed(0)} ms (best of 3; first run ${firstMs.toFixed(0)} ms), ${Math.round(ROWS / (engineMs / 1000)).toLocaleString("en-US")} rows/s, ${problems} problems`,
  );
  console.log(
    `outputRow (all rows, zh): ${outMs.toFixed(0)} ms, ${Math.round(ROWS / (outMs / 1000)).toLocaleString("en-US")} rows/s`,
  );
  console.log(
    `peak memory (VmHWM): ${peakClassify.toFixed(0)} MB after classify, ${vmHwmMb().toFixed(0)} MB at the end`,
  );
  if (sink === 42) console.log(""); // keep the work observable
  console.log(`engine/floor: ${(engineMs / floorMs).toFixed(2)}`);
}

if (require.main === module) main();
