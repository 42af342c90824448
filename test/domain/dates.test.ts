import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatShanghai, isLocalDate, shanghaiDateOf, shanghaiTimeOf, weekdayOf } from '../../src/domain/dates.ts';

dayjs.extend(utc);

// The day arithmetic is plain Date arithmetic (it runs on every working day counted); dayjs is the reference.
const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true });

describe('dates (R-WORKDAY, R-FY: Asia/Shanghai days)', () => {
  it('addDays and weekdayOf agree with dayjs across leap years and centuries', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        expect(addDays(d, n)).toBe(dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD'));
        expect(weekdayOf(d)).toBe(dayjs.utc(d).day());
      }),
      { numRuns: 2000 },
    );
  });

  it('an instant reads as the Shanghai day and wall-clock time (UTC+8, no DST since 1991)', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const shanghai = dayjs.utc(t.getTime() + 8 * 3600_000);
        expect(shanghaiDateOf(t)).toBe(shanghai.format('YYYY-MM-DD'));
        expect(formatShanghai(t)).toBe(`${shanghai.format('YYYY-MM-DDTHH:mm:ss')}+08:00`);
        expect(shanghaiTimeOf(t)).toBe(shanghai.format('HH:mm'));
      }),
      { numRuns: 2000 },
    );
    expect(shanghaiDateOf(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDateOf(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('only real days written YYYY-MM-DD are local dates', () => {
    for (const good of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) expect(isLocalDate(good)).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', '20260401', '2026-04-01T00:00', ' 2026-04-01', '']) {
      expect(isLocalDate(bad)).toBe(false);
    }
  });
});
