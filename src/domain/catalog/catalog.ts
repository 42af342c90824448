import type { CatalogCategory, CatalogItem, ViolationClass } from './catalog-item.ts';

/** Looks an item up by its stable id (`SVC-01` …); ids are case-sensitive. */
export function findCatalogItem(catalog: readonly CatalogItem[], id: string): CatalogItem | undefined {
  return catalog.find((item) => item.id === id);
}

/** The policy's table order (§5.3.3, §5.3.4, §5.3.5), used wherever the catalog is listed. */
export const CATALOG_CATEGORIES: readonly CatalogCategory[] = ['service', 'marketing', 'other'];

export interface CatalogGroup {
  category: CatalogCategory;
  items: readonly CatalogItem[];
}

/**
 * Groups items by table, in the policy's table order, keeping each item's
 * order within its table. Every category appears, even if empty, so a picker
 * shows the same three headings for every policy version.
 */
export function catalogByCategory(catalog: readonly CatalogItem[]): CatalogGroup[] {
  return CATALOG_CATEGORIES.map((category) => ({
    category,
    items: catalog.filter((item) => item.category === category),
  }));
}

const CLASS_LABELS: Record<'zh-CN' | 'en', Record<ViolationClass, string>> = {
  // The policy's own words for the three classes (§5.3.2.1).
  'zh-CN': { 1: '一类', 2: '二类', 3: '三类' },
  en: { 1: 'Class 1', 2: 'Class 2', 3: 'Class 3' },
};

/** "一类" / "Class 1": how a violation class is shown to people. */
export function classLabel(c: ViolationClass, locale: 'zh-CN' | 'en'): string {
  return CLASS_LABELS[locale][c];
}
