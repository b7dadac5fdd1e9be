import fc from "fast-check";
import {
  dayFromExcelSerial,
  dayFromYmd,
  daysInMonth,
  excelSerialFromDay,
  formatIsoDay,
  isLeapYear,
  packedYmdOfDay,
  parseIsoDay,
  todayLocal,
  ymdFromDay,
} from "../../src/engine/days";

describe("dayFromYmd", () => {
  test.each([
    [1970, 1, 1, 0],
    [1970, 1, 2, 1],
    [1969, 12, 31, -1],
    [2000, 1, 1, 10957], // 30 years, 7 of them leap: 30×365 + 7
    [2000, 3, 1, 11017], // + 31 + 29
    [2024, 2, 29, 19782],
    [2026, 3, 5, 20517],
    [1900, 3, 1, -25508], // Excel serial 61
  ])("%i-%i-%i is day %i", (y, m, d, day) => {
    expect(dayFromYmd(y, m, d)).toBe(day);
  });

  test.each([
    [2026, 2, 29],
    [2026, 2, 30],
    [1900, 2, 29], // Excel pretends it exists; it does not
    [2026, 4, 31],
    [2026, 13, 1],
    [2026, 0, 10],
    [2026, 1, 0],
    [2026, 1, 1.5],
    [NaN, 1, 1],
  ])("%s-%s-%s is impossible", (y, m, d) => {
    expect(dayFromYmd(y, m, d)).toBeNaN();
  });

  test("leap years", () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  test("agrees with Date.UTC and round-trips through ymdFromDay", () => {
    fc.assert(
      fc.property(fc.integer({ min: -800000, max: 2950000 }), (day) => {
        const { y, m, d } = ymdFromDay(day);
        expect(dayFromYmd(y, m, d)).toBe(day);
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        expect(Math.floor(date.getTime() / 86400000)).toBe(day);
      }),
    );
  });
});

describe("ymdFromDay", () => {
  test("known days", () => {
    expect(ymdFromDay(0)).toEqual({ y: 1970, m: 1, d: 1 });
    expect(ymdFromDay(20517)).toEqual({ y: 2026, m: 3, d: 5 });
    expect(ymdFromDay(19782)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(ymdFromDay(-1)).toEqual({ y: 1969, m: 12, d: 31 });
  });
  test("a non-integer day has no date", () => {
    expect(ymdFromDay(NaN).y).toBeNaN();
    expect(ymdFromDay(1.5).m).toBeNaN();
  });
});

describe("ISO text", () => {
  test("parseIsoDay is strict", () => {
    expect(parseIsoDay("2026-03-05")).toBe(20517);
    expect(parseIsoDay("2026-11-22")).toBe(20779); // 20454 (1 Jan) + 304 (Jan–Oct) + 21
    expect(parseIsoDay("2026-3-5")).toBeNaN();
    expect(parseIsoDay("2026-02-30")).toBeNaN();
    expect(parseIsoDay("2026/03/05")).toBeNaN();
    expect(parseIsoDay("")).toBeNaN();
    expect(parseIsoDay("abcd-ef-gh")).toBeNaN();
  });
  test("formatIsoDay pads and leaves unknown empty", () => {
    expect(formatIsoDay(20517)).toBe("2026-03-05");
    expect(formatIsoDay(-25508)).toBe("1900-03-01");
    expect(formatIsoDay(NaN)).toBe("");
  });
});

describe("Excel serials", () => {
  test("serial = day + 25569", () => {
    expect(excelSerialFromDay(20517)).toBe(46086);
    expect(excelSerialFromDay(0)).toBe(25569);
  });
  test("time of day is dropped", () => {
    expect(dayFromExcelSerial(46086)).toBe(20517);
    expect(dayFromExcelSerial(46086.999)).toBe(20517);
  });
  test("only serials from 61 (1900-03-01) to 9999-12-31", () => {
    expect(dayFromExcelSerial(60)).toBeNaN();
    expect(dayFromExcelSerial(60.5)).toBeNaN();
    expect(dayFromExcelSerial(61)).toBe(-25508);
    expect(formatIsoDay(dayFromExcelSerial(2958465))).toBe("9999-12-31");
    expect(dayFromExcelSerial(2958466)).toBeNaN();
    expect(dayFromExcelSerial(NaN)).toBeNaN();
    expect(dayFromExcelSerial(Infinity)).toBeNaN();
  });
});

describe("todayLocal", () => {
  test("uses the local calendar date, whatever the hour", () => {
    expect(todayLocal(new Date(2026, 2, 5, 0, 0, 1))).toBe(20517);
    expect(todayLocal(new Date(2026, 2, 5, 23, 59, 59))).toBe(20517);
  });
  test("defaults to now", () => {
    const now = new Date();
    expect(todayLocal()).toBe(dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()));
  });
});

describe("packedYmdOfDay (the one civil-from-days conversion)", () => {
  test.each([
    [1970, 1, 1, 19700101],
    [2024, 2, 29, 20240229],
    [2026, 12, 31, 20261231],
    [1900, 3, 1, 19000301],
  ])("%i-%i-%i → %i", (y, m, d, packed) => {
    expect(packedYmdOfDay(dayFromYmd(y, m, d))).toBe(packed);
  });
});
