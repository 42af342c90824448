import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { policyVersions } from './policy-versions.ts';

/** The violation catalog (§5.3.3 – §5.3.5) of one policy version; ids like `SVC-01`. */
export const catalogItems = pgTable(
  'catalog_items',
  {
    policyVersion: text('policy_version')
      .notNull()
      .references(() => policyVersions.id),
    id: text('id').notNull(),
    section: text('section').notNull(),
    row: integer('row').notNull(),
    category: text('category').notNull(),
    class: smallint('class').notNull(),
    /** The seed's Chinese text, verbatim. */
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.policyVersion, t.id] }),
    check('catalog_items_class_check', sql`${t.class} between 1 and 3`),
  ],
);

export type CatalogItemRow = typeof catalogItems.$inferSelect;
