import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ViolationClass } from '../../domain/catalog/catalog-item.ts';
import { addDays, addMonths, type LocalDate } from '../../domain/dates.ts';
import type { PastSanction } from '../../domain/sanctions/sanction-history.ts';
import type { Db } from '../database.ts';
import { sanctions, type SanctionRow } from '../schema/index.ts';

const consumer = alias(sanctions, 'consumer');

/**
 * The partner's sanctions noticed by `upTo` that may still be valid on a day
 * on or after `validOnOrAfter` (not yet announced, or announced late enough),
 * each with the notice day of whatever consumed it. Deliberately wide: the
 * domain decides validity exactly (R-P2/R-P3, `validSanctions`).
 */
export async function sanctionHistory(
  db: Db,
  partnerId: string,
  window: { validOnOrAfter: LocalDate; validityMonths: number } | null,
  upTo?: LocalDate,
): Promise<PastSanction[]> {
  // Validity ends 12 months after the announcement, at a month's end at most 3 days later than
  // plain month arithmetic back from the day says (31st vs 28th): a week of slack is safe.
  const announcedSince = window ? addDays(addMonths(window.validOnOrAfter, -window.validityMonths), -7) : null;
  const rows = await db
    .select({
      caseId: sanctions.caseId,
      noticeDate: sanctions.noticeDate,
      announcedOn: sanctions.announcedOn,
      finalClass: sanctions.finalClass,
      consumedBy: sanctions.consumedBy,
      consumerNotice: consumer.noticeDate,
    })
    .from(sanctions)
    .leftJoin(consumer, eq(consumer.caseId, sanctions.consumedBy))
    .where(
      and(
        eq(sanctions.partnerId, partnerId),
        announcedSince ? or(isNull(sanctions.announcedOn), gte(sanctions.announcedOn, announcedSince)) : undefined,
        upTo ? lte(sanctions.noticeDate, upTo) : undefined,
      ),
    )
    .orderBy(sanctions.noticeDate, sanctions.caseId);
  return rows.map((r) => ({
    caseId: r.caseId,
    noticeDate: r.noticeDate,
    announcedOn: r.announcedOn,
    finalClass: r.finalClass as ViolationClass,
    consumedBy: r.consumedBy && r.consumerNotice ? { caseId: r.consumedBy, noticeDate: r.consumerNotice } : null,
  }));
}

export async function sanctionsOfPartner(db: Db, partnerId: string): Promise<SanctionRow[]> {
  return db.select().from(sanctions).where(eq(sanctions.partnerId, partnerId)).orderBy(sanctions.noticeDate, sanctions.caseId);
}

export async function findSanctions(db: Db, caseIds: string[]): Promise<SanctionRow[]> {
  if (caseIds.length === 0) return [];
  return db.select().from(sanctions).where(sql`${sanctions.caseId} in ${caseIds}`);
}

/** The latest notice day of a sanction this bot issued: imported history may not go before it. */
export async function latestCaseNotice(db: Db, partnerId: string): Promise<LocalDate | null> {
  const [row] = await db
    .select({ latest: sql<string | null>`max(${sanctions.noticeDate})::text` })
    .from(sanctions)
    .where(and(eq(sanctions.partnerId, partnerId), eq(sanctions.source, 'case')));
  return row?.latest ?? null;
}

/** The partner's sanction with the latest notice day (the last by case id on that day), of any source. */
export async function latestSanction(db: Db, partnerId: string): Promise<{ caseId: string; noticeDate: LocalDate } | null> {
  const [row] = await db
    .select({ caseId: sanctions.caseId, noticeDate: sanctions.noticeDate })
    .from(sanctions)
    .where(eq(sanctions.partnerId, partnerId))
    .orderBy(desc(sanctions.noticeDate), desc(sanctions.caseId))
    .limit(1);
  return row ?? null;
}
