import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { fiscalYearOf, type LocalDate } from '../../domain/dates.ts';
import { money, type Money } from '../../domain/money.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';
import type { Db } from '../database.ts';
import { ledgerEntries, sanctions } from '../schema/index.ts';

/**
 * One indexed pass over the partner's ledger: balances on `on` (R-DEDUCT) and
 * service fees paid in the fiscal year of `on` up to and including it (R-P1, R-FY).
 */
export async function ledgerSummary(db: Db, partnerId: string, on: LocalDate): Promise<LedgerSummary> {
  const fy = fiscalYearOf(on);
  const sumOf = (kind: string) =>
    sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = ${kind}), 0)::text`;
  const [row] = await db
    .select({
      deposit: sumOf('deposit'),
      prepayment: sumOf('prepayment'),
      serviceFeeUnpaid: sumOf('service_fee_unpaid'),
      serviceFeesPaid: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = 'service_fee_paid' and ${ledgerEntries.entryDate} >= ${fy.start}), 0)::text`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.partnerId, partnerId), sql`${ledgerEntries.entryDate} <= ${on}`));
  return {
    deposit: money(row?.deposit ?? '0'),
    prepayment: money(row?.prepayment ?? '0'),
    serviceFeeUnpaid: money(row?.serviceFeeUnpaid ?? '0'),
    serviceFeesPaidThisFiscalYear: money(row?.serviceFeesPaid ?? '0'),
  };
}

export interface PenaltyAccount {
  caseId: string;
  noticeDate: LocalDate;
  amount: Money;
  /** Taken from deposit, prepayments and unpaid fees (R-DEDUCT). */
  deducted: Money;
  payments: { date: LocalDate; amount: Money }[];
}

/**
 * Penalties of sanctions this bot issued (imported history is settled
 * elsewhere), with what was deducted and paid up to `on`. A deduction is a
 * negative entry on its source kind carrying the case id; a payment is a
 * `penalty_payment` entry.
 */
export async function penaltyAccounts(db: Db, partnerId: string, on: LocalDate): Promise<PenaltyAccount[]> {
  const cases = await db
    .select({ caseId: sanctions.caseId, noticeDate: sanctions.noticeDate, amount: sanctions.amount })
    .from(sanctions)
    .where(and(eq(sanctions.partnerId, partnerId), eq(sanctions.source, 'case'), lte(sanctions.noticeDate, on), sql`${sanctions.amount} > 0`))
    .orderBy(sanctions.noticeDate);
  if (cases.length === 0) return [];
  const entries = await db
    .select({ caseId: ledgerEntries.caseId, kind: ledgerEntries.kind, date: ledgerEntries.entryDate, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.partnerId, partnerId), isNotNull(ledgerEntries.caseId), lte(ledgerEntries.entryDate, on)))
    .orderBy(ledgerEntries.entryDate, ledgerEntries.id);
  return cases.map((c) => {
    const mine = entries.filter((e) => e.caseId === c.caseId);
    return {
      caseId: c.caseId,
      noticeDate: c.noticeDate,
      amount: money(c.amount),
      deducted: mine.filter((e) => e.kind !== 'penalty_payment').reduce((s, e) => s.minus(e.amount), money(0)),
      payments: mine.filter((e) => e.kind === 'penalty_payment').map((e) => ({ date: e.date, amount: money(e.amount) })),
    };
  });
}
