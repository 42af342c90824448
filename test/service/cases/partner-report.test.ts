import { expect, it } from 'vitest';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { A_LINK, addressed, auditActions, givenOtherPartner, messages, P2_CONTACT, report, worldSnapshot } from './case-steps.ts';

describeEachBackend('a partner reports another partner (R-EVIDENCE, §5.4.5)', (getDb) => {
  it('only with evidence; the report waits for staff, who then send the notice to the reported partner', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const before = await worldSnapshot(w.db);
    const bare = await domainErrorOf(report(w, { actor: P2_CONTACT, evidence: [] }));
    expect(bare.code).toBe('report.evidence_required');
    expect((await domainErrorOf(report(w, { actor: P1_CONTACT }))).code).toBe('report.own_partner');
    expect((await domainErrorOf(report(w, { actor: P2_CONTACT, suspend: true }))).code).toBe('report.partner_cannot_suspend');
    expect(await worldSnapshot(w.db)).toEqual(before);

    const r = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    expect(r).toEqual({ caseId: r.caseId, state: 'reported', replyDue: null, provisional: false });
    expect(await findCase(w.db, r.caseId)).toMatchObject({ state: 'reported', reporterPartnerId: 'P2', reportedBy: 'slack:U0PARTNER2' });
    // Staff vet it first: the reported partner hears nothing yet.
    expect(addressed(await messages(w.db, r.caseId))).toEqual(['partner_report_received → #approvals']);

    const sent = await sendNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId });
    expect(sent).toEqual({ caseId: r.caseId, replyDue: '2026-06-04T23:59:59+08:00', provisional: false });
    // R-SCREEN: the reporter hears it was taken up.
    const told = await messages(w.db, r.caseId);
    expect(addressed(told).slice(1)).toEqual(['suspected_violation → U0PARTNER1', 'report_screened → U0PARTNER2', `partner_report_screened → update #${told[0]!.id}`]);
    expect(await auditActions(w.db, r.caseId)).toEqual(['case.reported', 'case.notice_sent']);
    const twice = await domainErrorOf(sendNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId }));
    expect(twice).toMatchObject({ code: 'case.step_out_of_order', details: { state: 'awaiting_reply' } });
  });
});
