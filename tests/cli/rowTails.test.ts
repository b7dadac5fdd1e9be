/**
 * The last rows' §11 cells encoded on a worker thread (src/cli/rowTails.ts) come out byte for
 * byte as the main thread writes them, and a worker that fails leaves the output unchanged (the
 * main thread encodes the rows it did not get). The worker runs from the TypeScript sources here
 * (tests/cli/fixtures/workers/rowTails.js); bin.test.ts runs the bundled one.
 */
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { classify } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { mapHeaders, mapSummaryColumns } from "../../src/engine/headers";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { buildTableInput, columnNames } from "../../src/engine/tableInput";
import { outputPlan, type OutputPlan } from "../../src/cli/outputPlan";
import { readCsv } from "../../src/cli/readCsv";
import { CHUNK_ROWS, MAIN_SHARE, RowTails, WORKER_MIN_ROWS } from "../../src/cli/rowTails";
import { engineColumn, sheetColumn } from "../../src/cli/sheet";
import { summarizeRun } from "../../src/cli/summary";
import { writeCsv } from "../../src/cli/writeCsv";
import { largeTableCsv, tempDir } from "./helpers";

jest.setTimeout(120_000);
const WORKERS = path.join(__dirname, "fixtures", "workers");
const ROWS = 70_000; // ≥ WORKER_MIN_ROWS; the worker takes rows from 32,768 on (a chunk boundary)

let tmp: ReturnType<typeof tempDir>;
let plan: OutputPlan;
let expected: Buffer;
let sharedPlan: OutputPlan;

beforeAll(async () => {
  tmp = tempDir();
  const input = tmp.file("in.csv");
  writeFileSync(input, largeTableCsv(ROWS));
  const sheet = await readCsv(input);
  const mapping = mapHeaders(sheet.headers);
  const tableInput = buildTableInput(
    {
      rowCount: sheet.rowCount,
      column: (c, field) => (field ? engineColumn(sheet, c, field) : sheetColumn(sheet, c)),
    },
    mapping,
    mapSummaryColumns(mapping.headers),
  );
  const result = classify(tableInput, { today: dayFromYmd(2026, 11, 22), settings: { ...DEFAULT_SETTINGS } });
  plan = outputPlan(sheet, result, "zh", columnNames(mapping), summarizeRun(result, "zh"));
  // As the CLI classifies for a CSV output: the result in shared memory (main.ts).
  const shared = classify(tableInput, {
    today: dayFromYmd(2026, 11, 22),
    settings: { ...DEFAULT_SETTINGS },
    resultMemory: (bytes) => new SharedArrayBuffer(bytes),
  });
  sharedPlan = outputPlan(sheet, shared, "zh", columnNames(mapping), summarizeRun(shared, "zh"));
  const out = tmp.file("main-thread.csv");
  await writeCsv(out, plan, { tails: null });
  expected = readFileSync(out);
});
afterAll(() => tmp.cleanup());

test("the table is large enough for the worker, which starts at a chunk boundary", () => {
  expect(ROWS).toBeGreaterThanOrEqual(WORKER_MIN_ROWS);
  expect(Math.ceil((ROWS * MAIN_SHARE) / CHUNK_ROWS) * CHUNK_ROWS).toBe(32_768);
  expect(expected.toString("utf8").split("\r\n")).toHaveLength(ROWS + 2); // header, rows, final CRLF
});

test("rows encoded by the worker are the main thread's bytes", async () => {
  const tails = RowTails.start(plan.tailsJob(), ROWS, path.join(WORKERS, "rowTails.js"));
  expect(tails).not.toBeNull();
  expect(tails!.from).toBe(32_768);
  const out = tmp.file("worker.csv");
  await writeCsv(out, plan, { tails });
  expect(tails!.taken).toBe(2); // rows 32,768–65,535 and 65,536–69,999
  expect(readFileSync(out).equals(expected)).toBe(true);
});

test("a result in shared memory (the CLI's): the worker's rows are the same bytes", async () => {
  // postMessage shares a SharedArrayBuffer instead of copying it: the job's arrays are in one.
  expect(sharedPlan.tailsJob().result.tier.buffer).toBeInstanceOf(SharedArrayBuffer);
  const tails = RowTails.start(sharedPlan.tailsJob(), ROWS, path.join(WORKERS, "rowTails.js"));
  const out = tmp.file("shared.csv");
  await writeCsv(out, sharedPlan, { tails });
  expect(tails!.taken).toBe(2);
  expect(readFileSync(out).equals(expected)).toBe(true);
});

test.each([
  ["fails before its first chunk", "failsAtOnce.js", 0],
  ["fails after one chunk", "failsAfterOneChunk.js", 1],
])("a worker that %s: the main thread writes the rest, the same bytes", async (_what, file, taken) => {
  const tails = RowTails.start(plan.tailsJob(), ROWS, path.join(WORKERS, file));
  const out = tmp.file(file + ".csv");
  await writeCsv(out, plan, { tails });
  expect(tails!.taken).toBe(taken);
  expect(readFileSync(out).equals(expected)).toBe(true);
});

test("no worker for a small table, or without a worker file", () => {
  expect(RowTails.start(plan.tailsJob(), WORKER_MIN_ROWS - 1, path.join(WORKERS, "rowTails.js"))).toBeNull();
  expect(RowTails.start(plan.tailsJob(), ROWS, path.join(WORKERS, "missing.js"))).toBeNull();
});
