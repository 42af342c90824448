import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addDays, daysBetween, type LocalDate } from '../dates.ts';
import { money, toCents, ZERO, type Money } from '../money.ts';
import { lastDayOfPeriod } from '../period.ts';
import type { PolicyParams } from '../policy/policy-version.ts';

export interface Payment {
  date: LocalDate;
  amount: Money;
}

export interface LateFeeResult {
  /** The last day to pay without a late fee (R-LATE, counted by R-PERIOD). */
  dueDate: LocalDate;
  /** Exact per-day fees summed, rounded half-up to the cent once. */
  lateFee: Money;
  /** Penalty still unpaid at the end of `until`. */
  outstanding: Money;
  /** Late fee still unpaid: payments beyond the penalty settle the fee (R-LATE: restricted until everything is paid). */
  lateFeeOutstanding: Money;
  /** Calendar days that accrued a fee. */
  lateDays: number;
}

/**
 * R-LATE: the last day to pay, the corresponding day `paymentTermMonths` after
 * the processing-notice day; the partner must act by it, so R-PERIOD moves it
 * to the next working day when it is not one (2025-07-01 → 2025-10-09).
 */
export function paymentDueDate(noticeDate: LocalDate, params: PolicyParams, calendar: WorkingDayCalendar): LocalDate {
  return lastDayOfPeriod(noticeDate, { months: params.paymentTermMonths }, calendar);
}

/**
 * R-LATE: each calendar day from the day after the due date through `until`
 * accrues the daily rate on what was unpaid at the start of that day; a
 * payment counts from the day after it is made. Simple interest, never
 * compounded; the total is rounded once. A payment settles the penalty
 * first, then the fee (reading `paymentSplit` = penalty_first). Days are summed in runs between
 * payments, which gives the same exact sum as a day-by-day loop.
 */
export function lateFee(
  owed: Money,
  noticeDate: LocalDate,
  payments: readonly Payment[],
  until: LocalDate,
  params: PolicyParams,
  calendar: WorkingDayCalendar,
): LateFeeResult {
  const dueDate = paymentDueDate(noticeDate, params, calendar);
  const rate = money(params.lateFeeDailyRate);
  const sorted = [...payments].filter((p) => p.date <= until).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  let unpaid = money(owed);
  let exact = money(0);
  let lateDays = 0;
  // `cursor` = the first day not yet accounted for in the late period.
  let cursor = addDays(dueDate, 1);
  for (const p of sorted) {
    const lastDayAtThisBalance = p.date; // the payment day itself still accrues on the old balance
    if (lastDayAtThisBalance >= cursor) {
      const days = daysBetween(cursor, lastDayAtThisBalance) + 1;
      exact = exact.plus(positive(unpaid).times(rate).times(days));
      lateDays += unpaid.greaterThan(0) ? days : 0;
      cursor = addDays(lastDayAtThisBalance, 1);
    }
    unpaid = unpaid.minus(p.amount);
  }
  if (until >= cursor) {
    const days = daysBetween(cursor, until) + 1;
    exact = exact.plus(positive(unpaid).times(rate).times(days));
    lateDays += unpaid.greaterThan(0) ? days : 0;
  }
  const fee = toCents(exact);
  const overpaid = unpaid.isNegative() ? unpaid.negated() : ZERO;
  return { dueDate, lateFee: fee, outstanding: positive(unpaid), lateFeeOutstanding: positive(fee.minus(overpaid)), lateDays };
}

function positive(m: Money): Money {
  return m.greaterThan(0) ? m : ZERO;
}
