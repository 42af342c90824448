import { describe, expect, it } from 'vitest';
import { chineseDaysSeed } from '../../src/calendar/chinese-days-seed.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.ts';
import type { CalendarDayKind } from '../../src/domain/calendar/working-day-calendar.ts';
import { formatShanghai, weekdayOf, yearOf } from '../../src/domain/dates.ts';
import type { LocalDate } from '../../src/domain/dates.ts';

const seed = chineseDaysSeed();
const kindOf = (date: LocalDate) => seed.days.find((d) => d.date === date)?.kind;

describe('R-CALENDAR: the calendar is seeded from the chinese-days package', () => {
  it('knows every year from 2004 through 2026', () => {
    expect(seed.years).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i));
  });

  it('does not claim 2027, which the package does not know', () => {
    expect(seed.years).not.toContain(2027);
    expect(seed.days.some((d) => yearOf(d.date) >= 2027)).toBe(false);
  });

  it.each([
    ['2025-10-11', 'workday', '国庆节'],
    ['2026-02-14', 'workday', '春节'],
    ['2026-10-01', 'holiday', '国庆节'],
    ['2025-10-01', 'holiday', '国庆节'],
    ['2026-02-17', 'holiday', '春节'],
  ])('%s is a %s (%s)', (date, kind, name) => {
    expect(seed.days.find((d) => d.date === date)).toEqual({ date, kind, name });
  });

  it('leaves ordinary days out', () => {
    expect(kindOf('2025-11-05')).toBeUndefined();
    expect(kindOf('2025-11-08')).toBeUndefined();
  });

  it('lists each day once, in date order, and only make-up days on weekends', () => {
    const dates = seed.days.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    const weekdayWorkdays = seed.days.filter((d) => d.kind === 'workday' && weekdayOf(d.date) !== 0 && weekdayOf(d.date) !== 6);
    expect(weekdayWorkdays).toEqual([]);
  });

  it('gives the RULES.md deadlines once loaded into the calendar', () => {
    const cal = new WorkingDayCalendar({
      loadedYears: new Set(seed.years),
      days: new Map<LocalDate, CalendarDayKind>(seed.days.map((d) => [d.date, d.kind])),
    });
    const autumn = cal.deadline('2025-09-30', 3);
    expect(formatShanghai(autumn.due)).toBe('2025-10-11T23:59:59+08:00');
    expect(autumn.provisional).toBe(false);
    expect(cal.deadline('2026-02-13', 3).dueDay).toBe('2026-02-25');
    expect(cal.deadline('2026-12-31', 3)).toMatchObject({ dueDay: '2027-01-05', provisional: true, unloadedYears: [2027] });
  });
});
