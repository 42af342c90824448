import { minMoney, money, ZERO, type Money } from '../money.ts';

export interface DeductionSources {
  deposit: Money;
  prepayment: Money;
  serviceFeeUnpaid: Money;
}

export interface Deduction {
  deposit: Money;
  prepayment: Money;
  serviceFee: Money;
  /** What no source covered: the partner owes it (§5.4.4). */
  owed: Money;
}

/**
 * R-DEDUCT (§5.4.4, §5.6): the penalty is taken from the deposit first, then
 * from unsettled prepayments, then from unpaid service fees / rebates; the
 * rest is owed. A negative balance is nothing to take from.
 */
export function deductPenalty(amount: Money, sources: DeductionSources): Deduction {
  let rest = money(amount);
  const take = (available: Money): Money => {
    const part = minMoney(rest, available.isNegative() ? ZERO : available);
    rest = rest.minus(part);
    return part;
  };
  const deposit = take(sources.deposit);
  const prepayment = take(sources.prepayment);
  const serviceFee = take(sources.serviceFeeUnpaid);
  return { deposit, prepayment, serviceFee, owed: rest };
}
