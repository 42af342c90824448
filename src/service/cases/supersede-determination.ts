import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { determinations, type DeterminationRow } from '../../db/schema/index.ts';
import { formatShanghai } from '../../domain/dates.ts';
import type { Notification } from '../../domain/notifications/notification.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { enqueue, notifyPerson } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import type { ApprovalCheck } from './case-judgement.ts';
import { caseView, setCase, type CaseRecord } from './case-record.ts';

export interface Supersession {
  c: CaseRecord;
  det: DeterminationRow;
  check: ApprovalCheck;
  /** Where the case goes back to for a new proposal. */
  state: CaseRecord['state'];
  actor: string;
  note: string | null;
}

/**
 * R-DETERMINE: the engine, judging at the moment of approval, decides
 * differently from what was proposed (another sanction was issued meanwhile,
 * the fiscal year turned, fees were paid), so the approval is refused. The
 * determination gets its final status `superseded` with the new decision
 * beside the old; the case goes back for a new proposal; the approvals
 * message says so with both figures, and the proposer is asked to propose
 * again. Nothing is issued. The caller commits this: a refusal is a result.
 */
export async function supersedeDetermination(tx: Tx, deps: CaseDeps, s: Supersession): Promise<void> {
  const { c, det, check } = s;
  const now = deps.clock.now();
  const decidedAt = formatShanghai(now);
  await tx
    .update(determinations)
    .set({ status: 'superseded', decidedBy: s.actor, decidedAt: now, decisionNote: s.note, rejudged: check.rejudged })
    .where(eq(determinations.id, det.id));
  await setCase(tx, c.id, { state: s.state }, now);
  await appendAudit(tx, {
    actor: s.actor, action: 'determination.superseded', subject: c.id,
    payload: {
      determinationId: det.id, purpose: det.purpose, changes: check.changes, judgedOn: check.rejudged.judgedOn,
      proposed: { finalClass: check.proposed.finalClass, amount: check.proposed.amount, terminated: check.proposed.terminated },
      rejudged: { finalClass: check.rejudged.finalClass, amount: check.rejudged.amount, terminated: check.rejudged.terminated },
    },
    at: now,
  });
  const w = { tx, clock: deps.clock, jobs: deps.jobs };
  const n: Notification = {
    kind: 'determination_superseded', case: await caseView(tx, deps.policies, c), determinationId: det.id, purpose: det.purpose,
    decidedBy: s.actor, decidedAt, proposedBy: det.proposedBy, proposed: check.proposed, rejudged: check.rejudged, changes: check.changes,
  };
  if (det.requestOutboxId) await enqueue(w, c.id, { type: 'update', outboxId: det.requestOutboxId }, n);
  await notifyPerson(w, det.proposedBy, c.id, n);
}
