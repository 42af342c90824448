import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Notifications leave only through here: written in the same transaction as
 * the step that causes them, delivered afterwards by a worker through the
 * Notifier port, marked delivered or kept with the error.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id'),
    recipient: jsonb('recipient').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** A worker holds the row until then while it calls the chat platform (no transaction open meanwhile). */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    /** Where it landed (channel, message ts), so it can be updated later. */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('outbox_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`),
    index('outbox_case_idx').on(t.caseId),
    check('outbox_status_check', sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
