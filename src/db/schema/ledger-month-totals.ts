import { date, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Per partner, kind and calendar month, the sum of `ledger_entries.amount`.
 * Kept by a database trigger on every insert (migration
 * `*_ledger_month_totals.sql`), so no writer can forget it; ledger entries
 * are append-only, so a total never has to be taken back. It lets a balance
 * on a day read a few hundred totals instead of every entry (R-DEDUCT, R-P1).
 */
export const ledgerMonthTotals = pgTable(
  'ledger_month_totals',
  {
    partnerId: text('partner_id').notNull(),
    kind: text('kind').notNull(),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    total: numeric('total', { precision: 20, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.kind, t.month] })],
);
