import type { CatalogItem } from '../domain/catalog/catalog-item.ts';
import { formatShanghai, weekdayOf, type LocalDate } from '../domain/dates.ts';
import { translator, type Locale, type Translate } from './i18n.ts';
import { actorRef, cat, user, type Inline, type Part } from './inline.ts';

/**
 * The words every surface uses for dates, classes, catalog items, partners
 * and actors, as runs (inline.ts): what is ours is text, what came from a
 * user or an imported file is a `user` part each adapter escapes.
 */

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
 * every message, reply and view; an instant not (yet) there reads "—", one
 * that is no instant is shown as it is (a user part).
 */
export function formatDateTime(instant: Date | string | null | undefined, locale: Locale): Part {
  if (instant === null || instant === undefined) return '—';
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return typeof instant === 'string' ? user(instant) : '—';
  const shanghai = formatShanghai(date); // 2025-10-11T23:59:59+08:00
  const day = shanghai.slice(0, 10);
  const time = shanghai.endsWith(':00+08:00') ? shanghai.slice(11, 16) : shanghai.slice(11, 19);
  return translator(locale)('notification.common.dateTime', { date: formatDate(day, locale), time });
}

const RESTRICTION_KINDS = ['no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment'];

/** R-RESTRICT kinds in words; an unknown kind (from an import) is shown as it is. */
export function formatRestrictionKind(kind: string, t: Translate): Part {
  return RESTRICTION_KINDS.includes(kind) ? t(`notification.common.restriction.${kind}`) : user(kind);
}

/** A violation class in words (§5.3.2.1); a class outside 1–3 (from an import) is shown as it is. */
export function formatClass(cls: number, t: Translate): Part {
  return [1, 2, 3].includes(cls) ? t(`notification.common.class.${cls}`) : user(String(cls));
}

/** The reader's language, falling back to the other when a policy file left one empty. */
export function itemWording(item: Pick<CatalogItem, 'textZh' | 'textEn'>, locale: Locale): string {
  return locale === 'zh-CN' ? item.textZh || item.textEn : item.textEn || item.textZh;
}

/**
 * `SVC-09 · Class 2 · <the item's wording>`. The catalog comes from a policy
 * file someone imported, so its id and text are user parts.
 */
export function itemLabel(item: Pick<CatalogItem, 'id' | 'class' | 'textZh' | 'textEn'>, locale: Locale): Inline {
  return cat(user(item.id), ' · ', formatClass(item.class, translator(locale)), ' · ', user(itemWording(item, locale)));
}

/** A partner as "Name (ID)": names and ids come from imported files. */
export function partnerLabel(name: string, id: string): Inline {
  return [user(name), ' (', user(id), ')'];
}

/**
 * Who did something, from an actor key: null → nobody; `system` (or
 * `system:job`) → the system; any other key is left to the adapter, which
 * mentions a person of its own platform and shows anything else as text.
 */
export function formatActor(actorKey: string | null, t: Translate): Part {
  if (actorKey === null) return t('notification.common.nobody');
  if (actorKey === 'system' || actorKey.startsWith('system:')) return t('notification.common.system');
  return actorRef(actorKey);
}
