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
    const name =
      i % 13 === 0
        ? `"客户${i}\n第二行"`
        : i % 17 === 0
          ? `"客户${i}\r号"`
          : i % 19 === 0
            ? `"客户""${i}"""` // doubled quotes: 客户"19"
            : `客户${i}号`;
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
    // The id and name fields stay bytes (csvColumns.ts CsvTexts): each cell as decoded on demand.
    keys: [...(csv.keyTexts ?? new Map())].map(([k, t]) => [
      k,
      Array.from({ length: t.length }, (_, i) => t.cell(i)),
      Array.from(t.escaped.subarray(0, t.length)),
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

test("the id and name fields are kept as bytes and read back as the file's texts", () => {
  const [ids, names] = expected.keys;
  expect(ids[0]).toBe(0);
  expect(names[0]).toBe(1);
  const idCells = ids[1] as (string | null)[];
  const nameCells = names[1] as (string | null)[];
  const escaped = names[2] as number[];
  expect(idCells.slice(0, 3)).toEqual(["C0", "C1", "C2"]);
  expect([nameCells[13], nameCells[17], nameCells[19], nameCells[20]]).toEqual([
    "客户13\n第二行",
    "客户17\r号",
    '客户"19"',
    "客户20号",
  ]);
  expect([escaped[13], escaped[19], escaped[20]]).toEqual([0, 1, 0]);
  // Neither column is decoded while reading: the cells above come from the bytes when asked.
  expect(expected.columns[0]).toEqual([]);
  expect(expected.columns[1]).toEqual([]);
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
