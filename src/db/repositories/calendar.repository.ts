import { and, gte, inArray, lte } from 'drizzle-orm';
import type { CalendarDayKind, CalendarData } from '../../domain/calendar/working-day-calendar.ts';
import type { Db } from '../database.ts';
import { calendarDays, calendarYears } from '../schema/index.ts';

/** R-CALENDAR: every loaded year and its exceptions, for a WorkingDayCalendar. */
export async function loadCalendarData(db: Db): Promise<CalendarData> {
  const [years, days] = await Promise.all([db.select().from(calendarYears), db.select().from(calendarDays)]);
  return {
    loadedYears: new Set(years.map((y) => y.year)),
    days: new Map(days.map((d) => [d.day, d.kind as CalendarDayKind])),
  };
}

export async function loadedYears(db: Db): Promise<Map<number, string>> {
  const rows = await db.select().from(calendarYears);
  return new Map(rows.map((r) => [r.year, r.source]));
}

/** Replaces the schedule of whole years: the days given become the only exceptions of those years. */
export async function replaceCalendarYears(
  db: Db,
  years: number[],
  days: { date: string; kind: CalendarDayKind; name: string | null }[],
  source: string,
): Promise<void> {
  for (const year of years) {
    await db.delete(calendarDays).where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
  }
  await db.delete(calendarYears).where(inArray(calendarYears.year, years));
  await db.insert(calendarYears).values(years.map((year) => ({ year, source })));
  for (let i = 0; i < days.length; i += 1000) {
    await db.insert(calendarDays).values(days.slice(i, i + 1000).map((d) => ({ day: d.date, kind: d.kind, name: d.name, source })));
  }
}
