import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * R-CALENDAR: a year is either loaded (its official schedule is known) or not;
 * deadlines in a year not loaded are provisional.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** Where the schedule came from, e.g. `chinese-days@1.5.7` or `admin:<user>`. */
  source: text('source').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type CalendarYearRow = typeof calendarYears.$inferSelect;
