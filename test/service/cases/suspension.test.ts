import { expect, it } from 'vitest';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { liftSuspension, suspendIncentives } from '../../../src/service/cases/suspension.ts';
import { recordPayment } from '../../../src/service/collection/record-payment.ts';
import { partnerStanding } from '../../../src/service/rules/partner-standing.ts';
import { caseWorld, FINANCE, key, OFFICER, P1_CONTACT, STRANGER, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, givenLedger } from '../../support/service-fixtures.ts';
import { A_FILE, A_LINK, addressed, auditActions, closeObjectionWindow, determine, expectAuditIntact, givenOtherPartner, messages, P2_CONTACT, report, worldSnapshot } from './case-steps.ts';

const suspend = (w: CaseWorld, caseId: string, k = key('suspend'), actor = OFFICER) => suspendIncentives(w.cases, { key: k, actor, caseId });
const lift = (w: CaseWorld, caseId: string, k = key('lift'), actor = OFFICER) => liftSuspension(w.cases, { key: k, actor, caseId });

/** What the partner's contacts were told about the suspension of a case, oldest first. */
async function suspensionMessages(w: CaseWorld, caseId: string) {
  return (await messages(w.db, caseId)).filter((m) => m.kind === 'incentives_suspended' || m.kind === 'suspension_lifted');
}

