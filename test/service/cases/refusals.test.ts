import { expect, it } from 'vitest';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { objectToNotice, replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination, proposeObjectionAnswer } from '../../../src/service/cases/propose-determination.ts';
import { sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { APPROVER, caseWorld, FINANCE, key, OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { givenOtherPartner, P2_CONTACT, report, worldSnapshot } from './case-steps.ts';

describeEachBackend('bad input and steps out of order get a coded error and change nothing (issue #3)', (getDb) => {
  it('a report naming an unknown partner or item, a future date, or no facts is refused', async () => {
    const w = await caseWorld(getDb());
    const before = await worldSnapshot(w.db);
    const refusals: [Parameters<typeof report>[1], string, string][] = [
      [{ partnerId: 'P404' }, 'partner.not_found', 'P404'],
      [{ itemId: 'SVC-99' }, 'catalog.unknown_item', 'SVC-99'],
      [{ occurredOn: '2026-06-02' }, 'report.date_in_future', '2026-06-02'],
      [{ occurredOn: '2026-02-30' }, 'input.bad_date', '2026-02-30'],
      [{ facts: '   ' }, 'report.facts_empty', 'facts'],
      [{ facts: 'x'.repeat(2501) }, 'report.facts_too_long', '2500'],
      [{ evidence: [{ kind: 'link', ref: 'javascript:alert(1)' }] }, 'evidence.bad_link', 'web link'],
    ];
    for (const [over, code, named] of refusals) {
      const e = await domainErrorOf(report(w, over));
      expect(e.code, JSON.stringify(over)).toBe(code);
      expect(e.message).toContain(named);
    }
    expect(await worldSnapshot(w.db)).toEqual(before);
  });

  it('empty reasons, an unknown case and an unknown determination are refused', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const before = await worldSnapshot(w.db);
    expect((await domainErrorOf(proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: ' \n ' }))).code).toBe('determination.reasons_empty');
    expect((await domainErrorOf(proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: 'V-999999', established: true, terminate: false, reasons: 'x' }))).code).toBe('case.not_found');
    expect((await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: 424242, approve: true }))).code).toBe('determination.not_found');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });

  it('steps out of order are refused with the state the case is really in', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const before = await worldSnapshot(w.db);
    const object = await domainErrorOf(objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, grounds: 'Too early' }));
    expect(object).toMatchObject({ code: 'case.step_out_of_order', details: { caseId: r.caseId, state: 'awaiting_reply', action: 'object' } });
    expect(object.message).toContain('waiting for the partner’s reply');
    const notice = await domainErrorOf(sendNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId }));
    expect(notice).toMatchObject({ code: 'case.step_out_of_order', details: { action: 'send_notice' } });
    const answer = await domainErrorOf(proposeObjectionAnswer(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, outcome: 'upheld', reasons: 'x' }));
    expect(answer).toMatchObject({ code: 'case.step_out_of_order', details: { action: 'propose_objection_answer' } });
    expect(await worldSnapshot(w.db)).toEqual(before);

    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    const after = await worldSnapshot(w.db);
    const again = await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' }));
    expect(again).toMatchObject({ code: 'case.step_out_of_order', details: { state: 'awaiting_determination', action: 'reply' } });
    expect(await worldSnapshot(w.db)).toEqual(after);
  });

  it('a determination already decided cannot be proposed over or decided again', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    // A second proposal while one waits for approval is out of order.
    expect((await domainErrorOf(proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: false, terminate: false, reasons: 'x' }))).code).toBe('case.step_out_of_order');
    await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    const before = await worldSnapshot(w.db);
    const e = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: { platform: 'slack', userId: 'U0APPROVER2' }, determinationId: p.determinationId, approve: false }));
    expect(e.code).toBe('determination.already_decided');
    expect(e.message).toBe('Already approved by slack:U0APPROVER at 2026-06-01T12:00:00+08:00.');
    expect((await domainErrorOf(proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'x' }))).code).toBe('case.step_out_of_order');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });
});

describeEachBackend('every refusal for lack of authority says which role is missing (issue #3: roles)', (getDb) => {
  it('a non-approver cannot decide, a non-officer cannot report or propose, and each is told the role', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    const before = await worldSnapshot(w.db);

    const decide = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: FINANCE, determinationId: p.determinationId, approve: true }));
    expect(decide).toMatchObject({ code: 'access.missing_role', details: { role: 'approver', permission: 'determination.decide' } });
    expect(decide.message).toBe('<@U0FINANCE> needs the approver role to approve or reject a determination.');

    const reportAsStranger = await domainErrorOf(report(w, { actor: STRANGER }));
    expect(reportAsStranger).toMatchObject({ code: 'access.missing_role', details: { role: 'officer' } });
    expect(reportAsStranger.message).toContain('officer role');

    const proposeAsFinance = await domainErrorOf(proposeObjectionAnswer(w.cases, { key: key(), actor: FINANCE, caseId: r.caseId, outcome: 'upheld', reasons: 'x' }));
    expect(proposeAsFinance).toMatchObject({ code: 'access.missing_role', details: { role: 'officer' } });
    expect(await worldSnapshot(w.db)).toEqual(before);
  });

  it('a contact of another partner cannot reply for this one, and staff cannot reply in the partner’s name', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const r = await report(w);
    const before = await worldSnapshot(w.db);
    const other = await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P2_CONTACT, caseId: r.caseId, kind: 'accept' }));
    // R-CONFIDENTIAL: to another partner's contact the case does not exist, so the refusal names no partner.
    expect(other).toMatchObject({ code: 'case.not_found', details: { caseId: r.caseId } });
    expect(other.message).not.toContain('P1');
    expect((await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, kind: 'accept' }))).code).toBe('access.not_partner_contact');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });
});
