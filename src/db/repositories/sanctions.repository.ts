import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ViolationClass } from '../../domain/catalog/catalog-item.ts';
import type { LocalDate } from '../../domain/dates.ts';
import type { PastSanction } from '../../domain/sanctions/sanction-history.ts';
import type { Db } from '../database.ts';
import { sanctions, type SanctionRow } from '../schema/index.ts';

const consumer = alias(sanctions, 'consumer');

/**
 * The partner's sanctions noticed after `since` (pass the start of the widest
 * validity window), each with the notice day of whatever consumed it.
 */
export async function sanctionHistory(db: Db, partnerId: string, since: LocalDate | null, upTo?: LocalDate): Promise<PastSanction[]> {
  const rows = await db
    .select({
      caseId: sanctions.caseId,
      noticeDate: sanctions.noticeDate,
      finalClass: sanctions.finalClass,
      consumedBy: sanctions.consumedBy,
      consumerNotice: consumer.noticeDate,
    })
    .from(sanctions)
    .leftJoin(consumer, eq(consumer.caseId, sanctions.consumedBy))
    .where(
      and(
        eq(sanctions.partnerId, partnerId),
        since ? gt(sanctions.noticeDate, since) : undefined,
        upTo ? lte(sanctions.noticeDate, upTo) : undefined,
      ),
    )
    .orderBy(sanctions.noticeDate, sanctions.caseId);
  return rows.map((r) => ({
    caseId: r.caseId,
    noticeDate: r.noticeDate,
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
