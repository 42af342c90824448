import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { determinations, restrictions, sanctions } from '../../../src/db/schema/index.ts';
import type { DecisionView } from '../../../src/domain/notifications/notification.ts';
import { loadAccess } from '../../../src/service/access/actor.ts';
import { caseDetail } from '../../../src/service/cases/case-queries.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { objectToNotice, replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination, proposeObjectionAnswer } from '../../../src/service/cases/propose-determination.ts';
import { APPROVER, APPROVER2, caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, givenLedger } from '../../support/service-fixtures.ts';
import { A_LINK, addressed, auditActions, expectAuditIntact, messages, report, stateOf } from './case-steps.ts';

/** A reported case the partner accepted, so it waits for a determination (not on the fast track). */
async function acceptedCase(w: CaseWorld, itemId = 'SVC-09', occurredOn = '2026-05-20'): Promise<string> {
  const r = await report(w, { itemId, occurredOn });
  await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
  return r.caseId;
}

async function propose(w: CaseWorld, caseId: string, terminate = false) {
  return proposeDetermination(w.cases, { key: key('propose'), actor: OFFICER, caseId, established: true, terminate, reasons: 'The facts are clear' });
}

async function approve(w: CaseWorld, determinationId: number, k = key('approve')) {
  return decideDetermination(w.cases, { key: k, actor: APPROVER, determinationId, approve: true });
}

/** What the sanction row and its restrictions say, to compare with a decision. */
async function issued(w: CaseWorld, caseId: string) {
  const [s] = await w.db.select().from(sanctions).where(eq(sanctions.caseId, caseId));
  const rs = await w.db.select().from(restrictions).where(eq(restrictions.caseId, caseId)).orderBy(asc(restrictions.id));
  return { sanction: s, restrictions: rs.map((r) => ({ kind: r.kind, from: r.startsOn, until: r.endsOn, rule: r.rule })) };
}

/** The parts of a decision the approver approves (R-DETERMINE), without the dates that follow the notice day. */
function substance(d: DecisionView) {
  return {
    policyVersion: d.policyVersion, baseClass: d.baseClass, finalClass: d.finalClass, amount: d.amount, terminated: d.terminated, consumes: d.consumes,
    steps: d.steps.map((s) => ({ rule: s.rule, from_class: s.from_class, to_class: s.to_class, counted: s.counted, amount: s.amount })),
    restrictions: d.restrictions.map((r) => ({ kind: r.kind, rule: r.rule, months: r.months })),
  };
}

