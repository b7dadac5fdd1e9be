import fc from "fast-check";
import {
  excelErrorOf,
  isBlank,
  readBirthday,
  readDate,
  readFamiliarity,
  readNumber,
  readPosition,
  readRate,
  readText,
  readYesNo,
  Report,
} from "../../src/engine/cells";
import { Position, ProblemReason } from "../../src/engine/types";

/** Runs a reader and returns what it gave and what it reported. */
function run<T>(reader: (v: any, report: Report) => T, v: unknown): { value: T; problems: [ProblemReason, string][] } {
  const problems: [ProblemReason, string][] = [];
  const value = reader(v, (reason, found) => problems.push([reason, found]));
  return { value, problems };
}

const BLANKS: unknown[] = [null, undefined, "", "   ", "\t", "\u3000"];

describe("blank cells are missing, never a problem", () => {
  const readers = { readNumber, readRate, readDate, readBirthday, readYesNo, readFamiliarity };
  for (const [name, reader] of Object.entries(readers)) {
    test.each(BLANKS.map((b) => [JSON.stringify(b) ?? "undefined", b]))(`${name}(%s) → NaN`, (_label, b) => {
      const r = run(reader, b);
      expect(r.value).toBeNaN();
      expect(r.problems).toEqual([]);
    });
  }
  test("readPosition and readText of blank", () => {
    for (const b of BLANKS) {
      expect(run(readPosition, b)).toEqual({ value: Position.Unknown, problems: [] });
      expect(readText(b as any)).toBe("");
    }
  });
  test("isBlank", () => {
    expect(BLANKS.map(isBlank)).toEqual(BLANKS.map(() => true));
    expect([0, "0", " a ", false].map(isBlank)).toEqual([false, false, false, false]);
  });
});

describe("readNumber", () => {
  test.each<[unknown, number]>([
    [1234.5, 1234.5],
    [0, 0],
    [-12, -12],
    ["1,234.5", 1234.5],
    ["1,234,567", 1234567],
    ["¥1,234", 1234],
    ["￥1,234", 1234],
    ["¥ 1,234.50", 1234.5],
    ["$99", 99],
    ["RMB 100", 100],
    ["100元", 100],
    ["1.2万", 12000],
    ["1.2万元", 12000],
    ["3.5亿", 350000000],
    ["12%", 0.12],
    ["1.1%", 0.011],
    ["１２３", 123],
    ["１,２３４．５", 1234.5],
    ["-5", -5],
    ["+5", 5],
    ["−5", -5], // U+2212 minus sign
    ["-¥5", -5],
    ["¥-5", -5],
    ["(1,234)", -1234], // accounting negative
    [" 42 ", 42],
    [".5", 0.5],
    ["1e3", 1000],
    ["2.5E-1", 0.25],
  ])("%j → %p", (v, expected) => {
    expect(run(readNumber, v)).toEqual({ value: expected, problems: [] });
  });

  test.each<[unknown, string]>([
    ["abc", "abc"],
    ["nan", "nan"],
    ["NaN", "NaN"],
    ["inf", "inf"],
    ["Infinity", "Infinity"],
    ["1e999", "1e999"],
    ["0x10", "0x10"],
    ["1,2", "1,2"], // a decimal comma is not guessed
    ["12,34", "12,34"],
    ["1234,567", "1234,567"],
    ["1.2.3", "1.2.3"],
    ["--5", "--5"],
    ["5%%", "5%%"],
    ["12 34", "12 34"],
    ["(12", "(12"],
    [true, "TRUE"],
    [false, "FALSE"],
    [Infinity, "Infinity"],
    [NaN, "NaN"],
  ])("%j is not a number", (v, found) => {
    expect(run(readNumber, v)).toEqual({ value: NaN, problems: [["not-a-number", found]] });
  });

  test("a date in a number column is unreadable and quoted as a date", () => {
    expect(run(readNumber, new Date(Date.UTC(2026, 2, 5)))).toEqual({
      value: NaN,
      problems: [["not-a-number", "2026-03-05"]],
    });
  });

  test("Excel errors are reported as such", () => {
    expect(run(readNumber, "#N/A")).toEqual({ value: NaN, problems: [["excel-error", "#N/A"]] });
    expect(run(readNumber, " #div/0! ")).toEqual({ value: NaN, problems: [["excel-error", "#DIV/0!"]] });
    expect(run(readNumber, { error: "#REF!" })).toEqual({ value: NaN, problems: [["excel-error", "#REF!"]] });
  });

  test("a text starting with # that is no Excel error is just unreadable", () => {
    expect(run(readNumber, "#12")).toEqual({ value: NaN, problems: [["not-a-number", "#12"]] });
  });

  test("exceljs objects: formula results, rich text, hyperlinks", () => {
    expect(run(readNumber, { formula: "A1*2", result: 84 })).toEqual({ value: 84, problems: [] });
    expect(run(readNumber, { formula: "A1", result: { error: "#VALUE!" } })).toEqual({
      value: NaN,
      problems: [["excel-error", "#VALUE!"]],
    });
    expect(run(readNumber, { richText: [{ text: "1," }, { text: "234" }] })).toEqual({ value: 1234, problems: [] });
    expect(run(readNumber, { text: "abc", hyperlink: "http://x" })).toEqual({
      value: NaN,
      problems: [["not-a-number", "abc"]],
    });
  });

  test("long found text is shortened", () => {
    const r = run(readNumber, "x".repeat(200));
    expect(r.problems[0][1]).toHaveLength(60);
    expect(r.problems[0][1].endsWith("…")).toBe(true);
  });

  test("works without a report callback", () => {
    expect(readNumber("abc")).toBeNaN();
    expect(readNumber("7")).toBe(7);
  });
});

