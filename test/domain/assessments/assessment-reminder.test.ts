import { describe, expect, it } from 'vitest';
import { assessmentReminderDay, assessmentReminderDueOn } from '../../../src/domain/assessments/assessment-reminder.ts';
import { WorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts';

/** 2026 loaded with the National Day holiday (10-01 … 10-08) and its make-up working day 09-27 (Sunday). */
const calendar = new WorkingDayCalendar({
  loadedYears: new Set([2026]),
  days: new Map<string, 'holiday' | 'workday'>([
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => [`2026-10-${d}`, 'holiday'] as [string, 'holiday']),
    ['2026-09-27', 'workday'],
  ]),
});

describe('R-ASSESS: admins are reminded 5 working days (R-WORKDAY) before each assessment month', () => {
  it('July 2026 starts on a Wednesday: reminded on Wednesday 24 June', () => {
    expect(assessmentReminderDay('2026-07', calendar)).toBe('2026-06-24');
  });

  it('October 2026: the make-up Sunday 27 September counts as a working day', () => {
    // 09-30 Wed, 09-29 Tue, 09-28 Mon, 09-27 Sun (make-up), 09-25 Fri.
    expect(assessmentReminderDay('2026-10', calendar)).toBe('2026-09-25');
  });

  it('due from the reminder day until the month starts, naming what each category has that month', () => {
    expect(assessmentReminderDueOn('2026-06-23', calendar)).toBeNull();
    expect(assessmentReminderDueOn('2026-06-24', calendar)).toEqual({
      month: '2026-07', startsOn: '2026-07-01', remindOn: '2026-06-24', due: [{ category: 'consulting_sales', periods: ['FY27-Q1'] }],
    });
    expect(assessmentReminderDueOn('2026-06-30', calendar)?.month).toBe('2026-07');
    // In the assessment month itself the next one is October's, not yet due.
    expect(assessmentReminderDueOn('2026-07-01', calendar)).toBeNull();
  });

  it('April: the quarter and the year for consulting & sales, the year for product & solution and service', () => {
    expect(assessmentReminderDueOn('2027-03-31', calendar)?.due).toEqual([
      { category: 'consulting_sales', periods: ['FY27-Q4', 'FY27'] },
      { category: 'product_solution', periods: ['FY27'] },
      { category: 'service', periods: ['FY27'] },
    ]);
  });
});
