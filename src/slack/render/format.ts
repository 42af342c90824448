import { formatShanghai, weekdayOf, type LocalDate } from '../../domain/dates.ts';
import { translator, type Locale, type Translate } from '../../messages/i18n.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

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
 * deadline of 23:59:59 (R-WORKDAY) reads exactly. The one time format of
 * every message, reply and view; an instant not (yet) there reads "—".
 */
export function formatDateTime(instant: Date | string | null | undefined, locale: Locale): string {
  if (instant === null || instant === undefined) return '—';
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return typeof instant === 'string' ? escapeMrkdwn(instant) : '—';
  const shanghai = formatShanghai(date); // 2025-10-11T23:59:59+08:00
  const day = shanghai.slice(0, 10);
  const time = shanghai.endsWith(':00+08:00') ? shanghai.slice(11, 16) : shanghai.slice(11, 19);
  return translator(locale)('notification.common.dateTime', { date: formatDate(day, locale), time });
}

const RESTRICTION_KINDS = ['no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment'];

/** R-RESTRICT kinds in words; an unknown kind (from an import) is shown as it is, escaped. */
export function formatRestrictionKind(kind: string, t: Translate): string {
  return RESTRICTION_KINDS.includes(kind) ? t(`notification.common.restriction.${kind}`) : escapeMrkdwn(kind);
}
