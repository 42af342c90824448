import { sql } from 'drizzle-orm';
import { check, date, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * R-WORKDAY: only the exceptions are stored: statutory holidays and make-up
 * working days (调休); every other day follows the weekend rule.
 */
export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: calendarDayKinds }).notNull(),
    name: text('name'),
    source: text('source').notNull(),
  },
  (t) => [check('calendar_days_kind_check', sql`${t.kind} in ('holiday', 'workday')`)],
);

export type CalendarDayRow = typeof calendarDays.$inferSelect;
