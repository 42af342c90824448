// Issue 12: every notification kind, in both languages, through the real
// outbox and the DingTalk notifier to the fake DingTalk over HTTP: DMs as
// robot markdown, groups, cards with buttons from the generic template, the
// edit of a card, and a DM DingTalk refuses kept as the outbox's error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dingtalkLocaleOf, setDingtalkLocale } from '../../src/db/repositories/dingtalk.repository.ts';
import { mentionsEveryone } from '../../src/dingtalk/markdown.ts';
import { DingTalkNotifier } from '../../src/dingtalk/notifier/dingtalk-notifier.ts';
import { DingTalkOpenApi } from '../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../src/dingtalk/robot-api.ts';
import type { CaseView, Notification, Recipient } from '../../src/domain/notifications/notification.ts';
import { locales } from '../../src/messages/i18n.ts';
import { deliverOutboxMessage } from '../../src/service/outbox/deliver.ts';
import { enqueue } from '../../src/service/outbox/enqueue.ts';
import { noJobScheduler } from '../../src/service/jobs-port.ts';
import { caseWorld, type CaseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../support/fake-dingtalk.ts';
import { outboxRow } from '../jobs/job-fixtures.ts';
import { allSamples, CASE } from '../slack/render/samples.ts';
import { composeNotification } from '../../src/messages/notifications/compose-notification.ts';

const BATCH = 'POST robot/oToMessages/batchSend';
const GROUP = 'POST robot/groupMessages/send';
const CARD = 'POST card/instances/createAndDeliver';
const UPDATE = 'PUT card/instances';
const CONVERSATIONS = { approvals: 'cidApprovals==', notices: 'cidNotices==' };
const CJK = /[\u4e00-\u9fff]/;

// A partner name that tries to ping everyone and to inject markdown.
const hostile: CaseView = { ...CASE, partnerName: 'Evil @all @所有人 # [x](http://e) <font>' };

let fake: FakeDingTalk;
beforeAll(async () => {
  fake = await startFakeDingTalk({ unknownUsers: ['ghost'], flowControlled: { busy: 1000 } });
});
afterAll(async () => {
  await fake.close();
});

function notifier(w: CaseWorld, cardTemplateId: string | undefined): DingTalkNotifier {
  const api = new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret });
  return new DingTalkNotifier({
    robot: new DingTalkRobotApi(api, 'dingrobot', { flowControlRetries: 1, flowControlDelayMs: 1 }),
    conversations: CONVERSATIONS,
    cardTemplateId,
    callbackType: 'STREAM',
    localeOf: (userId) => dingtalkLocaleOf(w.db, userId),
    defaultLocale: 'zh-CN',
    now: () => w.clock.now(),
    randomId: () => 'r',
  });
}

const queue = (w: CaseWorld, to: Recipient, n: Notification) => w.db.transaction((tx) => enqueue({ tx, clock: w.clock, jobs: noJobScheduler }, null, to, n));
const lastCall = (api: string) => fake.delivered(api).at(-1)!;
const msgParam = (api: string) => JSON.parse(lastCall(api).body.msgParam as string) as { title: string; text: string };

