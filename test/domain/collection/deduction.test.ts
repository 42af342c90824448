import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deductPenalty } from '../../../src/domain/collection/deduction.ts';
import { formatAmount, money } from '../../../src/domain/money.ts';

const fmt = (d: ReturnType<typeof deductPenalty>) => ({
  deposit: formatAmount(d.deposit),
  prepayment: formatAmount(d.prepayment),
  serviceFee: formatAmount(d.serviceFee),
  owed: formatAmount(d.owed),
});

describe('R-DEDUCT: deposit first, then prepayments, then unpaid service fees, the rest owed', () => {
  it.each([
    { amount: '5000', dep: '10000', pre: '0', fee: '0', want: ['5000.00', '0.00', '0.00', '0.00'] },
    { amount: '50000', dep: '20000', pre: '10000', fee: '5000', want: ['20000.00', '10000.00', '5000.00', '15000.00'] },
    { amount: '10000', dep: '0', pre: '3000.50', fee: '10000', want: ['0.00', '3000.50', '6999.50', '0.00'] },
    { amount: '100000', dep: '0', pre: '0', fee: '0', want: ['0.00', '0.00', '0.00', '100000.00'] },
    { amount: '5000', dep: '-200', pre: '1000', fee: '0', want: ['0.00', '1000.00', '0.00', '4000.00'] },
    { amount: '0', dep: '100', pre: '100', fee: '100', want: ['0.00', '0.00', '0.00', '0.00'] },
  ])('CNY $amount from deposit $dep, prepayment $pre, unpaid fees $fee', ({ amount, dep, pre, fee, want }) => {
    const d = deductPenalty(money(amount), { deposit: money(dep), prepayment: money(pre), serviceFeeUnpaid: money(fee) });
    expect(Object.values(fmt(d))).toEqual(want);
  });
});

const cents = fc.bigInt({ min: -10_000_000n, max: 100_000_000_000n }).map((c) => money(c.toString()).dividedBy(100));
const nonNegativeCents = fc.bigInt({ min: 0n, max: 100_000_000_000n }).map((c) => money(c.toString()).dividedBy(100));

describe('R-DEDUCT money invariants (property)', () => {
  it('the parts always sum to the penalty, none is negative, none exceeds its source', () => {
    fc.assert(
      fc.property(nonNegativeCents, cents, cents, cents, (amount, dep, pre, fee) => {
        const d = deductPenalty(amount, { deposit: dep, prepayment: pre, serviceFeeUnpaid: fee });
        const parts = [d.deposit, d.prepayment, d.serviceFee, d.owed];
        expect(parts.reduce((a, b) => a.plus(b), money(0)).equals(amount)).toBe(true);
        for (const p of parts) expect(p.isNegative()).toBe(false);
        expect(d.deposit.lessThanOrEqualTo(dep.isNegative() ? 0 : dep)).toBe(true);
        expect(d.prepayment.lessThanOrEqualTo(pre.isNegative() ? 0 : pre)).toBe(true);
        expect(d.serviceFee.lessThanOrEqualTo(fee.isNegative() ? 0 : fee)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
