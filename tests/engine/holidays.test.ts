/** METHOD.md §8 major holidays, from lunar-javascript, cached per year. */
import { dayFromYmd } from "../../src/engine/days";
import { majorHolidaysBetween, majorHolidaysOfYear, nextMajorHoliday, yearOfDay } from "../../src/engine/holidays";

const d = dayFromYmd;

describe("major holidays", () => {
  test("2027: 春节 02-06, 元宵 02-20, 清明 04-05, 端午 06-09, 中秋 09-15, plus 元旦 and 国庆", () => {
    expect(majorHolidaysBetween(d(2027, 1, 1), d(2027, 12, 31))).toEqual([
      { key: "newYear", day: d(2027, 1, 1) },
      { key: "springFestival", day: d(2027, 2, 6) },
      { key: "lantern", day: d(2027, 2, 20) },
      { key: "qingming", day: d(2027, 4, 5) },
      { key: "dragonBoat", day: d(2027, 6, 9) },
      { key: "midAutumn", day: d(2027, 9, 15) },
      { key: "nationalDay", day: d(2027, 10, 1) },
    ]);
  });
  test("2026 and 2028 lunar dates (中秋 after 国庆 in 2028)", () => {
    expect(majorHolidaysOfYear(2026).map((h) => [h.key, h.day])).toEqual([
      ["newYear", d(2026, 1, 1)],
      ["springFestival", d(2026, 2, 17)],
      ["lantern", d(2026, 3, 3)],
      ["qingming", d(2026, 4, 5)],
      ["dragonBoat", d(2026, 6, 19)],
      ["midAutumn", d(2026, 9, 25)],
      ["nationalDay", d(2026, 10, 1)],
    ]);
    const y2028 = majorHolidaysOfYear(2028).map((h) => h.key);
    expect(y2028.slice(-2)).toEqual(["nationalDay", "midAutumn"]);
    expect(majorHolidaysOfYear(2028).find((h) => h.key === "qingming")?.day).toBe(d(2028, 4, 4));
  });
  test("each year is computed once and cached", () => {
    expect(majorHolidaysOfYear(2030)).toBe(majorHolidaysOfYear(2030));
  });
  test("next holiday: today counts; the year rolls over", () => {
    expect(nextMajorHoliday(d(2027, 1, 1))).toEqual({ key: "newYear", day: d(2027, 1, 1) });
    expect(nextMajorHoliday(d(2027, 1, 2))).toEqual({ key: "springFestival", day: d(2027, 2, 6) });
    expect(nextMajorHoliday(d(2027, 2, 7))).toEqual({ key: "lantern", day: d(2027, 2, 20) });
    expect(nextMajorHoliday(d(2027, 10, 2))).toEqual({ key: "newYear", day: d(2028, 1, 1) });
  });
  test("ranges across years and empty ranges", () => {
    expect(majorHolidaysBetween(d(2026, 12, 31), d(2027, 1, 1))).toEqual([{ key: "newYear", day: d(2027, 1, 1) }]);
    expect(majorHolidaysBetween(d(2027, 1, 2), d(2027, 2, 5))).toEqual([]);
    expect(majorHolidaysBetween(d(2027, 5, 1), d(2027, 4, 1))).toEqual([]);
    expect(majorHolidaysBetween(NaN, d(2027, 4, 1))).toEqual([]);
  });
  test("yearOfDay at year boundaries", () => {
    expect(yearOfDay(d(2027, 1, 1))).toBe(2027);
    expect(yearOfDay(d(2026, 12, 31))).toBe(2026);
    expect(yearOfDay(d(2000, 2, 29))).toBe(2000);
    expect(yearOfDay(d(1969, 12, 31))).toBe(1969);
  });
});
