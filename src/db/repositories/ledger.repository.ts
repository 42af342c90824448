import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { fiscalYearOf, type LocalDate } from '../../domain/dates.ts';
import { money, type Money } from '../../domain/money.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';
import type { Db } from '../database.ts';
import { ledgerEntries, sanctions, type LedgerEntryKind } from '../schema/index.ts';

export interface NewLedgerEntry {
  partnerId: string;
  entryDate: LocalDate;
  kind: LedgerEntryKind;
  /** CNY with at most 2 decimals, as text. */
  amount: string;
  /** Idempotency key: an entry whose key is already there is skipped. */
  entryKey: string;
  caseId?: string | null;
  note?: string | null;
}

const INSERT_BATCH = 10_000;

/**
 * Adds entries, skipping those whose key is already there, and returns how
 * many were new. Each batch travels as one JSON parameter: a multi-row VALUES
 * list with a parameter per cell is slow to build and bind (100,000 rows took
 * ~15 s that way, most of it in the query builder).
 */
export async function insertLedgerEntries(db: Db, entries: readonly NewLedgerEntry[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    const json = JSON.stringify(
      entries.slice(i, i + INSERT_BATCH).map((e) => ({
        partner_id: e.partnerId,
        entry_date: e.entryDate,
        kind: e.kind,
        amount: e.amount,
        entry_key: e.entryKey,
        case_id: e.caseId ?? null,
        note: e.note ?? null,
      })),
    );
    const result = await db.execute(sql`
      with added as (
        insert into ${ledgerEntries} (partner_id, entry_date, kind, amount, entry_key, case_id, note)
        select partner_id, entry_date, kind, amount, entry_key, case_id, note
        from json_to_recordset(${json}::json)
          as r(partner_id text, entry_date date, kind text, amount numeric, entry_key text, case_id text, note text)
        on conflict do nothing
        returning 1
      )
      select count(*)::int as n from added`);
    added += Number(firstRow<{ n: number }>(result)?.n ?? 0);
  }
  return added;
}

/** `execute` gives rows as an array on postgres.js and as `{ rows }` on PGlite. */
function firstRow<T>(result: unknown): T | undefined {
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  return rows?.[0] as T | undefined;
}

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
