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

/** What messages about a case show of it, and what its notice needs. */
export type CaseFacts = Pick<CaseRow, 'id' | 'partnerId' | 'itemId' | 'occurredOn' | 'facts' | 'suspended' | 'reporterPartnerId'>;

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

export interface EvidenceSeen {
  kind: 'link' | 'file';
  ref: string;
  purpose: 'report' | 'dispute' | 'objection';
  addedBy: string;
  addedAt: Date;
}

/**
 * What a message about the case shows: partner, item (both languages), facts,
 * evidence, in full; the outbox writers cut it down to what each reader may see
 * (R-CONFIDENTIAL, `caseViewFor`).
 */
export async function caseView(db: Db, policies: readonly PolicyVersion[], c: CaseRow): Promise<CaseView> {
  // One statement: the partner's name, and each piece of evidence (none: one row of nulls).
  const rows = await db
    .select({ name: partners.name, kind: caseEvidence.kind, ref: caseEvidence.ref, purpose: caseEvidence.purpose, addedBy: caseEvidence.addedBy, addedAt: caseEvidence.addedAt })
    .from(partners)
    .leftJoin(caseEvidence, eq(caseEvidence.caseId, c.id))
    .where(eq(partners.id, c.partnerId))
    .orderBy(asc(caseEvidence.id));
  const evidence = rows.flatMap((r) => (r.kind && r.ref && r.purpose && r.addedBy && r.addedAt ? [{ kind: r.kind, ref: r.ref, purpose: r.purpose, addedBy: r.addedBy, addedAt: r.addedAt }] : []));
  return caseViewOf(policies, c, rows[0]?.name ?? c.partnerId, evidence);
}

/** The same view from what the caller already holds (a step that has just written the case). */
export function caseViewOf(policies: readonly PolicyVersion[], c: CaseFacts, partnerName: string, evidence: readonly EvidenceSeen[]): CaseView {
  const item = findCatalogItem(policyInForce(policies, c.occurredOn).catalog, c.itemId);
  return {
    caseId: c.id,
    partnerId: c.partnerId,
    partnerName,
    itemId: c.itemId,
    itemClass: item?.class ?? 3,
    itemTextZh: item?.textZh ?? '',
    itemTextEn: item?.textEn ?? '',
    occurredOn: c.occurredOn,
    facts: c.facts,
    evidence: evidence.map((e) => ({ kind: e.kind, ref: e.ref, purpose: e.purpose, addedBy: e.addedBy, addedAt: formatShanghai(e.addedAt) })),
    reportedByPartner: c.reporterPartnerId !== null,
  };
}
