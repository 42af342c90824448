// A whole case over real HTTP, the way people run it in Slack: report →
// notice DM → dispute → determination → approval → processing notice →
// objection window lapses → public notice → payment → closed.
import { afterEach, expect, it } from 'vitest';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { recordPayment } from '../../../src/service/collection/record-payment.ts';
import { APPROVER, FINANCE, OFFICER, P1_CONTACT, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { buttonIn, caseState, CHANNELS, countRows, plainValue, radio, reportValues, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('a disputed class-2 case run entirely from Slack', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('goes from /violation report to a closed case, with every message where it belongs', async () => {
    // Monday 2026-06-01 12:00 Beijing time; the partner's contact reads Chinese.
    bot = await startBot(getDb(), { at: '2026-06-01T04:00:00Z', locales: { [P1_CONTACT.userId]: 'zh-CN' } });
    const { fake, w } = bot;

    // 1. The officer opens the report modal; it offers the whole catalog grouped by table, with classes.
    const cmd = await bot.command(OFFICER.userId, 'report');
    expect([cmd.status, cmd.body]).toEqual([200, '']);
    const opened = await fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.report);
    const view = opened.args.view as { title: { text: string }; blocks: { block_id?: string; element?: { option_groups?: { options: unknown[] }[] } }[] };
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const groups = view.blocks.find((b) => b.block_id === 'item')!.element!.option_groups!;
    expect(groups.map((g) => g.options.length)).toEqual([18, 15, 25]);
    expect(view.blocks.some((b) => b.block_id === 'suspend')).toBe(true);

    // The partner picker searches names and ids.
    const options = await bot.suggest(OFFICER.userId, INPUTS.partner, 'one');
    expect(options.json).toEqual({ options: [{ text: { type: 'plain_text', text: 'Partner One (P1)', emoji: true }, value: 'P1' }] });

    // 2. Submitted: the case exists and the modal turns into a confirmation.
    const submitted = await bot.submit(OFFICER.userId, opened, reportValues({}));
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(textOf(submitted.json)).toContain('V-000001');
    expect(await caseState(w.db, 'V-000001')).toBe('awaiting_reply');

    // 3. The notice reaches the partner's contact by DM, in Chinese, with Accept / Dispute.
    await bot.deliver();
    const notice = fake.callsTo('chat.postMessage').find((c) => isDmTo(c, P1_CONTACT.userId))!;
    // Posted to the contact's user id, with no conversations.open first (Tier 3, issue 10).
    expect(notice.args.channel).toBe(P1_CONTACT.userId);
    expect(fake.callsTo('conversations.open')).toEqual([]);
    expect(notice.args.text).toMatch(/[\u4e00-\u9fff]/);
    const dispute = buttonIn(notice.args.blocks, ACTIONS.replyDispute)!;
    expect(dispute.value).toBe('V-000001');
    expect(buttonIn(notice.args.blocks, ACTIONS.replyAccept)).toBeDefined();

    // 4. The contact disputes: a modal, then reasons and a link.
    await bot.click(P1_CONTACT.userId, ACTIONS.replyDispute, dispute.value);
    const disputeModal = await fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.dispute);
    expect(textOf(disputeModal.args.view)).toMatch(/申辩/);
    const disputed = await bot.submit(P1_CONTACT.userId, disputeModal, {
      text: { [INPUTS.text]: plainValue('The ticket was answered in time; see the log.') },
      evidence: { [INPUTS.links]: plainValue('https://example.com/log/7') },
      evidence_files: { [INPUTS.files]: { type: 'file_input', files: [] } },
    });
    expect(disputed.json).toMatchObject({ response_action: 'update' });
    expect(await caseState(w.db, 'V-000001')).toBe('awaiting_determination');
    await bot.deliver();
    // The reporter hears of the dispute.
    expect(fake.callsTo('chat.postMessage').some((c) => isDmTo(c, OFFICER.userId))).toBe(true);

    // 5. The officer proposes the determination from its modal.
    await bot.command(OFFICER.userId, 'determine V-000001');
    const determine = await fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.determine);
    expect(textOf(determine.args.view)).toContain('5,000.00');
    const proposed = await bot.submit(OFFICER.userId, determine, {
      established: { [INPUTS.established]: radio('yes') },
      reasons: { [INPUTS.reasons]: plainValue('The log shows the ticket answered on day 9.') },
    });
    expect(proposed.json).toMatchObject({ response_action: 'update' });
    expect(await caseState(w.db, 'V-000001')).toBe('determination_proposed');

    // 6. The approval request lands in the approvals channel with Approve / Reject.
    await bot.deliver();
    const request = fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.determinationApprove))!;
    const approve = buttonIn(request.args.blocks, ACTIONS.determinationApprove)!;

    // 7. A second person approves; they are told privately, the request is updated in place.
    const approved = await bot.click(APPROVER.userId, ACTIONS.determinationApprove, approve.value, { responseUrl: fake.responseUrl('approve') });
    expect(approved.status).toBe(200);
    const told = await fake.waitForResponseUrlPost('approve');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(told.body)).toContain('V-000001');
    expect(await caseState(w.db, 'V-000001')).toBe('awaiting_objection');
    await bot.deliver();
    const updated = fake.callsTo('chat.update').filter((c) => c.args.channel === CHANNELS.approvals);
    expect(updated).toHaveLength(1);
    expect(textOf(updated[0]!.args)).toContain(APPROVER.userId);
    expect(buttonIn(updated[0]!.args.blocks, ACTIONS.determinationApprove)).toBeUndefined();

    // 8. The processing notice reaches the partner with an Object button.
    const processing = fake.callsTo('chat.postMessage').filter((c) => isDmTo(c, P1_CONTACT.userId) && buttonIn(c.args.blocks, ACTIONS.objectOpen));
    expect(processing).toHaveLength(1);

    // 9. Nobody objects: after the window (3 working days) the sweep issues the formal decision.
    w.clock.set('2026-06-05T01:00:00Z');
    const swept = await bot.sweep();
    expect(swept.outcomes.decided).toBe(1);
    expect(await caseState(w.db, 'V-000001')).toBe('collecting');
    await bot.deliver();
    const publicNotice = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNELS.notices);
    expect(publicNotice).toHaveLength(1);
    expect(textOf(publicNotice[0]!.args)).toContain('Partner One');

    // 10. Finance records the payment; the case closes and the partner is told.
    const paid = await recordPayment(w.cases, { key: key('pay'), actor: FINANCE, partnerId: 'P1', amount: '5000.00', on: '2026-06-05' });
    expect(paid.applied).toEqual([expect.objectContaining({ caseId: 'V-000001', closed: true })]);
    expect(await caseState(w.db, 'V-000001')).toBe('closed');
    const before = fake.callsTo('chat.postMessage').length;
    await bot.deliver();
    expect(fake.callsTo('chat.postMessage').length).toBeGreaterThan(before);
    expect(await countRows(w.db, 'outbox', "status <> 'delivered'")).toBe(0);

    // And `/violation show` tells the story privately.
    const show = await bot.command(OFFICER.userId, 'show V-000001', { responseUrl: fake.responseUrl('show') });
    expect(show.status).toBe(200);
    const shown = await fake.waitForResponseUrlPost('show');
    expect(shown.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(shown.body)).toContain('closed');

    // Nothing went wrong on the way: no error logged by the bot or by Bolt.
    expect(bot.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect(bot.boltLogger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