describe("readRate", () => {
  test.each<[unknown, number]>([
    [0.3, 0.3],
    ["30%", 0.3],
    [30, 0.3],
    ["30", 0.3],
    ["0.3", 0.3],
    [1, 1], // not above 1: a fraction
    ["1", 1],
    [1.5, 0.015], // above 1: a percentage
    ["100%", 1],
    ["150%", 1.5], // with % divided once only
    ["0.5%", 0.005],
    [0, 0],
    [-0.05, -0.05],
    ["-5%", -0.05],
    [-5, -0.05], // a plain number below −1 is a percentage too
    ["３０％", 0.3],
  ])("%j → %p", (v, expected) => {
    expect(run(readRate, v)).toEqual({ value: expected, problems: [] });
  });

  test.each<[unknown, ProblemReason, string]>([
    ["high", "not-a-rate", "high"],
    [true, "not-a-rate", "TRUE"],
    ["#VALUE!", "excel-error", "#VALUE!"],
    ["1e999%", "not-a-rate", "1e999%"],
  ])("%j is unreadable", (v, reason, found) => {
    expect(run(readRate, v)).toEqual({ value: NaN, problems: [[reason, found]] });
  });
});

describe("readDate", () => {
  const D_2026_03_05 = 20517;
  test.each<[unknown, number]>([
    [46086, D_2026_03_05],
    [46086.75, D_2026_03_05], // time of day ignored
    [61, -25508], // 1900-03-01, the first unambiguous serial
    [new Date(Date.UTC(2026, 2, 5)), D_2026_03_05],
    [new Date(Date.UTC(2026, 2, 5, 23, 59)), D_2026_03_05],
    ["2026-03-05", D_2026_03_05],
    ["2026-3-5", D_2026_03_05],
    ["2026/3/5", D_2026_03_05],
    ["2026/03/05", D_2026_03_05],
    ["2026.3.5", D_2026_03_05],
    ["2026年3月5日", D_2026_03_05],
    ["2026年3月5号", D_2026_03_05],
    ["2026年3月5", D_2026_03_05],
    ["2026 年 3 月 5 日", D_2026_03_05],
    ["２０２６年３月５日", D_2026_03_05],
    ["2026年3月5日 14:30", D_2026_03_05],
    ["2026-03-05 14:30", D_2026_03_05],
    ["2026-03-05 14:30:59", D_2026_03_05],
    ["2026/3/5 2:30 PM", D_2026_03_05],
    ["2026-03-05T10:00:00Z", D_2026_03_05],
    ["2026-03-05T10:00:00.000+08:00", D_2026_03_05],
    ["2026-3-5 下午3点", D_2026_03_05],
    ["2026年3月5日 14时30分", D_2026_03_05],
    ["20260305", D_2026_03_05], // ERP exports
    [20260305, D_2026_03_05],
    ["46086", D_2026_03_05], // a serial that lost its format in a CSV
    ["2024-02-29", 19782],
  ])("%j → day %p", (v, expected) => {
    expect(run(readDate, v)).toEqual({ value: expected, problems: [] });
  });

  test.each<[unknown, ProblemReason, string]>([
    [60, "not-a-date", "60"], // Excel's phantom 1900-02-29
    [1, "not-a-date", "1"],
    [-5, "not-a-date", "-5"],
    [3000000, "not-a-date", "3000000"],
    [20260230, "not-a-date", "20260230"],
    ["2026-02-30", "not-a-date", "2026-02-30"],
    ["2026-02-29", "not-a-date", "2026-02-29"],
    ["2026-13-01", "not-a-date", "2026-13-01"],
    ["2026-3/5", "not-a-date", "2026-3/5"],
    ["2026-03-05 lunch", "not-a-date", "2026-03-05 lunch"],
    ["2026-03-05T", "not-a-date", "2026-03-05T"],
    ["3/5/2026", "not-a-date", "3/5/2026"], // month/day order is ambiguous
    ["2026", "not-a-date", "2026"],
    ["yesterday", "not-a-date", "yesterday"],
    ["3月5日", "not-a-date", "3月5日"], // no year: only for birthdays
    [true, "not-a-date", "TRUE"],
    [new Date(NaN), "not-a-date", "Invalid Date"],
    ["#N/A", "excel-error", "#N/A"],
    [{ error: "#N/A" }, "excel-error", "#N/A"],
  ])("%j is unreadable", (v, reason, found) => {
    expect(run(readDate, v)).toEqual({ value: NaN, problems: [[reason, found]] });
  });
});

