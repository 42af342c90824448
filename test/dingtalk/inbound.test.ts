import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { dingtalkLocaleOf } from '../../src/db/repositories/dingtalk.repository.ts';
import { handleDingTalkHttpCallback } from '../../src/dingtalk/http-callback.ts';
import { DingTalkInbound, type CardAction, type RobotCommand } from '../../src/dingtalk/inbound.ts';
import { DingTalkStreamClient, TOPIC_CARD, TOPIC_ROBOT } from '../../src/dingtalk/stream-client.ts';
import { fixedClock } from '../../src/service/clock.ts';
import { describeEachBackend } from '../support/databases.ts';
import { eventually, robotTextMessage, signedCallbackHeaders, startFakeDingTalk, type FakeDingTalk } from '../support/fake-dingtalk.ts';

async function count(db: Db, table: 'dingtalk_callbacks' | 'dingtalk_user_locales'): Promise<number> {
  const rows = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows?: { n: number }[] } & { n: number }[];
  return (rows.rows ?? rows)[0]!.n;
}

describeEachBackend('DingTalk inbound over the Stream protocol (fake gateway, real WebSocket)', (getDb) => {
  let fake: FakeDingTalk | undefined;
  let client: DingTalkStreamClient | undefined;
  afterEach(async () => {
    await client?.stop();
    await fake?.close();
    client = undefined;
    fake = undefined;
  });

  async function connect(opts: { onCommand?: (c: RobotCommand) => Promise<void>; onCardAction?: (a: CardAction) => Promise<unknown>; answerWithinMs?: number; repushAfterMs?: number } = {}) {
    fake = await startFakeDingTalk({ repushAfterMs: opts.repushAfterMs ?? 300 });
    const commands: RobotCommand[] = [];
    const inbound = new DingTalkInbound(getDb().db, fixedClock('2026-05-20T02:00:00Z'), {
      onCommand: async (c) => {
        commands.push(c);
        await opts.onCommand?.(c);
      },
      onCardAction: async (a) => opts.onCardAction?.(a),
    });
    client = new DingTalkStreamClient({
      gatewayUrl: fake.url,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      onCallback: (topic, data, id) => inbound.handle(topic, data, id),
      reconnectDelayMs: 50,
      ...(opts.answerWithinMs ? { answerWithinMs: opts.answerWithinMs } : {}),
    });
    await client.start();
    await eventually(() => fake!.stream.connected() === 1, 2000, 'the connection');
    return { fake, client, commands };
  }

  it('opens the connection with clientId/clientSecret and CALLBACK subscriptions to the robot and card topics, and answers ping', async () => {
    const { fake } = await connect();
    expect(fake.calls[0]).toMatchObject({
      api: 'POST gateway/connections/open',
      body: { clientId: fake.clientId, clientSecret: fake.clientSecret, subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }, { type: 'CALLBACK', topic: TOPIC_CARD }] },
    });
    fake.stream.ping();
    await eventually(() => fake.stream.pongs.length === 1, 2000, 'the pong');
    expect(fake.stream.pongs[0]).toMatchObject({ code: 200, headers: { topic: 'ping' }, message: 'OK' });
  });

  it('a robot message is parsed (the @mention stripped), handled, and acked with its messageId', async () => {
    const { fake, commands } = await connect();
    const id = fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-1', from: 'staff01', text: '@违规机器人 伙伴 状态 P001', group: true }));
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the ack');
    expect(fake.stream.acks[0]).toMatchObject({ messageId: id, code: 200, data: { response: null } });
    expect(commands).toEqual([{ msgId: 'msg-1', userId: 'staff01', senderNick: 'Tester', conversationId: 'cidFakeGroup==', inGroup: true, command: { kind: 'partner-status', partnerId: 'P001', typedIn: 'zh-CN' } }]);
  });

  it('language: `语言 en` stores the user’s preference (default zh-CN)', async () => {
    const { fake } = await connect();
    expect(await dingtalkLocaleOf(getDb().db, 'staff01')).toBe('zh-CN');
    fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-en', from: 'staff01', text: '语言 en' }));
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the ack');
    expect(await dingtalkLocaleOf(getDb().db, 'staff01')).toBe('en');
    fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-zh', from: 'staff01', text: 'language zh-CN' }));
    await eventually(() => fake.stream.acks.length === 2, 3000, 'the ack');
    expect(await dingtalkLocaleOf(getDb().db, 'staff01')).toBe('zh-CN');
  });

  it('a replayed msgId changes nothing: handled once, one row, the preference set by the first stays', async () => {
    const { fake, commands } = await connect();
    const db = getDb().db;
    fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-1', from: 'staff01', text: '语言 en' }));
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the first ack');
    const before = await db.execute(sql`select locale, updated_at from dingtalk_user_locales`);
    // The same msgId again (a replay under a new delivery), with other text.
    fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-1', from: 'staff01', text: 'language zh-CN' }));
    await eventually(() => fake.stream.acks.length === 2, 3000, 'the replay’s ack');
    expect(commands).toHaveLength(1);
    expect(await count(db, 'dingtalk_callbacks')).toBe(1);
    expect(await db.execute(sql`select locale, updated_at from dingtalk_user_locales`)).toEqual(before);
    expect(await dingtalkLocaleOf(db, 'staff01')).toBe('en');
  });

  it('a callback that is not acked (the handler failed) is pushed again, handled then, and acked once', async () => {
    let failures = 1;
    const { fake, commands } = await connect({
      onCommand: async () => {
        if (failures-- > 0) throw new Error('database briefly away');
      },
    });
    const id = fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-9', from: 'staff02', text: 'violation list' }));
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the ack after the re-push');
    expect(fake.stream.pushes.get(id)).toBe(2);
    expect(commands.map((c) => c.command.kind)).toEqual(['list', 'list']);
    expect(await count(getDb().db, 'dingtalk_callbacks')).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.stream.pushes.get(id)).toBe(2);
  });

  it('a re-push that arrives while the first delivery is still handled waits for it, and is not acked when it fails', async () => {
    let calls = 0;
    const { fake, commands } = await connect({
      onCommand: async () => {
        calls++;
        // The first handling is slow (the fake re-pushes meanwhile) and then fails.
        if (calls === 1) {
          await new Promise((r) => setTimeout(r, 700));
          throw new Error('database briefly away');
        }
      },
    });
    const id = fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'msg-slow', from: 'staff03', text: 'violation list' }));
    await eventually(() => fake.stream.acks.length >= 1, 4000, 'an ack');
    // Pushed at 0 and 300 ms (both un-acked when the first failed at 700 ms), handled on a later push.
    expect(fake.stream.pushes.get(id)).toBeGreaterThanOrEqual(3);
    expect(commands).toHaveLength(2);
    expect(await count(getDb().db, 'dingtalk_callbacks')).toBe(1);
  });

  it('a card click is answered in the ack, within 2 s, with the card update', async () => {
    const { fake } = await connect({
      onCardAction: async (a) => ({ cardData: { cardParamMap: { status: a.actionIds[0] === 'approve' ? 'approved' : '?', by: a.userId } } }),
    });
    const sent = Date.now();
    const id = fake.stream.push(TOPIC_CARD, {
      outTrackId: 'V-000001.approval.1',
      corpId: 'dingcorp',
      userId: 'approver1',
      content: JSON.stringify({ cardPrivateData: { actionIds: ['approve'], params: { note: 'ok' } } }),
    });
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the card answer');
    expect(fake.stream.acks[0]!.at - sent).toBeLessThan(2000);
    expect(fake.stream.acks[0]).toMatchObject({ messageId: id, data: { response: { cardData: { cardParamMap: { status: 'approved', by: 'approver1' } } } } });
  });

  it('a slow card handler still gets the callback acked inside 2 s (the card is then updated by API)', async () => {
    let finished = false;
    const { fake } = await connect({
      onCardAction: async () => {
        await new Promise((r) => setTimeout(r, 2500));
        finished = true;
        return { cardData: { cardParamMap: { status: 'late' } } };
      },
      // DingTalk re-pushes after seconds, not within the 2 s answer window.
      repushAfterMs: 5000,
    });
    const sent = Date.now();
    fake.stream.push(TOPIC_CARD, { outTrackId: 'V-000001.approval.1', userId: 'approver1', content: '{}' });
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the ack');
    expect(fake.stream.acks[0]!.at - sent).toBeLessThan(2000);
    expect(fake.stream.acks[0]!.data).toEqual({ response: null });
    await eventually(() => finished, 3000, 'the handler');
    expect(fake.stream.acks).toHaveLength(1);
  });

  it('reconnects (new ticket) when the connection drops or the gateway says disconnect, and keeps handling', async () => {
    const { fake, client, commands } = await connect();
    fake.stream.dropConnections();
    await eventually(() => fake.stream.connectionsOpened() === 2 && fake.stream.connected() === 1, 3000, 'the reconnection');
    fake.stream.sayDisconnect();
    await eventually(() => fake.stream.connectionsOpened() === 3 && fake.stream.connected() === 1 && client.connected, 3000, 'the second reconnection');
    fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'after', from: 'staff01', text: 'violation report' }));
    await eventually(() => fake.stream.acks.length === 1, 3000, 'the ack');
    expect(commands.map((c) => c.command.kind)).toEqual(['report']);
  });
});

