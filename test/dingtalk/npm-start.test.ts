// `npm start` as a real process serving DingTalk (issue 12): Stream mode
// connects to the gateway, http mode answers signed callbacks at
// POST /dingtalk/events on PORT, Slack and DingTalk at once share the port,
// a half-set DingTalk configuration names what is missing (never the
// sandbox), and the usage meter's counts are written on the way out.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { apiUsageOfMonth } from '../../src/db/repositories/dingtalk.repository.ts';
import { usageMonthOf } from '../../src/dingtalk/usage-meter.ts';
import { TOPIC_ROBOT } from '../../src/dingtalk/stream-client.ts';
import { dingtalkEnvFor, eventually, robotTextMessage, signedCallbackHeaders, startFakeDingTalk, type FakeDingTalk } from '../support/fake-dingtalk.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { postSlashCommand } from '../support/slack-requests.ts';
import { freePort } from '../support/ports.ts';
import { runMain, type MainProcess } from '../support/main-process.ts';

const BATCH = 'POST robot/oToMessages/batchSend';


async function waitForHealth(url: string, r: MainProcess, timeoutMs = 90_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch {
      if (r.child.exitCode !== null) throw new Error(`the bot exited early: ${r.stderr.join('')}`);
      if (Date.now() > until) throw new Error(`no answer from ${url}; stderr: ${r.stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function stopped(r: MainProcess): Promise<{ message: string; [k: string]: unknown }[]> {
  r.child.kill('SIGTERM');
  const code = await r.exit;
  expect({ code, stderr: r.stderr.join('') }).toMatchObject({ code: 0 });
  return r.stderr.join('').trim().split('\n').map((l) => JSON.parse(l) as { message: string });
}

describe('npm start with DingTalk (issue 12)', () => {
  let fake: FakeDingTalk;
  let dir: string;
  const dingtalkEnv = () => dingtalkEnvFor(fake);
  beforeAll(async () => {
    fake = await startFakeDingTalk();
    dir = await mkdtemp(join(tmpdir(), 'vbot-dingtalk-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a half-set DingTalk configuration with one line naming the missing setting, and never starts the sandbox', async () => {
    const r = runMain({ DINGTALK_CLIENT_ID: 'dingabc', PORT: String(await freePort()), DATA_DIR: join(dir, 'half') });
    expect(await r.exit).toBe(1);
    expect(r.stderr.join('').trim().split('\n')).toEqual([expect.stringMatching(/^DINGTALK_CLIENT_SECRET is missing: /)]);
    expect(r.stdout.join('')).not.toContain('Sandbox');
  });

  it('stops with one line when the Stream gateway refuses the app’s credentials', { timeout: 150_000 }, async () => {
    const r = runMain({ ...dingtalkEnv(), DINGTALK_CLIENT_SECRET: 'not-the-secret', PORT: String(await freePort()), DATA_DIR: join(dir, 'refused') });
    expect(await r.exit).toBe(1);
    expect(r.stderr.join('').trim().split('\n').at(-1)).toMatch(/^DingTalk Stream gateway refused the connection \(HTTP 400 invalidClientIdOrSecret.*: check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET/);
    expect(r.stderr.join('')).not.toContain('not-the-secret');
  });

  it('stream mode: serves /healthz, connects to the gateway, answers a command, and writes the API usage on SIGTERM', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const dataDir = join(dir, 'stream');
    const opened = fake.stream.connectionsOpened();
    const r = runMain({ ...dingtalkEnv(), DINGTALK_MODE: 'stream', PORT: String(port), DATA_DIR: dataDir });
    let lines;
    try {
      expect((await waitForHealth(`http://127.0.0.1:${port}/healthz`, r)).status).toBe(200);
      expect(fake.stream.connectionsOpened()).toBeGreaterThan(opened);
      await eventually(() => fake.stream.connected() > 0, 10_000, 'a Stream connection');
      const before = fake.delivered(BATCH).length;
      const messageId = fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: 'm-start-1', from: '0123', text: 'help' }));
      await eventually(() => fake.stream.acks.some((a) => a.messageId === messageId && a.code === 200), 20_000, 'the ack');
      await eventually(() => fake.delivered(BATCH).length > before, 20_000, 'the help reply');
      const reply = fake.delivered(BATCH).at(-1)!;
      expect(reply.body.userIds).toEqual(['0123']);
      expect(JSON.parse(reply.body.msgParam as string).text).toContain('violation report');
    } finally {
      lines = await stopped(r);
    }
    expect(lines.find((l) => l.message === 'serving DingTalk')).toMatchObject({ mode: 'stream', port });
    expect(lines.find((l) => l.message === 'bot started')).toMatchObject({ platforms: ['dingtalk'] });
    expect(lines.map((l) => l.message)).toContain('stopped');
    expect(r.stderr.join('')).not.toContain(fake.clientSecret);
    // The one usage meter was closed on shutdown: its counts are in the database.
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      const usage = await apiUsageOfMonth(db.db, usageMonthOf(new Date()));
      expect(usage.map((u) => u.api)).toEqual(expect.arrayContaining(['POST oauth2/accessToken', 'POST robot/oToMessages/batchSend']));
    } finally {
      await db.close();
    }
  });

  it('http mode: answers a signed POST /dingtalk/events on PORT and refuses an unsigned one', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const r = runMain({ ...dingtalkEnv(), DINGTALK_MODE: 'http', PORT: String(port), DATA_DIR: join(dir, 'http') });
    try {
      expect((await waitForHealth(`http://127.0.0.1:${port}/healthz`, r)).status).toBe(200);
      const before = fake.delivered(BATCH).length;
      const body = JSON.stringify(robotTextMessage({ msgId: 'm-http-1', from: '0456', text: '帮助' }));
      const ok = await fetch(`http://127.0.0.1:${port}/dingtalk/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedCallbackHeaders(fake.clientSecret, Date.now()) }, body });
      expect(ok.status).toBe(200);
      await eventually(() => fake.delivered(BATCH).length > before, 20_000, 'the help reply');
      expect(JSON.parse(fake.delivered(BATCH).at(-1)!.body.msgParam as string).text).toContain('违规 上报');
      const unsigned = await fetch(`http://127.0.0.1:${port}/dingtalk/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedCallbackHeaders('wrong-secret', Date.now()) }, body });
      expect(unsigned.status).toBe(401);
    } finally {
      const lines = await stopped(r);
      expect(lines.find((l) => l.message === 'serving DingTalk')).toMatchObject({ mode: 'http', port });
    }
  });

  describe('with Slack too', () => {
    let slack: FakeSlack;
    beforeAll(async () => {
      slack = await startFakeSlack();
    });
    afterAll(async () => {
      await slack.close();
    });

    it('serves both on one PORT: Slack’s signed slash command and DingTalk’s signed callback', { timeout: 150_000 }, async () => {
      const port = await freePort();
      const secret = 'both-signing-secret';
      const r = runMain({
        ...dingtalkEnv(),
        DINGTALK_MODE: 'http',
        SLACK_BOT_TOKEN: 'xoxb-both',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.url,
        NOTICES_CHANNEL: 'C0NOTICES1',
        APPROVALS_CHANNEL: 'C0APPROVE1',
        PORT: String(port),
        DATA_DIR: join(dir, 'both'),
      });
      try {
        expect((await waitForHealth(`http://127.0.0.1:${port}/healthz`, r)).status).toBe(200);
        const res = await postSlashCommand(`http://127.0.0.1:${port}`, secret, { command: '/violation', text: 'help', user_id: 'U0ANYONE', response_url: slack.responseUrl('help') });
        expect(res.status).toBe(200);
        await slack.waitForResponseUrlPost('help', undefined, 30_000);
        const before = fake.delivered(BATCH).length;
        const body = JSON.stringify(robotTextMessage({ msgId: 'm-both-1', from: '0789', text: 'help' }));
        const ok = await fetch(`http://127.0.0.1:${port}/dingtalk/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedCallbackHeaders(fake.clientSecret, Date.now()) }, body });
        expect(ok.status).toBe(200);
        await eventually(() => fake.delivered(BATCH).length > before, 20_000, 'the help reply');
        expect((await fetch(`http://127.0.0.1:${port}/dingtalk/events`, { method: 'POST', headers: signedCallbackHeaders('nope', Date.now()), body })).status).toBe(401);
      } finally {
        const lines = await stopped(r);
        expect(lines.find((l) => l.message === 'bot started')).toMatchObject({ platforms: ['slack', 'dingtalk'] });
        expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(['starting for Slack', 'starting for DingTalk', 'serving Slack', 'serving DingTalk']));
      }
    });
  });
});