describe("readBirthday", () => {
  test.each<[unknown, number]>([
    ["02-29", 229],
    ["2-29", 229],
    ["03-05", 305],
    ["3-5", 305],
    ["3/5", 305],
    ["3月5日", 305],
    ["3月5号", 305],
    ["12月31日", 1231],
    ["1985-03-05", 305],
    ["1985年3月5日", 305],
    ["2024-02-29", 229],
    [46086, 305],
    [new Date(Date.UTC(1985, 2, 5)), 305],
    ["０３－０５", 305],
  ])("%j → %p", (v, expected) => {
    expect(run(readBirthday, v)).toEqual({ value: expected, problems: [] });
  });

  test.each<[unknown, ProblemReason, string]>([
    ["02-30", "not-a-date", "02-30"],
    ["13-01", "not-a-date", "13-01"],
    ["0-5", "not-a-date", "0-5"],
    ["3月", "not-a-date", "3月"],
    ["1985-02-29", "not-a-date", "1985-02-29"],
    ["spring", "not-a-date", "spring"],
    [60, "not-a-date", "60"],
    ["#N/A", "excel-error", "#N/A"],
  ])("%j is unreadable", (v, reason, found) => {
    expect(run(readBirthday, v)).toEqual({ value: NaN, problems: [[reason, found]] });
  });
});

describe("readYesNo", () => {
  const yes = [1, "1", "是", "有", "好", "高", "强", "多", "Y", "y", "Yes", "YES", "TRUE", "true", "√", "✓", "✔", true, "Ｙｅｓ"];
  const no = [0, "0", "否", "无", "差", "低", "弱", "少", "N", "n", "No", "no", "FALSE", "false", "×", "✗", "✘", false];
  test.each(yes.map((v) => [v]))("%j is yes", (v) => {
    expect(run(readYesNo, v)).toEqual({ value: 1, problems: [] });
  });
  test.each(no.map((v) => [v]))("%j is no", (v) => {
    expect(run(readYesNo, v)).toEqual({ value: 0, problems: [] });
  });
  test.each<[unknown, string]>([
    [2, "2"],
    [0.5, "0.5"],
    ["maybe", "maybe"],
    ["是否", "是否"],
    ["x", "x"],
  ])("%j is unreadable", (v, found) => {
    expect(run(readYesNo, v)).toEqual({ value: NaN, problems: [["not-yes-no", found]] });
  });
});

