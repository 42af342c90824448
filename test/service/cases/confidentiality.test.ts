import { expect, it } from 'vitest';
import { loadAccess } from '../../../src/service/access/actor.ts';
import { caseDetail, listCases } from '../../../src/service/cases/case-queries.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { caseWorld, key, OFFICER, P1_CONTACT, STRANGER, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { A_LINK, addressed, closeObjectionWindow, determine, givenOtherPartner, messages, P2_CONTACT, report } from './case-steps.ts';

/** P2 reports P1, staff take it up, P1 disputes with proof. */
async function disputedPartnerReport(w: CaseWorld): Promise<string> {
  await givenOtherPartner(w);
  const { caseId } = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
  await sendNotice(w.cases, { key: key(), actor: OFFICER, caseId });
  await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId, kind: 'dispute', text: 'Our defence', evidence: [{ kind: 'link', ref: 'https://example.com/defence' }] });
  return caseId;
}

describeEachBackend('who sees what of a case (R-CONFIDENTIAL)', (getDb) => {
  it('the defence goes to the approvals channel, not to the reporting partner; the reporter sees only the report and that it was taken up', async () => {
    const w = await caseWorld(getDb());
    const caseId = await disputedPartnerReport(w);
    const sent = await messages(w.db, caseId);
    expect(addressed(sent.filter((m) => m.kind === 'reply_recorded'))).toEqual(['reply_recorded → #approvals']);
    expect(sent.filter((m) => m.recipient.type === 'user' && m.recipient.userId === 'U0PARTNER2').map((m) => m.kind)).toEqual(['report_screened']);

    const seen = await caseDetail(w.db, await loadAccess(w.db, P2_CONTACT), caseId);
    expect(seen.relation).toBe('reporter');
    expect(seen.case).toMatchObject({ state: 'taken_up', facts: 'Tickets left unanswered for a week', replyDueAt: null, suspended: null, decision: null });
    expect(seen.evidence.map((e) => e.purpose)).toEqual(['report']);
    expect([seen.replies, seen.determinations, seen.objections, seen.openDeadlines, seen.messages, seen.acts]).toEqual([[], [], [], [], [], []]);
    const listed = await listCases(w.db, await loadAccess(w.db, P2_CONTACT), { kind: 'all' });
    expect(listed.rows.map((r) => [r.id, r.state, r.replyDueAt])).toEqual([[caseId, 'taken_up', null]]);
  });

  it('the accused sees its own reply and the report’s facts and evidence, but not who reported nor the proposals', async () => {
    const w = await caseWorld(getDb());
    const caseId = await disputedPartnerReport(w);
    const accused = await loadAccess(w.db, P1_CONTACT);
    const seen = await caseDetail(w.db, accused, caseId);
    expect(seen.relation).toBe('accused');
    expect(seen.case.reportedBy).toBeNull();
    expect(seen.evidence.map((e) => [e.purpose, e.addedBy])).toEqual([['report', null], ['dispute', 'slack:U0PARTNER1']]);
    expect(seen.replies.map((r) => r.text)).toEqual(['Our defence']);
    // Nothing the accused was sent names the reporter.
    const toAccused = (await messages(w.db, caseId)).filter((m) => m.recipient.type === 'user' && m.recipient.userId === 'U0PARTNER1');
    expect(toAccused.map((m) => m.kind)).toEqual(['suspected_violation']);
    expect(JSON.stringify(toAccused)).not.toContain('U0PARTNER2');
  });

  it('once announced: the reporter is told the outcome without the reasons, and anyone may see what the public notice says', async () => {
    const w = await caseWorld(getDb());
    const caseId = await disputedPartnerReport(w);
    const stranger = await loadAccess(w.db, STRANGER);
    expect((await domainErrorOf(caseDetail(w.db, stranger, caseId))).code).toBe('case.not_found');
    await determine(w, caseId, { reasons: 'INTERNAL REASONS' });
    await closeObjectionWindow(w);
    const sent = await messages(w.db, caseId);
    const outcome = sent.find((m) => m.kind === 'report_outcome')!;
    expect(addressed([outcome])).toEqual(['report_outcome → U0PARTNER2']);
    expect(outcome.payload).toMatchObject({ established: true, decision: { finalClass: 2, amount: '5000.00' } });
    expect(JSON.stringify(outcome.payload)).not.toContain('INTERNAL REASONS');
    expect(JSON.stringify(outcome.payload)).not.toContain('https://example.com/defence');
    // The public channel is sent neither the facts nor the evidence.
    const pub = sent.find((m) => m.kind === 'public_notice')!;
    expect(pub.payload).toMatchObject({ case: { facts: '', evidence: [] } });

    const seen = await caseDetail(w.db, stranger, caseId);
    expect(seen.relation).toBe('other');
    expect(seen.case).toMatchObject({ state: 'decided', facts: null, reportedBy: null, decision: null, outcome: { finalClass: 2, amount: '5000.00' } });
    expect([seen.evidence, seen.replies, seen.determinations]).toEqual([[], [], []]);
  });
});
