// `npm start` as a real process: settings from the environment, the embedded
// database, the job queue, Bolt on PORT, Slack's Web API at SLACK_API_URL.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.ts';
import { postSlashCommand } from '../../support/slack-requests.ts';
import { freePort } from '../../support/ports.ts';
import { runMain, type MainProcess } from '../../support/main-process.ts';

const SECRET = 'main-process-signing-secret';
const TOKEN = 'xoxb-main-process-token';



async function waitForHealth(url: string, r: MainProcess, timeoutMs: number): Promise<Response> {
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

describe('npm start', () => {
  let fake: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(join(tmpdir(), 'vbot-main-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start without a bot token, with one line naming it and no stack trace', async () => {
    const r = runMain({ SLACK_SIGNING_SECRET: SECRET, NOTICES_CHANNEL: 'C0NOTICES1', APPROVALS_CHANNEL: 'C0APPROVE1' });
    expect(await r.exit).toBe(1);
    const err = r.stderr.join('');
    expect(err.trim().split('\n')).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token/)]);
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('stops with one line when Slack refuses the bot token, and leaves no lock behind', { timeout: 120_000 }, async () => {
    fake.respond('auth.test', { ok: false, error: 'invalid_auth' });
    const dataDir = join(dir, 'refused');
    const r = runMain({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, NOTICES_CHANNEL: 'C0NOTICES1', APPROVALS_CHANNEL: 'C0APPROVE1', PORT: String(await freePort()), DATA_DIR: dataDir });
    try {
      expect(await r.exit).toBe(1);
    } finally {
      fake.reset();
    }
    expect(r.stderr.join('').trim().split('\n').at(-1)).toBe(
      'Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token again from your app\'s "OAuth & Permissions" page; see docs/notes/slack-install.md.',
    );
    await expect(stat(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('starts, answers /healthz and a signed slash command, and stops cleanly on SIGTERM, logging JSON without secrets', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const dataDir = join(dir, 'data');
    const r = runMain({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      NOTICES_CHANNEL: 'C0NOTICES1',
      APPROVALS_CHANNEL: 'C0APPROVE1',
      DEFAULT_LOCALE: 'en',
      PORT: String(port),
      DATA_DIR: dataDir,
    });
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, r, 60_000);
      expect(health.status).toBe(200);
      expect((await fake.waitFor('auth.test')).token).toBe(TOKEN);

      const res = await postSlashCommand(`http://127.0.0.1:${port}`, SECRET, { command: '/violation', text: 'help', user_id: 'U0ANYONE', response_url: fake.responseUrl('help') });
      expect(res.status).toBe(200);
      const help = await fake.waitForResponseUrlPost('help', undefined, 30_000);
      expect(JSON.stringify(help.body)).toContain('/violation report');
      expect((await postSlashCommand(`http://127.0.0.1:${port}`, 'wrong-secret', { command: '/violation', text: 'help' })).status).toBe(401);
    } finally {
      r.child.kill('SIGTERM');
    }
    const code = await r.exit;
    expect({ code, stderr: r.stderr.join('') }).toMatchObject({ code: 0 });
    const lines = r.stderr.join('').trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const messages = lines.map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages).toEqual(expect.arrayContaining(['database open', 'bot started', 'stopping', 'stopped']));
    const all = lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
    // The embedded database's lock is released on the way out.
    await expect(stat(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
