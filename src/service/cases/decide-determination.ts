import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseReplies, determinations, type DeterminationRow } from '../../db/schema/index.ts';
import { assertNoConflictOfInterest } from '../../domain/access/conflict-of-interest.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DecisionPart, DecisionView } from '../../domain/notifications/notification.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import { cancelDeadlines } from '../deadlines/schedule.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { rejudgeAtApproval, type ApprovalCheck } from './case-judgement.ts';
import { dismissCase } from './dismiss-case.ts';
import { issueFormalDecision } from './formal-decision.ts';
import { sendProcessingNotice } from './processing-notice.ts';
import { runCommand } from './run-command.ts';
import { supersedeDetermination } from './supersede-determination.ts';
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
  /**
   * Set when an approval was refused because the engine now decides
   * differently (R-DETERMINE): what was proposed and what it decides now.
   */
  superseded?: { proposed: DecisionView; rejudged: DecisionView; changes: DecisionPart[] };
}

/**
 * R-DETERMINE: a second person approves or rejects. The proposer can never
 * decide their own; of two approvers clicking at once exactly one wins (the
 * row lock), and the other is told who decided and when. An approval judges
 * the case again, one partner at a time; if anything differs from what was
 * proposed, the approval is refused (and that refusal commits): the
 * determination is superseded and the case goes back for a new proposal.
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
    // Decided one way or another (or superseded below), the proposal no longer waits: its reminder is moot.
    await cancelDeadlines(tx, c.id, ['approval_waiting'], now);
    // R-DETERMINE: what is approved is issued; a decision the engine would now make differently is refused.
    const check = input.approve && judgesAgain(det) ? await rejudgeAtApproval(tx, deps, c, det, now) : null;
    if (check && check.changes.length > 0) {
      const state = await stateAfterRejection(tx, c, det, now);
      await supersedeDetermination(tx, deps, { c, det, check, state, actor: access.key, note });
      return {
        determinationId: det.id, caseId: c.id, approved: false, decidedBy: access.key, decidedAt: formatShanghai(now), caseState: state,
        superseded: { proposed: check.proposed, rejudged: check.rejudged, changes: check.changes },
      };
    }
    await tx
      .update(determinations)
      .set({ status: input.approve ? 'approved' : 'rejected', decidedBy: access.key, decidedAt: now, decisionNote: note })
      .where(eq(determinations.id, det.id));
    await appendAudit(tx, {
      actor: access.key, action: `${det.purpose}.${input.approve ? 'approved' : 'rejected'}`, subject: c.id,
      payload: { determinationId: det.id, note }, at: now,
    });
    if (input.approve) {
      if (det.purpose === 'determination') await afterDeterminationApproved(tx, deps, c, det, check, access.key);
      else await afterObjectionAnswerApproved(tx, deps, c, det, check, access.key);
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

/** A proposal that issues a sanction judged by the engine: an established determination, or an adjusted objection answer. */
function judgesAgain(det: DeterminationRow): boolean {
  return det.established && det.decision !== null && (det.purpose === 'determination' || det.outcome === 'adjusted');
}

async function afterDeterminationApproved(tx: Tx, deps: CaseDeps, c: CaseRecord, det: DeterminationRow, check: ApprovalCheck | null, actor: string): Promise<void> {
  if (!det.established) return dismissCase(tx, deps, c, det.reasons, actor);
  return sendProcessingNotice(tx, deps, c, check!.proposed, actor);
}

/** Upheld: the notice stands. Adjusted: the approved sanction replaces it, or it is withdrawn if not established. */
async function afterObjectionAnswerApproved(tx: Tx, deps: CaseDeps, c: CaseRecord, det: DeterminationRow, check: ApprovalCheck | null, actor: string): Promise<void> {
  const now = deps.clock.now();
  if (det.outcome === 'adjusted' && !det.established) return dismissCase(tx, deps, c, det.reasons, actor);
  let decision = c.decision as DecisionView;
  if (det.outcome === 'adjusted' && check) {
    const itemId = check.proposed.itemId ?? c.itemId;
    await withdrawSanction(tx, c.id);
    decision = await recordSanction(tx, deps, c, { itemId, decision: check.proposed, noticeDate: c.processingNoticeDate! });
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
