/**
 * The CSV reader's fast paths (csvScan.RecordSplitter, csvCells, csvColumns) give exactly what
 * the slow ones give: records split as scanRecord splits them, numbers and dates as the engine's
 * readers read the texts, and so the same classification, field by field (FIELD_READS).
 */
import { writeFileSync } from "fs";
import fc from "fast-check";
import { isoDateSerialOfBytes, plainNumberOfBytes } from "../../src/cli/csvCells";
import { FieldSpans, RecordSplitter, scanRecord, UnclosedQuote } from "../../src/cli/csvScan";
import { readCsv } from "../../src/cli/readCsv";
import { engineColumn, sheetColumn } from "../../src/cli/sheet";
import { readDate, readNumber, scanPlainNumber } from "../../src/engine/cells";
import { classify } from "../../src/engine/classify";
import { dayFromExcelSerial, dayFromYmd } from "../../src/engine/days";
import { FIELD_READS } from "../../src/engine/fieldReads";
import { mapHeaders, mapSummaryColumns } from "../../src/engine/headers";
import { buildTableInput } from "../../src/engine/tableInput";
import type { FieldKey } from "../../src/engine/types";
import { tempDir } from "./helpers";

const bytesOf = (s: string) => Buffer.from(s, "utf8");
const numberOf = (s: string) => plainNumberOfBytes(bytesOf(s), 0, bytesOf(s).length);
const serialOf = (s: string) => isoDateSerialOfBytes(bytesOf(s), 0, bytesOf(s).length);

describe("number text parsed from bytes", () => {
  test.each([
    ["0", 0],
    ["-0", 0],
    ["007", 7],
    ["12.5", 12.5],
    ["-3.25", -3.25],
    ["0.318", 0.318],
    ["123456789012345", 123456789012345],
    ["0.1", 0.1],
    ["1,234", 1234],
    ["¥12", 12],
    ["-$5", -5],
    ["¥1,234,567.89", 1234567.89],
  ])("%s → %p", (text, n) => {
    expect(Object.is(numberOf(text), n)).toBe(true);
  });
  test.each([
    "",
    "-",
    "1.",
    ".5",
    "1,23",
    ",123",
    "1,2345",
    "¥-12",
    "12%",
    "1.2万",
    "1e5",
    " 1",
    "1 ",
    "+1",
    "1234567890123456",
    "１２",
    "1.2.3",
  ])("%p is left to the engine (NaN here)", (text) => {
    expect(numberOf(text)).toBeNaN();
  });
  test("any text it takes reads the same in the engine (scanPlainNumber and readNumber)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789.-,%¥e "), maxLength: 20 }), (text) => {
        const x = numberOf(text);
        if (x === x) {
          expect(Object.is(x, scanPlainNumber(text))).toBe(true);
          expect(Object.is(x, readNumber(text))).toBe(true);
        }
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (d, k) => {
        const text = d.toFixed(k);
        if (text.replace(/[-.]/g, "").length > 15) return;
        expect(Object.is(numberOf(text), readNumber(text))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});

describe("ISO date text parsed from bytes", () => {
  test("a real day from 1901 on is its Excel serial; other texts are left to the engine", () => {
    expect(serialOf("2026-11-22")).toBe(46348);
    expect(serialOf("1901-01-01")).toBe(367);
    expect(serialOf("9999-12-31")).toBe(2958465);
    for (const t of [
      "1900-12-31",
      "2026-02-29",
      "2024-13-01",
      "2024-00-10",
      "2026-1-5",
      "2026/11/22",
      "20261122",
      "2026-11-22 ",
    ])
      expect([t, serialOf(t)]).toEqual([t, NaN]);
    expect(serialOf("2024-02-29")).toBe(45351);
  });
  test("any y-m-d it takes reads as the same day as the engine reads the text", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const x = serialOf(text);
          const day = readDate(text);
          if (x === x) expect(dayFromExcelSerial(x)).toBe(day);
          else expect(y < 1901 || day !== day).toBe(true);
          expect(dayFromYmd(y, m, d) === day || day !== day).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });
});

/** RecordSplitter splits every record of `bytes` as scanRecord does: fields, flags, next offset, errors. */
function expectSplitAsScanned(bytes: Buffer, delimiter: number): void {
  const splitter = new RecordSplitter(bytes, delimiter);
  const fast = new FieldSpans();
  const slow = new FieldSpans();
  const fields = (s: FieldSpans) => Array.from({ length: s.count }, (_, k) => [s.start[k], s.end[k], s.quoted[k]]);
  let pos = 0;
  while (pos < bytes.length) {
    let want: number | UnclosedQuote;
    try {
      want = scanRecord(bytes, pos, delimiter, slow);
    } catch (e) {
      want = e as UnclosedQuote;
    }
    if (typeof want !== "number") {
      expect(() => splitter.split(pos, fast)).toThrow(UnclosedQuote);
      return;
    }
    const got = splitter.split(pos, fast);
    expect(got).toBe(want);
    expect([fields(fast), fast.special]).toEqual([fields(slow), slow.special]);
    pos = got;
  }
}