describeEachBackend('the DingTalk notifier through the outbox (issue 12)', (getDb) => {
  it('DMs every kind in the reader’s stored language (default zh-CN) as markdown; buttons become the text command without a template; never @all', async () => {
    const w = await caseWorld(getDb());
    await setDingtalkLocale(w.db, 'u-en', 'en', w.clock.now());
    const deps = { db: w.db, clock: w.clock, notifiers: { dingtalk: notifier(w, undefined) } };
    for (const locale of locales) {
      const userId = locale === 'en' ? 'u-en' : 'u-zh';
      for (const n of allSamples(hostile)) {
        const id = await queue(w, { type: 'user', platform: 'dingtalk', userId }, n);
        expect(await deliverOutboxMessage(deps, id), n.kind).toBe('delivered');
        const call = lastCall(BATCH);
        expect(call.body.userIds).toEqual([userId]);
        expect(call.body.msgKey).toBe('sampleMarkdown');
        expect(mentionsEveryone(call.body), n.kind).toBe(false);
        const md = msgParam(BATCH);
        // The public notice is bilingual by design; everything else in the reader's language.
        if (locale === 'zh-CN' || n.kind !== 'public_notice') expect(CJK.test(md.title), `${n.kind} ${locale}: ${md.title}`).toBe(locale === 'zh-CN');
        expect(md.text).not.toMatch(/<font|\n#\s|\[x\]\(/);
        if ('case' in n && composeNotification(n, locale).blocks.some((b) => b.type === 'actions' && b.actions.length > 0)) {
          expect(md.text, n.kind).toContain(locale === 'en' ? '`violation show ' : '`违规 查看 ');
        }
        expect((await outboxRow(w.db, id)).result).toEqual({ dingtalk: { channel: `user:${userId}`, ts: 'batchSend' } });
      }
    }
  }, 120_000);

  it('posts to the approvals and notices groups in zh-CN; with a template, a message with buttons is a card whose edit updates it in place', async () => {
    const w = await caseWorld(getDb());
    const deps = { db: w.db, clock: w.clock, notifiers: { dingtalk: notifier(w, 'tpl.generic') } };
    const notice = allSamples().find((n) => n.kind === 'public_notice')!;
    const noticeId = await queue(w, { type: 'channel', channel: 'notices' }, notice);
    expect(await deliverOutboxMessage(deps, noticeId)).toBe('delivered');
    expect(lastCall(GROUP).body.openConversationId).toBe('cidNotices==');
    expect(CJK.test(msgParam(GROUP).text)).toBe(true);
    expect((await outboxRow(w.db, noticeId)).result).toMatchObject({ dingtalk: { channel: 'group:cidNotices==' } });

    const requested = allSamples().find((n) => n.kind === 'determination_requested')!;
    const reqId = await queue(w, { type: 'channel', channel: 'approvals' }, requested);
    expect(await deliverOutboxMessage(deps, reqId)).toBe('delivered');
    const card = lastCall(CARD).body;
    expect(card).toMatchObject({ cardTemplateId: 'tpl.generic', openSpaceId: 'dtv1.card//IM_GROUP.cidApprovals==', callbackType: 'STREAM', outTrackId: `vt-outbox-${reqId}-r.1` });
    const params = (card.cardData as { cardParamMap: Record<string, string> }).cardParamMap;
    expect(Object.keys(params).sort()).toEqual(['buttons', 'markdown', 'title']);
    expect(JSON.parse(params.buttons!)).toEqual([
      { action: 'determinationApprove', value: '17', label: '批准', style: 'primary' },
      { action: 'determinationReject', value: '17', label: '驳回', style: 'danger' },
    ]);
    expect(params.markdown).not.toContain('违规 查看');
    expect((await outboxRow(w.db, reqId)).result).toEqual({ dingtalk: { channel: 'IM_GROUP.cidApprovals==', ts: `vt-outbox-${reqId}-r.1` } });

    const decided = allSamples().find((n) => n.kind === 'determination_decided')!;
    const editId = await queue(w, { type: 'update', outboxId: reqId }, decided);
    expect(await deliverOutboxMessage(deps, editId)).toBe('delivered');
    const update = lastCall(UPDATE).body;
    expect(update.outTrackId).toBe(`vt-outbox-${reqId}-r.1`);
    expect(JSON.parse((update.cardData as { cardParamMap: Record<string, string> }).cardParamMap.buttons!)).toEqual([]);

    // A DM with buttons is a card in the person's chat with the robot, in their language.
    await setDingtalkLocale(w.db, 'u-en', 'en', w.clock.now());
    const suspected = allSamples().find((n) => n.kind === 'suspected_violation')!;
    const dmId = await queue(w, { type: 'user', platform: 'dingtalk', userId: 'u-en' }, suspected);
    expect(await deliverOutboxMessage(deps, dmId)).toBe('delivered');
    const dm = lastCall(CARD).body;
    expect(dm.openSpaceId).toBe('dtv1.card//IM_ROBOT.u-en');
    const dmParams = (dm.cardData as { cardParamMap: Record<string, string> }).cardParamMap;
    expect(CJK.test(dmParams.title!)).toBe(false);
    expect(JSON.parse(dmParams.buttons!).map((b: { action: string }) => b.action)).toEqual(['replyAccept', 'replyDispute']);
  });

  it('an edit of a markdown message (no template) is sent again to the same group, since DingTalk cannot edit it', async () => {
    const w = await caseWorld(getDb());
    const deps = { db: w.db, clock: w.clock, notifiers: { dingtalk: notifier(w, undefined) } };
    const reqId = await queue(w, { type: 'channel', channel: 'approvals' }, allSamples().find((n) => n.kind === 'determination_requested')!);
    expect(await deliverOutboxMessage(deps, reqId)).toBe('delivered');
    const before = fake.delivered(GROUP).length;
    const editId = await queue(w, { type: 'update', outboxId: reqId }, allSamples().find((n) => n.kind === 'determination_decided')!);
    expect(await deliverOutboxMessage(deps, editId)).toBe('delivered');
    expect(fake.delivered(GROUP)).toHaveLength(before + 1);
    expect(lastCall(GROUP).body.openConversationId).toBe('cidApprovals==');
  });

  it('a DM to a user DingTalk does not know fails at once with the reason; one still flow-controlled is kept pending, to retry', async () => {
    const w = await caseWorld(getDb());
    const deps = { db: w.db, clock: w.clock, notifiers: { dingtalk: notifier(w, undefined) } };
    const n = allSamples().find((x) => x.kind === 'payment_due')!;
    const ghost = await queue(w, { type: 'user', platform: 'dingtalk', userId: 'ghost' }, n);
    // No retry can make DingTalk know the id: failed after one attempt, for `cli outbox` to show.
    expect(await deliverOutboxMessage(deps, ghost)).toBe('failed');
    const lost = await outboxRow(w.db, ghost);
    expect({ status: lost.status, attempts: lost.attempts }).toEqual({ status: 'failed', attempts: 1 });
    expect(lost.lastError).toMatch(/^DingTalk does not know user ghost \(invalidStaffIdList\)/);
    const busy = await queue(w, { type: 'user', platform: 'dingtalk', userId: 'busy' }, n);
    expect(await deliverOutboxMessage(deps, busy)).toBe('retry');
    const row = await outboxRow(w.db, busy);
    expect({ status: row.status, result: row.result }).toEqual({ status: 'pending', result: null });
    expect(row.lastError).toMatch(/flow-controlled .* user busy/);
  });
});

