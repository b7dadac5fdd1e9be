/**
 * The ledger's periods (METHOD.md §12): start = today − P months, prevStart = today − 2P months,
 * each on the same day of the month or, when that month is shorter, on its last day.
 */
import { dayFromYmd, daysInMonth, ymdFromDay } from "../days";
import type { DayNumber } from "../types";

/** The day `months` calendar months before `day`, clamped to the month's last day (31 Mar − 1 → 28/29 Feb). */
export function monthsBefore(day: DayNumber, months: number): DayNumber {
  const { y, m, d } = ymdFromDay(day);
  const index = y * 12 + (m - 1) - months;
  const yy = Math.floor(index / 12);
  const mm = index - yy * 12 + 1;
  return dayFromYmd(yy, mm, Math.min(d, daysInMonth(yy, mm)));
}

export interface LedgerPeriods {
  today: DayNumber;
  periodMonths: number;
  /** Current period: start < orderDate ≤ today. */
  start: DayNumber;
  /** Previous period: prevStart < orderDate ≤ start. */
  prevStart: DayNumber;
}

export const DEFAULT_PERIOD_MONTHS = 12;

export function ledgerPeriods(today: DayNumber, periodMonths: number = DEFAULT_PERIOD_MONTHS): LedgerPeriods {
  if (!Number.isInteger(periodMonths) || periodMonths < 1) {
    throw new RangeError(`periodMonths must be a whole number of months ≥ 1 (got ${periodMonths})`);
  }
  return {
    today,
    periodMonths,
    start: monthsBefore(today, periodMonths),
    prevStart: monthsBefore(today, 2 * periodMonths),
  };
}
