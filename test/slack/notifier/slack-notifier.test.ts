import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/domain/notifications/notification.ts';
import type { OutgoingMessage } from '../../../src/service/outbox/notifier.ts';
import { ACTIONS } from '../../../src/slack/action-ids.ts';
import { LocaleResolver } from '../../../src/slack/locale/locale-resolver.ts';
import { OUTBOX_EVENT_TYPE, SlackNotifier } from '../../../src/slack/notifier/slack-notifier.ts';
import { createTestLogger, rateLimited, startFakeSlack, type FakeSlack, type RecordedCall } from '../../support/fake-slack.ts';
import { samples } from '../render/samples.ts';

const CHANNELS = { notices: 'C0NOTICES', approvals: 'C0APPROVALS' };
const all = samples();
const notice: Notification = all.suspected_violation[0]!;
const request: Notification = all.determination_requested[0]!;
const decided: Notification = all.determination_decided[0]!;
const publicNotice: Notification = all.public_notice[0]!;

type Blocks = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] }[];
const blocksOf = (call: RecordedCall | undefined): Blocks => (call?.args.blocks ?? []) as Blocks;
const headerOf = (call: RecordedCall | undefined): string | undefined => blocksOf(call).find((b) => b.type === 'header')?.text?.text;
const actionIdsOf = (call: RecordedCall | undefined): string[] => blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : []));

describe('the Slack notifier delivers outbox messages', () => {
  let fake: FakeSlack;
  let client: WebClient;
  let notifier: SlackNotifier;
  const make = (c: WebClient, defaultLocale: 'en' | 'zh-CN' = 'en') =>
    new SlackNotifier({ client: c, channels: CHANNELS, locales: new LocaleResolver({ client: c, defaultLocale }), defaultLocale });

  beforeAll(async () => {
    fake = await startFakeSlack({ userLocales: { UZH: 'zh-CN', UEN: 'en-US' } });
    client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createTestLogger() });
  });
  beforeEach(() => {
    fake.reset();
    notifier = make(client);
  });
  afterAll(() => fake.close());

  it('a DM is posted to the user id (no conversations.open), with the outbox id in the message metadata', async () => {
    const out: OutgoingMessage = { outboxId: 7, recipient: { type: 'user', platform: 'slack', userId: 'UEN' }, notification: notice };
    const delivered = await notifier.deliver(out);

    expect(fake.calls.map((c) => c.method)).toEqual(['users.info', 'chat.postMessage']);
    const post = fake.callsTo('chat.postMessage')[0];
    expect(post?.args).toMatchObject({
      channel: 'UEN',
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: 7 } },
    });
    expect(String(post?.args.text)).toContain('V-000042');
    expect(actionIdsOf(post)).toEqual([ACTIONS.replyAccept, ACTIONS.replyDispute]);
    expect(delivered).toEqual({ channel: 'DUEN', ts: '1700000000.000100' });
  });

  it('writes a DM in the recipient’s Slack language, looked up once and then remembered', async () => {
    await notifier.deliver({ outboxId: 1, recipient: { type: 'user', platform: 'slack', userId: 'UZH' }, notification: notice });
    await notifier.deliver({ outboxId: 2, recipient: { type: 'user', platform: 'slack', userId: 'UZH' }, notification: notice });
    await notifier.deliver({ outboxId: 3, recipient: { type: 'user', platform: 'slack', userId: 'UEN' }, notification: notice });

    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map(headerOf)).toEqual(['疑似违规通知', '疑似违规通知', 'Notice of suspected violation']);
    expect(fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['UZH', 'UEN']);
    expect(fake.callsTo('users.info')[0]?.args.include_locale).toBe('true');
  });

  it('posts to the approvals channel in the default locale, without looking anyone up', async () => {
    const delivered = await make(client, 'zh-CN').deliver({ outboxId: 11, recipient: { type: 'channel', channel: 'approvals' }, notification: request });

    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    const post = fake.callsTo('chat.postMessage')[0];
    expect(post?.args).toMatchObject({ channel: 'C0APPROVALS', metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: 11 } } });
    expect(headerOf(post)).toBe('责任认定 #17：待审批');
    expect(actionIdsOf(post)).toEqual([ACTIONS.determinationApprove, ACTIONS.determinationReject]);
    expect(delivered.channel).toBe('C0APPROVALS');
  });

  it('posts the public notice to the notices channel in both languages', async () => {
    await notifier.deliver({ outboxId: 12, recipient: { type: 'channel', channel: 'notices' }, notification: publicNotice });
    const post = fake.callsTo('chat.postMessage')[0];
    expect(post?.args.channel).toBe('C0NOTICES');
    expect(headerOf(post)).toBe('违规处理通报 / Violation notice');
  });

  it('edits the original message in place for an update, and the edit has no buttons', async () => {
    const original = await notifier.deliver({ outboxId: 20, recipient: { type: 'channel', channel: 'approvals' }, notification: request });
    const edited = await notifier.deliver({ outboxId: 21, recipient: { type: 'update', outboxId: 20 }, notification: decided, original });

    const update = fake.callsTo('chat.update')[0];
    expect(update?.args).toMatchObject({
      channel: 'C0APPROVALS',
      ts: original.ts,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: 21 } },
    });
    expect(String(update?.args.text)).toContain('approved');
    expect(actionIdsOf(update)).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(edited).toEqual(original);
  });

  it('refuses an update whose original message is unknown, sending nothing', async () => {
    await expect(notifier.deliver({ outboxId: 22, recipient: { type: 'update', outboxId: 20 }, notification: decided })).rejects.toThrow(/outbox 20/);
    expect(fake.calls).toHaveLength(0);
  });

  it('lets Slack errors reach the outbox, which keeps them', async () => {
    fake.respondOnce('chat.postMessage', { ok: false, error: 'channel_not_found' });
    await expect(notifier.deliver({ outboxId: 30, recipient: { type: 'channel', channel: 'notices' }, notification: publicNotice })).rejects.toThrow(/channel_not_found/);
    fake.respondOnce('chat.postMessage', { ok: false, error: 'cannot_dm_bot' });
    await expect(notifier.deliver({ outboxId: 31, recipient: { type: 'user', platform: 'slack', userId: 'UEN' }, notification: notice })).rejects.toThrow(/cannot_dm_bot/);
  });

  it('still sends a DM, in the default locale, when the locale lookup fails', async () => {
    fake.respondOnce('users.info', { ok: false, error: 'ratelimited' });
    await notifier.deliver({ outboxId: 40, recipient: { type: 'user', platform: 'slack', userId: 'UZH' }, notification: notice });
    expect(headerOf(fake.callsTo('chat.postMessage')[0])).toBe('Notice of suspected violation');
  });

  it('honours a 429 with Retry-After: 1 through the WebClient, and the message still goes out', async () => {
    const retrying = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, logger: createTestLogger() });
    fake.respondOnce('chat.postMessage', rateLimited(1));
    const started = Date.now();
    const delivered = await make(retrying).deliver({ outboxId: 50, recipient: { type: 'channel', channel: 'notices' }, notification: publicNotice });

    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(posts[1]?.args.metadata).toEqual({ event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: 50 } });
    expect(delivered.channel).toBe('C0NOTICES');
  });
});
