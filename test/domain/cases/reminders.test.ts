import { describe, expect, it } from 'vitest';
import { isStaleReminder } from '../../../src/domain/cases/reminders.ts';

// A deadline on Thursday 2026-06-04 (23:59:59 Shanghai); its reminders are due the day before and that morning at 09:00.
const at = (s: string) => new Date(`${s}+08:00`);

describe('reminders caught up late are not sent when they would mislead (R-WORKDAY, issue #3 catch-up)', () => {
  it('the reminder of the day is good until the deadline passes', () => {
    expect(isStaleReminder('due_today', '2026-06-04', at('2026-06-04T09:00:00'))).toBe(false);
    expect(isStaleReminder('due_today', '2026-06-04', at('2026-06-04T23:59:59'))).toBe(false);
    expect(isStaleReminder('due_today', '2026-06-04', at('2026-06-05T00:00:00'))).toBe(true);
  });

  it('an early reminder ("tomorrow", "in a week") gives way to the reminder of the day once that morning comes', () => {
    expect(isStaleReminder('day_before', '2026-06-04', at('2026-06-03T09:00:00'))).toBe(false);
    expect(isStaleReminder('day_before', '2026-06-04', at('2026-06-04T08:59:59'))).toBe(false);
    expect(isStaleReminder('day_before', '2026-06-04', at('2026-06-04T09:00:00'))).toBe(true);
    expect(isStaleReminder('week_before', '2026-09-01', at('2026-08-31T20:00:00'))).toBe(false);
    expect(isStaleReminder('week_before', '2026-09-01', at('2026-09-01T09:00:00'))).toBe(true);
    expect(isStaleReminder('week_before', '2026-09-01', at('2026-09-02T00:00:00'))).toBe(true);
  });
});