describeEachBackend('incentive suspension during a case (R-SUSPEND, §5.4.2)', (getDb) => {
  it('is refused before the notice has gone out, and a partner’s report cannot carry one', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const before = await worldSnapshot(w.db);
    const carried = await domainErrorOf(report(w, { actor: P2_CONTACT, evidence: [A_LINK], suspend: true }));
    expect(carried).toMatchObject({ code: 'report.partner_cannot_suspend', details: { field: 'suspend' } });
    expect(carried.message).toContain('R-SUSPEND');
    expect(await worldSnapshot(w.db)).toEqual(before);

    const r = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    const early = await worldSnapshot(w.db);
    const refused = await domainErrorOf(suspend(w, r.caseId));
    expect(refused).toMatchObject({ code: 'suspension.before_notice', details: { caseId: r.caseId } });
    expect(refused.message).toContain('only after the notice is sent');
    expect(await worldSnapshot(w.db)).toEqual(early);

    // Once staff have sent the notice, it may be suspended.
    await sendNotice(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId });
    expect(await suspend(w, r.caseId)).toMatchObject({ suspended: true, changed: true });
  });

  it('staff suspend after reading the reply, and lift it by hand; the partner is told each time; repeats change nothing', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'The tickets were answered', evidence: [A_FILE] });
    expect((await findCase(w.db, r.caseId))?.state).toBe('awaiting_determination');

    // Only staff hold the payouts: neither the partner nor a stranger may.
    expect((await domainErrorOf(suspend(w, r.caseId, key(), P1_CONTACT))).code).toBe('access.missing_role');
    expect((await domainErrorOf(suspend(w, r.caseId, key(), STRANGER))).code).toBe('access.missing_role');

    w.clock.set('2026-06-02T09:30:00+08:00');
    const k = key('suspend');
    const first = await suspend(w, r.caseId, k);
    expect(first).toEqual({ caseId: r.caseId, suspended: true, since: '2026-06-02T09:30:00+08:00', changed: true });
    const c = await findCase(w.db, r.caseId);
    expect(c).toMatchObject({ suspended: true, suspendedBy: 'slack:U0OFFICER' });
    expect(c!.suspendedAt?.toISOString()).toBe(new Date('2026-06-02T09:30:00+08:00').toISOString());
    const told = await suspensionMessages(w, r.caseId);
    expect(addressed(told)).toEqual(['incentives_suspended → U0PARTNER1']);
    expect(told[0]!.payload).toMatchObject({ since: '2026-06-02T09:30:00+08:00', case: { caseId: r.caseId } });

    // The same click twice acts once; a new request on a suspended case says since when, and tells nobody again.
    const settled = await worldSnapshot(w.db);
    expect(await suspend(w, r.caseId, k)).toEqual(first);
    expect(await worldSnapshot(w.db)).toEqual(settled);
    w.clock.set('2026-06-02T11:00:00+08:00');
    expect(await suspend(w, r.caseId)).toEqual({ ...first, changed: false });
    expect(await suspensionMessages(w, r.caseId)).toHaveLength(1);

    expect((await domainErrorOf(lift(w, r.caseId, key(), P1_CONTACT))).code).toBe('access.missing_role');
    const liftKey = key('lift');
    expect(await lift(w, r.caseId, liftKey)).toEqual({ caseId: r.caseId, suspended: false, since: null, changed: true });
    expect(await findCase(w.db, r.caseId)).toMatchObject({ suspended: false, suspendedAt: null, suspendedBy: null });
    const lifted = (await suspensionMessages(w, r.caseId)).slice(1);
    expect(addressed(lifted)).toEqual(['suspension_lifted → U0PARTNER1']);
    expect(lifted[0]!.payload).toMatchObject({ reason: 'staff', since: '2026-06-02T09:30:00+08:00', on: '2026-06-02T11:00:00+08:00' });
    expect(await lift(w, r.caseId, liftKey)).toMatchObject({ changed: true });
    expect(await lift(w, r.caseId)).toEqual({ caseId: r.caseId, suspended: false, since: null, changed: false });
    expect(await suspensionMessages(w, r.caseId)).toHaveLength(2);

    expect(await auditActions(w.db, r.caseId)).toEqual(['case.reported', 'case.notice_sent', 'case.reply.dispute', 'case.suspended', 'case.suspension_lifted']);
    await expectAuditIntact(w.db);
  });

  it('shows in the partner’s standing, with the case and since when, to staff and to the partner’s contacts', async () => {
    const w = await caseWorld(getDb());
    const a = await report(w, { suspend: true });
    const b = await report(w, { itemId: 'SVC-17' });
    w.clock.set('2026-06-03T15:00:00+08:00');
    await suspend(w, b.caseId);
    for (const viewer of [OFFICER, P1_CONTACT]) {
      const s = await partnerStanding(w.cases, { partnerId: 'P1', viewer });
      expect(s.suspensions.map((x) => [x.caseId, x.since.toISOString(), x.by])).toEqual([
        [a.caseId, new Date('2026-06-01T12:00:00+08:00').toISOString(), 'slack:U0OFFICER'],
        [b.caseId, new Date('2026-06-03T15:00:00+08:00').toISOString(), 'slack:U0OFFICER'],
      ]);
    }
    await lift(w, a.caseId);
    expect((await partnerStanding(w.cases, { partnerId: 'P1', viewer: OFFICER })).suspensions.map((x) => x.caseId)).toEqual([b.caseId]);
  });

  it('a staff report with the box ticked suspends from the notice, which says so, without a second message', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w, { suspend: true });
    const c = await findCase(w.db, r.caseId);
    expect(c).toMatchObject({ suspended: true, suspendedBy: 'slack:U0OFFICER' });
    expect(c!.suspendedAt?.toISOString()).toBe(c!.noticeSentAt?.toISOString());
    const sent = await messages(w.db, r.caseId);
    expect(addressed(sent)).toEqual(['suspected_violation → U0PARTNER1']);
    expect(sent[0]!.payload).toMatchObject({ suspended: true });
  });

  it('lifts by itself when the penalty is paid in full, also when it was suspended while collecting; the partner is told why', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
    // Still open until fully handled: it may be suspended while the penalty is collected.
    w.clock.set('2026-06-10T10:00:00+08:00');
    expect(await suspend(w, r.caseId)).toMatchObject({ changed: true, since: '2026-06-10T10:00:00+08:00' });

    w.clock.set('2026-06-20T10:00:00+08:00');
    await recordPayment(w.cases, { key: key('pay'), actor: FINANCE, partnerId: 'P1', amount: '2000', on: '2026-06-20' });
    expect((await findCase(w.db, r.caseId))?.suspended).toBe(true);
    await recordPayment(w.cases, { key: key('pay'), actor: FINANCE, partnerId: 'P1', amount: '3000', on: '2026-06-20' });
    expect(await findCase(w.db, r.caseId)).toMatchObject({ state: 'closed', suspended: false, suspendedAt: null, suspendedBy: null });

    const tail = (await messages(w.db, r.caseId)).slice(-2);
    expect(addressed(tail)).toEqual(['payment_recorded → U0PARTNER1', 'suspension_lifted → U0PARTNER1']);
    expect(tail[1]!.payload).toMatchObject({ reason: 'paid', since: '2026-06-10T10:00:00+08:00', on: '2026-06-20T10:00:00+08:00' });
    expect((await auditActions(w.db, r.caseId)).slice(-2)).toEqual(['case.closed', 'case.suspension_lifted']);
    expect((await partnerStanding(w.cases, { partnerId: 'P1', viewer: OFFICER })).suspensions).toEqual([]);

    // Handled: nothing more to suspend or lift.
    expect(await domainErrorOf(suspend(w, r.caseId))).toMatchObject({ code: 'case.step_out_of_order', details: { state: 'closed' } });
    expect(await lift(w, r.caseId)).toMatchObject({ changed: false });
    await expectAuditIntact(w.db);
  });

  it('lifts by itself at a formal decision that leaves nothing owed (deducted in full), and the partner is told', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-05-01', 'deposit', '8000.00']]);
    const r = await report(w, { suspend: true });
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    expect(await findCase(w.db, r.caseId)).toMatchObject({ state: 'closed', suspended: false });
    const lifted = (await suspensionMessages(w, r.caseId));
    expect(addressed(lifted)).toEqual(['suspension_lifted → U0PARTNER1']);
    expect(lifted[0]!.payload).toMatchObject({ reason: 'paid', since: '2026-06-01T12:00:00+08:00', on: '2026-06-05T00:00:00+08:00' });
  });

  it('a case never suspended ends without a word about suspension', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-05-01', 'deposit', '8000.00']]);
    const paid = await report(w);
    await determine(w, paid.caseId);
    const dismissed = await report(w, { itemId: 'SVC-17' });
    await determine(w, dismissed.caseId, { established: false });
    await closeObjectionWindow(w);
    expect((await findCase(w.db, paid.caseId))?.state).toBe('closed');
    expect(await suspensionMessages(w, paid.caseId)).toEqual([]);
    expect(await suspensionMessages(w, dismissed.caseId)).toEqual([]);
  });
});
