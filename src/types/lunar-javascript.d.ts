/**
 * Types for the parts of lunar-javascript (which ships none) that src/engine/holidays.ts
 * uses: Gregorian ⇄ lunar dates and the solar-term table. Months are 1–12, days 1–31.
 */
declare module "lunar-javascript" {
  /** A Gregorian (solar) date. */
  export interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getLunar(): Lunar;
  }
  /** A Chinese lunar date. */
  export interface Lunar {
    getSolar(): Solar;
    /** The solar terms around this lunar year, keyed by Chinese name (e.g. "清明"). */
    getJieQiTable(): Record<string, Solar>;
  }
  export const Solar: {
    fromYmd(year: number, month: number, day: number): Solar;
  };
  export const Lunar: {
    /** A lunar date (month negative for a leap month). */
    fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar;
  };
}
