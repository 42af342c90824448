// The whole case through DingTalk (issue 12): report (the card) → notice →
// reply (a card button) → propose → approve (a card button) → processing
// notice → objection window closes → public notice. Inbound is the real
// path (Stream WebSocket → DingTalkInbound → handlers); outbound goes through
// the real outbox to whatever notifiers `notifierUnderTest` gives. Here it
// records; joined with the DingTalk notifier (dtout), swap in
// `{ dingtalk: new DingTalkNotifier(...) }` and read the fake's robot calls
// in `delivered()` — the steps and expectations stay as they are.
import { afterEach, expect, it } from 'vitest';
import type { ChatNotifiers } from '../../src/service/outbox/notifier.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import { deliverPending } from '../../src/service/outbox/deliver.ts';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { key } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { caseState } from '../slack/e2e/harness.ts';
import { closeObjectionWindow } from '../service/cases/case-steps.ts';
import { CARD_CREATE, DT, dt, outcomeOfCard, startDingTalkBot, type DingTalkBot } from './support/dingtalk-bot.ts';

/** What the whole-case test needs of the outbound side: the notifiers the outbox uses, and what reached DingTalk. */
export interface NotifierUnderTest {
  notifiers: ChatNotifiers;
  /** `kind → userId` for a DM, `kind → #approvals|#notices` for a group message, in order. */
  delivered(): string[];
}

/** The default: record what the outbox hands the DingTalk notifier (Slack's side recorded apart, not looked at). */
export function recordingNotifiers(_bot: DingTalkBot): NotifierUnderTest {
  const dingtalk = new RecordingNotifier();
  return {
    notifiers: { dingtalk, slack: new RecordingNotifier() },
    delivered: () => dingtalk.sent.map((m) => `${m.notification.kind} → ${m.recipient.type === 'user' ? m.recipient.userId : m.recipient.type === 'channel' ? `#${m.recipient.channel}` : `update #${m.recipient.outboxId}`}`),
  };
}

describeEachBackend('the whole case through DingTalk (issue 12)', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('report card → notice → dispute → propose → approve → processing notice → public notice', async () => {
    bot = await startDingTalkBot(getDb());
    const out = recordingNotifiers(bot);
    const deliver = () => deliverPending({ db: bot!.w.db, clock: bot!.w.clock, notifiers: out.notifiers });

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

    // The officer proposes (the determination form is Slack's or the CLI's for now); the approvals group is asked.
    const p = await proposeDetermination(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId, established: true, terminate: false, reasons: 'The ticket log shows the delay' });
    await deliver();
    expect(out.delivered()).toContain('determination_requested → #approvals');

    // A second person approves on the group card.
    const approved = await bot.click(DT.approver, 'determinationApprove', { value: String(p.determinationId) });
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
  });
});
