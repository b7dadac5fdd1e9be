/**
 * Excel adapter benchmark (not a test): what the adapter sends to Excel for the largest sheet.
 * 1. The output writer over the real engine's §11 rows for 1,048,575 customers, into a
 *    counting sink: requests (syncs), largest and total payload, time.
 * 2. A whole apply (snapshot, writes, summary) on the in-memory fake for FAKE_ROWS rows.
 *
 * Run: npm run bench:excel   (ROWS=100000 FAKE_ROWS=5000 npm run bench:excel for a quick look)
 */
import { classify } from "../src/engine/classify";
import { dayFromYmd } from "../src/engine/days";
import { OUTPUT_COLUMNS } from "../src/engine/labels";
import { outputRow } from "../src/engine/output";
import type { CellValue } from "../src/engine/types";
import { asTextConstant } from "../src/excel/cellText";
import { DEFAULT_BYTE_BUDGET, writeInChunks } from "../src/excel/chunkedWrite";
import { columnFormat } from "../src/excel/formats";
import { FakeHost, putGrid } from "../tests/excel/fakeExcel";
import { adapterFor, classifyFound } from "../tests/excel/helpers";

const ROWS = Number(process.env.ROWS ?? 1048575);
const FAKE_ROWS = Number(process.env.FAKE_ROWS ?? 20000);
const TODAY = dayFromYmd(2026, 3, 15);

function customers(n: number): CellValue[][] {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const rev = Math.round(1000 / (rnd() + 0.001));
    rows.push([`客户${i}号贸易有限公司`, rev, Math.round(rev * (0.5 + rnd())), TODAY + 25569 - Math.floor(rnd() * 200)]);
  }
  return rows;
}

async function writerBench(): Promise<void> {
  const rows = customers(ROWS);
  const col = (c: number) => rows.map((r) => r[c]);
  let t = performance.now();
  const result = classify(
    { rowCount: ROWS, columns: { name: col(0), revenue: col(1), prevRevenue: col(2), lastContact: col(3) } },
    { today: TODAY },
  );
  const classifyMs = performance.now() - t;
  const formats = OUTPUT_COLUMNS.map((c) => columnFormat(c.key));
  t = performance.now();
  const out = await writeInChunks(
    {
      rowCount: ROWS,
      row: (i) => outputRow(result, i, "zh").map((v) => (v === null ? "" : typeof v === "string" ? asTextConstant(v) : v)),
      formats: () => formats,
    },
    { write: () => undefined, flush: async () => undefined },
    { onProgress: () => undefined },
  );
  const writeMs = performance.now() - t;
  console.log(`rows: ${ROWS.toLocaleString("en-US")} × ${OUTPUT_COLUMNS.length} columns (values + number formats)`);
  console.log(`classify: ${classifyMs.toFixed(0)} ms`);
  console.log(`writer: ${writeMs.toFixed(0)} ms (${Math.round(ROWS / (writeMs / 1000)).toLocaleString("en-US")} rows/s building and chunking)`);
  console.log(`requests (syncs): ${out.syncs}; largest payload: ${(out.largestChunkBytes / 1048576).toFixed(3)} MB (budget ${(DEFAULT_BYTE_BUDGET / 1048576).toFixed(0)} MB)`);
}

async function fakeApplyBench(): Promise<void> {
  const host = new FakeHost();
  const sheet = host.sheet("Sheet1");
  putGrid(sheet, "A1", [["客户名称", "本期销售额", "上期销售额", "最近联系日期"], ...customers(FAKE_ROWS)]);
  const adapter = adapterFor(host);
  const table = await adapter.findCustomerTable();
  const { result, mapping } = classifyFound(table);
  host.requestLog = [];
  const syncsBefore = host.syncCount;
  const t = performance.now();
  const report = await adapter.apply({ table, mapping, result, lang: "zh" });
  const ms = performance.now() - t;
  console.log(
    `fake apply, ${FAKE_ROWS.toLocaleString("en-US")} rows: ${ms.toFixed(0)} ms, ${host.syncCount - syncsBefore} syncs, ` +
      `largest request ${(Math.max(...host.requestLog.map((r) => r.bytes)) / 1048576).toFixed(3)} MB, warnings: ${report.warnings.length}`,
  );
}

void (async () => {
  await writerBench();
  await fakeApplyBench();
})();
