import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** R-RESTRICT (§5.5.4 – §5.5.6) and the late-payment restriction of R-LATE. */
export { restrictionKinds, type RestrictionKind } from '../../domain/restrictions/restriction.ts';
import { restrictionKinds } from '../../domain/restrictions/restriction.ts';

export const restrictions = pgTable(
  'restrictions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    caseId: text('case_id'),
    kind: text('kind', { enum: restrictionKinds }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** First day it no longer applies (half-open); null = until paid (R-LATE). */
    endsOn: date('ends_on', { mode: 'string' }),
    /** The rule id that imposed it, e.g. `R-RESTRICT`. */
    rule: text('rule').notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('restrictions_partner_starts_idx').on(t.partnerId, t.startsOn),
    check(
      'restrictions_kind_check',
      sql`${t.kind} in ('no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment')`,
    ),
  ],
);

export type RestrictionRow = typeof restrictions.$inferSelect;
export type NewRestrictionRow = typeof restrictions.$inferInsert;
