import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { determinations, restrictions, sanctions } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { objectToNotice, replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeObjectionAnswer, type ObjectionAnswerInput } from '../../../src/service/cases/propose-determination.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { A_LINK, addressed, AFTER_WINDOW, auditActions, determine, expectAuditIntact, messages, report, stateOf } from './case-steps.ts';

/** A class-2 case noticed on 2026-06-01 to which the partner objects the next day (R-NOTICE). */
async function objectedCase(w: CaseWorld) {
  const r = await report(w);
  await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
  const { proposal } = await determine(w, r.caseId);
  w.clock.set('2026-06-02T10:00:00+08:00');
  const objected = await objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, grounds: 'The wrong catalog row was applied', evidence: [A_LINK] });
  expect(objected).toEqual({ caseId: r.caseId, objected: true });
  return { caseId: r.caseId, determinationId: proposal.determinationId };
}

/** Proposed by the officer; the proposer may not approve it, a second person does (R-DETERMINE reading). */
async function answer(w: CaseWorld, input: Omit<ObjectionAnswerInput, 'key' | 'actor'>) {
  const p = await proposeObjectionAnswer(w.cases, { key: key(), actor: OFFICER, ...input });
  expect(await stateOf(w, input.caseId)).toBe('objection_answer_proposed');
  const self = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: OFFICER, determinationId: p.determinationId, approve: true }));
  expect(self.code).toBe('determination.self_approval');
  const d = await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
  return { p, d };
}

