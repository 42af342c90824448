import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { assessmentResults, partnerCategories, type PartnerCategoryKind } from '../../db/schema/index.ts';
import { applyAssessmentResult, type AppliedAssessment, type AssessmentResult } from '../../domain/assessments/assessment-result.ts';
import type { LocalDate } from '../../domain/dates.ts';
import type { Restriction } from '../../domain/restrictions/restriction.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';
import { notifyPartner } from '../outbox/enqueue.ts';

export interface AssessmentToApply {
  partnerId: string;
  partnerName: string;
  category: PartnerCategoryKind;
  period: string;
  result: AssessmentResult;
  proposedLevel: string | null;
  levelBefore: string;
}

/** The subject an applied result is audited under: its idempotency key. */
export function assessmentKey(a: { partnerId: string; category: string; period: string }): string {
  return `${a.partnerId}/${a.category}/${a.period}`;
}

/**
 * R-ASSESS (§3.1.3): applies one result on `appliedOn` in the caller's
 * transaction: the level changes (or the membership ends), the result is
 * stored with what was done — an upgrade held back names the restrictions
 * and their `until` (R-RESTRICT) — audited like a case step, and a
 * downgrade or removal is told to every contact of the partner.
 */
export async function applyAssessment(
  tx: Tx,
  deps: { clock: Clock; jobs: JobScheduler; actor: string },
  a: AssessmentToApply,
  appliedOn: LocalDate,
  blockers: readonly Restriction[],
): Promise<AppliedAssessment> {
  const membership = and(eq(partnerCategories.partnerId, a.partnerId), eq(partnerCategories.category, a.category));
  // The level as it stands now: an earlier result in the same file may have changed it (or an upgrade was held back).
  const [held] = await tx.select({ level: partnerCategories.level }).from(partnerCategories).where(membership);
  const levelBefore = held?.level ?? a.levelBefore;
  a = { ...a, levelBefore };
  const applied = applyAssessmentResult(a.result, levelBefore, a.proposedLevel, blockers);
  const now = deps.clock.now();
  if (applied.outcome === 'removed') await tx.delete(partnerCategories).where(membership);
  else if (applied.levelAfter !== a.levelBefore) await tx.update(partnerCategories).set({ level: applied.levelAfter! }).where(membership);
  await tx.insert(assessmentResults).values({
    partnerId: a.partnerId, category: a.category, period: a.period, result: a.result, proposedLevel: a.proposedLevel,
    outcome: applied.outcome, levelBefore: a.levelBefore, levelAfter: applied.levelAfter, heldBy: applied.heldBy,
    appliedOn, actor: deps.actor, createdAt: now,
  });
  await appendAudit(tx, {
    actor: deps.actor,
    action: 'assessment.applied',
    subject: assessmentKey(a),
    payload: { result: a.result, proposedLevel: a.proposedLevel, outcome: applied.outcome, levelBefore: a.levelBefore, levelAfter: applied.levelAfter, heldBy: applied.heldBy, appliedOn, rule: 'R-ASSESS' },
    at: now,
  });
  if (applied.outcome === 'downgraded' || applied.outcome === 'removed') {
    await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, a.partnerId, null, {
      kind: 'assessment_applied', partnerId: a.partnerId, partnerName: a.partnerName, category: a.category, period: a.period,
      outcome: applied.outcome, levelBefore: a.levelBefore, levelAfter: applied.levelAfter, appliedOn,
    });
  }
  return applied;
}
