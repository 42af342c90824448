import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/**
 * R-COMPLAINT (§7.2): a partner's complaint against the vendor, recorded and
 * answered like a case but without sanctions. Its id is `C-` and the number,
 * six digits (complaintIdOf). One row per idempotency key: filing again with
 * the same key returns this row.
 */
export const complaints = pgTable(
  'complaints',
  {
    number: bigint('number', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull().unique('complaints_key_unique'),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    filedBy: text('filed_by').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** Links the partner gave, as written (https URLs). */
    evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
    state: text('state', { enum: ['filed', 'answered', 'withdrawn'] }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true, mode: 'date' }).notNull(),
    answerDueAt: timestamp('answer_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    answerDueProvisional: boolean('answer_due_provisional').notNull().default(false),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** The approvals-channel message that announced it (outbox id): edited in place once answered. */
    requestOutboxId: bigint('request_outbox_id', { mode: 'number' }),
  },
  (t) => [
    index('complaints_partner_idx').on(t.partnerId),
    check('complaints_state_check', sql`${t.state} in ('filed', 'answered', 'withdrawn')`),
    check('complaints_answered_check', sql`(${t.state} = 'answered') = (${t.answer} is not null)`),
  ],
);

export type ComplaintRow = typeof complaints.$inferSelect;
