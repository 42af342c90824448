import { formatShanghai, weekdayOf, type LocalDate } from '../../domain/dates.ts';
import { formatAmount, parseAmount } from '../../domain/money.ts';
import type { Locale, Translate } from '../i18n/i18n.ts';
import { translator } from '../i18n/i18n.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * "1234567.5" → "1,234,567.50". Grouping works on the digits as text, after
 * decimal.js has fixed the two decimals, so no amount ever passes through a
 * float (R-LATE reading: money is decimal).
 */
export function groupAmount(amount: string): string {
  const fixed = formatAmount(parseAmount(amount));
  const [, sign, whole, cents] = /^(-?)(\d+)\.(\d{2})$/.exec(fixed)!;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** `CNY 5,000.00` / `人民币 5,000.00 元`. */
export function formatCny(amount: string, locale: Locale): string {
  return translator(locale)('notification.common.amount', { amount: groupAmount(amount) });
}

/** A Shanghai calendar day: `Sat 11 Oct 2025` / `2025年10月11日（周六）`. */
export function formatDate(day: LocalDate, locale: Locale): string {
  const t = translator(locale);
  const [year, month, date] = day.split('-');
  return t('notification.common.date', {
    year,
    month: t(`notification.common.month.${Number(month)}`),
    day: Number(date),
    weekday: t(`notification.common.weekday.${weekdayOf(day)}`),
  });
}

/**
 * An instant (ISO, any offset) as a date and wall-clock time in Asia/Shanghai
 * (R-FY: all dates are Shanghai's), seconds only when they matter, so a
 * deadline of 23:59:59 (R-WORKDAY) reads exactly.
 */
export function formatDateTime(instant: string, locale: Locale): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return escapeMrkdwn(instant);
  const shanghai = formatShanghai(date); // 2025-10-11T23:59:59+08:00
  const day = shanghai.slice(0, 10);
  const time = shanghai.endsWith(':00+08:00') ? shanghai.slice(11, 16) : shanghai.slice(11, 19);
  return translator(locale)('notification.common.dateTime', { date: formatDate(day, locale), time });
}

/**
 * Who did something, from an actor key. A Slack user becomes a mention we
 * build ourselves from a checked id; anything else is shown as escaped text.
 */
export function formatActor(actorKey: string | null, t: Translate): string {
  if (actorKey === null) return t('notification.common.nobody');
  const slack = /^slack:([UW][A-Z0-9]{2,})$/.exec(actorKey);
  if (slack) return `<@${slack[1]}>`;
  if (actorKey === 'system') return t('notification.common.system');
  return escapeMrkdwn(actorKey);
}

export function formatClass(cls: number, t: Translate): string {
  return [1, 2, 3].includes(cls) ? t(`notification.common.class.${cls}`) : escapeMrkdwn(String(cls));
}

const RESTRICTION_KINDS = ['no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment'];

/** R-RESTRICT kinds in words; an unknown kind (from an import) is shown as it is, escaped. */
export function formatRestrictionKind(kind: string, t: Translate): string {
  return RESTRICTION_KINDS.includes(kind) ? t(`notification.common.restriction.${kind}`) : escapeMrkdwn(kind);
}

/** The catalog item's wording in the reader's language, falling back to the other. */
export function itemText(c: { itemTextZh: string; itemTextEn: string }, locale: Locale): string {
  const text = locale === 'zh-CN' ? c.itemTextZh || c.itemTextEn : c.itemTextEn || c.itemTextZh;
  return escapeMrkdwn(text);
}

/** True for "0", "0.00", "-0.00": decided in decimal, not by pattern or float. */
export function isZeroAmount(amount: string): boolean {
  return parseAmount(amount).isZero();
}
