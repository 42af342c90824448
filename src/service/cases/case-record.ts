import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { caseEvidence, cases, partners, type CaseRow } from '../../db/schema/index.ts';
import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import type { CaseState } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CaseView } from '../../domain/notifications/notification.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';

export type CaseRecord = CaseRow & { state: CaseState };

/** The case, locked for this transaction so concurrent steps take turns. */
export async function lockCase(tx: Db, caseId: string): Promise<CaseRecord> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!row) throw new DomainError('case.not_found', `No case ${caseId}.`, { caseId });
  return row as CaseRecord;
}

export async function findCase(db: Db, caseId: string): Promise<CaseRecord | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return row as CaseRecord | undefined;
}

export async function setCase(tx: Db, caseId: string, changes: Partial<CaseRow>, now: Date): Promise<void> {
  await tx.update(cases).set({ ...changes, updatedAt: now }).where(eq(cases.id, caseId));
}

/** What a message about the case shows: partner, item (both languages), facts, evidence. */
export async function caseView(db: Db, policies: readonly PolicyVersion[], c: CaseRow): Promise<CaseView> {
  const [[partner], evidence] = await Promise.all([
    db.select({ name: partners.name }).from(partners).where(eq(partners.id, c.partnerId)),
    db.select().from(caseEvidence).where(eq(caseEvidence.caseId, c.id)).orderBy(asc(caseEvidence.id)),
  ]);
  const item = findCatalogItem(policyInForce(policies, c.occurredOn).catalog, c.itemId);
  return {
    caseId: c.id,
    partnerId: c.partnerId,
    partnerName: partner?.name ?? c.partnerId,
    itemId: c.itemId,
    itemClass: item?.class ?? 3,
    itemTextZh: item?.textZh ?? '',
    itemTextEn: item?.textEn ?? '',
    occurredOn: c.occurredOn,
    facts: c.facts,
    evidence: evidence.map((e) => ({ kind: e.kind, ref: e.ref, addedBy: e.addedBy, addedAt: formatShanghai(e.addedAt) })),
  };
}
