import { sql } from 'drizzle-orm';
import { check, date, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/**
 * §6, R-EXIT-*: a partner's exit, at most one per partner (an exited partner
 * has nothing left to end). The key of the step is (partner, kind, ends_on):
 * the same exit applied again changes nothing. `contacts` keeps who spoke for
 * the partner when its contacts lost the partner role (the rows are deleted).
 */
export const partnerExits = pgTable(
  'partner_exits',
  {
    partnerId: text('partner_id')
      .primaryKey()
      .references(() => partners.id),
    kind: text('kind', { enum: ['expiry', 'renewal', 'removal', 'voluntary'] }).notNull(),
    rule: text('rule').notNull(),
    /** The first day the partner is no longer a partner. */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    contacts: jsonb('contacts').$type<{ platform: string; userId: string }[]>().notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('partner_exits_kind_check', sql`${t.kind} in ('expiry', 'renewal', 'removal', 'voluntary')`)],
);

/** R-EXIT-VOLUNTARY: a partner's written exit application, accepted only when complete. */
export const exitApplications = pgTable(
  'exit_applications',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    requestedEndOn: date('requested_end_on', { mode: 'string' }).notNull(),
    agreementOn: date('agreement_on', { mode: 'string' }).notNull(),
    checklist: jsonb('checklist').$type<{ item: string; done: boolean }[]>().notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.appliedOn] })],
);

export type PartnerExitRow = typeof partnerExits.$inferSelect;
export type ExitApplicationRow = typeof exitApplications.$inferSelect;
