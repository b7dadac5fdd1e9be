/**
 * The column readers (src/engine/fast/columnReaders.ts) are fast paths of the cell readers
 * (the rules of METHOD §1 in cells.ts): on any column they must give each cell the rule's
 * value and report the rule's problems on the same rows (fast-check, random columns).
 */
import fc from "fast-check";
import {
  readBirthday,
  readDate,
  readFamiliarity,
  readNumber,
  readPosition,
  readRate,
  readYesNo,
  type Report,
} from "../../../src/engine/cells";
import {
  readCoded,
  readDates,
  readNumbers,
  readRates,
  type ReadContext,
} from "../../../src/engine/fast/columnReaders";
import type { CellValue, ProblemReason } from "../../../src/engine/types";

/** Cells as Excel, exceljs and CSV give them, with the shapes the fast paths special-case. */
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: 0, max: 70000 }), // date serials and remembered whole numbers
  fc.constantFrom<CellValue>(
    "",
    " ",
    "1,234.5",
    "¥1,234",
    "1.2万",
    "30%",
    "30",
    "0.3",
    "-5",
    "1e999",
    "nan",
    "#N/A",
    "abc",
    "2026-03-05",
    "2026/3/5",
    "2026年3月5日",
    "3月5日",
    "03-05",
    "2099-01-01",
    "2026-13-45",
    "是",
    "否",
    "Y",
    "N",
    "√",
    "×",
    "有",
    "无",
    "强",
    "平",
    "弱",
    "strong",
    "weak",
    "认识",
    "很熟悉",
    "相知",
    "3",
    "3.5",
    "9",
    true,
    false,
  ),
  fc.string({ maxLength: 8 }),
);

type Found = { row: number; reason: ProblemReason }[];

function viaRule(
  col: CellValue[],
  rule: (v: CellValue, r: Report) => number,
): { values: number[]; found: Found } {
  const found: Found = [];
  const values = col.map((v, row) => rule(v, (reason) => found.push({ row, reason })));
  return { values, found };
}

function context(found: Found): ReadContext {
  const ctx: ReadContext = {
    row: 0,
    field: "revenue",
    reports: 0,
    report: (reason) => {
      ctx.reports++;
      found.push({ row: ctx.row, reason });
    },
  };
  return ctx;
}

function viaColumn(
  col: CellValue[],
  read: (out: Float64Array, ctx: ReadContext) => void,
): { values: number[]; found: Found } {
  const found: Found = [];
  const out = new Float64Array(col.length);
  read(out, context(found));
  return { values: Array.from(out), found };
}

const same = (a: { values: number[]; found: Found }, b: { values: number[]; found: Found }) => {
  expect(a.values.map((x) => (x === x ? x : "NaN"))).toEqual(b.values.map((x) => (x === x ? x : "NaN")));
  expect(a.found).toEqual(b.found);
};

const RUNS = { numRuns: 300 };

describe("fast column readers = the cell rules, on random columns", () => {
  test("numbers", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (col) => {
        same(
          viaColumn(col, (out, ctx) => readNumbers(col, col.length, out, ctx, -Infinity, Infinity, false)),
          viaRule(col, readNumber),
        );
      }),
      RUNS,
    );
  });
  test("rates", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (col) => {
        same(
          viaColumn(col, (out, ctx) => readRates(col, col.length, out, ctx)),
          viaRule(col, readRate),
        );
      }),
      RUNS,
    );
  });
  test("dates (today far ahead: no future-date check)", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (col) => {
        same(
          viaColumn(col, (out, ctx) => readDates(col, col.length, out, ctx, 1e9)),
          viaRule(col, readDate),
        );
      }),
      RUNS,
    );
  });
  test.each([
    ["yes/no", readYesNo],
    ["familiarity", readFamiliarity],
    ["position", readPosition],
    ["birthday", readBirthday],
  ] as const)("coded: %s", (_name, rule) => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (col) => {
        const fast = viaColumn(col, (out, ctx) => readCoded(col, col.length, out, ctx, rule));
        // A blank position is NaN in the column and Unknown (0) from the rule; classify reads NaN as Unknown.
        if (rule === readPosition) fast.values = fast.values.map((x) => (x === x ? x : 0));
        same(fast, viaRule(col, rule));
      }),
      RUNS,
    );
  });
});

describe("remembered texts: many distinct texts share the memo's slots", () => {
  // Every birthday text (3月5日, 12月31日 …) and 2,000 ISO dates, each several times in a
  // shuffled order: far more texts than the direct-mapped cache has slots, so texts share a
  // slot and the cache must tell them apart (a slot holding another text is a miss).
  const shuffled = <T>(xs: T[]): T[] => {
    let s = 3;
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const birthdays: string[] = [];
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) birthdays.push(`${m}月${d}日`);
  test("birthdays", () => {
    const col = shuffled([...birthdays, ...birthdays, ...birthdays]);
    same(
      viaColumn(col, (out, ctx) => readCoded(col, col.length, out, ctx, readBirthday)),
      viaRule(col, readBirthday),
    );
  });
  test("date texts", () => {
    const dates = Array.from({ length: 2000 }, (_, k) => {
      const day = new Date(Date.UTC(2020, 0, 1 + k));
      return day.toISOString().slice(0, 10);
    });
    const col = shuffled([...dates, ...dates, ...dates]);
    same(
      viaColumn(col, (out, ctx) => readDates(col, col.length, out, ctx, 1e9)),
      viaRule(col, readDate),
    );
  });
});
