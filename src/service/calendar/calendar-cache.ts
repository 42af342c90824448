import type { Db } from '../../db/database.ts';
import { loadCalendarData } from '../../db/repositories/calendar.repository.ts';
import { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';

/** The working-day calendar, read once per process and again after a year is loaded. */
export class CalendarCache {
  private current: Promise<WorkingDayCalendar> | undefined;

  get(db: Db): Promise<WorkingDayCalendar> {
    this.current ??= loadCalendarData(db).then((d) => new WorkingDayCalendar(d));
    this.current.catch(() => (this.current = undefined));
    return this.current;
  }

  invalidate(): void {
    this.current = undefined;
  }
}
