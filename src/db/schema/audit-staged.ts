import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Audit events of a transaction not yet committed: each is its canonical JSON.
 * A deferred trigger (migration `*_record_step.sql`) links each one into
 * `audit_events` as the transaction commits and removes it, so the table is
 * empty outside a transaction in flight.
 */
export const auditStaged = pgTable('audit_staged', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  content: text('content').notNull(),
});
