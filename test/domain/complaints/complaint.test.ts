import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts';
import {
  COMPLAINT_ANSWER_WORKING_DAYS,
  complaintIdOf,
  complaintReminders,
  isOpenComplaint,
  stepComplaint,
} from '../../../src/domain/complaints/complaint.ts';
import { DomainError } from '../../../src/domain/errors.ts';

/** 2026 loaded with the National Day holiday (10-01 … 10-08) and its make-up working day 09-27 (Sunday). */
const calendar = new WorkingDayCalendar({
  loadedYears: new Set([2026]),
  days: new Map<string, 'holiday' | 'workday'>([
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => [`2026-10-${d}`, 'holiday'] as [string, 'holiday']),
    ['2026-09-27', 'workday'],
  ]),
});

describe('complaint states (R-COMPLAINT, §7.2)', () => {
  it('a filed complaint is answered or withdrawn, and both are final', () => {
    expect(stepComplaint('filed', 'answer', 'C-000001')).toBe('answered');
    expect(stepComplaint('filed', 'withdraw', 'C-000001')).toBe('withdrawn');
    for (const state of ['answered', 'withdrawn'] as const) {
      for (const step of ['answer', 'withdraw'] as const) {
        expect(() => stepComplaint(state, step, 'C-000001')).toThrow(DomainError);
      }
      expect(isOpenComplaint(state)).toBe(false);
    }
    expect(isOpenComplaint('filed')).toBe(true);
  });

  it('a refusal says the state the complaint is in', () => {
    try {
      stepComplaint('answered', 'answer', 'C-000007');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('complaint.closed');
      expect((e as DomainError).message).toContain('C-000007 is already answered');
    }
  });

  it('ids are C- and six digits', () => {
    expect(complaintIdOf(1)).toBe('C-000001');
    expect(complaintIdOf(123456)).toBe('C-123456');
  });
});

describe('the answer deadline (R-COMPLAINT reading, R-WORKDAY)', () => {
  it('is the 10th working day after filing, skipping holidays; staff are reminded the working morning before', () => {
    expect(COMPLAINT_ANSWER_WORKING_DAYS).toBe(10);
    // Filed Friday 18 September 2026: 21–25 Sep (5), Sunday 27 (make-up), 28, 29, 30 Sep, then Friday 9 October.
    const due = calendar.deadline('2026-09-18', COMPLAINT_ANSWER_WORKING_DAYS);
    expect(due.dueDay).toBe('2026-10-09');
    const [before, lapsed] = complaintReminders(calendar, due.dueDay, due.due);
    // The working day before Friday 9 October is Wednesday 30 September, across the holiday.
    expect(before).toEqual({ when: 'day_before', at: new Date('2026-09-30T09:00:00+08:00') });
    expect(lapsed).toEqual({ when: 'lapsed', at: due.due });
    expect(due.due.toISOString()).toBe('2026-10-09T15:59:59.000Z');
  });
});
