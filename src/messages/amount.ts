import type { Decimal } from 'decimal.js';
import { formatAmount, parseAmount } from '../domain/money.ts';
import { translator, type Locale } from './i18n.ts';

/**
 * "1234567.5" → "1,234,567.50". Grouping works on the digits as text, after
 * decimal.js has fixed the two decimals, so no amount ever passes through a
 * float (R-LATE reading: money is decimal).
 */
export function groupAmount(amount: string | Decimal): string {
  const fixed = typeof amount === 'string' ? formatAmount(parseAmount(amount)) : formatAmount(amount);
  const [, sign, whole, cents] = /^(-?)(\d+)\.(\d{2})$/.exec(fixed)!;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** Every amount any surface shows: `CNY 5,000.00` / `人民币 5,000.00 元`. */
export function formatCny(amount: string | Decimal, locale: Locale): string {
  return translator(locale)('notification.common.amount', { amount: groupAmount(amount) });
}

/** True for "0", "0.00", "-0.00": decided in decimal, not by pattern or float. */
export function isZeroAmount(amount: string): boolean {
  return parseAmount(amount).isZero();
}
