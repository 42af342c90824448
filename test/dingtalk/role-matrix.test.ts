// Who may do what, through the DingTalk surface (issue 12): the same table
// as the Slack matrix (test/security/role-matrix.test.ts), written out from
// RULES.md (R-EVIDENCE, R-REPLY, R-DETERMINE, R-CONFIDENTIAL, R-SCREEN) and
// the role table, not computed from the code under test. People are
// DingTalk users (dingtalk:<id>); commands arrive as robot messages and
// buttons as card callbacks over the fake DingTalk's Stream WebSocket. A
// refused person is told why (a DM, or on the card for them only) and
// nothing changes.
import { afterEach, expect, it } from 'vitest';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { fileComplaint } from '../../src/service/complaints/file-complaint.ts';
import { key } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { caseState, countRows } from '../slack/e2e/harness.ts';
import { CARD_CREATE, DT, dt, EVERYONE, outcomeOfCard, startDingTalkBot, type DingTalkBot, type Who } from './support/dingtalk-bot.ts';

const LINK = 'https://example.com/proof/1';

function expectRefusalIsClear(text: string): void {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\bat .*\.ts:\d+|Error:/);
}

describeEachBackend('the role × action matrix on the DingTalk surface', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function caseOfP1(b: DingTalkBot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: dt(DT.officer), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    return r.caseId;
  }

  it('commands: report (officer, any partner contact), show and partner status (staff and the accused’s contact); the rest are told why', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    const audit = await countRows(bot.w.db, 'audit_events');
    const reportAllowed: Who[] = ['officer', 'ownContact', 'otherContact'];
    const seeAllowed: Who[] = ['officer', 'approver', 'finance', 'admin', 'ownContact'];
    for (const who of EVERYONE) {
      const cardsBefore = bot.fake.delivered(CARD_CREATE).length;
      const dmsBefore = bot.dms(DT[who]).length;
      await bot.say(DT[who], 'violation report');
      const gotCard = bot.fake.delivered(CARD_CREATE).length > cardsBefore;
      expect({ who, card: gotCard }).toEqual({ who, card: reportAllowed.includes(who) });
      if (!gotCard) {
        expect(bot.dms(DT[who]).length).toBe(dmsBefore + 1);
        expectRefusalIsClear(bot.dms(DT[who]).at(-1)!);
      }
      const show = await bot.say(DT[who], `violation show ${caseId}`);
      expect({ who, sees: show.includes('Late service') }).toEqual({ who, sees: seeAllowed.includes(who) });
      if (!seeAllowed.includes(who)) expect(show).toMatch(/^⚠️/);
      const status = await bot.say(DT[who], 'partner status P1');
      expect({ who, sees: status.includes('Valid sanctions') }).toEqual({ who, sees: seeAllowed.includes(who) });
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
  });

  it('the reply buttons act for the accused partner’s contact only (R-REPLY); everyone else is refused on the card and the case waits', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    const audit = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE.filter((w) => w !== 'ownContact')) {
      const accept = outcomeOfCard(await bot.click(DT[who], 'replyAccept', { value: caseId }));
      expect({ who, outcome: accept.outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(accept.message);
      const dispute = outcomeOfCard(await bot.click(DT[who], 'replyDispute', { value: caseId, text: 'Not us.', links: [LINK] }));
      expect({ who, outcome: dispute.outcome }).toEqual({ who, outcome: 'refused' });
    }
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_reply');
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    // A dispute without proof is refused (R-REPLY) and changes nothing either.
    const bare = outcomeOfCard(await bot.click(DT.ownContact, 'replyDispute', { value: caseId, text: 'Not us.', locale: 'en' }));
    expect(bare).toMatchObject({ outcome: 'refused', message: expect.stringContaining('needs proof') });
    const done = outcomeOfCard(await bot.click(DT.ownContact, 'replyDispute', { value: caseId, text: 'Not us.', links: [LINK] }));
    expect(done.outcome).toBe('done');
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');
  });

  it('a replayed button callback (same Stream messageId) changes nothing; a tampered value is refused', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    const first = await bot.click(DT.ownContact, 'replyAccept', { value: caseId }, { messageId: 'click-1' });
    expect(outcomeOfCard(first).outcome).toBe('done');
    const audit = await countRows(bot.w.db, 'audit_events');
    const replay = await bot.click(DT.ownContact, 'replyAccept', { value: caseId }, { messageId: 'click-1' });
    expect(replay).toEqual({});
    expect(await countRows(bot.w.db, 'case_replies')).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    const tampered = outcomeOfCard(await bot.click(DT.officer, 'noticeSend', { value: 'V-000001; drop table cases' }));
    expect(tampered.outcome).toBe('refused');
    const unknown = outcomeOfCard(await bot.click(DT.officer, 'deleteEverything', { value: caseId }));
    expect(unknown.outcome).toBe('refused');
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
  });

  it('approving takes the approver role and a second person (R-DETERMINE): the proposer and everyone else are refused, the approver approves exactly the stored figure', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    await bot.click(DT.ownContact, 'replyAccept', { value: caseId });
    const p = await proposeDetermination(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId, established: true, terminate: false, reasons: 'Clear facts' });
    // The officer holds the approver role too, but proposed this one.
    for (const who of EVERYONE.filter((w) => w !== 'approver')) {
      const a = outcomeOfCard(await bot.click(DT[who], 'determinationApprove', { value: String(p.determinationId) }));
      expect({ who, outcome: a.outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(a.message);
    }
    const self = await bot.click(DT.officer, 'determinationApprove', { value: String(p.determinationId), locale: 'en' });
    expect(self.userPrivateData!.cardParamMap.message).toMatch(/propos/i);
    expect(self.cardData).toBeUndefined(); // nobody else's card changes
    expect(await countRows(bot.w.db, 'determinations', "status = 'proposed'")).toBe(1);
    const ok = await bot.click(DT.approver, 'determinationApprove', { value: String(p.determinationId) });
    expect(outcomeOfCard(ok).outcome).toBe('done');
    expect(ok.cardData!.cardParamMap).toMatchObject({ decision: 'approved', decidedBy: DT.approver });
    expect(await countRows(bot.w.db, 'determinations', "status = 'approved' and decided_by = 'dingtalk:dt0approver'")).toBe(1);
    // The case's decision is the proposal's figure, unchanged by the approval.
    expect(await countRows(bot.w.db, 'cases', `id = '${caseId}' and decision::text = (select decision::text from determinations where id = ${p.determinationId})`)).toBe(1);
    // A second approver comes too late: refused, nothing changes.
    const late = outcomeOfCard(await bot.click(DT.approver2, 'determinationReject', { value: String(p.determinationId), reason: 'no' }));
    expect(late.outcome).toBe('refused');
  });

  it('reject with a reason from the card; propose opens its form for the officer only, everyone else is told why', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    await bot.click(DT.ownContact, 'replyAccept', { value: caseId });
    const p = await proposeDetermination(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId, established: true, terminate: false, reasons: 'Clear facts' });
    const rejected = outcomeOfCard(await bot.click(DT.approver, 'determinationReject', { value: String(p.determinationId), reason: 'Wrong item', locale: 'en' }));
    expect(rejected).toMatchObject({ outcome: 'done', message: expect.stringContaining('You rejected determination') });
    expect(await countRows(bot.w.db, 'determinations', "status = 'rejected' and decision_note = 'Wrong item'")).toBe(1);
    const audit = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE) {
      const a = await bot.click(DT[who], 'determineOpen', { value: caseId, locale: 'en' });
      // R-DETERMINE: proposing is the officer's; the form shows in the clicker's own view of the card.
      const status = a.userPrivateData?.cardParamMap.status;
      expect({ who, status }).toEqual({ who, status: who === 'officer' ? 'determineForm' : 'refused' });
      expect(a.cardData).toBeUndefined();
      if (who !== 'officer') expectRefusalIsClear(a.userPrivateData!.cardParamMap.message!);
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
  });

  it('answer an objection: the form for the officer only (R-NOTICE), everyone else is told why; a forged answer changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await caseOfP1(bot);
    await bot.click(DT.ownContact, 'replyAccept', { value: caseId });
    const p = await proposeDetermination(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId, established: true, terminate: false, reasons: 'Clear facts' });
    expect(outcomeOfCard(await bot.click(DT.approver, 'determinationApprove', { value: String(p.determinationId) })).outcome).toBe('done');
    expect(outcomeOfCard(await bot.click(DT.ownContact, 'objectOpen', { value: caseId, grounds: 'Not us' })).outcome).toBe('done');
    const audit = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE) {
      const a = await bot.click(DT[who], 'answerOpen', { value: caseId, locale: 'en' });
      const status = a.userPrivateData?.cardParamMap.status;
      expect({ who, status }).toEqual({ who, status: who === 'officer' ? 'answerForm' : 'refused' });
      if (who === 'officer') continue;
      expectRefusalIsClear(a.userPrivateData!.cardParamMap.message!);
      const forged = outcomeOfCard(await bot.click(DT[who], 'answerSubmit', { value: caseId, outcome: 'upheld', reasons: 'forged' }));
      expect({ who, outcome: forged.outcome }).toEqual({ who, outcome: 'refused' });
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await caseState(bot.w.db, caseId)).toBe('objection_raised');
  });

  it('a complaint’s Answer button (R-COMPLAINT): the form for the officer only; other staff are told which role; to everyone not staff the complaint does not exist; a forged answer changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const c = await fileComplaint(bot.w.cases, { key: key(), actor: dt(DT.ownContact), subject: 'Late rebate', text: 'Paid late', evidence: [] });
    const audit = await countRows(bot.w.db, 'audit_events');
    const never = outcomeOfCard(await bot.click(DT.stranger, 'complaintAnswerOpen', { value: 'C-999999', locale: 'en' })).message;
    const staff: Who[] = ['officer', 'approver', 'finance', 'admin'];
    for (const who of EVERYONE) {
      const a = await bot.click(DT[who], 'complaintAnswerOpen', { value: c.complaintId, locale: 'en' });
      const status = a.userPrivateData?.cardParamMap.status;
      expect({ who, status }).toEqual({ who, status: who === 'officer' ? 'complaintAnswerForm' : 'refused' });
      expect(a.cardData).toBeUndefined();
      if (who === 'officer') continue;
      const message = a.userPrivateData!.cardParamMap.message!;
      expectRefusalIsClear(message);
      // Staff hear which role; anyone else (the filer's own contact too) hears what an id never filed gets.
      if (staff.includes(who)) expect({ who, message }).toEqual({ who, message: expect.stringContaining('the officer role') });
      else expect({ who, message }).toEqual({ who, message: never });
      const forged = outcomeOfCard(await bot.click(DT[who], 'complaintAnswerSubmit', { value: c.complaintId, locale: 'en', answer: 'forged' }));
      expect({ who, outcome: forged.outcome, message: forged.message }).toEqual({ who, outcome: 'refused', message });
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await countRows(bot.w.db, 'complaints', "state = 'filed'")).toBe(1);
  });

  it('send notice and dismiss on a partner’s report are the officer’s (R-SCREEN); the reporter is never shown the other steps', async () => {
    bot = await startDingTalkBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: dt(DT.otherContact), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'P1 late', evidence: [{ kind: 'link', ref: LINK }] });
    const audit = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE.filter((w) => w !== 'officer')) {
      expect({ who, outcome: outcomeOfCard(await bot.click(DT[who], 'noticeSend', { value: r.caseId })).outcome }).toEqual({ who, outcome: 'refused' });
      expect({ who, outcome: outcomeOfCard(await bot.click(DT[who], 'dismissOpen', { value: r.caseId, reason: 'no' })).outcome }).toEqual({ who, outcome: 'refused' });
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await caseState(bot.w.db, r.caseId)).toBe('reported');
    const noReason = outcomeOfCard(await bot.click(DT.officer, 'dismissOpen', { value: r.caseId }));
    expect(noReason.outcome).toBe('refused');
    const sent = outcomeOfCard(await bot.click(DT.officer, 'noticeSend', { value: r.caseId }));
    expect(sent.outcome).toBe('done');
    expect(await caseState(bot.w.db, r.caseId)).toBe('awaiting_reply');
  });
});
