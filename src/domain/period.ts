import type { WorkingDayCalendar } from './calendar/working-day-calendar.ts';
import { addDays, addMonths, type LocalDate } from './dates.ts';

/** A length of time as the policy states it (R-PERIOD). */
export type PeriodLength = { days: number } | { months: number } | { years: number };

/**
 * R-PERIOD (PRC Civil Code arts. 200–204), the one place a period is counted:
 * the day it starts is not counted (art. 201); a period of months or years
 * ends on the corresponding day of the last month, or that month's last day
 * when it has none (art. 202); the last day ends at 24:00 Asia/Shanghai
 * (art. 203). Where the partner must act by the last day (pass `toAct`: pay)
 * and it is not a working day, it moves to the next working day (art. 203).
 * Restrictions and validity never move, so they pass no calendar.
 *
 * Returns the last day of the period, inclusive.
 */
export function lastDayOfPeriod(start: LocalDate, length: PeriodLength, toAct?: WorkingDayCalendar): LocalDate {
  // Counted from the start day itself: the corresponding day is start + n months, whose
  // day-of-month is clamped to the month's last day (2025-11-30 + 3 months = 2026-02-28).
  const last =
    'days' in length ? addDays(start, length.days) : addMonths(start, 'months' in length ? length.months : length.years * 12);
  if (!toAct) return last;
  let day = last;
  while (!toAct.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The first day after a period: the exclusive end stored for restrictions (`until`, `ends_on`). */
export function dayAfterPeriod(start: LocalDate, length: PeriodLength): LocalDate {
  return addDays(lastDayOfPeriod(start, length), 1);
}
