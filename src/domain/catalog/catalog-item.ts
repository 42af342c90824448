/**
 * One row of the violation catalog (§5.3.3 – §5.3.5, RULES.md §2). Class 1 is
 * the most serious, class 3 the least (§5.3.2.1).
 */
export type ViolationClass = 1 | 2 | 3;

/** The three catalog tables: §5.3.3 service, §5.3.4 marketing, §5.3.5 other. */
export type CatalogCategory = 'service' | 'marketing' | 'other';

export interface CatalogItem {
  /** Stable id (`SVC-01`, `MKT-15`, `OTH-25`); cases and sanctions refer to it. */
  id: string;
  section: '5.3.3' | '5.3.4' | '5.3.5';
  /** 1-based row within its section's table, in the seed's order. */
  row: number;
  category: CatalogCategory;
  class: ViolationClass;
  /** The policy's description cell, verbatim; this is the binding wording. */
  textZh: string;
  /** Our English rendering, for readers only; never the binding wording. */
  textEn: string;
}
