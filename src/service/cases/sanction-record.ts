import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { insertRestrictions } from '../../db/repositories/restrictions.repository.ts';
import { restrictions, sanctions } from '../../db/schema/index.ts';
import type { LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import { sanctionRestrictions } from '../../domain/restrictions/restriction.ts';
import { restrictionsToJson } from '../rules/decision-json.ts';
import type { CaseDeps } from './case-deps.ts';
import type { CaseRecord } from './case-record.ts';

/**
 * R-NOTICE: the approved decision takes its place on the partner's record on
 * the processing-notice day, so later cases rank against it (R-P2/R-P3), with
 * its cascade consumption and restrictions (R-RESTRICT). It is written as
 * approved, never judged again here (R-DETERMINE: what is approved is issued);
 * only the restrictions' dates follow from the notice day. Returns the
 * decision as issued.
 */
export async function recordSanction(
  tx: Tx,
  deps: CaseDeps,
  c: CaseRecord,
  opts: { itemId: string; decision: DecisionView; noticeDate: LocalDate },
): Promise<DecisionView> {
  const d = opts.decision;
  const params = policyVersion(deps.policies, d.policyVersion).params;
  const inForce = sanctionRestrictions(d.finalClass, d.terminated, opts.noticeDate, params);
  const issued: DecisionView = {
    ...d,
    restrictions: restrictionsToJson(inForce).map((r) => ({ ...r, months: params.restrictionMonths[d.finalClass] })),
  };
  await tx.insert(sanctions).values({
    caseId: c.id, partnerId: c.partnerId, itemId: opts.itemId, policyVersion: d.policyVersion, occurredOn: c.occurredOn,
    noticeDate: opts.noticeDate, baseClass: d.baseClass, finalClass: d.finalClass, terminated: d.terminated,
    amount: d.amount, explanation: { steps: d.steps, notes: [...d.notes, d.policyNote], readings: d.readings ?? [] }, source: 'case',
  });
  if (d.consumes.length > 0) await tx.update(sanctions).set({ consumedBy: c.id }).where(inArray(sanctions.caseId, d.consumes));
  await insertRestrictions(tx, c.partnerId, c.id, inForce);
  return issued;
}

function policyVersion(policies: readonly PolicyVersion[], id: string): PolicyVersion {
  const found = policies.find((p) => p.id === id);
  if (!found) throw new DomainError('policy.unknown_version', `No policy version "${id}" is loaded.`);
  return found;
}

/** Before the formal decision a sanction can still be adjusted: take it off the record entirely. */
export async function withdrawSanction(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(restrictions).where(eq(restrictions.caseId, caseId));
  await tx.update(sanctions).set({ consumedBy: null }).where(eq(sanctions.consumedBy, caseId));
  await tx.delete(sanctions).where(eq(sanctions.caseId, caseId));
}
