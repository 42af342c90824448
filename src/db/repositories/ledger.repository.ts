import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { fiscalYearOf, type LocalDate } from '../../domain/dates.ts';
import { money, type Money } from '../../domain/money.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';
import type { Db } from '../database.ts';
import { firstRow } from '../rows.ts';
import { ledgerEntries, ledgerMonthTotals, sanctions, type LedgerEntryKind } from '../schema/index.ts';

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

/**
 * Balances on `on` (R-DEDUCT) and service fees paid in the fiscal year of `on`
 * up to and including it (R-P1, R-FY). Whole months come from the monthly
 * totals the database keeps; only the month of `on` is read entry by entry,
 * so the cost does not grow with the partner's history.
 */
export async function ledgerSummary(db: Db, partnerId: string, on: LocalDate): Promise<LedgerSummary> {
  const fy = fiscalYearOf(on);
  const monthStart = `${on.slice(0, 7)}-01`;
  const result = await db.execute(sql`
    with parts as (
      select kind, month as day, total as amount from ${ledgerMonthTotals}
      where partner_id = ${partnerId} and month < ${monthStart}::date
      union all
      select kind, entry_date, amount from ${ledgerEntries}
      where partner_id = ${partnerId} and entry_date >= ${monthStart}::date and entry_date <= ${on}::date
    )
    select
      coalesce(sum(amount) filter (where kind = 'deposit'), 0)::text as deposit,
      coalesce(sum(amount) filter (where kind = 'prepayment'), 0)::text as prepayment,
      coalesce(sum(amount) filter (where kind = 'service_fee_unpaid'), 0)::text as "serviceFeeUnpaid",
      coalesce(sum(amount) filter (where kind = 'service_fee_paid' and day >= ${fy.start}::date), 0)::text as "serviceFeesPaid"
    from parts`);
  const row = firstRow<{ deposit: string; prepayment: string; serviceFeeUnpaid: string; serviceFeesPaid: string }>(result);
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
