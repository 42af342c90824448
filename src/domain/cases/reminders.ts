import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addDays, atShanghai, endOfShanghaiDay, shanghaiDateOf, shanghaiTimeOf, type LocalDate } from '../dates.ts';

/** Reminders go out at the start of a working morning, Shanghai time. */
export const REMINDER_TIME = '09:00';

export interface Reminder<W extends string> {
  when: W;
  at: Date;
}

/** Reply and objection deadlines: one working day before, and the morning of the day (issue #4). */
export function deadlineReminders(calendar: WorkingDayCalendar, dueDay: LocalDate): Reminder<'day_before' | 'due_today'>[] {
  return [
    { when: 'day_before', at: atShanghai(calendar.previousWorkingDay(dueDay), REMINDER_TIME) },
    { when: 'due_today', at: atShanghai(dueDay, REMINDER_TIME) },
  ];
}

/** Payment due (R-LATE): seven days before and on the day. */
export function paymentReminders(dueDate: LocalDate): Reminder<'week_before' | 'due_today'>[] {
  return [
    { when: 'week_before', at: atShanghai(addDays(dueDate, -7), REMINDER_TIME) },
    { when: 'due_today', at: atShanghai(dueDate, REMINDER_TIME) },
  ];
}

/**
 * A reminder that comes too late to help (the job queue caught up after an
 * outage): its deadline day is over, or it is an early one ("tomorrow",
 * "in a week") and the morning of the day itself has come, whose own reminder
 * says it better. Telling a partner "due tomorrow" after the fact misleads.
 */
export function isStaleReminder(when: 'day_before' | 'week_before' | 'due_today', dueDay: LocalDate, now: Date): boolean {
  if (now.getTime() > endOfShanghaiDay(dueDay).getTime()) return true;
  return when !== 'due_today' && now.getTime() >= atShanghai(dueDay, REMINDER_TIME).getTime();
}

/** An approval still waiting one working day after it was asked for. */
export function approvalWaitingAt(calendar: WorkingDayCalendar, proposedAt: Date): Date {
  const next = calendar.addWorkingDays(shanghaiDateOf(proposedAt), 1).day;
  return atShanghai(next, shanghaiTimeOf(proposedAt));
}

/** Late fees are reported weekly while they accrue. */
export const LATE_FEE_REMINDER_DAYS = 7;