describeEachBackend('an objection to the processing notice is answered with a second person’s approval (R-NOTICE, R-DECISION)', (getDb) => {
  it('upheld: the notice stands, the partner is told, and the formal decision waits for the window to close', async () => {
    const w = await caseWorld(getDb());
    const { caseId, determinationId } = await objectedCase(w);
    expect(await stateOf(w, caseId)).toBe('objection_raised');
    expect(addressed((await messages(w.db, caseId)).filter((m) => m.kind === 'objection_recorded'))).toEqual(['objection_recorded → U0OFFICER']);

    const { p, d } = await answer(w, { caseId, outcome: 'upheld', reasons: 'SVC-09 is the right row' });
    expect(p.decision).toMatchObject({ finalClass: 2, amount: '5000.00' });
    expect(d).toMatchObject({ approved: true, caseState: 'awaiting_objection' });
    const [row] = await w.db.select().from(determinations).where(eq(determinations.id, p.determinationId));
    expect(row).toMatchObject({ purpose: 'objection_answer', outcome: 'upheld', corrects: determinationId, status: 'approved', decidedBy: 'slack:U0APPROVER' });
    const answered = (await messages(w.db, caseId)).filter((m) => m.kind === 'objection_answered');
    expect(addressed(answered)).toEqual(['objection_answered → U0PARTNER1']);
    expect(answered[0]!.payload).toMatchObject({ outcome: 'upheld', reasons: 'SVC-09 is the right row', decision: { amount: '5000.00' } });

    w.clock.set(AFTER_WINDOW);
    expect((await sweepDeadlines(w.cases)).outcomes.decided).toBe(1);
    expect(await findCase(w.db, caseId)).toMatchObject({ state: 'collecting', itemId: 'SVC-09' });
    expect(await auditActions(w.db, caseId)).toEqual(expect.arrayContaining(['case.objected', 'objection_answer.proposed', 'objection_answer.approved', 'case.formal_decision']));
    await expectAuditIntact(w.db);
  });

  it('adjusted to another item after the window closed: judged afresh as if the withdrawn sanction had never been, and decided at once', async () => {
    const w = await caseWorld(getDb());
    const { caseId } = await objectedCase(w);
    // The window closes while the objection waits for its answer: nothing is decided yet.
    w.clock.set(AFTER_WINDOW);
    expect((await sweepDeadlines(w.cases)).outcomes.decided).toBeUndefined();
    expect(await stateOf(w, caseId)).toBe('objection_raised');

    const { p, d } = await answer(w, { caseId, outcome: 'adjusted', itemId: 'SVC-10', reasons: 'Row 10 describes what happened' });
    // R-P2: still the partner's 1st class-2 sanction; the one it replaces does not count against it.
    expect(p.decision).toMatchObject({ finalClass: 2, amount: '5000.00' });
    expect(d.caseState).toBe('collecting');
    expect(await findCase(w.db, caseId)).toMatchObject({ itemId: 'SVC-10', decision: expect.objectContaining({ amount: '5000.00' }) });
    expect(await w.db.select({ itemId: sanctions.itemId, amount: sanctions.amount }).from(sanctions).where(eq(sanctions.caseId, caseId))).toEqual([{ itemId: 'SVC-10', amount: '5000.00' }]);
    expect(await w.db.select({ kind: restrictions.kind }).from(restrictions).where(eq(restrictions.caseId, caseId))).toHaveLength(3);
    const formal = (await messages(w.db, caseId)).find((m) => m.kind === 'formal_decision');
    expect(formal?.payload).toMatchObject({ owed: '5000.00', decision: { amount: '5000.00' } });
  });

  it('adjusted to a class-3 item: a warning without penalty, so the formal decision closes the case', async () => {
    const w = await caseWorld(getDb());
    const { caseId } = await objectedCase(w);
    const { p } = await answer(w, { caseId, outcome: 'adjusted', itemId: 'SVC-17', reasons: 'Only a minor lapse' });
    expect(p.decision).toMatchObject({ baseClass: 3, finalClass: 3, amount: '0.00' });
    w.clock.set(AFTER_WINDOW);
    expect((await sweepDeadlines(w.cases)).outcomes.decided).toBe(1);
    expect(await findCase(w.db, caseId)).toMatchObject({ state: 'closed', itemId: 'SVC-17' });
    expect(await w.db.select({ finalClass: sanctions.finalClass, amount: sanctions.amount }).from(sanctions).where(eq(sanctions.caseId, caseId))).toEqual([{ finalClass: 3, amount: '0.00' }]);
  });

  it('adjusted to not established: the sanction and its restrictions come off the record and the case is dismissed', async () => {
    const w = await caseWorld(getDb());
    const { caseId } = await objectedCase(w);
    expect(await w.db.select().from(sanctions).where(eq(sanctions.caseId, caseId))).toHaveLength(1);
    const { p, d } = await answer(w, { caseId, outcome: 'adjusted', established: false, reasons: 'The grounds hold' });
    expect(p.decision).toBeNull();
    expect(d.caseState).toBe('dismissed');
    expect(await w.db.select().from(sanctions).where(eq(sanctions.caseId, caseId))).toEqual([]);
    expect(await w.db.select().from(restrictions).where(eq(restrictions.caseId, caseId))).toEqual([]);
    expect(addressed((await messages(w.db, caseId)).filter((m) => m.kind === 'case_dismissed'))).toEqual(['case_dismissed → U0PARTNER1']);
    w.clock.set(AFTER_WINDOW);
    expect((await sweepDeadlines(w.cases)).outcomes.decided).toBeUndefined();
    expect(await stateOf(w, caseId)).toBe('dismissed');
  });

  it('an objection needs grounds, comes only from the partner’s contacts, and only inside the window', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await determine(w, r.caseId);
    expect((await domainErrorOf(objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, grounds: '  ' }))).code).toBe('objection.grounds_empty');
    expect((await domainErrorOf(objectToNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, grounds: 'x' }))).code).toBe('access.not_partner_contact');
    w.clock.set(AFTER_WINDOW);
    expect((await domainErrorOf(objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, grounds: 'Too late?' }))).code).toBe('objection.deadline_passed');
    expect(await stateOf(w, r.caseId)).toBe('awaiting_objection');
  });
});
