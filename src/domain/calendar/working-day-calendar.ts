import { addDays, compareDates, endOfShanghaiDay, isWeekend, yearOf } from '../dates.ts';
import type { LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';

/**
 * An official exception to the Monday–Friday week (R-WORKDAY):
 * `holiday` = a statutory day off (may fall on any day of the week);
 * `workday` = a make-up working day (调休) on a Saturday or Sunday.
 */
export type CalendarDayKind = 'holiday' | 'workday';

/** R-CALENDAR: the calendar is data, loaded year by year. */
export interface CalendarData {
  loadedYears: ReadonlySet<number>;
  days: ReadonlyMap<LocalDate, CalendarDayKind>;
}

export interface WorkingDayCount {
  day: LocalDate;
  /** R-CALENDAR: a day counted or skipped lies in a year whose schedule is not loaded. */
  provisional: boolean;
  /** The years not loaded that the count ran through, ascending; empty when not provisional. */
  unloadedYears: number[];
}

export interface Deadline {
  /** 23:59:59 Asia/Shanghai of `dueDay` (R-WORKDAY). */
  due: Date;
  dueDay: LocalDate;
  provisional: boolean;
  unloadedYears: number[];
}


export class WorkingDayCalendar {
  private readonly loadedYears: ReadonlySet<number>;
  private readonly days: ReadonlyMap<LocalDate, CalendarDayKind>;

  constructor(data: CalendarData) {
    this.loadedYears = new Set(data.loadedYears);
    this.days = new Map(data.days);
  }

  isLoaded(year: number): boolean {
    return this.loadedYears.has(year);
  }

  /**
   * R-WORKDAY: weekends and statutory holidays are off, make-up days are on.
   * R-CALENDAR: in a year not loaded, any stray override is ignored and the
   * day is judged on weekends alone, so the answer does not depend on half-loaded data.
   */
  isWorkingDay(d: LocalDate): boolean {
    if (this.isLoaded(yearOf(d))) {
      const kind = this.days.get(d);
      if (kind === 'holiday') return false;
      if (kind === 'workday') return true;
    }
    return !isWeekend(d);
  }

  /**
   * R-WORKDAY: the day of `from` does not count; returns the n-th working day
   * after it. R-CALENDAR: provisional when any day counted or skipped on the
   * way lies in a year not loaded (the day of `from` itself is never examined).
   */
  addWorkingDays(from: LocalDate, n: number): WorkingDayCount {
    if (!Number.isInteger(n) || n < 1) {
      throw new DomainError('calendar.bad_count', `a number of working days must be a whole number of at least 1, got ${n}`);
    }
    const unloaded = new Set<number>();
    let day = from;
    let counted = 0;
    while (counted < n) {
      day = addDays(day, 1);
      const year = yearOf(day);
      if (!this.isLoaded(year)) unloaded.add(year);
      if (this.isWorkingDay(day)) counted += 1;
    }
    const unloadedYears = [...unloaded].sort((a, b) => a - b);
    return { day, provisional: unloadedYears.length > 0, unloadedYears };
  }

  /** R-WORKDAY: due at 23:59:59 Asia/Shanghai of the n-th working day after `from`. */
  deadline(from: LocalDate, n: number): Deadline {
    const { day, provisional, unloadedYears } = this.addWorkingDays(from, n);
    return { due: endOfShanghaiDay(day), dueDay: day, provisional, unloadedYears };
  }

  /** The last working day strictly before `d` (reminders "one working day before" a deadline). */
  previousWorkingDay(d: LocalDate): LocalDate {
    let day = addDays(d, -1);
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }
}

/**
 * R-CALENDAR: when a year is loaded, provisional deadlines are recomputed, and
 * a deadline only ever moves later, never earlier — a party who planned on the
 * provisional day must not find it has already passed.
 */
export function recomputeProvisionalDeadline(previous: LocalDate, recomputed: LocalDate): LocalDate {
  return compareDates(recomputed, previous) > 0 ? recomputed : previous;
}
