import { classLabel, findCatalogItem } from '../../../domain/catalog/catalog.ts';
import type { CatalogItem, ViolationClass } from '../../../domain/catalog/catalog-item.ts';
import { formatShanghai } from '../../../domain/dates.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import { policyInForce } from '../../../domain/policy/choose-policy.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';

/** How people, times, money and catalog items read in a message, in the reader's language. */
export interface Fmt {
  t: Translate;
  locale: Locale;
}

/** `slack:U123` → a mention (ids are ours, not user text); `system`, `cli:name` → words. */
export function who(f: Fmt, actorKey: string | null | undefined): string {
  if (!actorKey) return f.t('common.system');
  const [platform, id] = actorKey.split(':');
  if (platform === 'slack' && id && /^[UW][A-Z0-9]+$/.test(id)) return `<@${id}>`;
  if (platform === 'system' || actorKey === 'system') return f.t('common.system');
  return escapeMrkdwn(actorKey);
}

/** An instant, Beijing time, to the minute: "2026-06-04 23:59 (Beijing time)". */
export function when(f: Fmt, instant: Date | string | null | undefined): string {
  if (!instant) return '—';
  const iso = typeof instant === 'string' ? instant : formatShanghai(instant);
  return f.t('common.at', { time: `${iso.slice(0, 10)} ${iso.slice(11, 16)}` });
}

export function cny(f: Fmt, amount: string): string {
  const [int, dec] = amount.split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f.t('common.cny', { amount: dec === undefined ? grouped : `${grouped}.${dec}` });
}

export function cls(f: Fmt, c: number): string {
  return classLabel(c as ViolationClass, f.locale);
}

export function itemText(f: Fmt, item: CatalogItem): string {
  return f.locale === 'zh-CN' ? item.textZh : item.textEn;
}

/** "SVC-09 · Class 2 · Late service…": the item as the case's policy names it. */
export function itemLine(f: Fmt, policies: readonly PolicyVersion[], itemId: string, occurredOn: string): string {
  const item = catalogItemOn(policies, itemId, occurredOn);
  if (!item) return escapeMrkdwn(itemId);
  return `${item.id} · ${cls(f, item.class)} · ${escapeMrkdwn(itemText(f, item))}`;
}

/** The item in the policy of that day; undefined when no policy was in force then or the id is unknown. */
export function catalogItemOn(policies: readonly PolicyVersion[], itemId: string, on: string): CatalogItem | undefined {
  try {
    return findCatalogItem(policyInForce(policies, on).catalog, itemId);
  } catch {
    return undefined;
  }
}

export function stateText(f: Fmt, state: string): string {
  return f.t(`state.${state}`);
}

/** A partner as "Name (ID)", both escaped: names come from imported files. */
export function partnerText(name: string, id: string): string {
  return `${escapeMrkdwn(name)} (${escapeMrkdwn(id)})`;
}
