import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { LocalDate } from '../dates.ts';
import { assessedCategoryKinds, assessmentsDue, nextAssessmentMonth, nextMonth } from './assessment-cycle.ts';

/**
 * R-ASSESS: admins are reminded this many working days (R-WORKDAY) before an
 * assessment month starts, at 09:00 Asia/Shanghai. **Reading** (the policy
 * sets no reminder): 5 working days, a working week, so the standards and the
 * data can be gathered before the month opens.
 */
export const ASSESSMENT_REMINDER_WORKING_DAYS = 5;
export const ASSESSMENT_REMINDER_TIME = '09:00';

export interface AssessmentReminderDue {
  /** The assessment month, `YYYY-MM`. */
  month: string;
  startsOn: LocalDate;
  /** The day the reminder is due (the 5th working day before `startsOn`). */
  remindOn: LocalDate;
  due: { category: string; periods: string[] }[];
}

/** The 5th working day before the month's first day (the first day itself does not count). */
export function assessmentReminderDay(month: string, calendar: WorkingDayCalendar): LocalDate {
  let day = `${month}-01`;
  for (let i = 0; i < ASSESSMENT_REMINDER_WORKING_DAYS; i++) day = calendar.previousWorkingDay(day);
  return day;
}

/**
 * The reminder due on `today`, if any: for the next assessment month after
 * this one, from its reminder day until the month starts (a day missed while
 * the bot was down is caught up the next day).
 */
export function assessmentReminderDueOn(today: LocalDate, calendar: WorkingDayCalendar): AssessmentReminderDue | null {
  const month = nextAssessmentMonth(nextMonth(today.slice(0, 7)));
  const remindOn = assessmentReminderDay(month, calendar);
  if (today < remindOn) return null;
  const due = assessedCategoryKinds
    .map((category) => ({ category, periods: assessmentsDue(category, month).map((p) => p.name) }))
    .filter((d) => d.periods.length > 0);
  return { month, startsOn: `${month}-01`, remindOn, due };
}
