import { describe, expect, it } from 'vitest';
import { formatShanghai } from '../../../src/domain/dates.ts';
import type { LocalDate } from '../../../src/domain/dates.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  recomputeProvisionalDeadline,
  WorkingDayCalendar,
} from '../../../src/domain/calendar/working-day-calendar.ts';
import type { CalendarDayKind } from '../../../src/domain/calendar/working-day-calendar.ts';

// The official 2025 and 2026 schedules, as far as these cases need them (State Council notices).
const holidays: LocalDate[] = [
  '2025-01-01',
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];
const workdays: LocalDate[] = ['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'];

function calendar(extra: [LocalDate, CalendarDayKind][] = [], loadedYears = [2025, 2026]): WorkingDayCalendar {
  const days = new Map<LocalDate, CalendarDayKind>([
    ...holidays.map((d): [LocalDate, CalendarDayKind] => [d, 'holiday']),
    ...workdays.map((d): [LocalDate, CalendarDayKind] => [d, 'workday']),
    ...extra,
  ]);
  return new WorkingDayCalendar({ loadedYears: new Set(loadedYears), days });
}

describe('R-WORKDAY: a reply is due at the end of the 3rd working day after the notice', () => {
  const cal = calendar();

  it.each([
    // [case, notice sent, due day]
    ['RULES.md: Tuesday before National Day → the make-up Saturday after it', '2025-09-30', '2025-10-11'],
    ['RULES.md: Friday before Spring Festival → Wednesday after it (make-up Saturday counts)', '2026-02-13', '2026-02-25'],
    ['an ordinary week: Monday → Thursday', '2025-11-03', '2025-11-06'],
    ['Friday → Wednesday (the weekend does not count)', '2025-11-07', '2025-11-12'],
    ['sent on a statutory holiday: counting starts after it, holidays skipped', '2025-10-03', '2025-10-11'],
    ['sent on a Saturday → Wednesday', '2025-11-08', '2025-11-12'],
    ['sent on a make-up working day: that day itself does not count', '2025-10-11', '2025-10-15'],
    ['sent on the eve of a make-up Sunday: the Sunday counts', '2025-09-27', '2025-09-30'],
  ])('%s', (_case, sent, dueDay) => {
    const d = cal.deadline(sent, 3);
    expect(d.dueDay).toBe(dueDay);
    expect(formatShanghai(d.due)).toBe(`${dueDay}T23:59:59+08:00`);
    expect(d.provisional).toBe(false);
    expect(d.unloadedYears).toEqual([]);
  });

  it('the 2025-09-30 notice is due at 2025-10-11 23:59:59 Shanghai time, i.e. 15:59:59 UTC', () => {
    const d = cal.deadline('2025-09-30', 3);
    expect(formatShanghai(d.due)).toBe('2025-10-11T23:59:59+08:00');
    expect(d.due.toISOString()).toBe('2025-10-11T15:59:59.000Z');
  });

  it.each([
    ['one working day after a Friday is the Monday', '2025-11-07', '2025-11-10'],
    ['one working day after the eve of National Day is the first day back', '2025-09-30', '2025-10-09'],
    ['one working day after Friday 2026-02-13 is the make-up Saturday', '2026-02-13', '2026-02-14'],
  ])('n=1: %s', (_case, sent, day) => {
    expect(cal.addWorkingDays(sent, 1)).toEqual({ day, provisional: false, unloadedYears: [] });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses to count %s working days', (n) => {
    let thrown: unknown;
    try {
      cal.addWorkingDays('2025-11-03', n);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('calendar.bad_count');
  });
});

describe('R-CALENDAR: a year not yet loaded is counted on weekends alone and marked provisional', () => {
  const cal = calendar();

  it('a 2027 notice counts Mon–Fri only, even over New Year, and is provisional', () => {
    const d = cal.deadline('2026-12-31', 3);
    expect(d.dueDay).toBe('2027-01-05');
    expect(d.provisional).toBe(true);
    expect(d.unloadedYears).toEqual([2027]);
  });

  it('a deadline wholly inside 2027 is provisional', () => {
    expect(cal.addWorkingDays('2027-03-05', 3)).toEqual({ day: '2027-03-10', provisional: true, unloadedYears: [2027] });
  });

  it('a count that starts in 2026 and crosses into 2027 is provisional', () => {
    // 12-31 (Thu, 2026, loaded) counts; 2027-01-01 and 01-04 are guesses.
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ day: '2027-01-04', provisional: true, unloadedYears: [2027] });
  });

  it('a count that stays in 2026 right up to New Year\'s Eve is not provisional', () => {
    expect(cal.addWorkingDays('2026-12-28', 3)).toEqual({ day: '2026-12-31', provisional: false, unloadedYears: [] });
  });

  it('a notice sent in a year not loaded but counted wholly in a loaded one is not provisional', () => {
    // 2024 is not loaded here; only 2025's days are examined (01-01 is a holiday).
    expect(cal.addWorkingDays('2024-12-31', 3)).toEqual({ day: '2025-01-06', provisional: false, unloadedYears: [] });
  });

  it('lists every unloaded year the count ran through', () => {
    const onlyNothing = calendar([], []);
    expect(onlyNothing.addWorkingDays('2026-12-30', 3).unloadedYears).toEqual([2026, 2027]);
  });

  it('ignores a stray override for a year that is not loaded', () => {
    const cal2027 = calendar([['2027-01-01', 'holiday'], ['2027-01-02', 'workday']]);
    expect(cal2027.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal2027.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('once 2027 is loaded its holidays count and the deadline is no longer provisional', () => {
    const loaded = calendar([['2027-01-01', 'holiday']], [2025, 2026, 2027]);
    expect(loaded.addWorkingDays('2026-12-30', 3)).toEqual({ day: '2027-01-05', provisional: false, unloadedYears: [] });
  });

  it('knows which years are loaded', () => {
    expect(cal.isLoaded(2025)).toBe(true);
    expect(cal.isLoaded(2026)).toBe(true);
    expect(cal.isLoaded(2027)).toBe(false);
  });
});

describe('R-CALENDAR: a recomputed provisional deadline only moves later', () => {
  it.each([
    ['loading the year pushes the deadline back: the later day wins', '2027-01-04', '2027-01-05', '2027-01-05'],
    ['loading the year would bring it forward: the provisional day stands', '2027-01-05', '2027-01-04', '2027-01-05'],
    ['no change', '2027-01-05', '2027-01-05', '2027-01-05'],
    ['across a month and year boundary', '2027-12-31', '2028-01-03', '2028-01-03'],
  ])('%s', (_case, previous, recomputed, kept) => {
    expect(recomputeProvisionalDeadline(previous, recomputed)).toBe(kept);
  });

  it('a 2027 deadline recomputed after 2027 is loaded with New Year off moves a day later', () => {
    const before = calendar().addWorkingDays('2026-12-30', 3).day;
    const after = calendar([['2027-01-01', 'holiday']], [2025, 2026, 2027]).addWorkingDays('2026-12-30', 3).day;
    expect(recomputeProvisionalDeadline(before, after)).toBe('2027-01-05');
  });
});

describe('R-WORKDAY: which days are working days', () => {
  const cal = calendar();

  it.each([
    ['an ordinary Wednesday', '2025-11-05', true],
    ['an ordinary Saturday', '2025-11-08', false],
    ['an ordinary Sunday', '2025-11-09', false],
    ['National Day on a Wednesday', '2025-10-01', false],
    ['a holiday that falls on a weekend', '2025-10-04', false],
    ['the make-up Saturday after National Day', '2025-10-11', true],
    ['the make-up Sunday before National Day', '2025-09-28', true],
  ])('%s', (_case, day, working) => {
    expect(cal.isWorkingDay(day)).toBe(working);
  });
});

describe('previous working day (reminders "one working day before" a deadline)', () => {
  const cal = calendar();

  it.each([
    ['before a Monday is the Friday', '2025-11-10', '2025-11-07'],
    ['before the make-up Saturday is the Friday', '2025-10-11', '2025-10-10'],
    ['before the first day back is the eve of the holiday', '2025-10-09', '2025-09-30'],
    ['before the Tuesday after Spring Festival is the make-up Saturday', '2026-02-24', '2026-02-14'],
    ['before a Wednesday is the Tuesday', '2025-11-12', '2025-11-11'],
  ])('%s', (_case, day, previous) => {
    expect(cal.previousWorkingDay(day)).toBe(previous);
  });
});
