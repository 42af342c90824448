import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { Locale } from '../../messages/i18n.ts';
import { user, type Inline } from '../../messages/inline.ts';
import { itemLabel } from '../../messages/format.ts';

/** The item in the policy in force on that day; undefined when none was in force or the id is unknown. */
export function catalogItemOn(policies: readonly PolicyVersion[], itemId: string, on: string): CatalogItem | undefined {
  try {
    return findCatalogItem(policyInForce(policies, on).catalog, itemId);
  } catch {
    return undefined;
  }
}

/** The item as the policy of the day it happened names it (R-POLICY); an unknown id is user text. */
export function itemLabelOn(policies: readonly PolicyVersion[], itemId: string, on: string, locale: Locale): Inline {
  const item = catalogItemOn(policies, itemId, on);
  return item ? itemLabel(item, locale) : [user(itemId)];
}

/** A case id we generated (V-000012) is trusted text, kept readable and copyable; anything else is user text. */
export function caseRef(id: string): string | ReturnType<typeof user> {
  return /^V-\d{6,}$/.test(id) ? id : user(id);
}
