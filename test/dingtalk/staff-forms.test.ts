// The officer's two forms on DingTalk cards (issue 12): proposing a
// determination (R-DETERMINE) and answering an objection (R-NOTICE). The
// notification button is answered with the form in the clicker's view of
// the card (userPrivateData); its submit calls the same use case as Slack's
// view submission. Bad input is answered on the card under its field and
// changes nothing; a replayed or repeated submit proposes once; whoever
// lacks the role is refused, on the card, for them only.
import { afterEach, expect, it } from 'vitest';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { key } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { caseState, countRows } from '../slack/e2e/harness.ts';
import { DT, dt, EVERYONE, outcomeOfCard, startDingTalkBot, type CardAnswerSeen, type DingTalkBot } from './support/dingtalk-bot.ts';

function formOf(a: CardAnswerSeen): Record<string, string> {
  expect(a.cardData).toBeUndefined(); // nobody else's card changes
  return a.userPrivateData!.cardParamMap;
}

describeEachBackend('DingTalk staff forms on cards: determination and objection answer', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function disputedCase(b: DingTalkBot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: dt(DT.officer), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service on ticket 42', evidence: [] });
    expect(outcomeOfCard(await b.click(DT.ownContact, 'replyDispute', { value: r.caseId, text: 'We were on time', links: ['https://example.com/defence'] })).outcome).toBe('done');
    return r.caseId;
  }

  it('the officer opens the determination form (the case, the reply, the engine’s preview as Slack shows it) and proposes; bad input is answered under its field and changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const form = formOf(await bot.click(DT.officer, 'determineOpen', { value: caseId, locale: 'en' }, { outTrackId: 'reply.1' }));
    expect(form).toMatchObject({ status: 'determineForm', formTitle: 'Determination', formCaseId: caseId, establishedLabel: 'Is the violation established?', reasonsLabel: 'Reasons', submitLabel: 'Propose', locale: 'en', reasonsError: '' });
    expect(form.formIntro).toContain(caseId);
    expect(form.formIntro).toContain('Late service on ticket 42');
    expect(form.formIntro).toContain('Disputed');
    // The engine's preview in the words of Slack's modal (decision.* texts), with its policy version.
    expect(form.formPreview).toContain('What the engine decides if this is approved today');
    expect(form.formPreview).toMatch(/If approved: \*\*Class \d/);
    expect(form.formPreview).toContain('Policy version');
    expect(JSON.parse(form.establishedOptions!)).toEqual([{ value: 'yes', text: 'Yes, established' }, { value: 'no', text: 'No: dismiss the case' }]);
    expect(form.terminateShown).toBe('false'); // SVC-09 is not class 1 (R-P1)

    const audit = await countRows(bot.w.db, 'audit_events');
    const empty = formOf(await bot.click(DT.officer, 'determineSubmit', { value: caseId, locale: 'en', established: 'yes', reasons: '   ' }, { outTrackId: 'reply.1' }));
    expect(empty).toMatchObject({ status: 'determineForm', reasonsError: 'Give the reasons.', message: 'Nothing was proposed; correct the fields marked and send again.' });
    expect(empty.formPreview).toContain('What the engine decides'); // the whole form again
    const terminate = formOf(await bot.click(DT.officer, 'determineSubmit', { value: caseId, locale: 'en', established: { value: 'yes' }, terminate: true, reasons: 'Clear' }, { outTrackId: 'reply.1' }));
    expect(terminate.status).toBe('determineForm');
    expect(terminate.terminateError).toContain('R-P1');
    const tampered = await bot.click(DT.officer, 'determineSubmit', { value: 'not a case', reasons: 'x' }, { outTrackId: 'reply.1' });
    expect(outcomeOfCard(tampered).outcome).toBe('refused');
    expect(await countRows(bot.w.db, 'determinations')).toBe(0);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');

    const submit = { value: caseId, locale: 'en', established: 'yes', terminate: [], reasons: 'The ticket log shows the delay' };
    const done = await bot.click(DT.officer, 'determineSubmit', submit, { outTrackId: 'reply.1', messageId: 'submit-1' });
    expect(outcomeOfCard(done)).toMatchObject({ outcome: 'done', message: expect.stringContaining(`for case ${caseId} is proposed`) });
    expect(done.userPrivateData!.cardParamMap.status).toBe('done'); // the clicker's form closes
    expect(await countRows(bot.w.db, 'determinations', "status = 'proposed' and proposed_by = 'dingtalk:dt0officer' and reasons = 'The ticket log shows the delay'")).toBe(1);
    expect(await caseState(bot.w.db, caseId)).toBe('determination_proposed');

    // Replayed (the same delivery) and pressed again (a new delivery, the same form): still one proposal.
    const after = await countRows(bot.w.db, 'audit_events');
    expect(await bot.click(DT.officer, 'determineSubmit', submit, { outTrackId: 'reply.1', messageId: 'submit-1' })).toEqual({});
    const again = await bot.click(DT.officer, 'determineSubmit', submit, { outTrackId: 'reply.1' });
    expect(again.cardData!.cardParamMap.determinationId).toBe(done.cardData!.cardParamMap.determinationId);
    expect(await countRows(bot.w.db, 'determinations')).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(after);
    // The step is taken: the form no longer opens.
    expect(outcomeOfCard(await bot.click(DT.officer, 'determineOpen', { value: caseId })).outcome).toBe('refused');

    // A second person approves on the approvals card.
    const id = done.cardData!.cardParamMap.determinationId!;
    expect(outcomeOfCard(await bot.click(DT.officer, 'determinationApprove', { value: id })).outcome).toBe('refused'); // the proposer (R-DETERMINE)
    expect(outcomeOfCard(await bot.click(DT.approver, 'determinationApprove', { value: id })).outcome).toBe('done');
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_objection');
  });

  it('"No: dismiss the case" proposes a determination of not established, as on Slack', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const done = await bot.click(DT.officer, 'determineSubmit', { value: caseId, established: 'no', reasons: 'The partner was on time' });
    expect(outcomeOfCard(done).outcome).toBe('done');
    expect(await countRows(bot.w.db, 'determinations', 'established = false and decision is null')).toBe(1);
  });

  it('only the officer gets the forms; a forged submit from anyone else is refused on the card and changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const audit = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE.filter((w) => w !== 'officer')) {
      const open = outcomeOfCard(await bot.click(DT[who], 'determineOpen', { value: caseId, locale: 'en' }));
      expect({ who, outcome: open.outcome }).toEqual({ who, outcome: 'refused' });
      expect(open.message.trim()).not.toBe('');
      const forged = outcomeOfCard(await bot.click(DT[who], 'determineSubmit', { value: caseId, established: 'yes', reasons: 'forged' }));
      expect({ who, outcome: forged.outcome }).toEqual({ who, outcome: 'refused' });
      const answer = outcomeOfCard(await bot.click(DT[who], 'answerSubmit', { value: caseId, outcome: 'upheld', reasons: 'forged' }));
      expect({ who, outcome: answer.outcome }).toEqual({ who, outcome: 'refused' });
    }
    expect(await countRows(bot.w.db, 'determinations')).toBe(0);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
  });

  it('an objection answered from the card: the grounds and the sanction as noticed, an unknown item refused under its field, upheld proposed and approved', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const p = await bot.click(DT.officer, 'determineSubmit', { value: caseId, established: 'yes', reasons: 'The ticket log shows the delay' });
    expect(outcomeOfCard(await bot.click(DT.approver, 'determinationApprove', { value: p.cardData!.cardParamMap.determinationId! })).outcome).toBe('done');
    // The answer form is not offered before there is an objection (the same state check as Slack's opener).
    expect(outcomeOfCard(await bot.click(DT.officer, 'answerOpen', { value: caseId })).outcome).toBe('refused');
    expect(outcomeOfCard(await bot.click(DT.ownContact, 'objectOpen', { value: caseId, grounds: 'The ticket was closed by the customer' })).outcome).toBe('done');
    expect(await caseState(bot.w.db, caseId)).toBe('objection_raised');

    const form = formOf(await bot.click(DT.officer, 'answerOpen', { value: caseId }, { outTrackId: 'objection.1' }));
    expect(form).toMatchObject({ status: 'answerForm', formTitle: '答复异议', formCaseId: caseId, itemDefault: 'SVC-09', locale: 'zh-CN' });
    expect(form.formIntro).toContain('The ticket was closed by the customer');
    expect(form.formCurrent).toContain('处理通知中的处罚');
    expect((JSON.parse(form.itemOptions!) as { value: string }[]).map((o) => o.value)).toContain('SVC-09');
    expect((JSON.parse(form.outcomeOptions!) as { value: string }[]).map((o) => o.value)).toEqual(['upheld', 'adjusted']);

    const audit = await countRows(bot.w.db, 'audit_events');
    const unknown = formOf(await bot.click(DT.officer, 'answerSubmit', { value: caseId, locale: 'en', outcome: 'adjusted', item: { value: 'NOPE-1' }, reasons: 'Another item' }, { outTrackId: 'objection.1' }));
    expect(unknown.status).toBe('answerForm');
    expect(unknown.itemError).not.toBe('');
    const empty = formOf(await bot.click(DT.officer, 'answerSubmit', { value: caseId, outcome: 'upheld', reasons: '' }, { outTrackId: 'objection.1' }));
    expect(empty.reasonsError).not.toBe('');
    expect(await countRows(bot.w.db, 'determinations')).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);

    const answered = await bot.click(DT.officer, 'answerSubmit', { value: caseId, outcome: { value: 'upheld' }, reasons: 'The log shows the delay' }, { outTrackId: 'objection.1', messageId: 'answer-1' });
    expect(outcomeOfCard(answered).outcome).toBe('done');
    expect(await bot.click(DT.officer, 'answerSubmit', { value: caseId, outcome: { value: 'upheld' }, reasons: 'The log shows the delay' }, { outTrackId: 'objection.1', messageId: 'answer-1' })).toEqual({});
    expect(await countRows(bot.w.db, 'determinations', "purpose = 'objection_answer' and outcome = 'upheld' and status = 'proposed'")).toBe(1);
    expect(await caseState(bot.w.db, caseId)).toBe('objection_answer_proposed');
    const id = answered.cardData!.cardParamMap.determinationId!;
    expect(outcomeOfCard(await bot.click(DT.approver, 'determinationApprove', { value: id })).outcome).toBe('done');
    expect(await countRows(bot.w.db, 'determinations', `id = ${id} and status = 'approved'`)).toBe(1);
  });

  it('an adjusted answer reads like Slack’s: “withdraw” ticked proposes not established', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const p = await bot.click(DT.officer, 'determineSubmit', { value: caseId, established: 'yes', reasons: 'Delay' });
    await bot.click(DT.approver, 'determinationApprove', { value: p.cardData!.cardParamMap.determinationId! });
    await bot.click(DT.ownContact, 'objectOpen', { value: caseId, grounds: 'Not us' });
    const withdrawn = await bot.click(DT.officer, 'answerSubmit', { value: caseId, outcome: 'adjusted', withdraw: ['not_established'], item: '', reasons: 'Not established after all' });
    expect(outcomeOfCard(withdrawn).outcome).toBe('done');
    expect(await countRows(bot.w.db, 'determinations', "purpose = 'objection_answer' and outcome = 'adjusted' and established = false")).toBe(1);
  });
});
