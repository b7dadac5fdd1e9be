/**
 * The engine's fast paths must give exactly what the full readers give (perf work in
 * cells.ts / rules.ts / classify.ts): hand-written number scanning, the FNV-1a loop, and
 * the memo of coded columns (an unreadable cell is a problem on every row it occurs in).
 */
import { readNumber, readRate, scanPlainNumber } from "../../src/engine/cells";
import { classify } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { fnv1a32 } from "../../src/engine/rules";

const TODAY = dayFromYmd(2026, 11, 1);

describe("scanPlainNumber", () => {
  test.each([
    ["1234", 1234],
    ["¥1,234", 1234],
    ["$1,234,567.5", 1234567.5],
    ["-12.5", -12.5],
    ["1.2万", 12000],
    ["3亿", 300000000],
    ["12%", 0.12],
    ["1.1%", 0.011],
    [".5", 0.5],
    ["1.", 1],
    ["0.1", 0.1],
    ["-0", 0],
    ["123456789012345", 123456789012345],
  ])("%s reads as %p", (text, expected) => {
    expect(Object.is(scanPlainNumber(text), expected)).toBe(true);
  });

  test.each([
    "",
    "-",
    "¥",
    ".",
    "1,23",
    "12,3456",
    ",123",
    "1,2345",
    "1 234",
    "１２",
    "1e5",
    "12%%",
    "1.2万元",
    "#N/A",
    "1234567890123456",
  ])("%p is left to the full path (NaN here)", (text) => {
    expect(scanPlainNumber(text)).toBeNaN();
  });

  test("a percent sign is remembered for readRate: 30% and 30 are both 0.3, 0.3 stays 0.3", () => {
    expect(readRate("30%")).toBe(0.3);
    expect(readRate("30")).toBe(0.3);
    expect(readRate("0.3")).toBe(0.3);
    expect(readRate("150%")).toBe(1.5);
  });

  test("same value as the full path (which the leading space forces) on many shapes", () => {
    const shapes = [
      "0.07",
      "19.99",
      "¥88,888.88",
      "2.5万",
      "99.9%",
      "-3.25",
      "$0.01",
      "1,000,000",
      "0.3333333333",
    ];
    for (const s of shapes) {
      expect(readNumber(s)).toBe(readNumber(" " + s));
      expect(readRate(s)).toBe(readRate(" " + s));
    }
    expect(readNumber("2.5万")).toBe(25000);
    expect(readNumber("¥88,888.88")).toBe(88888.88);
  });
});

describe("fnv1a32", () => {
  test.each([
    ["", 2166136261],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ])("%p → %d (published FNV-1a vectors)", (text, h) => {
    expect(fnv1a32(text)).toBe(h);
  });

  test("UTF-8 bytes: 1, 2, 3 and 4-byte characters, and a lone surrogate as U+FFFD", () => {
    const viaBytes = (t: string): number => {
      let h = 2166136261;
      for (const b of Buffer.from(t, "utf8")) h = Math.imul(h ^ b, 16777619) >>> 0;
      return h;
    };
    for (const t of ["é", "客户1号", "😀x", "a\ud800b", "\udc00", "ߠ࠘", "贸易有限公司😀"])
      expect(fnv1a32(t)).toBe(viaBytes(t));
    expect(fnv1a32("a\ud800b")).toBe(fnv1a32("a\ufffdb"));
  });
});

describe("classify: remembered cells", () => {
  test("an unreadable position is a problem on every row; a blank one on none", () => {
    const r = classify(
      {
        rowCount: 5,
        columns: {
          name: ["a", "b", "c", "d", "e"],
          revenue: [1, 2, 3, 4, 5],
          position: ["中", "中", "", "", 7],
        },
      },
      { today: TODAY },
    );
    expect(r.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
      [0, "position", "not-position"],
      [1, "position", "not-position"],
      [4, "position", "not-position"],
    ]);
  });

  test("an unreadable yes/no number is reported on every row (9, 9), a good one (1) read once", () => {
    const r = classify(
      {
        rowCount: 4,
        columns: { name: ["a", "b", "c", "d"], revenue: [1, 2, 3, 4], incumbent: [9, 9, 1, 1] },
      },
      { today: TODAY },
    );
    expect(r.problems.map((p) => p.row)).toEqual([0, 1]);
    expect(Array.from(r.strategy)).toEqual([0, 0, 1, 1]); // unknown → blank; yes → Fortify
  });

  test("text numbers in a number column read in place, out-of-range checks still apply", () => {
    const r = classify(
      {
        rowCount: 4,
        columns: {
          name: ["a", "b", "c", "d"],
          revenue: ["¥1,000", "0.1万", "1,000", "#N/A"],
          orders: ["3", "-1", "n/a", 2],
        },
      },
      { today: TODAY },
    );
    expect(Array.from(r.value)).toEqual([1000, 1000, 1000, NaN]);
    expect(r.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
      [1, "orders", "out-of-range"],
      [2, "orders", "not-a-number"],
      [3, "revenue", "excel-error"],
    ]);
  });
});

describe("a parsed column (Float64Array, NaN blank) reads as the same numbers and blanks", () => {
  test("numbers, rates, dates (Excel serials, a future one a problem), ranges (negative orders)", () => {
    const serial = (y: number, m: number, d: number) => dayFromYmd(y, m, d) + 25569;
    const cells = {
      name: ["甲", "乙", "丙", "丁"],
      revenue: [1200, null, 0, 350.5],
      marginRate: [0.3, 35, null, 0.05],
      orders: [3, -2, null, 0],
      lastOrder: [serial(2026, 10, 1), null, serial(2027, 1, 1), serial(2025, 3, 5)],
    };
    const parsed = {
      name: cells.name,
      revenue: Float64Array.of(1200, NaN, 0, 350.5),
      marginRate: Float64Array.of(0.3, 35, NaN, 0.05),
      orders: Float64Array.of(3, -2, NaN, 0),
      lastOrder: Float64Array.of(serial(2026, 10, 1), NaN, serial(2027, 1, 1), serial(2025, 3, 5)),
    };
    const a = classify({ rowCount: 4, columns: cells }, { today: TODAY });
    const b = classify({ rowCount: 4, columns: parsed }, { today: TODAY });
    expect({ ...b, input: undefined }).toEqual({ ...a, input: undefined });
    // The problems are there in both: a negative order count, the blank margin estimated by
    // the median (§2), a date after today.
    expect(b.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
      [1, "orders", "out-of-range"],
      [2, "marginRate", "estimated-margin-median"],
      [2, "lastOrder", "future-date"],
    ]);
  });
});
