import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lateFee, paymentDueDate } from '../../../src/domain/collection/late-fee.ts';
import { addDays } from '../../../src/domain/dates.ts';
import { formatAmount, money } from '../../../src/domain/money.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { officialCalendar } from '../../support/domain-fixtures.ts';

const p = FY22.params;
const cal = officialCalendar();
const pay = (date: string, amount: string) => ({ date, amount: money(amount) });

describe('R-LATE: what is still owed 3 months after the notice accrues 0.1% a calendar day', () => {
  it.each([
    { notice: '2026-01-15', due: '2026-04-15' },
    { notice: '2025-11-30', due: '2026-02-28' },
    { notice: '2023-11-30', due: '2024-02-29' },
    { notice: '2026-12-31', due: '2027-03-31' },
  ])('a notice on $notice is due on $due', ({ notice, due }) => {
    expect(paymentDueDate(notice, p, cal)).toBe(due);
  });

  it.each([
    { notice: '2026-01-10', due: '2026-04-10', why: 'the corresponding day is a working day' },
    { notice: '2025-07-01', due: '2025-10-09', why: '2025-10-01 falls in the National Day holiday, so the last day moves to the next working day' },
  ])('R-LATE/R-PERIOD: a notice on $notice must be paid by $due ($why)', ({ notice, due }) => {
    expect(paymentDueDate(notice, p, cal)).toBe(due);
  });

  it('R-LATE/R-PERIOD: late fees accrue from the day after the moved last day, not from the holiday', () => {
    expect(formatAmount(lateFee(money('10000'), '2025-07-01', [], '2025-10-09', p, cal).lateFee)).toBe('0.00');
    const r = lateFee(money('10000'), '2025-07-01', [], '2025-10-10', p, cal);
    expect([r.dueDate, formatAmount(r.lateFee), r.lateDays]).toEqual(['2025-10-09', '10.00', 1]);
  });

  it.each([
    { name: 'nothing accrues on the due date itself', until: '2026-04-15', payments: [], fee: '0.00', outstanding: '10000.00' },
    { name: 'the day after the due date accrues one day', until: '2026-04-16', payments: [], fee: '10.00', outstanding: '10000.00' },
    { name: 'ten late days on CNY 10,000', until: '2026-04-25', payments: [], fee: '100.00', outstanding: '10000.00' },
    {
      name: 'a partial payment reduces the base from the day after it (the payment day still accrues on the old balance)',
      until: '2026-04-25', payments: [pay('2026-04-20', '4000')], fee: '80.00', outstanding: '6000.00',
    },
    { name: 'a payment before the due date lowers what accrues', until: '2026-04-25', payments: [pay('2026-03-01', '5000')], fee: '50.00', outstanding: '5000.00' },
    { name: 'paid in full on the due date: no fee', until: '2026-06-01', payments: [pay('2026-04-15', '10000')], fee: '0.00', outstanding: '0.00' },
    { name: 'paid in full late: fee stops after the payment day', until: '2026-06-01', payments: [pay('2026-04-17', '10000')], fee: '20.00', outstanding: '0.00' },
    { name: 'payments after `until` are not counted yet', until: '2026-04-17', payments: [pay('2026-04-20', '10000')], fee: '20.00', outstanding: '10000.00' },
    {
      // 04-16: 10000; 04-17, 04-18: 7500; 04-19 … 04-30 (12 days): 5000 → 10 + 15 + 60
      name: 'two partial payments on different days, given out of order',
      until: '2026-04-30', payments: [pay('2026-04-18', '2500.00'), pay('2026-04-16', '2500.00')], fee: '85.00',
      outstanding: '5000.00',
    },
  ])('$name', ({ until, payments, fee, outstanding }) => {
    const r = lateFee(money('10000'), '2026-01-15', payments, until, p, cal);
    expect(r.dueDate).toBe('2026-04-15');
    expect(formatAmount(r.lateFee)).toBe(fee);
    expect(formatAmount(r.outstanding)).toBe(outstanding);
  });

  it('each day’s fee is exact and the total is rounded half-up once, not per day', () => {
    // 0.1% of 5.55 is 0.00555 a day: rounded per day two days would give 0.02, exact gives 0.0111 → 0.01
    expect(formatAmount(lateFee(money('5.55'), '2026-01-15', [], '2026-04-17', p, cal).lateFee)).toBe('0.01');
    // 123.45 × 0.001 × 3 = 0.37035 → 0.37; × 5 = 0.61725 → 0.62
    expect(formatAmount(lateFee(money('123.45'), '2026-01-15', [], '2026-04-18', p, cal).lateFee)).toBe('0.37');
    expect(formatAmount(lateFee(money('123.45'), '2026-01-15', [], '2026-04-20', p, cal).lateFee)).toBe('0.62');
  });

  it('simple, not compounded: a year late on CNY 100,000 is 365 × CNY 100', () => {
    const r = lateFee(money('100000'), '2026-01-15', [], '2027-04-15', p, cal);
    expect(r.lateDays).toBe(365);
    expect(formatAmount(r.lateFee)).toBe('36500.00');
  });
});

