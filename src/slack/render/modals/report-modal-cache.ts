import type { CatalogItem } from '../../../domain/catalog/catalog-item.ts';
import { translator, type Locale } from '../../../messages/i18n.ts';
import { reportModal, type ReportModalInput } from './report-modal.ts';

/**
 * The report modal as the JSON string views.open sends, built once per
 * catalog, language, day and kind of reporter. It shows no one's data: only
 * the catalog of the policy in force (immutable once loaded), the texts of a
 * language, the day's date and whether the reporter is staff. Under load,
 * building its 58 options anew and having the Web API client walk and
 * stringify them again was most of the bot's own work per `/violation report`
 * (issue 10). The cache hangs off the catalog array itself, so a policy
 * loaded later gets its own entries and a dropped one takes its entries along.
 */
const byCatalog = new WeakMap<readonly CatalogItem[], Map<string, string>>();

/** Language × staff or partner × a day or two around midnight: a handful; the oldest goes first. */
const MAX_PER_CATALOG = 16;

export function reportModalJson(locale: Locale, m: ReportModalInput): string {
  let rendered = byCatalog.get(m.catalog);
  if (!rendered) byCatalog.set(m.catalog, (rendered = new Map()));
  const key = `${locale}\u0000${m.asStaff ? 'staff' : 'partner'}\u0000${m.today}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const json = JSON.stringify(reportModal({ t: translator(locale), locale }, m));
  rendered.set(key, json);
  while (rendered.size > MAX_PER_CATALOG) rendered.delete(rendered.keys().next().value!);
  return json;
}