describe("records split fast as scanRecord splits them", () => {
  const pieces = ["a", "中文", ",", ";", '"', '""', "\n", "\r", "\r\n", "=", "-", " ", "\t", "1"];
  test("random CSV text: the same fields, flags and next offset, record by record", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.constantFrom(0x2c, 0x3b),
        (parts, delimiter) => {
          expectSplitAsScanned(bytesOf(parts.join("")), delimiter);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("long plain records split four bytes a step as byte by byte", () => {
  // Plain records (no quote, no CR) go through the word loop; the buffer starts at every offset
  // mod 4 inside its memory, and fields hold multi-byte text and bytes next to the delimiter's.
  const pieces = ["a", "中文", ",", ";", "\t", "=", "-", " ", "1", "+", "@", "-,", ",,", "\n"];
  test("random long records at every alignment: the same fields, flags and next offset", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0x2c, 0x3b, 0x09),
        fc.integer({ min: 0, max: 7 }),
        (parts, delimiter, shift) => {
          const text = bytesOf(parts.join(""));
          const memory = Buffer.alloc(text.length + 16, 0x2c); // delimiters around: never read
          text.copy(memory, shift);
          expectSplitAsScanned(memory.subarray(shift, shift + text.length), delimiter);
        },
      ),
      { numRuns: 3000 },
    );
  });
  test("a known record: each field where the delimiters are", () => {
    const memory = Buffer.from("xx" + "ab,中文,,=1,-2,last\nz", "utf8");
    const bytes = memory.subarray(2);
    const spans = new FieldSpans();
    const next = new RecordSplitter(bytes, 0x2c).split(0, spans);
    const texts = Array.from({ length: spans.count }, (_, k) =>
      bytes.subarray(spans.start[k], spans.end[k]).toString("utf8"),
    );
    expect([next, texts, spans.special]).toEqual([22, ["ab", "中文", "", "=1", "-2", "last"], 1]);
  });
});

describe("a CSV classified from parsed columns is classified as from its texts", () => {
  const numberTexts = [
    "1200",
    "-5",
    "0",
    "-0",
    "007",
    "12.5",
    "0.35",
    "35",
    "¥1,234",
    "12%",
    "1.2万",
    "",
    " ",
    "abc",
    "1e3",
    "99999999",
    "#N/A",
  ];
  const dateTexts = [
    "2026-11-01",
    "2026-02-30",
    "2027-01-01",
    "1899-12-31",
    "2026/3/5",
    "20260305",
    "46000",
    "",
    "x",
    "2025-06-30",
  ];
  const fields = Object.keys(FIELD_READS) as FieldKey[];
  const headerOf: Partial<Record<FieldKey, string>> = {
    revenue: "销售额",
    prevRevenue: "上期销售额",
    profit: "毛利",
    marginRate: "毛利率",
    prevMarginRate: "上期毛利率",
    orders: "订单数",
    activeMonths: "活跃月数",
    overdueDays: "平均逾期天数",
    potential: "Potential",
    referrals: "转介绍数",
    firstOrder: "首次合作日期",
    lastOrder: "最近下单日期",
    lastContact: "最近联系日期",
  };
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  test("every number and date field reads each kind of text the same either way", async () => {
    const headers = ["客户名称", ...fields.map((f) => headerOf[f]!)];
    const mapping = mapHeaders(headers);
    // Every field of FIELD_READS must be recognised here, or the comparison would skip it.
    expect(fields.filter((f) => mapping.columns[f] === undefined)).toEqual([]);
    const row = fc.tuple(
      ...fields.map((f) => fc.constantFrom(...(FIELD_READS[f] === "date" ? dateTexts : numberTexts))),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
        const file = dir.file(`t${run++}.csv`);
        const quote = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
        const lines = rows.map((cells, i) => [`客户${i}`, ...cells].map(quote).join(","));
        writeFileSync(file, [headers.join(","), ...lines].join("\r\n") + "\r\n");
        const sheet = await readCsv(file);
        const m = mapHeaders(sheet.headers);
        const groups = mapSummaryColumns(m.headers);
        const options = { today: dayFromYmd(2026, 11, 22) };
        const parsed = classify(
          buildTableInput(
            {
              rowCount: sheet.rowCount,
              column: (c, f) => (f ? engineColumn(sheet, c, f) : sheetColumn(sheet, c)),
            },
            m,
            groups,
          ),
          options,
        );
        const texts = classify(
          buildTableInput({ rowCount: sheet.rowCount, column: (c) => sheetColumn(sheet, c) }, m, groups),
          options,
        );
        // The results agree in everything but the input they keep a reference to.
        expect({ ...parsed, input: undefined }).toEqual({ ...texts, input: undefined });
      }),
      { numRuns: 150 },
    );
  });
});
