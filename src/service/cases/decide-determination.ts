import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseReplies, determinations, type DeterminationRow } from '../../db/schema/index.ts';
import { assertNoConflictOfInterest } from '../../domain/access/conflict-of-interest.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { dismissCase } from './dismiss-case.ts';
import { issueFormalDecision } from './formal-decision.ts';
import { sendProcessingNotice } from './processing-notice.ts';
import { runCommand } from './run-command.ts';
import { decisionView } from '../rules/decision-json.ts';
import { recordSanction, withdrawSanction } from './sanction-record.ts';

export interface DecideInput {
  key: string;
  actor: Actor;
  determinationId: number;
  approve: boolean;
  note?: string;
}

export interface DecideResult {
  determinationId: number;
  caseId: string;
  approved: boolean;
  decidedBy: string;
  decidedAt: string;
  caseState: string;
}

/**
 * R-DETERMINE: a second person approves or rejects. The proposer can never
 * decide their own; of two approvers clicking at once exactly one wins (the
 * row lock), and the other is told who decided and when.
 */
export async function decideDetermination(deps: CaseDeps, input: DecideInput): Promise<DecideResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'determination.decide', `<@${input.actor.userId}>`);
  return runCommand(deps, { key: input.key, action: 'determination.decide', actor: access.key }, async (tx) => {
    const now = deps.clock.now();
    const [det] = await tx.select().from(determinations).where(eq(determinations.id, input.determinationId)).for('update');
    if (!det) throw new DomainError('determination.not_found', `No determination ${input.determinationId}.`);
    if (det.status !== 'proposed') {
      throw new DomainError('determination.already_decided', `Already ${det.status} by ${det.decidedBy} at ${formatShanghai(det.decidedAt!)}.`, {
        status: det.status, decidedBy: det.decidedBy, decidedAt: formatShanghai(det.decidedAt!),
      });
    }
    if (det.proposedBy === access.key) {
      throw new DomainError('determination.self_approval', 'You proposed this determination; another approver must decide it (R-DETERMINE).');
    }
    const c = await lockCase(tx, det.caseId);
    assertNoConflictOfInterest(access, c, det.proposedBy);
    assertCanDo(c.id, c.state, det.purpose === 'determination' ? 'decide_determination' : 'decide_objection_answer');
    const note = input.note?.trim() || null;
    await tx
      .update(determinations)
      .set({ status: input.approve ? 'approved' : 'rejected', decidedBy: access.key, decidedAt: now, decisionNote: note })
      .where(eq(determinations.id, det.id));
    await appendAudit(tx, {
      actor: access.key, action: `${det.purpose}.${input.approve ? 'approved' : 'rejected'}`, subject: c.id,
      payload: { determinationId: det.id, note }, at: now,
    });
    if (input.approve) {
      if (det.purpose === 'determination') await afterDeterminationApproved(tx, deps, c, det, access.key);
      else await afterObjectionAnswerApproved(tx, deps, c, det, access.key);
    } else {
      await setCase(tx, c.id, { state: await stateAfterRejection(tx, c, det, now) }, now);
    }
    const after = await lockCase(tx, c.id);
    if (det.requestOutboxId) {
      await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, c.id, { type: 'update', outboxId: det.requestOutboxId }, {
        kind: 'determination_decided', case: await caseView(tx, deps.policies, c), determinationId: det.id, approved: input.approve,
        decidedBy: access.key, decidedAt: formatShanghai(now), note, proposedBy: det.proposedBy,
        decision: (after.decision as DecisionView | null) ?? (det.decision as DecisionView | null), established: det.established,
      });
    }
    return { determinationId: det.id, caseId: c.id, approved: input.approve, decidedBy: access.key, decidedAt: formatShanghai(now), caseState: after.state };
  });
}

async function afterDeterminationApproved(tx: Tx, deps: CaseDeps, c: CaseRecord, det: DeterminationRow, actor: string): Promise<void> {
  if (!det.established) return dismissCase(tx, deps, c, det.reasons, actor);
  return sendProcessingNotice(tx, deps, c, det.terminate, actor);
}

/** Upheld: the notice stands. Adjusted: the sanction is recomputed, or withdrawn if not established. */
async function afterObjectionAnswerApproved(tx: Tx, deps: CaseDeps, c: CaseRecord, det: DeterminationRow, actor: string): Promise<void> {
  const now = deps.clock.now();
  if (det.outcome === 'adjusted' && !det.established) return dismissCase(tx, deps, c, det.reasons, actor);
  let decision = c.decision as DecisionView;
  if (det.outcome === 'adjusted') {
    const itemId = (det.decision as { itemId?: string } | null)?.itemId ?? c.itemId;
    await withdrawSanction(tx, c.id);
    decision = decisionView(await recordSanction(tx, deps, c, { itemId, noticeDate: c.processingNoticeDate!, terminate: det.terminate }));
    await setCase(tx, c.id, { itemId, decision }, now);
  }
  await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, c.partnerId, c.id, {
    kind: 'objection_answered', case: await caseView(tx, deps.policies, c), outcome: det.outcome ?? 'upheld', reasons: det.reasons, decision,
  });
  // R-DECISION: the formal decision waits for the window to close as well as for the answer.
  if (c.objectionDueAt && now > c.objectionDueAt) {
    await setCase(tx, c.id, { state: 'awaiting_objection' }, now);
    await issueFormalDecision(tx, deps, await lockCase(tx, c.id), actor);
  } else {
    await setCase(tx, c.id, { state: 'awaiting_objection' }, now);
  }
}

async function stateAfterRejection(tx: Tx, c: CaseRecord, det: DeterminationRow, now: Date): Promise<CaseRecord['state']> {
  if (det.purpose === 'objection_answer') return 'objection_raised';
  if (!det.fastTrack) return 'awaiting_determination';
  const replies = await tx.select({ id: caseReplies.id }).from(caseReplies).where(and(eq(caseReplies.caseId, c.id)));
  // Back to waiting for the reply if its window is still open; a lapse that fell due meanwhile is recorded then.
  if (replies.length === 0 && c.replyDueAt && now <= c.replyDueAt) return 'awaiting_reply';
  if (replies.length === 0) await tx.insert(caseReplies).values({ caseId: c.id, kind: 'lapse', text: null, by: null, at: now });
  return 'awaiting_determination';
}
