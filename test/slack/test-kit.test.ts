// Proof that the Slack test kit (test/support/fake-slack.ts, slack-requests.ts)
// drives a real @slack/bolt App the way Slack does. Facts: docs/notes/bolt.md.
import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestLogger, httpReply, rateLimited, startFakeSlack, type FakeSlack, type TestLogger } from '../support/fake-slack.ts';
import {
  postBlockAction,
  postEvent,
  postOptionsRequest,
  postSigned,
  postSlashCommand,
  postViewSubmission,
  signRequest,
} from '../support/slack-requests.ts';

const SECRET = 'test-signing-secret';
const sectionBlock = (text: string) => ({ type: 'section', block_id: 's1', text: { type: 'mrkdwn', text } });

interface RunningApp {
  app: App;
  logger: TestLogger;
  baseUrl: string;
}

async function startApp(fake: FakeSlack, register: (app: App) => void, extra: Partial<AppOptions> = {}): Promise<RunningApp> {
  const logger = createTestLogger();
  const app = new App({
    token: 'xoxb-test',
    signingSecret: SECRET,
    logger,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
        },
      },
    ],
    ...extra,
  });
  register(app);
  // Port 0 lets the OS pick a free port; HTTPReceiver.start resolves with the node:http Server.
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { app, logger, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack({ userLocales: { UZH: 'zh-CN' } });
    client = new WebClient('xoxb-direct', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createTestLogger() });
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it('records a posted message with its blocks decoded back into objects and the bearer token', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'hello', blocks: [sectionBlock('*hi*')] });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again' });

    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C1', text: 'hello', blocks: [sectionBlock('*hi*')] });
    expect(call?.token).toBe('xoxb-direct');
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    expect(first.ts).toBe('1700000000.000100');
    expect(second.ts).toBe('1700000000.000200');
  });

  it('answers the methods the bot uses with Slack-shaped defaults', async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    expect((await client.conversations.open({ users: 'U7' })).channel?.id).toBe('DU7');
    expect((await client.views.open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })).view?.id).toMatch(/^V/);
    expect((await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })).ok).toBe(true);
    expect((await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' })).ok).toBe(true);
    expect((await client.chat.update({ channel: 'C1', ts: '1700000000.000100', text: 'edited' })).ok).toBe(true);
  });

  it('gives a user locale only when include_locale is asked for, as Slack does', async () => {
    expect((await client.users.info({ user: 'UZH', include_locale: true })).user?.locale).toBe('zh-CN');
    expect((await client.users.info({ user: 'U1', include_locale: true })).user?.locale).toBe('en-US');
    expect((await client.users.info({ user: 'UZH' })).user?.locale).toBeUndefined();
    fake.setUserLocale('U1', 'zh-CN');
    expect((await client.users.info({ user: 'U1', include_locale: true })).user?.locale).toBe('zh-CN');
  });

  it('rejects methods it does not know with unknown_method', async () => {
    await expect(client.apiCall('admin.nothing.here')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('scripts answers: once, then persistently, and reset() restores the defaults', async () => {
    fake.respondOnce('chat.postMessage', { ok: false, error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C9', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect((await client.chat.postMessage({ channel: 'C9', text: 'x' })).ok).toBe(true);

    fake.respond('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.2' }));
    expect((await client.chat.postMessage({ channel: 'C9', text: 'x' })).ts).toBe('1.2');
    fake.reset();
    const afterReset = await client.chat.postMessage({ channel: 'C9', text: 'x' });
    expect(afterReset.ts).toBe('1700000000.000100');
    expect(fake.calls).toHaveLength(1);
  });

  it('accepts JSON bodies as well as form bodies', async () => {
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C2', text: 'json', blocks: [sectionBlock('j')] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C2' });
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ token: 'xoxb-json', args: { blocks: [sectionBlock('j')] } });
  });

  it('waitFor resolves on a call still to come and times out with the calls it saw', async () => {
    const waiting = fake.waitFor('views.update', (c) => c.args.view_id === 'V42');
    await client.views.update({ view_id: 'V42', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } });
    expect((await waiting).args.view_id).toBe('V42');
    await expect(fake.waitFor('chat.delete', undefined, 50)).rejects.toThrow(/chat\.delete; calls so far: views\.update/);
  });

  it('records what is posted to a response_url and can answer it with a failure', async () => {
    await fetch(fake.responseUrl('r1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect((await fake.waitForResponseUrlPost('r1')).body).toEqual({ text: 'hi' });
    fake.respondToResponseUrl('r2', httpReply(404, 'expired_url'));
    expect((await fetch(fake.responseUrl('r2'), { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('a real Bolt app driven by the kit', () => {
  let fake: FakeSlack;
  let running: RunningApp;
  const seen: { actions: unknown[]; views: string[]; events: { retryNum?: number; retryReason?: string }[]; rateLimitErrors: unknown[] } = {
    actions: [],
    views: [],
    events: [],
    rateLimitErrors: [],
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    running = await startApp(fake, (app) => {
      app.command('/case', async ({ ack, command, client }) => {
        await ack();
        await client.chat.postMessage({ channel: command.channel_id, text: `case ${command.text}`, blocks: [sectionBlock(`*${command.text}*`)] });
      });
      app.command('/ack-text', async ({ ack }) => {
        await ack('received');
      });
      app.command('/throws-before-ack', async () => {
        throw new Error('boom before ack');
      });
      app.command('/rate-limited', async ({ ack, client }) => {
        await ack();
        await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => seen.rateLimitErrors.push(e));
      });
      app.action('approve', async ({ ack, action, respond }) => {
        await ack();
        seen.actions.push(action);
        await respond({ text: 'approved', replace_original: true });
      });
      app.view('reason_modal', async ({ ack, view }) => {
        const reason = view.state.values.reason?.text?.value;
        if (!reason) {
          await ack({ response_action: 'errors', errors: { reason: 'Please give a reason' } });
          return;
        }
        await ack();
        seen.views.push(reason);
      });
      app.options('partner', async ({ ack, options }) => {
        await ack({ options: [{ text: { type: 'plain_text', text: `Partner ${options.value}` }, value: 'p1' }] });
      });
      app.event('app_home_opened', async ({ context, event, client }) => {
        seen.events.push({ retryNum: context.retryNum, retryReason: context.retryReason });
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
      });
    });
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await running.app.stop();
    await fake.close();
  });

  it('asks auth.test who it is as soon as the App is constructed', async () => {
    const own = await startFakeSlack();
    try {
      new App({ token: 'xoxb-own', signingSecret: SECRET, logger: createTestLogger(), clientOptions: { slackApiUrl: own.url, retryConfig: { retries: 0 } } });
      expect((await own.waitFor('auth.test')).token).toBe('xoxb-own');
    } finally {
      await own.close();
    }
  });

  it('runs a signed slash command: acks with 200 and the message reaches the fake with decoded blocks', async () => {
    const res = await postSlashCommand(running.baseUrl, SECRET, { command: '/case', text: 'C-17 late delivery', channel_id: 'C5' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const call = await fake.waitFor('chat.postMessage');
    // Bolt gives the listener's client the team id, so every call carries team_id.
    expect(call.args).toEqual({ team_id: 'T1', channel: 'C5', text: 'case C-17 late delivery', blocks: [sectionBlock('*C-17 late delivery*')] });
    expect(call.token).toBe('xoxb-test');
  });

  it('sends what a listener passes to ack() back as the HTTP response', async () => {
    const res = await postSlashCommand(running.baseUrl, SECRET, { command: '/ack-text' });
    expect([res.status, res.body]).toEqual([200, 'received']);
  });

  it('refuses a request with a bad signature with 401 and runs no listener', async () => {
    const res = await postSlashCommand(running.baseUrl, SECRET, { command: '/case', text: 'x' }, { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
    const wrongSecret = await postSlashCommand(running.baseUrl, 'not-the-secret', { command: '/case', text: 'x' });
    expect(wrongSecret.status).toBe(401);
    await expect(fake.waitFor('chat.postMessage', undefined, 200)).rejects.toThrow(/timed out/);
  });

  it('refuses a request signed more than 5 minutes ago with 401, but not one 4 minutes old', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await postSlashCommand(running.baseUrl, SECRET, { command: '/ack-text' }, { timestampSec: now - 6 * 60 })).status).toBe(401);
    expect((await postSlashCommand(running.baseUrl, SECRET, { command: '/ack-text' }, { timestampSec: now - 4 * 60 })).status).toBe(200);
  });

  it("signs exactly like Slack's documented worked example", () => {
    // docs.slack.dev "Verifying requests from Slack": secret, timestamp, body and signature as published.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signRequest(body, '8f742231b10e8888abcd99yyyzzz85a5', 1531420618)).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    });
  });

  it('delivers a block action to app.action and records what respond() posts to the response_url', async () => {
    const res = await postBlockAction(running.baseUrl, SECRET, {
      actions: [{ action_id: 'approve', value: 'case-17' }],
      response_url: fake.responseUrl('approve-1'),
      user_id: 'U2',
    });
    expect(res.status).toBe(200);
    expect((await fake.waitForResponseUrlPost('approve-1')).body).toEqual({ text: 'approved', replace_original: true });
    expect(seen.actions.at(-1)).toMatchObject({ action_id: 'approve', value: 'case-17', type: 'button' });
  });

  it('shows inline modal errors through ack({ response_action: "errors" }) and accepts a complete submission', async () => {
    const empty = await postViewSubmission(running.baseUrl, SECRET, {
      view: { callback_id: 'reason_modal', state: { values: { reason: { text: { type: 'plain_text_input', value: null } } } } },
    });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: 'Please give a reason' } });

    const filled = await postViewSubmission(running.baseUrl, SECRET, {
      view: { callback_id: 'reason_modal', state: { values: { reason: { text: { type: 'plain_text_input', value: 'late twice' } } } } },
    });
    expect([filled.status, filled.body]).toEqual([200, '']);
    expect(seen.views.at(-1)).toBe('late twice');
  });

  it('answers an external_select with the options app.options acks', async () => {
    const res = await postOptionsRequest(running.baseUrl, SECRET, { action_id: 'partner', value: 'acme', view: { id: 'V9' } });
    expect(res.json).toEqual({ options: [{ text: { type: 'plain_text', text: 'Partner acme' }, value: 'p1' }] });
  });

  it('acks an event at once and tells the listener it is a retry through context.retryNum', async () => {
    const first = await postEvent(running.baseUrl, SECRET, { type: 'app_home_opened', user: 'U3', channel: 'D3', tab: 'home' }, { event_id: 'Ev1' });
    const retry = await postEvent(running.baseUrl, SECRET, { type: 'app_home_opened', user: 'U3', channel: 'D3', tab: 'home' }, { event_id: 'Ev1', retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await fake.waitFor('views.publish');
    await expect.poll(() => seen.events.slice(-2)).toEqual([{ retryNum: undefined, retryReason: undefined }, { retryNum: 1, retryReason: 'http_timeout' }]);
  });

  it('answers 500 and logs when a listener throws before ack()', async () => {
    const res = await postSlashCommand(running.baseUrl, SECRET, { command: '/throws-before-ack' });
    expect(res.status).toBe(500);
    expect(running.logger.lines).toContainEqual({ level: 'error', text: 'Error: boom before ack' });
    expect(running.logger.lines).toContainEqual({ level: 'error', text: 'An unhandled error occurred while Bolt processed an event' });
  });

  it('with retries: 0, a 429 makes the call wait Retry-After and then fail with a plain Error', async () => {
    fake.respondOnce('chat.postMessage', rateLimited(1));
    await postSlashCommand(running.baseUrl, SECRET, { command: '/rate-limited' });
    await expect.poll(() => seen.rateLimitErrors.length, { timeout: 3000 }).toBe(1);
    expect(String(seen.rateLimitErrors[0])).toMatch(/A rate limit was exceeded/);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429]);
  });

  it('serves custom routes such as /healthz and 404s every other path', async () => {
    const health = await fetch(`${running.baseUrl}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
    expect((await fetch(`${running.baseUrl}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${running.baseUrl}/slack/events`)).status).toBe(404);
    const wrongPath = await postSigned(running.baseUrl, SECRET, 'command=%2Fack-text', 'application/x-www-form-urlencoded', { path: '/slack/commands' });
    expect(wrongPath.status).toBe(404);
  });
});

describe('Bolt app options that change what a test sees', () => {
  let fake: FakeSlack;
  const apps: App[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    fake.reset();
  });
  afterAll(() => fake.close());

  it('honours a 429 Retry-After when the client may retry: the message is posted about a second later', async () => {
    const { app, baseUrl } = await startApp(
      fake,
      (a) =>
        a.command('/case', async ({ ack, client }) => {
          await ack();
          await client.chat.postMessage({ channel: 'C1', text: 'after the pause' });
        }),
      { clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } } },
    );
    apps.push(app);
    fake.respondOnce('chat.postMessage', rateLimited(1));

    await postSlashCommand(baseUrl, SECRET, { command: '/case' });
    const ok = await fake.waitFor('chat.postMessage', (c) => c.status === 200, 5000);
    const [limited] = fake.callsTo('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(ok.at.getTime() - (limited?.at.getTime() ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('with processBeforeResponse the HTTP response waits for the whole listener', async () => {
    const { app, baseUrl } = await startApp(
      fake,
      (a) =>
        a.command('/case', async ({ ack, client }) => {
          await ack('done');
          // Without processBeforeResponse the response would already be out during this pause.
          await new Promise((r) => setTimeout(r, 150));
          await client.chat.postMessage({ channel: 'C1', text: 'before the response' });
        }),
      { processBeforeResponse: true },
    );
    apps.push(app);
    const res = await postSlashCommand(baseUrl, SECRET, { command: '/case' });
    expect(res.body).toBe('done');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
