// The whole case through DingTalk only (issue 12), no Slack and no CLI step:
// report (the card) → notice → reply (a card button) → propose (the form on
// the card) → approve (a card button) → processing
// notice → objection window closes → public notice. Inbound is the real path
// (Stream WebSocket → DingTalkInbound → handlers); outbound is the real
// outbox and the real DingTalk notifier, sending to the fake DingTalk.
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../support/databases.ts';
import { caseState } from '../slack/e2e/harness.ts';
import { closeObjectionWindow } from '../service/cases/case-steps.ts';
import { CONVERSATIONS, realOutbound } from './support/real-outbound.ts';
import { CARD_CREATE, DT, dt, outcomeOfCard, startDingTalkBot, type DingTalkBot } from './support/dingtalk-bot.ts';

const GROUP_SEND = 'POST robot/groupMessages/send';

describeEachBackend('the whole case through DingTalk (issue 12)', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('report card → notice → dispute → propose → approve → processing notice → public notice', async () => {
    bot = await startDingTalkBot(getDb());
    const out = realOutbound(bot);
    const deliver = () => out.deliver();

    // The officer reports with the card.
    await bot.say(DT.officer, '违规 上报');
    const card = bot.fake.delivered(CARD_CREATE).at(-1)!;
    const filed = await bot.click(DT.officer, 'reportSubmit', { partner: 'P1', item: 'SVC-09', occurred_on: '2026-05-20', facts: 'Late service on ticket 42', links: ['https://example.com/proof/1'] }, { outTrackId: card.body.outTrackId as string });
    expect(outcomeOfCard(filed).outcome).toBe('filed');
    const caseId = filed.cardData!.cardParamMap.caseId!;
    await deliver();
    expect(out.delivered()).toContain(`suspected_violation → ${DT.ownContact}`);

    // The accused's DingTalk contact disputes from the notice card.
    const disputed = await bot.click(DT.ownContact, 'replyDispute', { value: caseId, text: 'We were on time', links: ['https://example.com/defence'] });
    expect(outcomeOfCard(disputed).outcome).toBe('done');
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');
    await deliver();

    // The officer proposes from the reply-recorded card: its button opens the determination form on the card.
    const replyCard = bot.fake.delivered(CARD_CREATE).findLast((c) => c.body.openSpaceId === `dtv1.card//IM_ROBOT.${DT.officer}` && (c.body.cardData as { cardParamMap: { buttons: string } }).cardParamMap.buttons.includes('determineOpen'))!;
    const button = (JSON.parse((replyCard.body.cardData as { cardParamMap: { buttons: string } }).cardParamMap.buttons) as { action: string; value: string }[]).find((b) => b.action === 'determineOpen')!;
    const form = await bot.click(DT.officer, 'determineOpen', { value: button.value }, { outTrackId: replyCard.body.outTrackId as string });
    expect(form.userPrivateData!.cardParamMap.status).toBe('determineForm');
    const proposed = await bot.click(DT.officer, 'determineSubmit', { value: form.userPrivateData!.cardParamMap.formCaseId, established: 'yes', reasons: 'The ticket log shows the delay' }, { outTrackId: replyCard.body.outTrackId as string });
    expect(outcomeOfCard(proposed).outcome).toBe('done');
    await deliver();
    expect(out.delivered()).toContain('determination_requested → #approvals');

    // A second person approves on the group card.
    const approved = await bot.click(DT.approver, 'determinationApprove', { value: proposed.cardData!.cardParamMap.determinationId! });
    expect(outcomeOfCard(approved).outcome).toBe('done');
    await deliver();
    expect(out.delivered()).toContain(`processing_notice → ${DT.ownContact}`);
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_objection');

    // No objection in time: the formal decision, and the public notice to the notices group.
    await closeObjectionWindow(bot.w);
    await deliver();
    const seen = out.delivered();
    expect(seen).toContain('public_notice → #notices');
    const order = ['suspected_violation', 'determination_requested', 'processing_notice', 'public_notice'].map((k) => seen.findIndex((l) => l.startsWith(`${k} →`)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // R-CONFIDENTIAL: another partner's contact hears nothing of this case.
    expect(seen.filter((l) => l.endsWith(DT.otherContact))).toEqual([]);
    // It reached DingTalk: the approvals card in the approvals group, the public notice in the notices group.
    expect(bot.fake.delivered(CARD_CREATE).some((c) => c.body.openSpaceId === `dtv1.card//IM_GROUP.${CONVERSATIONS.approvals}`)).toBe(true);
    expect(bot.fake.delivered(GROUP_SEND).map((c) => c.body.openConversationId)).toContain(CONVERSATIONS.notices);
  });
});