describe('R-LATE money invariants (property)', () => {
  const amount = fc.integer({ min: 1, max: 100_000_000 }).map((c) => money(c).dividedBy(100));
  const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-03-01', n));
  const payments = fc.array(fc.record({ date: day, amount: fc.integer({ min: 1, max: 5_000_000 }).map((c) => money(c).dividedBy(100)) }), { maxLength: 6 });

  it('a late fee never decreases as days pass, and is never negative', () => {
    fc.assert(
      fc.property(amount, payments, fc.integer({ min: 0, max: 500 }), (owed, ps, n) => {
        const until = addDays('2026-03-01', n);
        const a = lateFee(owed, '2026-01-15', ps, until, p, cal);
        const b = lateFee(owed, '2026-01-15', ps, addDays(until, 1), p, cal);
        expect(b.lateFee.greaterThanOrEqualTo(a.lateFee)).toBe(true);
        expect(a.lateFee.isNegative()).toBe(false);
        expect(a.outstanding.isNegative()).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('the run-based sum equals a day-by-day sum', () => {
    fc.assert(
      fc.property(amount, payments, fc.integer({ min: 0, max: 200 }), (owed, ps, n) => {
        const until = addDays('2026-04-10', n);
        let exact = money(0);
        for (let d = '2026-04-16'; d <= until; d = addDays(d, 1)) {
          const paidBefore = ps.filter((x) => x.date < d).reduce((s, x) => s.plus(x.amount), money(0));
          const unpaid = owed.minus(paidBefore);
          if (unpaid.greaterThan(0)) exact = exact.plus(unpaid.times('0.001'));
        }
        expect(formatAmount(lateFee(owed, '2026-01-15', ps, until, p, cal).lateFee)).toBe(formatAmount(exact));
      }),
      { numRuns: 300 },
    );
  });
});

describe('R-LATE: payments beyond the penalty settle the late fee', () => {
  it('the fee stays owed after the penalty is paid, until paid too', () => {
    const paidPrincipal = lateFee(money('10000'), '2026-01-15', [pay('2026-04-25', '10000')], '2026-05-01', p, cal);
    expect(formatAmount(paidPrincipal.lateFee)).toBe('100.00');
    expect(formatAmount(paidPrincipal.lateFeeOutstanding)).toBe('100.00');
    const paidAll = lateFee(money('10000'), '2026-01-15', [pay('2026-04-25', '10000'), pay('2026-04-26', '100')], '2026-05-01', p, cal);
    expect(formatAmount(paidAll.lateFeeOutstanding)).toBe('0.00');
    expect(formatAmount(paidAll.outstanding)).toBe('0.00');
  });
});
