import { describe, expect, it } from 'vitest';
import { dayAfterPeriod, lastDayOfPeriod } from '../../src/domain/period.ts';
import { officialCalendar } from '../support/domain-fixtures.ts';

const cal = officialCalendar();

describe('R-PERIOD: one function counts every period by the Civil Code, arts. 200–204', () => {
  it.each([
    { start: '2026-03-01', months: 3, last: '2026-06-01', why: 'the corresponding day of the last month' },
    { start: '2025-11-30', months: 3, last: '2026-02-28', why: 'no 30 February: the month’s last day' },
    { start: '2025-03-10', months: 12, last: '2026-03-10', why: '12 months end on the corresponding day' },
    { start: '2024-02-29', months: 12, last: '2025-02-28', why: 'no 29 February in 2025: the month’s last day' },
    { start: '2026-01-31', months: 1, last: '2026-02-28', why: 'a 31st into a short month' },
  ])('starting $start, $months months end on $last ($why)', ({ start, months, last }) => {
    expect(lastDayOfPeriod(start, { months })).toBe(last);
  });

  it('a period of years is counted as 12 months each', () => {
    expect(lastDayOfPeriod('2024-02-29', { years: 1 })).toBe('2025-02-28');
  });

  it('the start day is not counted: 3 days from 2026-03-01 end on 2026-03-04 (art. 201)', () => {
    expect(lastDayOfPeriod('2026-03-01', { days: 3 })).toBe('2026-03-04');
  });

  it('a period to act ends on the next working day when its last day is not one (art. 203)', () => {
    expect(lastDayOfPeriod('2025-07-01', { months: 3 }, cal)).toBe('2025-10-09');
    expect(lastDayOfPeriod('2026-01-10', { months: 3 }, cal)).toBe('2026-04-10');
    // A Saturday moves to Monday; a make-up working Saturday (2026-02-28) does not move.
    expect(lastDayOfPeriod('2026-05-06', { months: 1 }, cal)).toBe('2026-06-08');
    expect(lastDayOfPeriod('2025-11-28', { months: 3 }, cal)).toBe('2026-02-28');
  });

  it('a period that is not to act never moves, even onto a holiday', () => {
    expect(lastDayOfPeriod('2025-07-01', { months: 3 })).toBe('2025-10-01');
  });

  it('the exclusive end stored for a period is the day after its last day', () => {
    expect(dayAfterPeriod('2026-03-01', { months: 3 })).toBe('2026-06-02');
    expect(dayAfterPeriod('2025-11-30', { months: 3 })).toBe('2026-03-01');
  });
});
