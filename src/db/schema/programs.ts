import { sql } from 'drizzle-orm';
import { check, date, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { partnerCategoryKinds } from './partner-categories.ts';
import { partners } from './partners.ts';

/** R-CAT (§2.2): a program (合作计划) sits on top of one partner category. */
export const programs = pgTable(
  'programs',
  {
    name: text('name').primaryKey(),
    category: text('category', { enum: partnerCategoryKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('programs_category_check', sql`${t.category} in ('consulting_sales', 'product_solution', 'service', 'marketplace')`)],
);

/** The programs a partner belongs to, since the day it joined. */
export const partnerPrograms = pgTable(
  'partner_programs',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    program: text('program')
      .notNull()
      .references(() => programs.name),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.program] })],
);

export type ProgramRow = typeof programs.$inferSelect;
export type PartnerProgramRow = typeof partnerPrograms.$inferSelect;
