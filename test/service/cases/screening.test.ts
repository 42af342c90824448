import { expect, it } from 'vitest';
import { caseDetail, listCases } from '../../../src/service/cases/case-queries.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { dismissReport, sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { A_LINK, addressed, auditActions, expectAuditIntact, givenOtherPartner, messages, openDeadlines, P2_CONTACT, report, worldSnapshot } from './case-steps.ts';
import { loadAccess } from '../../../src/service/access/actor.ts';

/** P2's contact reports P1; the report waits for screening (R-SCREEN). */
async function partnerReport(w: CaseWorld): Promise<string> {
  await givenOtherPartner(w);
  return (await report(w, { actor: P2_CONTACT, evidence: [A_LINK] })).caseId;
}

describeEachBackend('staff screen a partner’s report (R-SCREEN)', (getDb) => {
  it('a dismissed report tells the reporter why and never reaches the accused partner', async () => {
    const w = await caseWorld(getDb());
    const caseId = await partnerReport(w);
    const before = await worldSnapshot(w.db);
    expect((await domainErrorOf(dismissReport(w.cases, { key: key(), actor: OFFICER, caseId, reason: '  ' }))).code).toBe('screening.reason_empty');
    expect((await domainErrorOf(dismissReport(w.cases, { key: key(), actor: P2_CONTACT, caseId, reason: 'x' }))).code).toBe('access.missing_role');
    expect(await worldSnapshot(w.db)).toEqual(before);

    const r = await dismissReport(w.cases, { key: key(), actor: OFFICER, caseId, reason: 'The screenshot predates the contract' });
    expect(r).toEqual({ caseId, dismissed: true });
    expect(await findCase(w.db, caseId)).toMatchObject({ state: 'dismissed', screeningReason: 'The screenshot predates the contract' });
    const sent = await messages(w.db, caseId);
    expect(addressed(sent)).toEqual(['partner_report_received → #approvals', 'report_screened → U0PARTNER2', `partner_report_screened → update #${sent[0]!.id}`]);
    expect(sent[1]!.payload).toMatchObject({ outcome: 'dismissed', reason: 'The screenshot predates the contract' });
    // The approvals message is edited: who screened it, when, and why (staff only).
    expect(sent[2]!.payload).toMatchObject({ screenedBy: 'slack:U0OFFICER', screenedAt: '2026-06-01T12:00:00+08:00', outcome: 'dismissed', reason: 'The screenshot predates the contract', reportedBy: 'slack:U0PARTNER2' });
    // Not one message, deadline or listing for the accused partner's contacts.
    expect(sent.some((m) => m.recipient.type === 'user' && m.recipient.userId === 'U0PARTNER1')).toBe(false);
    expect(await openDeadlines(w.db, caseId)).toEqual([]);
    const accused = await loadAccess(w.db, P1_CONTACT);
    expect((await domainErrorOf(caseDetail(w.db, accused, caseId))).code).toBe('case.not_found');
    expect((await listCases(w.db, accused, { kind: 'all' })).total).toBe(0);
    // The reporter sees it was dismissed, and why.
    const seen = await caseDetail(w.db, await loadAccess(w.db, P2_CONTACT), caseId);
    expect(seen.case).toMatchObject({ state: 'dismissed', screening: { outcome: 'dismissed', reason: 'The screenshot predates the contract' } });
    expect(await auditActions(w.db, caseId)).toEqual(['case.reported', 'case.report_dismissed']);
    // Screened once: it cannot be dismissed or noticed again.
    expect((await domainErrorOf(sendNotice(w.cases, { key: key(), actor: OFFICER, caseId }))).code).toBe('case.step_out_of_order');
    await expectAuditIntact(w.db);
  });

  it('a report taken up: the accused is sent the notice and the reporter is told it was taken up', async () => {
    const w = await caseWorld(getDb());
    const caseId = await partnerReport(w);
    await sendNotice(w.cases, { key: key(), actor: OFFICER, caseId });
    const sent = await messages(w.db, caseId);
    expect(addressed(sent)).toEqual(['partner_report_received → #approvals', 'suspected_violation → U0PARTNER1', 'report_screened → U0PARTNER2', `partner_report_screened → update #${sent[0]!.id}`]);
    expect(sent[2]!.payload).toMatchObject({ outcome: 'taken_up', reason: null });
    expect(sent[3]!.payload).toMatchObject({ screenedBy: 'slack:U0OFFICER', outcome: 'taken_up', reason: null });
    const seen = await caseDetail(w.db, await loadAccess(w.db, P2_CONTACT), caseId);
    expect(seen.case).toMatchObject({ state: 'taken_up', screening: { outcome: 'taken_up' } });
    // Once the accused has been told, the report can no longer be dismissed unheard.
    const late = await domainErrorOf(dismissReport(w.cases, { key: key(), actor: OFFICER, caseId, reason: 'Too late' }));
    expect(late).toMatchObject({ code: 'case.step_out_of_order', details: { state: 'awaiting_reply' } });
  });

  it('a staff report is never waiting for screening, so there is nothing to dismiss', async () => {
    const w = await caseWorld(getDb());
    const { caseId } = await report(w);
    expect((await domainErrorOf(dismissReport(w.cases, { key: key(), actor: OFFICER, caseId, reason: 'No' }))).code).toBe('case.step_out_of_order');
  });
});
