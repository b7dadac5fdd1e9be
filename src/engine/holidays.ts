/**
 * The seven major holidays of METHOD.md §8 (元旦, 春节, 元宵, 清明, 端午, 中秋, 国庆).
 *
 * Lunar dates and the 清明 solar term come from lunar-javascript (its tables are in China
 * Standard Time). The holidays of a year depend only on the year, so they are computed
 * once per year and cached: classifying a million rows asks the library a handful of times.
 */
// lunar-javascript ships no types: the parts used here are declared in src/types/lunar-javascript.d.ts.
import { Lunar, Solar } from "lunar-javascript";
import { dayFromYmd } from "./days";
import type { DayNumber, HolidayHit } from "./types";

/** Gregorian years the calendar library covers reliably; outside them only 元旦/国庆 are given. */
const LUNAR_MIN_YEAR = 1901;
const LUNAR_MAX_YEAR = 2099;

const cache = new Map<number, readonly HolidayHit[]>();

function solarToDay(s: Solar): DayNumber {
  return dayFromYmd(s.getYear(), s.getMonth(), s.getDay());
}

function lunarDay(year: number, month: number, day: number): DayNumber {
  return solarToDay(Lunar.fromYmd(year, month, day).getSolar());
}

/** The major holidays falling in Gregorian `year`, sorted by day. */
export function majorHolidaysOfYear(year: number): readonly HolidayHit[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const hits: HolidayHit[] = [
    { key: "newYear", day: dayFromYmd(year, 1, 1) },
    { key: "nationalDay", day: dayFromYmd(year, 10, 1) },
  ];
  if (year >= LUNAR_MIN_YEAR && year <= LUNAR_MAX_YEAR) {
    // Lunar year `year` starts in Jan/Feb of Gregorian `year`, so all four fall in it.
    hits.push(
      { key: "springFestival", day: lunarDay(year, 1, 1) },
      { key: "lantern", day: lunarDay(year, 1, 15) },
      { key: "dragonBoat", day: lunarDay(year, 5, 5) },
      { key: "midAutumn", day: lunarDay(year, 8, 15) },
    );
    // Mid-April is always inside the lunar year whose table holds that year's 清明.
    const table = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable();
    hits.push({ key: "qingming", day: solarToDay(table["清明"]) });
  }
  hits.sort((a, b) => a.day - b.day);
  const frozen = Object.freeze(hits.map((h) => Object.freeze(h)));
  cache.set(year, frozen);
  return frozen;
}

/** Gregorian year of a day number, using only `dayFromYmd`. */
export function yearOfDay(day: DayNumber): number {
  let y = 1970 + Math.floor(day / 365.2425);
  while (dayFromYmd(y, 1, 1) > day) y--;
  while (dayFromYmd(y + 1, 1, 1) <= day) y++;
  return y;
}

/** Every major holiday with `from ≤ day ≤ to`, sorted by day. */
export function majorHolidaysBetween(from: DayNumber, to: DayNumber): HolidayHit[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const out: HolidayHit[] = [];
  for (let y = yearOfDay(from), last = yearOfDay(to); y <= last; y++) {
    for (const h of majorHolidaysOfYear(y)) if (h.day >= from && h.day <= to) out.push(h);
  }
  return out;
}

/**
 * The first major holiday on or after `today` (today itself counts). 元旦 of the next year
 * always exists, so there is always an answer for a finite day.
 */
export function nextMajorHoliday(today: DayNumber): HolidayHit {
  const y = yearOfDay(today);
  for (const h of majorHolidaysOfYear(y)) if (h.day >= today) return h;
  return majorHolidaysOfYear(y + 1)[0];
}
