// The approval buttons in the approvals channel: only a second person with the
// approver role decides, once; everyone else is told privately and nothing changes.
import { afterEach, expect, it } from 'vitest';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { APPROVER, APPROVER2, FINANCE, OFFICER, P1_CONTACT, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { buttonIn, caseState, CHANNELS, countRows, plainValue, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('approving and rejecting a determination from Slack', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  /** A reported, accepted case with a proposal by the officer; returns the Approve button's value. */
  async function proposal(b: Bot): Promise<string> {
    const { w } = b;
    const r = await reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear facts' });
    await b.deliver();
    const request = b.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.determinationApprove));
    return buttonIn(request!.args.blocks, ACTIONS.determinationApprove)!.value;
  }

  it('refuses the proposer approving their own determination, privately, and changes nothing', async () => {
    bot = await startBot(getDb());
    const id = await proposal(bot);
    const res = await bot.click(OFFICER.userId, ACTIONS.determinationApprove, id, { responseUrl: bot.fake.responseUrl('self') });
    expect(res.status).toBe(200);
    const told = await bot.fake.waitForResponseUrlPost('self');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(told.body)).toMatch(/You proposed this determination, so another approver must decide it/);
    expect(await caseState(bot.w.db, 'V-000001')).toBe('determination_proposed');
    expect(await countRows(bot.w.db, 'determinations', "status = 'proposed'")).toBe(1);
  });

  it('tells a non-approver, in their own language, that the approver role is needed', async () => {
    bot = await startBot(getDb(), { locales: { [FINANCE.userId]: 'zh-CN' } });
    const id = await proposal(bot);
    await bot.click(FINANCE.userId, ACTIONS.determinationApprove, id, { responseUrl: bot.fake.responseUrl('finance') });
    const told = await bot.fake.waitForResponseUrlPost('finance');
    expect(textOf(told.body)).toContain('你需要审批人（approver）角色才能批准或驳回认定');
    expect(await caseState(bot.w.db, 'V-000001')).toBe('determination_proposed');
  });

  it('decides a double-clicked approval once; the second click is told who decided and when', async () => {
    bot = await startBot(getDb());
    const id = await proposal(bot);
    const [a, b] = await Promise.all([
      bot.click(APPROVER.userId, ACTIONS.determinationApprove, id, { responseUrl: bot.fake.responseUrl('click-1'), actionTs: '1780000000.000001' }),
      bot.click(APPROVER.userId, ACTIONS.determinationApprove, id, { responseUrl: bot.fake.responseUrl('click-2'), actionTs: '1780000000.000002' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const answers = [textOf((await bot.fake.waitForResponseUrlPost('click-1')).body), textOf((await bot.fake.waitForResponseUrlPost('click-2')).body)];
    expect(answers.filter((t) => t.includes('You approved determination'))).toHaveLength(1);
    const second = answers.find((t) => !t.includes('You approved'))!;
    expect(second).toMatch(/already approved by <@U0APPROVER> at Mon 1 Jun 2026, \d\d:\d\d(:\d\d)? \(Beijing time\)/);
    expect(await countRows(bot.w.db, 'determinations', "status = 'approved'")).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events', "action = 'determination.approved'")).toBe(1);
    expect(await caseState(bot.w.db, 'V-000001')).toBe('awaiting_objection');
    // A second approver arriving later is told the same.
    await bot.click(APPROVER2.userId, ACTIONS.determinationApprove, id, { responseUrl: bot.fake.responseUrl('late') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('late')).body)).toMatch(/already approved by <@U0APPROVER>/);
  });

  it('rejects through a short-reason modal; the case goes back to waiting for a determination', async () => {
    bot = await startBot(getDb());
    const id = await proposal(bot);
    await bot.click(APPROVER.userId, ACTIONS.determinationReject, id);
    const modal = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.reject);
    const res = await bot.submit(APPROVER.userId, modal, { reasons: { [INPUTS.reasons]: plainValue('Ask the partner first.') } });
    expect(res.json).toMatchObject({ response_action: 'update' });
    expect(textOf(res.json)).toContain('You rejected determination');
    expect(await countRows(bot.w.db, 'determinations', "status = 'rejected' and decision_note = 'Ask the partner first.'")).toBe(1);
    // Fast-tracked and still inside the reply window: back to waiting for the reply.
    expect(await caseState(bot.w.db, 'V-000001')).toBe('awaiting_reply');
  });

  it('does not even open the reject modal for someone without the approver role', async () => {
    bot = await startBot(getDb());
    const id = await proposal(bot);
    await bot.click(P1_CONTACT.userId, ACTIONS.determinationReject, id, { responseUrl: bot.fake.responseUrl('nope') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('nope')).body)).toMatch(/You need the approver role/);
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('an approval the engine would now decide differently is refused: the approver sees both figures side by side and the approvals message says so (R-DETERMINE, R-P2)', async () => {
    bot = await startBot(getDb(), { locales: { [OFFICER.userId]: 'zh-CN' } });
    const { w } = bot;
    const report = () => reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    const a = await report();
    const b = await report();
    const pa = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: a.caseId, established: true, terminate: false, reasons: 'Clear facts' });
    const pb = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: b.caseId, established: true, terminate: false, reasons: 'Clear facts' });
    await bot.deliver();
    const requestOfB = bot.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.determinationApprove)?.value === String(pb.determinationId));
    expect(requestOfB).toBeDefined();
    // Case A is approved first, so B would now be the 2nd class-2 sanction at CNY 10,000, not the 1st at 5,000.
    await decideDetermination(w.cases, { key: key(), actor: APPROVER2, determinationId: pa.determinationId, approve: true });

    const res = await bot.click(APPROVER.userId, ACTIONS.determinationApprove, String(pb.determinationId), { responseUrl: bot.fake.responseUrl('stale') });
    expect(res.status).toBe(200);
    const told = await bot.fake.waitForResponseUrlPost('stale');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const answer = textOf(told.body);
    expect(answer).toContain('Not approved');
    expect(answer).toContain('CNY 5,000.00 → CNY 10,000.00');
    expect(answer).toContain('*Penalty · proposed (judged Mon 1 Jun 2026)*\nCNY 5,000.00');
    expect(answer).toContain('*:warning: Penalty · now (judged Mon 1 Jun 2026)*\nCNY 10,000.00');
    expect(answer).toContain('counted (2): V-000001, V-000002 · amount CNY 10,000.00');
    expect(await caseState(w.db, b.caseId)).toBe('awaiting_reply');
    expect(await countRows(w.db, 'determinations', "status = 'superseded'")).toBe(1);
    expect(await countRows(w.db, 'sanctions', `case_id = '${b.caseId}'`)).toBe(0);

    await bot.deliver();
    const updated = bot.fake.callsTo('chat.update').filter((c) => c.args.channel === CHANNELS.approvals && textOf(c.args).includes('not approved, the decision changed'));
    expect(updated).toHaveLength(1);
    const channelText = textOf(updated[0]!.args);
    expect(channelText).toContain(b.caseId);
    expect(channelText).toContain('CNY 5,000.00');
    expect(channelText).toContain('CNY 10,000.00');
    expect(buttonIn(updated[0]!.args.blocks, ACTIONS.determinationApprove)).toBeUndefined();
    // The proposer is asked, in their language, to propose again.
    const dm = bot.fake.callsTo('chat.postMessage').filter((c) => isDmTo(c, OFFICER.userId) && textOf(c.args).includes('未获批准'));
    expect(dm).toHaveLength(1);
    expect(textOf(dm[0]!.args)).toContain('人民币 10,000.00 元');

    // `/violation show` for staff: the superseded proposal with the re-judged figures beside the proposed ones.
    await bot.command(APPROVER.userId, `show ${b.caseId}`, { responseUrl: bot.fake.responseUrl('show-staff') });
    const shown = textOf((await bot.fake.waitForResponseUrlPost('show-staff')).body);
    expect(shown).toContain('superseded (the decision changed, R-DETERMINE)');
    expect(shown).toContain('*Penalty · proposed (judged Mon 1 Jun 2026)*\nCNY 5,000.00');
    expect(shown).toContain('*:warning: Penalty · now (judged Mon 1 Jun 2026)*\nCNY 10,000.00');
    expect(shown).toContain('*Class · proposed (judged Mon 1 Jun 2026)*');
    expect(shown).toContain('*Termination · now (judged Mon 1 Jun 2026)*');
    // The accused partner never sees the internal proposal (R-CONFIDENTIAL).
    await bot.command(P1_CONTACT.userId, `show ${b.caseId}`, { responseUrl: bot.fake.responseUrl('show-accused') });
    const accused = textOf((await bot.fake.waitForResponseUrlPost('show-accused')).body);
    expect(accused).toContain(b.caseId);
    for (const hidden of ['superseded', 'CNY 10,000.00', 'Clear facts']) expect(accused).not.toContain(hidden);
  });
});
