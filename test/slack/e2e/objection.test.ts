// An objection to the processing notice, raised and answered from Slack.
import { afterEach, expect, it } from 'vitest';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { APPROVER, OFFICER, P1_CONTACT, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { buttonIn, caseState, checked, countRows, plainValue, radio, selected, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('objecting to a processing notice and answering the objection', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  /** A class-2 case whose processing notice has gone out; returns the Object button's value from the DM. */
  async function noticed(b: Bot): Promise<string> {
    const { w } = b;
    const r = await reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Admitted' });
    await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    await b.deliver();
    const dm = b.fake.callsTo('chat.postMessage').find((c) => isDmTo(c, P1_CONTACT.userId) && buttonIn(c.args.blocks, ACTIONS.objectOpen));
    return buttonIn(dm!.args.blocks, ACTIONS.objectOpen)!.value;
  }

  it('takes the objection, then an adjusted answer (a lighter item) for approval, and sanctions the lighter class', async () => {
    bot = await startBot(getDb());
    const caseId = await noticed(bot);
    await bot.click(P1_CONTACT.userId, ACTIONS.objectOpen, caseId);
    const objectModal = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.objection);
    const empty = await bot.submit(P1_CONTACT.userId, objectModal, { grounds: { [INPUTS.text]: plainValue(' ') } });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { grounds: 'Give the grounds of your objection (R-NOTICE, §5.5.2).' } });
    const objected = await bot.submit(P1_CONTACT.userId, objectModal, { grounds: { [INPUTS.text]: plainValue('It was a one-off delay, a warning fits.') } });
    expect(objected.json).toMatchObject({ response_action: 'update' });
    expect(await caseState(bot.w.db, caseId)).toBe('objection_raised');

    await bot.command(OFFICER.userId, `answer ${caseId}`);
    const answerModal = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.answer);
    expect(textOf(answerModal.args.view)).toContain('It was a one-off delay, a warning fits.');
    const answered = await bot.submit(OFFICER.userId, answerModal, {
      outcome: { [INPUTS.outcome]: radio('adjusted') },
      item: { [INPUTS.item]: selected('SVC-17') },
      established: { [INPUTS.established]: checked() },
      terminate: { [INPUTS.terminate]: checked() },
      reasons: { [INPUTS.reasons]: plainValue('A single delay: class 3 applies.') },
    });
    expect(answered.json).toMatchObject({ response_action: 'update' });
    expect(await caseState(bot.w.db, caseId)).toBe('objection_answer_proposed');

    await bot.deliver();
    const request = bot.fake.callsTo('chat.postMessage').filter((c) => buttonIn(c.args.blocks, ACTIONS.determinationApprove)).at(-1)!;
    await bot.click(APPROVER.userId, ACTIONS.determinationApprove, buttonIn(request.args.blocks, ACTIONS.determinationApprove)!.value, { responseUrl: bot.fake.responseUrl('ok') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('ok')).body)).toContain('You approved');
    expect(await countRows(bot.w.db, 'sanctions', `case_id = '${caseId}' and final_class = 3`)).toBe(1);
  });

  it('refuses an objection after the window closed, inline', async () => {
    bot = await startBot(getDb());
    const caseId = await noticed(bot);
    await bot.click(P1_CONTACT.userId, ACTIONS.objectOpen, caseId);
    const objectModal = await bot.fake.waitFor('views.open');
    bot.w.clock.set('2026-06-05T01:00:00Z');
    const late = await bot.submit(P1_CONTACT.userId, objectModal, { grounds: { [INPUTS.text]: plainValue('Too late?') } });
    expect(late.json).toEqual({ response_action: 'errors', errors: { grounds: `The objection window of case ${caseId} has closed.` } });
  });
});
