import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxConfig, runMode } from '../../src/config/run-mode.ts';
import { jsonLogger } from '../../src/logger.ts';
import type { SandboxState } from '../../src/sandbox/protocol.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import { SANDBOX_BOT_TOKEN } from '../../src/sandbox/web-api.ts';
import { VIEWS } from '../../src/slack/action-ids.ts';
import { reportValues } from '../slack/e2e/harness.ts';

// The sandbox over its real HTTP API, with the real bot behind it (issue #9):
// what the page does, done here by requests, so each piece is checked apart
// from the browser test that clicks through a whole case.

const OFFICER = 'UOFFICER1';
const CONTACT = 'UPARTNERA1';

describe('npm start: which mode', () => {
  it('runs the sandbox only when no Slack credential is set', () => {
    expect(runMode({})).toBe('sandbox');
    expect(runMode({ SLACK_BOT_TOKEN: '  ' })).toBe('sandbox');
    expect(runMode({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('slack');
    // Half a Slack configuration is a Slack start that names what is missing, never a sandbox.
    expect(runMode({ SLACK_SIGNING_SECRET: 'abcdefgh' })).toBe('slack');
    expect(runMode({ SLACK_APP_TOKEN: 'xapp-1' })).toBe('slack');
  });

  it('keeps the sandbox in its own folder under DATA_DIR, on PORT', () => {
    expect(loadSandboxConfig({})).toEqual({ port: 3000, dataDir: join('.data', 'sandbox'), ignoresDatabaseUrl: false });
    expect(loadSandboxConfig({ PORT: '4100', DATA_DIR: '/srv/x', DATABASE_URL: 'postgres://h/db' })).toEqual({ port: 4100, dataDir: '/srv/x/sandbox', ignoresDatabaseUrl: true });
    expect(() => loadSandboxConfig({ PORT: 'eighty' })).toThrow('PORT must be a TCP port number');
  });

  it('never starts the sandbox where a Slack token is set, nor off loopback', async () => {
    await expect(startSandbox({ dataDir: '/nonexistent', env: { SLACK_BOT_TOKEN: 'xoxb-real' } })).rejects.toThrow('never starts beside a real Slack token');
    await expect(startSandbox({ dataDir: '/nonexistent', env: {}, host: '0.0.0.0' })).rejects.toThrow('loopback only');
  });
});

describe('the sandbox over HTTP, with the real bot', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vt-sandbox-'));
    sandbox = await startSandbox({ dataDir: dir, port: 0, env: {}, logger: jsonLogger((l) => logs.push(l)) });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const state = async (as: string) => (await (await fetch(`${sandbox.url}/ui/state?as=${as}`)).json()) as SandboxState;
  const eventually = async <T>(what: string, read: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const texts = (s: SandboxState, channel: string) => (s.messages[channel] ?? []).map((m) => JSON.stringify(m.blocks ?? m.text));

  it('serves the page and answers only on loopback host names', async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const port = new URL(sandbox.url).port;
    // fetch sets Host itself; a DNS-rebinding page's request carries its own host name.
    const rebound = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `/ui/state?as=${OFFICER}`, headers: { host: `evil.example:${port}` } }, (res) => resolve(res.statusCode ?? 0)).on('error', reject);
    });
    expect(rebound).toBe(403);
    const form = await fetch(`${sandbox.url}/ui/command`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'as=UOFFICER1' });
    expect(form.status).toBe(415);
    expect((await fetch(`${sandbox.url}/page/..%2F..%2Fmain.ts`)).status).toBe(404);
  });

  it('answers the bot token only, and fails an unknown Web API method loudly', async () => {
    const client = new WebClient(SANDBOX_BOT_TOKEN, { slackApiUrl: `${sandbox.url}/api/`, retryConfig: { retries: 0 } });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, user_id: 'USANDBOXBOT' });
    await expect(client.apiCall('reminders.add', { text: 'x', time: '1' })).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(new WebClient('xoxb-other', { slackApiUrl: `${sandbox.url}/api/`, retryConfig: { retries: 0 } }).auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('refuses an unknown person and an unknown command with a clear message', async () => {
    expect((await post('/ui/command', { as: 'UNOBODY', channel: 'CNOTICES0001', line: '/violation help' })).body).toEqual({ ok: false, error: 'no such person in the sandbox: "UNOBODY"' });
    expect((await post('/ui/command', { as: OFFICER, channel: `D${OFFICER}`, line: '/deploy now' })).body).toMatchObject({ ok: false, error: expect.stringContaining('/deploy is not a valid command') });
  });

  it('files a report through the modal: inline errors first, then the case, and the partner is told by DM', async () => {
    expect((await post('/ui/command', { as: OFFICER, channel: `D${OFFICER}`, line: '/violation report' })).body).toEqual({ ok: true });
    const modal = (await state(OFFICER)).modals.at(-1)!;
    expect(modal.view.callback_id).toBe(VIEWS.report);
    const options = (await post('/ui/suggest', { as: OFFICER, viewId: modal.id, blockId: 'partner', actionId: 'partner_select', value: 'Cloud' })).body;
    expect(options).toMatchObject({ ok: true, options: [{ value: 'P-A' }] });

    const bad = await post('/ui/submit', { as: OFFICER, viewId: modal.id, values: reportValues({ partner: 'P-A', occurredOn: '2099-01-01' }) });
    expect(bad.body).toMatchObject({ ok: true, errors: { occurred_on: expect.any(String) } });
    expect((await state(OFFICER)).modals.at(-1)).toMatchObject({ id: modal.id, errors: { occurred_on: expect.any(String) } });

    const good = await post('/ui/submit', { as: OFFICER, viewId: modal.id, values: reportValues({ partner: 'P-A', occurredOn: '2026-11-20' }) });
    expect(good.body).toEqual({ ok: true });
    const confirmation = (await state(OFFICER)).modals.at(-1)!;
    expect(JSON.stringify(confirmation.view)).toContain('V-000001');

    const dm = await eventually('the partner DM', async () => {
      const s = await state(CONTACT);
      return s.messages[`D${CONTACT}`]?.find((m) => JSON.stringify(m.blocks).includes('reply_dispute'));
    });
    expect(dm.blocks).toBeDefined();
    // Another partner's contact does not see it.
    expect(texts(await state('UPARTNERB1'), `D${CONTACT}`)).toEqual([]);
  });

  it('moves the clock to the next deadline and runs it through the real sweep', async () => {
    // R-REPLY: a reminder before the reply deadline, then the lapse; each at its own time.
    const seen: string[] = [];
    for (let i = 0; i < 5 && !seen.includes('lapsed'); i++) {
      const before = await state(OFFICER);
      const next = before.clock.nextDeadline!;
      const moved = await post('/ui/clock', { advance: 'next-deadline' });
      expect(moved.body).toMatchObject({ ok: true });
      seen.push(...Object.keys(moved.body.outcomes as Record<string, number>));
      const after = await state(OFFICER);
      expect(new Date(after.clock.now).getTime()).toBeGreaterThan(new Date(next.dueAt).getTime());
    }
    expect(seen).toContain('lapsed');
    await eventually('the reminder in the partner DM', async () => ((await state(CONTACT)).messages[`D${CONTACT}`]?.length ?? 0) >= 2 ? true : undefined);
    expect((await post('/ui/clock', { advance: 'working-days', days: 0 })).body).toMatchObject({ ok: false, error: expect.stringContaining('from 1 to 60') });
  });

  it('/violation export: finance gets the CSV as a download link in its DM, served by the sandbox as an attachment to that person only', async () => {
    const FINANCE = 'UFINANCE1';
    expect((await post('/ui/command', { as: FINANCE, channel: `D${FINANCE}`, line: '/violation export sanctions 2000-01-01 2099-12-31' })).body).toEqual({ ok: true });
    const shared = await eventually('the file in the DM', async () => (await state(FINANCE)).messages[`D${FINANCE}`]?.find((m) => m.files?.length));
    const file = shared.files![0]!;
    expect(file).toMatchObject({ name: 'sanctions-2000-01-01_2099-12-31.csv', url: `/files/${file.id}?as=${FINANCE}` });
    expect(shared.text).toContain('Export of sanctions from 2000-01-01 to 2099-12-31');
    const res = await fetch(`${sandbox.url}${file.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file.name}"; filename*=UTF-8''${file.name}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const csv = await res.text();
    expect(csv.split('\n')[0]).toBe('case_id,partner_id,item_id,occurred_on,notice_date,terminated');
    // The demo's history: P-A's and P-B's imported sanctions.
    expect(csv).toContain('HIST-PA-01,P-A,SVC-10,');
    expect(file.size).toBe(Buffer.byteLength(csv));
    // Nobody else can fetch it, not even by guessing its id; an upload URL takes no second POST.
    expect((await fetch(`${sandbox.url}/files/${file.id}?as=UPARTNERA1`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/files/${file.id}`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/upload/${file.id}`, { method: 'POST', body: 'x' })).status).toBe(400);
    // A partner's contact is refused privately, and no file is made.
    const before = (await state(CONTACT)).messages[`D${CONTACT}`]?.length ?? 0;
    expect((await post('/ui/command', { as: CONTACT, channel: `D${CONTACT}`, line: '/violation export sanctions' })).body).toEqual({ ok: true });
    const refusal = await eventually('the refusal', async () => (await state(CONTACT)).messages[`D${CONTACT}`]?.slice(before).find((m) => m.ephemeral));
    expect(JSON.stringify(refusal)).toContain('Only staff');
    expect((await state(CONTACT)).messages[`D${CONTACT}`]?.some((m) => m.files?.length)).toBe(false);
    // The upload flow itself raised no problem (the refused second POST above is one, by design).
    expect((await state(FINANCE)).problems.filter((p) => /files\./.test(p.text))).toEqual([]);
    expect((await state(FINANCE)).problems.some((p) => p.text.includes(`file upload ${file.id}: invalid_upload`))).toBe(true);
  });

  it('puts everything back on reset: demo data, an empty workspace, the real time', async () => {
    expect((await post('/ui/reset', {})).body).toEqual({ ok: true });
    const s = await state(OFFICER);
    expect(Object.values(s.messages).flat()).toEqual([]);
    expect(s.clock.nextDeadline).toBeNull();
    expect(Math.abs(new Date(s.clock.now).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await (await fetch(`${sandbox.url}/ui/cases`)).json()).toEqual([]);
  });
});
