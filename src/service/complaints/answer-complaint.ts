import { and, eq, isNull, sql } from 'drizzle-orm';
import { complaints, deadlines } from '../../db/schema/index.ts';
import { complaintExistsForAnswering } from '../../domain/access/complaint-visibility.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { COMPLAINT_ANSWER_MAX, stepComplaint } from '../../domain/complaints/complaint.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey, isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { runCommand } from '../cases/run-command.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import { complaintView, lockComplaint } from './complaint-record.ts';

export interface AnswerComplaintInput {
  key: string;
  actor: Actor;
  complaintId: string;
  answer: string;
}

export interface AnswerComplaintResult {
  complaintId: string;
  state: 'answered';
  answeredAt: string;
  late: boolean;
}

/**
 * R-COMPLAINT: staff (officer) answer a complaint; the answer is audited
 * (`complaint.answered`), its reminders become moot, and the filing
 * partner's contacts are told, and the approvals message that announced it
 * is edited to say so. The row lock makes two staff answering at once one
 * answer: the second finds it answered (`complaint.closed`). The answer step
 * is staff's alone, so to anyone else (a stranger, another partner's contact,
 * the filing partner's own) it does not exist: what the Answer button says,
 * on every surface, before any word about the answer's text.
 */
export async function answerComplaint(deps: CaseDeps, input: AnswerComplaintInput): Promise<AnswerComplaintResult> {
  return runCommand(deps, { key: input.key, action: 'complaint.answer', actor: actorKey(input.actor) }, async (tx) => {
    const [access, c] = await Promise.all([loadAccess(tx, input.actor), lockComplaint(tx, input.complaintId)]);
    if (!complaintExistsForAnswering({ staff: isStaff(access), partnerIds: access.partnerIds }, c.partnerId)) {
      throw new DomainError('complaint.not_found', `No complaint with id "${input.complaintId}".`, { complaintId: input.complaintId });
    }
    requireRole(access.roles, 'complaint.answer', `<@${input.actor.userId}>`);
    const answer = input.answer.trim();
    if (answer === '') throw new DomainError('complaint.answer_empty', 'Write the answer to the complaint.', { field: 'answer' });
    if (answer.length > COMPLAINT_ANSWER_MAX) throw new DomainError('complaint.answer_too_long', `The answer is limited to ${COMPLAINT_ANSWER_MAX} characters.`, { field: 'answer' });
    const state = stepComplaint(c.state, 'answer', c.id);
    const now = deps.clock.now();
    const late = now.getTime() > c.answerDueAt.getTime();
    const w = { tx, clock: deps.clock, jobs: deps.jobs };
    await Promise.all([
      tx.update(complaints).set({ state, answer, answeredBy: access.key, closedAt: now }).where(eq(complaints.number, c.number)),
      // Its reminders and lapse are moot now.
      tx.update(deadlines).set({ doneAt: now, outcome: 'moot' }).where(and(isNull(deadlines.caseId), isNull(deadlines.doneAt), sql`${deadlines.payload}->>'complaintId' = ${c.id}`)),
      appendAudit(tx, { actor: access.key, action: 'complaint.answered', subject: c.id, payload: { partnerId: c.partnerId, late, rule: 'R-COMPLAINT' }, at: now }),
      notifyPartner(w, c.partnerId, null, { kind: 'complaint_answered', complaint: complaintView(c), answer, answeredBy: access.key }),
      // The approvals message that announced it is edited in place: answered, no button left.
      c.requestOutboxId === null
        ? undefined
        : enqueue(w, null, { type: 'update', outboxId: c.requestOutboxId }, { kind: 'complaint_closed', complaint: complaintView(c), answer, answeredBy: access.key, answeredAt: formatShanghai(now), late }),
    ]);
    return { complaintId: c.id, state: 'answered' as const, answeredAt: formatShanghai(now), late };
  });
}