describeEachBackend('what is approved is issued (R-DETERMINE, R-NOTICE)', (getDb) => {
  it('service fees paid between proposal and approval change a class-1 penalty: the approval is refused with both figures, the case goes back, and the new proposal is issued exactly (R-P1)', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-05-01', 'service_fee_paid', '500000.00']]);
    const caseId = await acceptedCase(w, 'SVC-01');
    const first = await propose(w, caseId);
    expect(first.decision).toMatchObject({ finalClass: 1, amount: '150000.00', judgedOn: '2026-06-01', consumes: [] });

    // The next day a payout of CNY 100,000 is imported: 30% of 600,000 is now 180,000.
    w.clock.set('2026-06-02T10:00:00+08:00');
    await givenLedger(w, [['P1', '2026-06-02', 'service_fee_paid', '100000.00']], 'ledger-0602.csv');
    const k = key('approve');
    const refused = await approve(w, first.determinationId, k);
    expect(refused).toMatchObject({ approved: false, caseState: 'awaiting_determination', decidedAt: '2026-06-02T10:00:00+08:00' });
    expect(refused.superseded?.changes).toEqual(['amount', 'steps']);
    expect(refused.superseded?.proposed).toMatchObject({ amount: '150000.00', judgedOn: '2026-06-01' });
    expect(refused.superseded?.rejudged).toMatchObject({ amount: '180000.00', judgedOn: '2026-06-02', finalClass: 1 });

    // The refusal committed: nothing issued, the proposal superseded with the new decision beside it.
    expect(await issued(w, caseId)).toEqual({ sanction: undefined, restrictions: [] });
    const [row] = await w.db.select().from(determinations).where(eq(determinations.id, first.determinationId));
    expect(row).toMatchObject({ status: 'superseded', decidedBy: 'slack:U0APPROVER', rejudged: expect.objectContaining({ amount: '180000.00' }) });
    expect(await stateOf(w, caseId)).toBe('awaiting_determination');
    expect((await auditActions(w.db, caseId)).slice(-1)).toEqual(['determination.superseded']);
    const request = (await messages(w.db, caseId)).find((m) => m.kind === 'determination_requested')!;
    const told = (await messages(w.db, caseId)).filter((m) => m.kind === 'determination_superseded');
    expect(addressed(told)).toEqual([`determination_superseded → update #${request.id}`, 'determination_superseded → U0OFFICER']);
    expect(told[0]!.payload).toMatchObject({ proposed: { amount: '150000.00' }, rejudged: { amount: '180000.00' }, changes: ['amount', 'steps'] });

    // The same click again answers the same; another approver is told it is decided; the superseded row is immutable.
    expect(await approve(w, first.determinationId, k)).toEqual(refused);
    const late = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: APPROVER2, determinationId: first.determinationId, approve: true }));
    expect(late.code).toBe('determination.already_decided');
    expect(late.details).toMatchObject({ status: 'superseded' });
    await expect(w.db.update(determinations).set({ reasons: 'edited' }).where(eq(determinations.id, first.determinationId))).rejects.toThrow();

    // Staff's `show` lists it with the re-judged figures beside the proposed ones; the accused never sees it (R-CONFIDENTIAL).
    const staffSees = await caseDetail(w.db, await loadAccess(w.db, OFFICER), caseId);
    expect(staffSees.determinations).toEqual([expect.objectContaining({
      id: first.determinationId, status: 'superseded', decision: expect.objectContaining({ amount: '150000.00' }), rejudged: expect.objectContaining({ amount: '180000.00' }), changes: ['amount', 'steps'],
    })]);
    expect((await caseDetail(w.db, await loadAccess(w.db, P1_CONTACT), caseId)).determinations).toEqual([]);

    // Proposed again and approved the same day: the new figure, exactly.
    const second = await propose(w, caseId);
    expect(second.decision).toMatchObject({ amount: '180000.00' });
    const ok = await approve(w, second.determinationId);
    expect(ok).toMatchObject({ approved: true, caseState: 'awaiting_objection' });
    expect(ok.superseded).toBeUndefined();
    const out = await issued(w, caseId);
    expect(out.sanction).toMatchObject({ amount: '180000.00', finalClass: 1, baseClass: 1, noticeDate: '2026-06-02' });
    expect(substance((await findCase(w.db, caseId))!.decision as DecisionView)).toEqual(substance(second.decision!));
    await expectAuditIntact(w.db);
  });

  it('another sanction issued between proposal and approval changes the rank: the second is refused at CNY 5,000 and issued 2nd at CNY 10,000 (R-P2)', async () => {
    const w = await caseWorld(getDb());
    const a = await acceptedCase(w);
    const b = await acceptedCase(w);
    const pa = await propose(w, a);
    const pb = await propose(w, b);
    expect([pa.decision!.amount, pb.decision!.amount]).toEqual(['5000.00', '5000.00']);

    expect(await approve(w, pa.determinationId)).toMatchObject({ approved: true });
    const refused = await approve(w, pb.determinationId);
    expect(refused.superseded?.changes).toEqual(['amount', 'steps']);
    expect(refused.superseded?.proposed.steps.map((s) => s.counted)).toEqual([[b]]);
    expect(refused.superseded?.rejudged.steps.map((s) => s.counted)).toEqual([[a, b]]);
    expect(refused.superseded?.rejudged.amount).toBe('10000.00');
    expect((await issued(w, b)).sanction).toBeUndefined();

    const again = await propose(w, b);
    expect(await approve(w, again.determinationId)).toMatchObject({ approved: true });
    expect((await issued(w, a)).sanction).toMatchObject({ amount: '5000.00' });
    expect((await issued(w, b)).sanction).toMatchObject({ amount: '10000.00', finalClass: 2 });
  });

  it('a fiscal year turning between proposal and approval: the class-1 penalty counts the new year’s fees only, so it is refused and proposed again (R-FY, R-P1)', async () => {
    const w = await caseWorld(getDb(), '2026-03-30T04:00:00Z');
    await givenLedger(w, [['P1', '2026-03-02', 'service_fee_paid', '1000000.00']]);
    const caseId = await acceptedCase(w, 'SVC-01', '2026-03-20');
    w.clock.set('2026-03-31T16:00:00+08:00');
    const first = await propose(w, caseId);
    expect(first.decision).toMatchObject({ amount: '300000.00', judgedOn: '2026-03-31' });

    // 1 April: FY27 begins, with no service fees paid yet.
    w.clock.set('2026-04-01T09:00:00+08:00');
    const refused = await approve(w, first.determinationId);
    expect(refused.superseded?.rejudged).toMatchObject({ amount: '100000.00', judgedOn: '2026-04-01' });
    expect(refused.superseded?.rejudged.steps[0]!.reason).toContain('FY27');
    expect(refused.caseState).toBe('awaiting_determination');

    const second = await propose(w, caseId);
    await approve(w, second.determinationId);
    expect((await issued(w, caseId)).sanction).toMatchObject({ amount: '100000.00', noticeDate: '2026-04-01' });
  });

  it('an unchanged decision approved the next day is issued exactly as proposed; only the restriction dates follow the notice day (R-RESTRICT)', async () => {
    const w = await caseWorld(getDb());
    const caseId = await acceptedCase(w);
    const p = await propose(w, caseId);
    w.clock.set('2026-06-02T09:30:00+08:00');
    const d = await approve(w, p.determinationId);
    expect(d).toMatchObject({ approved: true, caseState: 'awaiting_objection' });
    expect(d.superseded).toBeUndefined();

    const out = await issued(w, caseId);
    const proposed = p.decision!;
    expect(out.sanction).toMatchObject({
      amount: proposed.amount, baseClass: proposed.baseClass, finalClass: proposed.finalClass, terminated: false,
      policyVersion: proposed.policyVersion, noticeDate: '2026-06-02', explanation: { steps: proposed.steps },
    });
    expect(out.restrictions.map((r) => r.kind)).toEqual(proposed.restrictions.map((r) => r.kind));
    expect(out.restrictions.every((r) => r.from === '2026-06-02')).toBe(true);
    const notice = (await messages(w.db, caseId)).find((m) => m.kind === 'processing_notice')!.payload as { decision: DecisionView };
    expect(substance(notice.decision)).toEqual(substance(proposed));
    expect(notice.decision.restrictions.map((r) => r.from)).toEqual(['2026-06-02', '2026-06-02', '2026-06-02']);
  });

  it('an adjusted objection answer is checked at its approval too: fees that came to light change it, so it is refused and the objection waits for a new answer (R-NOTICE)', async () => {
    const w = await caseWorld(getDb());
    const caseId = await acceptedCase(w);
    await approve(w, (await propose(w, caseId)).determinationId);
    w.clock.set('2026-06-02T10:00:00+08:00');
    await objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId, grounds: 'This is the wrong row', evidence: [A_LINK] });
    const first = await proposeObjectionAnswer(w.cases, { key: key(), actor: OFFICER, caseId, outcome: 'adjusted', itemId: 'SVC-01', reasons: 'Class 1 after all' });
    expect(first.decision).toMatchObject({ finalClass: 1, amount: '100000.00', judgedOn: '2026-06-01' });

    // A May payout is imported late: the notice day's fiscal year now has CNY 1,000,000 of fees.
    await givenLedger(w, [['P1', '2026-05-15', 'service_fee_paid', '1000000.00']]);
    const refused = await approve(w, first.determinationId);
    expect(refused).toMatchObject({ approved: false, caseState: 'objection_raised' });
    expect(refused.superseded?.rejudged).toMatchObject({ amount: '300000.00', judgedOn: '2026-06-01' });
    // The sanction first noticed stays on the record until an answer is approved.
    expect((await issued(w, caseId)).sanction).toMatchObject({ amount: '5000.00', finalClass: 2 });

    const second = await proposeObjectionAnswer(w.cases, { key: key(), actor: OFFICER, caseId, outcome: 'adjusted', itemId: 'SVC-01', reasons: 'Class 1 after all' });
    expect(await approve(w, second.determinationId)).toMatchObject({ approved: true });
    expect((await issued(w, caseId)).sanction).toMatchObject({ amount: '300000.00', finalClass: 1, itemId: 'SVC-01', noticeDate: '2026-06-01' });
    await expectAuditIntact(w.db);
  });
});
