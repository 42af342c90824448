import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** R-CAT (§2.1): three partner categories plus cloud-marketplace vendors. */
export const partnerCategoryKinds = [
  'consulting_sales',
  'product_solution',
  'service',
  'marketplace',
] as const;
export type PartnerCategoryKind = (typeof partnerCategoryKinds)[number];

/** One row per category membership, each with its own level (tier). */
export const partnerCategories = pgTable(
  'partner_categories',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    category: text('category', { enum: partnerCategoryKinds }).notNull(),
    level: text('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.category] }),
    check(
      'partner_categories_category_check',
      sql`${t.category} in ('consulting_sales', 'product_solution', 'service', 'marketplace')`,
    ),
  ],
);

export type PartnerCategoryRow = typeof partnerCategories.$inferSelect;
