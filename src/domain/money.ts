import { Decimal } from 'decimal.js';
import { DomainError } from './errors.ts';

/**
 * Money is CNY held in decimal.js, never a JS float (R-LATE reading). A local
 * Decimal clone keeps our rounding rule from leaking into other code.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export const ZERO: Money = new Money(0);

const AMOUNT = /^-?\d+(\.\d+)?$/;

/** Reads a decimal amount from text ("1234.5", "-20.00"); anything else is an input error. */
export function parseAmount(text: string, field = 'amount'): Money {
  const t = text.trim();
  if (!AMOUNT.test(t)) {
    throw new DomainError('input.bad_amount', `${field} must be a decimal number like 1234.50, got "${text}"`);
  }
  return new Money(t);
}

/** Rounds half-up to the cent once, at the end of a computation (R-LATE). */
export function toCents(m: Decimal): Money {
  return new Money(m).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** "120000.02": two decimals, no grouping; the wire and storage format. */
export function formatAmount(m: Decimal): string {
  return toCents(m).toFixed(2);
}

export function money(v: Decimal.Value): Money {
  return new Money(v);
}

export function maxMoney(a: Decimal, b: Decimal): Money {
  return new Money(Decimal.max(a, b));
}

export function minMoney(a: Decimal, b: Decimal): Money {
  return new Money(Decimal.min(a, b));
}

export function sumMoney(values: Iterable<Decimal>): Money {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total;
}
