import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { determinations } from '../../db/schema/index.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { approvalWaitingAt } from '../../domain/cases/reminders.ts';
import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { loadAccess, type Access, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { scheduleDeadline } from '../deadlines/schedule.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { judgeCase, judgementDay } from './case-judgement.ts';
import { caseView, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { runCommand } from './run-command.ts';

export interface ProposeInput {
  key: string;
  actor: Actor;
  caseId: string;
  established: boolean;
  /** Class 1 only (R-P1): the determiner decides whether to end the partnership. */
  terminate: boolean;
  reasons: string;
}

export interface ProposeResult {
  caseId: string;
  determinationId: number;
  fastTrack: boolean;
  decision: DecisionView | null;
}

/**
 * R-DETERMINE: staff propose, a second person approves. Before the reply
 * window ends this is the fast track for clear facts, and says so.
 */
export async function proposeDetermination(deps: CaseDeps, input: ProposeInput): Promise<ProposeResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'determination.propose', `<@${input.actor.userId}>`);
  const reasons = requireReasons(input.reasons);
  return runCommand(deps, { key: input.key, action: 'determination.propose', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    assertCanDo(c.id, c.state, 'propose_determination');
    const fastTrack = c.state === 'awaiting_reply';
    const decision = input.established ? await proposedDecision(tx, deps, c, c.itemId, input.terminate, 'determination') : null;
    const id = await insertProposal(tx, deps, access, c, {
      purpose: 'determination', established: input.established, terminate: input.terminate && input.established, fastTrack, reasons, decision, outcome: null, corrects: null,
    });
    return { caseId: c.id, determinationId: id, fastTrack, decision };
  });
}

export interface ObjectionAnswerInput {
  key: string;
  actor: Actor;
  caseId: string;
  outcome: 'upheld' | 'adjusted';
  reasons: string;
  /** For an adjustment: the violation is not established after all, or another catalog item applies. */
  established?: boolean;
  itemId?: string;
  terminate?: boolean;
}

/** R-NOTICE: staff answer an objection, upheld or adjusted, again for a second person's approval. */
export async function proposeObjectionAnswer(deps: CaseDeps, input: ObjectionAnswerInput): Promise<ProposeResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'objection.answer', `<@${input.actor.userId}>`);
  const reasons = requireReasons(input.reasons);
  return runCommand(deps, { key: input.key, action: 'objection.answer.propose', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    assertCanDo(c.id, c.state, 'propose_objection_answer');
    const [approved] = await tx
      .select()
      .from(determinations)
      .where(and(eq(determinations.caseId, c.id), eq(determinations.status, 'approved')))
      .orderBy(desc(determinations.id))
      .limit(1);
    const adjusted = input.outcome === 'adjusted';
    const established = adjusted ? (input.established ?? true) : true;
    const terminate = adjusted ? (input.terminate ?? false) : approved!.terminate;
    const itemId = adjusted && input.itemId ? input.itemId.toUpperCase() : c.itemId;
    if (!findCatalogItem(policyInForce(deps.policies, c.occurredOn).catalog, itemId)) {
      throw new DomainError('catalog.unknown_item', `No catalog item "${itemId}".`, { field: 'item' });
    }
    const decision = !adjusted
      ? (c.decision as DecisionView)
      : established
        ? await proposedDecision(tx, deps, c, itemId, terminate, 'objection_answer')
        : null;
    const id = await insertProposal(tx, deps, access, c, {
      purpose: 'objection_answer', established, terminate, fastTrack: false, reasons, decision, outcome: input.outcome, corrects: approved?.id ?? null, itemId,
    });
    return { caseId: c.id, determinationId: id, fastTrack: false, decision };
  });
}

function requireReasons(text: string): string {
  const reasons = text.trim();
  if (reasons === '') throw new DomainError('determination.reasons_empty', 'Give the reasons for the determination.', { field: 'reasons' });
  if (reasons.length > 2500) throw new DomainError('determination.reasons_too_long', 'Reasons are limited to 2500 characters.', { field: 'reasons' });
  return reasons;
}

/**
 * What the engine would decide if approved today (a determination is judged on
 * its approval day, R-P2) or on the processing-notice day (an objection
 * answer); stored with the proposal and checked again at the approval.
 */
async function proposedDecision(tx: Tx, deps: CaseDeps, c: CaseRecord, itemId: string, terminate: boolean, purpose: Proposal['purpose']): Promise<DecisionView> {
  const decision = await judgeCase(tx, deps, c, { itemId, terminate, on: judgementDay(c, purpose, deps.clock.now()) });
  if (terminate && decision.finalClass !== 1) {
    throw new DomainError('determination.terminate_not_class1', `Only a class-1 sanction can end the partnership (R-P1); this one is class ${decision.finalClass}.`, { field: 'terminate' });
  }
  return decision;
}

interface Proposal {
  purpose: 'determination' | 'objection_answer';
  established: boolean;
  terminate: boolean;
  fastTrack: boolean;
  reasons: string;
  decision: DecisionView | null;
  outcome: 'upheld' | 'adjusted' | null;
  corrects: number | null;
  itemId?: string;
}

async function insertProposal(tx: Tx, deps: CaseDeps, access: Access, c: CaseRecord, p: Proposal): Promise<number> {
  const now = deps.clock.now();
  const [row] = await tx
    .insert(determinations)
    .values({
      caseId: c.id, purpose: p.purpose, proposedBy: access.key, proposedAt: now, established: p.established, terminate: p.terminate,
      fastTrack: p.fastTrack, outcome: p.outcome, reasons: p.reasons, decision: p.decision ? { ...p.decision, itemId: p.itemId ?? c.itemId } : null,
      corrects: p.corrects, status: 'proposed',
    })
    .returning({ id: determinations.id });
  const id = row!.id;
  await setCase(tx, c.id, { state: p.purpose === 'determination' ? 'determination_proposed' : 'objection_answer_proposed' }, now);
  const outboxId = await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, c.id, { type: 'channel', channel: 'approvals' }, {
    kind: 'determination_requested', case: await caseView(tx, deps.policies, c), determinationId: id, purpose: p.purpose, proposedBy: access.key,
    established: p.established, terminate: p.terminate, fastTrack: p.fastTrack, reasons: p.reasons, decision: p.decision,
  });
  await tx.update(determinations).set({ requestOutboxId: outboxId }).where(eq(determinations.id, id));
  const calendar = await deps.calendar.get(tx);
  await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'approval_waiting', dueAt: approvalWaitingAt(calendar, now), payload: { determinationId: id } });
  await appendAudit(tx, {
    actor: access.key, action: `${p.purpose}.proposed`, subject: c.id,
    payload: { determinationId: id, established: p.established, terminate: p.terminate, fastTrack: p.fastTrack, outcome: p.outcome, corrects: p.corrects, reasons: p.reasons, at: formatShanghai(now) },
    at: now,
  });
  return id;
}
