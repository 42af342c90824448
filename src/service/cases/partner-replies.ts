import { caseEvidence, caseReplies, objections } from '../../db/schema/index.ts';
import { caseStageOf, maySee, relationTo } from '../../domain/access/case-visibility.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { loadAccess, type Access, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { cancelDeadlines } from '../deadlines/schedule.ts';
import { tellStaffOfDefence } from './case-audiences.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseViewer } from './case-queries.ts';
import { caseView, findCase, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { evidenceSchema, FACTS_MAX, type EvidenceInput } from './evidence.ts';
import { runCommand } from './run-command.ts';

export interface ReplyInput {
  key: string;
  actor: Actor;
  caseId: string;
  kind: 'accept' | 'dispute';
  text?: string;
  evidence?: EvidenceInput[];
}

/**
 * Only the partner's own contacts speak for it. To whom the case does not
 * exist (R-CONFIDENTIAL: another partner's contact, a stranger, the accused
 * before the notice) it is refused as a case number never used, so the
 * refusal tells neither whom the case concerns nor that it exists.
 */
function assertContactOf(access: Access, c: CaseRecord): void {
  if (!maySee(relationTo(caseViewer(access), c), 'existence', caseStageOf(c))) throw new DomainError('case.not_found', `No case ${c.id}.`, { caseId: c.id });
  if (!access.partnerIds.includes(c.partnerId)) {
    throw new DomainError('access.not_partner_contact', `Only a contact of ${c.partnerId} can answer for it in case ${c.id}.`, { caseId: c.id });
  }
}

/**
 * R-REPLY: the partner accepts, or disputes with proof. A dispute without
 * proof is refused so the partner can add some before the deadline; silence
 * until then is no objection (recorded by the lapse job).
 */
export async function replyToNotice(deps: CaseDeps, input: ReplyInput): Promise<{ caseId: string; reply: 'accept' | 'dispute' }> {
  const access = await loadAccess(deps.db, input.actor);
  // Who may answer is said before what the answer lacks.
  const known = await findCase(deps.db, input.caseId);
  if (known) assertContactOf(access, known);
  const text = input.text?.trim() ?? '';
  const evidence = (input.evidence ?? []).map((e) => evidenceSchema.parse(e));
  if (input.kind === 'dispute') {
    if (text === '') throw new DomainError('reply.dispute_reason_empty', 'Say why the violation did not happen.', { field: 'text' });
    if (evidence.length === 0) throw new DomainError('reply.dispute_without_proof', 'A dispute needs proof (R-REPLY, §5.4.1): add a link or a file.', { field: 'evidence' });
  }
  if (text.length > FACTS_MAX) throw new DomainError('reply.too_long', `A reply is limited to ${FACTS_MAX} characters.`, { field: 'text' });
  return runCommand(deps, { key: input.key, action: 'case.reply', actor: access.key }, async (tx) => {
    const now = deps.clock.now();
    const c = await lockCase(tx, input.caseId);
    assertContactOf(access, c);
    assertCanDo(c.id, c.state, 'reply');
    if (c.replyDueAt && now > c.replyDueAt) {
      throw new DomainError('reply.deadline_passed', `The reply deadline of case ${c.id} passed at ${formatShanghai(c.replyDueAt)}.`, { caseId: c.id });
    }
    await tx.insert(caseReplies).values({ caseId: c.id, kind: input.kind, text: text || null, by: access.key, at: now });
    if (evidence.length > 0) {
      await tx.insert(caseEvidence).values(evidence.map((e) => ({ caseId: c.id, kind: e.kind, ref: e.ref, purpose: 'dispute' as const, addedBy: access.key, addedAt: now })));
    }
    await setCase(tx, c.id, { state: 'awaiting_determination' }, now);
    await cancelDeadlines(tx, c.id, ['reply_lapse', 'deadline_reminder'], now, 'replied');
    await appendAudit(tx, { actor: access.key, action: `case.reply.${input.kind}`, subject: c.id, payload: { evidence: evidence.length, text }, at: now });
    await tellStaffOfDefence({ tx, clock: deps.clock, jobs: deps.jobs }, c, {
      kind: 'reply_recorded', case: await caseView(tx, deps.policies, c), reply: input.kind, text: text || null, by: access.key,
    });
    return { caseId: c.id, reply: input.kind };
  });
}

export interface ObjectionInput {
  key: string;
  actor: Actor;
  caseId: string;
  grounds: string;
  evidence?: EvidenceInput[];
}

/** R-NOTICE: an objection to the processing notice, with grounds, inside the window. */
export async function objectToNotice(deps: CaseDeps, input: ObjectionInput): Promise<{ caseId: string; objected: true }> {
  const access = await loadAccess(deps.db, input.actor);
  const known = await findCase(deps.db, input.caseId);
  if (known) assertContactOf(access, known);
  const grounds = input.grounds.trim();
  const evidence = (input.evidence ?? []).map((e) => evidenceSchema.parse(e));
  if (grounds === '') throw new DomainError('objection.grounds_empty', 'An objection needs its grounds (R-NOTICE, §5.5.2).', { field: 'grounds' });
  if (grounds.length > FACTS_MAX) throw new DomainError('objection.too_long', `Grounds are limited to ${FACTS_MAX} characters.`, { field: 'grounds' });
  return runCommand(deps, { key: input.key, action: 'case.object', actor: access.key }, async (tx) => {
    const now = deps.clock.now();
    const c = await lockCase(tx, input.caseId);
    assertContactOf(access, c);
    assertCanDo(c.id, c.state, 'object');
    if (c.objectionDueAt && now > c.objectionDueAt) {
      throw new DomainError('objection.deadline_passed', `The objection window of case ${c.id} closed at ${formatShanghai(c.objectionDueAt)}.`, { caseId: c.id });
    }
    await tx.insert(objections).values({ caseId: c.id, grounds, by: access.key, at: now });
    if (evidence.length > 0) {
      await tx.insert(caseEvidence).values(evidence.map((e) => ({ caseId: c.id, kind: e.kind, ref: e.ref, purpose: 'objection' as const, addedBy: access.key, addedAt: now })));
    }
    await setCase(tx, c.id, { state: 'objection_raised' }, now);
    await appendAudit(tx, { actor: access.key, action: 'case.objected', subject: c.id, payload: { grounds, evidence: evidence.length }, at: now });
    await tellStaffOfDefence({ tx, clock: deps.clock, jobs: deps.jobs }, c, {
      kind: 'objection_recorded', case: await caseView(tx, deps.policies, c), grounds, by: access.key,
    });
    return { caseId: c.id, objected: true as const };
  });
}
