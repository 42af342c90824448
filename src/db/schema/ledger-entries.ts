import { sql } from 'drizzle-orm';
import { bigint, check, date, index, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/**
 * R-LEDGER (§7.1): back-office figures are imported, never typed in chat.
 * R-DEDUCT (§5.4.4) adds the deductions and payments that settle a penalty.
 */
export const ledgerEntryKinds = [
  'deposit',
  'prepayment',
  'service_fee_paid',
  'service_fee_unpaid',
  'penalty_deduction',
  'penalty_payment',
] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ledgerEntryKinds }).notNull(),
    /** CNY, 2 decimals; read back as a string for decimal.js (R-LATE reading). */
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    /** Idempotency key: re-importing the same file or retrying a job adds nothing. */
    entryKey: text('entry_key').notNull().unique('ledger_entries_entry_key_unique'),
    caseId: text('case_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_partner_kind_date_idx').on(t.partnerId, t.kind, t.entryDate),
    // The month of a balance day is read entry by entry (ledgerSummary), all kinds at once.
    index('ledger_entries_partner_date_idx').on(t.partnerId, t.entryDate),
    check(
      'ledger_entries_kind_check',
      sql`${t.kind} in ('deposit', 'prepayment', 'service_fee_paid', 'service_fee_unpaid', 'penalty_deduction', 'penalty_payment')`,
    ),
  ],
);

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type NewLedgerEntryRow = typeof ledgerEntries.$inferInsert;