describe("readFamiliarity", () => {
  test.each<[unknown, number]>([
    [1, 1],
    [5, 5],
    ["3", 3],
    ["3.0", 3],
    ["认识", 1],
    ["还熟悉", 2],
    ["比较熟悉", 3],
    ["很熟悉", 4],
    ["相知", 5],
    [" 很熟悉 ", 4],
    ["４", 4],
  ])("%j → %p", (v, expected) => {
    expect(run(readFamiliarity, v)).toEqual({ value: expected, problems: [] });
  });
  test.each<[unknown, string]>([
    [3.5, "3.5"],
    [0, "0"],
    [9, "9"],
    [6, "6"],
    [-1, "-1"],
    ["3.5", "3.5"],
    ["50%", "50%"],
    ["熟悉", "熟悉"],
    [true, "TRUE"],
  ])("%j is unreadable", (v, found) => {
    expect(run(readFamiliarity, v)).toEqual({ value: NaN, problems: [["not-familiarity", found]] });
  });
});

describe("readPosition", () => {
  test.each<[unknown, Position]>([
    ["强", Position.Strong],
    ["平", Position.Even],
    ["弱", Position.Weak],
    ["Strong", Position.Strong],
    ["EVEN", Position.Even],
    [" weak ", Position.Weak],
  ])("%j → %p", (v, expected) => {
    expect(run(readPosition, v)).toEqual({ value: expected, problems: [] });
  });
  test.each<[unknown, ProblemReason, string]>([
    ["中", "not-position", "中"],
    [1, "not-position", "1"],
    ["#N/A", "excel-error", "#N/A"],
  ])("%j is unreadable", (v, reason, found) => {
    expect(run(readPosition, v)).toEqual({ value: Position.Unknown, problems: [[reason, found]] });
  });
});

describe("readText", () => {
  test("trims and turns values into text", () => {
    expect(readText("  华为  ")).toBe("华为");
    expect(readText(1001)).toBe("1001");
    expect(readText(12.5)).toBe("12.5");
    expect(readText(true)).toBe("TRUE");
    expect(readText(new Date(Date.UTC(2026, 2, 5)))).toBe("2026-03-05");
    expect(readText({ richText: [{ text: " A" }, { text: "B " }] } as any)).toBe("AB");
    expect(readText({ formula: "A1", result: "x" } as any)).toBe("x");
  });
  test("keeps full-width characters of names as written", () => {
    expect(readText("ＡＢＣ公司")).toBe("ＡＢＣ公司");
  });
  test("an Excel error is no text", () => {
    expect(readText("#N/A")).toBe("");
    expect(readText({ error: "#REF!" } as any)).toBe("");
    expect(readText(NaN)).toBe("");
  });
});

describe("excelErrorOf", () => {
  const all = [
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NUM!",
    "#NAME?",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#BUSY!",
    "#CONNECT!",
    "#UNKNOWN!",
  ];
  test.each(all.map((e) => [e]))("%s", (e) => {
    expect(excelErrorOf(e)).toBe(e);
    expect(excelErrorOf(e.toLowerCase())).toBe(e);
    expect(excelErrorOf({ error: e })).toBe(e);
  });
  test("anything else is no error", () => {
    expect([null, undefined, 0, "", "N/A", "#1", "# N/A", true, new Date(0)].map(excelErrorOf)).toEqual(
      Array(9).fill(null),
    );
  });
});

describe("properties", () => {
  test("a finite number written as text reads back exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(readNumber(String(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
  test("an integer with thousands separators reads back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (x) => {
        expect(readNumber(x.toLocaleString("en-US"))).toBe(x);
      }),
    );
  });
  test("no reader throws, whatever the cell holds", () => {
    const readers = [readNumber, readRate, readDate, readBirthday, readYesNo, readFamiliarity, readPosition];
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.string({ unit: "binary" }), (a, s, u) => {
        for (const r of readers) {
          for (const v of [a, s, u]) {
            expect(() => r(v as any, () => undefined)).not.toThrow();
          }
        }
        expect(() => readText(a as any)).not.toThrow();
      }),
    );
  });
});
