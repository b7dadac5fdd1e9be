/**
 * A large CSV's records split on a worker thread (csvRecordsReader.ts) read exactly as when the
 * main thread splits them: the same rows, offsets, texts, parsed numbers and kept texts; a worker
 * that fails, or whose copy of the file is not the main thread's, leaves the rest to the main
 * thread with the same result, and a quote never closed is reported with its line either way. The worker runs from the TypeScript sources here
 * (tests/cli/fixtures/workers/csvRecords.js); bin.test.ts runs the bundled one.
 */
import { statSync, writeFileSync } from "fs";
import * as path from "path";
import { WORKER_MIN_BYTES } from "../../src/cli/csvRecordsReader";
import { readCsv } from "../../src/cli/readCsv";
import type { SheetData } from "../../src/cli/sheet";
import { tempDir } from "./helpers";

jest.setTimeout(120_000);
const WORKERS = path.join(__dirname, "fixtures", "workers");
const NONE = path.join(WORKERS, "missing.js");

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir()));
afterAll(() => tmp.cleanup());

/**
 * A title, blank lines, quoted fields with commas, quotes and line breaks (LF, lone CR), numbers
 * in plain and non-plain text, dates, short and long records, CRLF and LF: over WORKER_MIN_BYTES.
 */
function realLooking(): string {
  const lines = ["客户销售汇总表 2026年1-10月", "", "客户编号,客户名称,销售额,上期销售额,最近下单日期,区域,备注"];
  let i = 0;
  let size = 0;
  while (size < WORKER_MIN_BYTES + (1 << 20)) {
    const revenue = [String(1000 + i), `"¥${i},234"`, "1.2万", "", "abc", `"${i}.5"`][i % 6];
    const name = i % 13 === 0 ? `"客户${i}\n第二行"` : i % 17 === 0 ? `"客户${i}\r号"` : `客户${i}号`;
    const note = i % 7 === 0 ? `"说""明"",含逗号,"` : i % 11 === 0 ? "=1+1" : "";
    const line =
      i % 29 === 0
        ? `C${i},${name}` // a short record
        : `C${i},${name},${revenue},${i % 5 ? 900 + i : ""},2026-0${1 + (i % 9)}-1${i % 10},华东,${note}`;
    lines.push(line + (i % 31 === 0 ? ",,extra" : ""));
    if (i % 1000 === 0) lines.push(""); // a blank record
    size += Buffer.byteLength(line) + 2;
    i++;
  }
  return lines.join(i % 2 ? "\r\n" : "\n") + "\r\n";
}

function comparable(s: SheetData) {
  const csv = s.csv!;
  return {
    rowCount: s.rowCount,
    columnCount: s.columnCount,
    headers: s.headers,
    columns: s.columns,
    rowStart: Array.from(csv.rowStart),
    rowEnd: Array.from(csv.rowEnd),
    plainFields: Array.from(csv.plainFields),
    parsed: [...(csv.parsed ?? new Map()).entries()].map(([k, p]) => [
      k,
      p.read,
      Array.from(p.values, (x) => (x === x ? x : "NaN")),
      [...p.texts.entries()],
    ]),
    notes: s.notes,
  };
}

let file: string;
let expected: ReturnType<typeof comparable>;
beforeAll(async () => {
  file = tmp.file("large.csv");
  writeFileSync(file, realLooking());
  expected = comparable(await readCsv(file, { recordsWorker: NONE }));
  expect(expected.rowCount).toBeGreaterThan(100_000);
  expect(statSync(file).size).toBeGreaterThan(WORKER_MIN_BYTES); // the worker's side of the threshold
});

test("records split on the worker = records split on the main thread", async () => {
  expect(comparable(await readCsv(file, { recordsWorker: path.join(WORKERS, "csvRecords.js") }))).toEqual(expected);
});

test.each([
  ["fails before its first chunk", "failsAtOnce.js"],
  ["fails after one chunk", "csvRecordsFailsAfterOneChunk.js"],
  ["read another version of the file", "csvRecordsReadsAnotherFile.js"],
])("a worker that %s: the main thread reads the rest, the same records", async (_what, worker) => {
  expect(comparable(await readCsv(file, { recordsWorker: path.join(WORKERS, worker) }))).toEqual(expected);
});

test("a quote never closed is named by its line, with or without the worker", async () => {
  const bad = tmp.file("unclosed.csv");
  const text = realLooking();
  // Line 100,003 opens a quote that never closes (the rest of the file has no quote after it).
  const lines = text.split("\r\n").slice(0, 100_002).join("\r\n");
  writeFileSync(bad, lines.replace(/"/g, "") + '\r\nC1,"客户,1000\r\n' + "C2,客户2,2000\r\n".repeat(400_000));
  for (const worker of [NONE, path.join(WORKERS, "csvRecords.js")]) {
    await expect(readCsv(bad, { recordsWorker: worker })).rejects.toThrow(/第 \d+ 行的引号/);
  }
  const messages = await Promise.all(
    [NONE, path.join(WORKERS, "csvRecords.js")].map((w) => readCsv(bad, { recordsWorker: w }).catch((e: Error) => e.message)),
  );
  expect(messages[1]).toBe(messages[0]);
});
