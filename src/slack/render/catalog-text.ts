import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import { translator, type Locale, type Translate } from '../../messages/i18n.ts';
import * as words from '../../messages/format.ts';
import { toMrkdwn } from './inline-mrkdwn.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** A catalog item as any surface shows it: its id, class and wording in both languages. */
export type ItemWording = Pick<CatalogItem, 'id' | 'class' | 'textZh' | 'textEn'>;

/** A violation class in words (§5.3.2.1); a class outside 1–3 (from an import) is shown as it is, escaped. */
export function formatClass(cls: number, t: Translate): string {
  return toMrkdwn(words.formatClass(cls, t));
}

/**
 * The item's wording for mrkdwn, escaped: the catalog comes from a policy
 * file someone imported, so its text is treated like any user text.
 */
export function itemText(item: Pick<CatalogItem, 'textZh' | 'textEn'>, locale: Locale): string {
  return escapeMrkdwn(words.itemWording(item, locale));
}

/** `SVC-09 · Class 2 · <the item's wording>`, escaped, for mrkdwn. */
export function itemLabel(item: ItemWording, locale: Locale): string {
  return toMrkdwn(words.itemLabel(item, locale));
}

/**
 * The same line for a select option. Options are plain text, which Slack
 * never parses (no mention, link or formatting), so the wording goes in as
 * written; the caller cuts it to the option limit.
 */
export function itemOptionText(item: ItemWording, locale: Locale): string {
  return `${item.id} · ${formatClass(item.class, translator(locale))} · ${words.itemWording(item, locale)}`;
}

/** The item in the policy in force on that day; undefined when none was in force or the id is unknown. */
export function catalogItemOn(policies: readonly PolicyVersion[], itemId: string, on: string): CatalogItem | undefined {
  try {
    return findCatalogItem(policyInForce(policies, on).catalog, itemId);
  } catch {
    return undefined;
  }
}

/** The item as the policy of the day it happened names it (R-POLICY); an unknown id is shown escaped. */
export function itemLabelOn(policies: readonly PolicyVersion[], itemId: string, on: string, locale: Locale): string {
  const item = catalogItemOn(policies, itemId, on);
  return item ? itemLabel(item, locale) : escapeMrkdwn(itemId);
}