describeEachBackend('DingTalk inbound over HTTP callbacks (signed)', (getDb) => {
  const secret = 'fake-secret-0123456789';
  const now = new Date('2026-05-20T02:00:00Z');

  function setUp() {
    const commands: RobotCommand[] = [];
    const clock = fixedClock(now);
    const inbound = new DingTalkInbound(getDb().db, clock, { onCommand: async (c) => void commands.push(c), onCardAction: async () => null });
    const post = (headers: Record<string, string>, body: unknown) => handleDingTalkHttpCallback({ headers, body: JSON.stringify(body) }, { appSecret: secret, clock, inbound });
    return { commands, post };
  }
  const msg = robotTextMessage({ msgId: 'http-1', from: 'staff01', text: '语言 en' });

  it('a correctly signed callback is handled; its replay changes nothing', async () => {
    const { commands, post } = setUp();
    expect(await post(signedCallbackHeaders(secret, now.getTime() - 1000), msg)).toEqual({ status: 200, body: {} });
    expect(await post(signedCallbackHeaders(secret, now.getTime()), msg)).toEqual({ status: 200, body: {} });
    expect(commands).toHaveLength(1);
    expect(await count(getDb().db, 'dingtalk_callbacks')).toBe(1);
    expect(await dingtalkLocaleOf(getDb().db, 'staff01')).toBe('en');
  });

  it('a wrong signature or a stale timestamp is refused (401) and changes nothing', async () => {
    const { commands, post } = setUp();
    const wrong = await post({ ...signedCallbackHeaders('not-the-secret', now.getTime()) }, msg);
    expect(wrong).toEqual({ status: 401, body: { error: 'signature mismatch' } });
    const stale = await post(signedCallbackHeaders(secret, now.getTime() - 61 * 60 * 1000), msg);
    expect(stale).toEqual({ status: 401, body: { error: 'signature stale' } });
    expect(await post({}, msg)).toEqual({ status: 401, body: { error: 'signature missing' } });
    expect(commands).toEqual([]);
    expect(await count(getDb().db, 'dingtalk_callbacks')).toBe(0);
    expect(await count(getDb().db, 'dingtalk_user_locales')).toBe(0);
  });
});

describe('DingTalk Stream gateway refusing the app', () => {
  it('a wrong client secret fails the start with DingTalk’s code, and no socket is opened', async () => {
    const fake = await startFakeDingTalk();
    try {
      const client = new DingTalkStreamClient({ gatewayUrl: fake.url, clientId: fake.clientId, clientSecret: 'wrong', onCallback: async () => null });
      await expect(client.start()).rejects.toThrow(/DingTalk Stream gateway refused the connection \(HTTP 400 invalidClientIdOrSecret/);
      expect(fake.stream.connectionsOpened()).toBe(0);
      await client.stop();
    } finally {
      await fake.close();
    }
  });
});
