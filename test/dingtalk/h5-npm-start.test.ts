// `npm start` with the H5 partner picker set up (issue 12): its page and API
// are served on the one PORT, by the DingTalk-only server and beside Slack
// (Bolt custom routes); the sign-in asks DingTalk's server API
// (DINGTALK_OAPI_URL) and a forged code is refused. A half-set picker
// configuration names what is missing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDingTalkH5Config, DINGTALK_JSAPI_URL, DINGTALK_OAPI_URL } from '../../src/config/dingtalk-h5-config.ts';
import { USER_BY_CODE_API } from '../../src/dingtalk/h5/auth-code.ts';
import { dingtalkEnvFor, startFakeDingTalk, type FakeDingTalk } from '../support/fake-dingtalk.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { freePort } from '../support/ports.ts';
import { runMain, type MainProcess } from '../support/main-process.ts';

async function waitForHealth(url: string, r: MainProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (r.child.exitCode !== null) throw new Error(`the bot exited early: ${r.stderr.join('')}`);
      if (Date.now() > until) throw new Error(`no answer from ${url}; stderr: ${r.stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function stop(r: MainProcess): Promise<void> {
  r.child.kill('SIGTERM');
  expect({ code: await r.exit, stderr: r.stderr.join('') }).toMatchObject({ code: 0 });
}

describe('DINGTALK_H5_URL and friends', () => {
  it('are optional; with the URL the CorpId is required; the server API and JSAPI have DingTalk’s defaults', () => {
    expect(loadDingTalkH5Config({})).toBeNull();
    expect(() => loadDingTalkH5Config({ DINGTALK_H5_URL: 'https://bot.example.com' })).toThrow(/^DINGTALK_CORP_ID is missing: /);
    expect(() => loadDingTalkH5Config({ DINGTALK_H5_URL: 'bot.example.com', DINGTALK_CORP_ID: 'ding1' })).toThrow(/^DINGTALK_H5_URL must be an http\(s\) URL: /);
    expect(loadDingTalkH5Config({ DINGTALK_H5_URL: 'https://bot.example.com/', DINGTALK_CORP_ID: 'ding1' })).toEqual({
      publicUrl: 'https://bot.example.com',
      corpId: 'ding1',
      oapiUrl: DINGTALK_OAPI_URL,
      jsapiUrl: DINGTALK_JSAPI_URL,
    });
  });
});

describe('npm start serves the H5 partner picker on PORT (issue 12)', () => {
  let fake: FakeDingTalk;
  let slack: FakeSlack;
  let dir: string;
  const env = (port: number) => ({
    ...dingtalkEnvFor(fake),
    DINGTALK_H5_URL: `http://127.0.0.1:${port}`,
    DINGTALK_CORP_ID: 'dingcorp0123',
    DINGTALK_OAPI_URL: fake.url,
    DINGTALK_JSAPI_URL: `${fake.url}/jsapi/dingtalk.open.js`,
    PORT: String(port),
  });
  beforeAll(async () => {
    fake = await startFakeDingTalk();
    slack = await startFakeSlack();
    dir = await mkdtemp(join(tmpdir(), 'vbot-h5-'));
  });
  afterAll(async () => {
    await slack.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function checkPicker(base: string): Promise<void> {
    const page = await fetch(`${base}/dingtalk/h5/partners?card=abc&lang=zh-CN`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('选择被举报的合作伙伴');
    expect(html).toContain('dingcorp0123');
    expect(html).not.toContain(fake.clientSecret);
    expect((await fetch(`${base}/dingtalk/h5/partners.js`)).status).toBe(200);
    const calls = fake.calls.filter((c) => c.api === USER_BY_CODE_API).length;
    const forged = await fetch(`${base}/dingtalk/h5/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'forged0123456789', card: 'abc' }) });
    // The card token is checked first: a made-up one never costs DingTalk a call.
    expect(forged.status).toBe(401);
    expect(fake.calls.filter((c) => c.api === USER_BY_CODE_API)).toHaveLength(calls);
  }

  it('DingTalk alone (stream mode)', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const r = runMain({ ...env(port), DINGTALK_MODE: 'stream', DATA_DIR: join(dir, 'alone') });
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, r);
      await checkPicker(`http://127.0.0.1:${port}`);
    } finally {
      await stop(r);
    }
  });

  it('beside Slack (http mode)', { timeout: 150_000 }, async () => {
    const port = await freePort();
    const r = runMain({
      ...env(port),
      DINGTALK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-both',
      SLACK_SIGNING_SECRET: 'both-signing-secret',
      SLACK_API_URL: slack.url,
      NOTICES_CHANNEL: 'C0NOTICES1',
      APPROVALS_CHANNEL: 'C0APPROVE1',
      DATA_DIR: join(dir, 'both'),
    });
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, r);
      await checkPicker(`http://127.0.0.1:${port}`);
    } finally {
      await stop(r);
    }
  });
});
