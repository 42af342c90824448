// The bot started the way `npm start` starts it (src/bot.ts), with secrets we
// know, and every log line it writes kept — its JSON logger, which Bolt's and
// the Web API client's lines go through too — from start, through requests
// and Slack's refusals that echo the token, to stop. None may hold a secret.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startBot } from '../../src/bot.ts';
import type { SlackConfig } from '../../src/config/slack-config.ts';
import { jsonLogger } from '../../src/logger.ts';
import { ACTIONS } from '../../src/slack/action-ids.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { postBlockAction, postEvent, postSigned, postSlashCommand } from '../support/slack-requests.ts';

const BOT_TOKEN = 'xoxb-1111111111-2222222222-SeCrEtBoTtOkEn42';
const SIGNING_SECRET = 'sIgNiNgSeCrEt-0123456789abcdef';
const DB_PASSWORD = 'Pa55w0rd-NeverLogged';

it('logs no bot token, signing secret or database password, from start to stop, errors included', async () => {
  const lines: string[] = [];
  const logger = jsonLogger((l) => lines.push(l));
  const fake = await startFakeSlack();
  const dataDir = await mkdtemp(join(tmpdir(), 'secrets-in-logs-'));
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    slackApiUrl: fake.url,
    channels: { notices: 'CNOTICES01', approvals: 'CAPPROVALS1' },
    defaultLocale: 'en',
    port: 0,
    databaseUrl: undefined,
    dataDir,
  };
  const thrown: string[] = [];
  try {
    // Slack refusing the token, and echoing it back, the way a broken proxy or an error page might.
    const echo = (error: string) => (args: Record<string, unknown>, call: { token: string | undefined }) => ({ ok: false, error, echoed: `token=${call.token} args=${JSON.stringify(args)}` });
    fake.respond('users.info', echo('invalid_auth'));
    fake.respond('views.open', echo('invalid_auth'));
    fake.respond('views.publish', echo('token_revoked'));
    fake.respond('chat.postMessage', echo('not_authed'));

    const bot = await startBot(config, { logger, port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${bot.port}`;
    // Requests that reach the Web API (each fails) and one that fails signature checking.
    await postSlashCommand(base, SIGNING_SECRET, { command: '/violation', text: 'report', user_id: 'U0SOMEONE', response_url: fake.responseUrl('r1') });
    await postSlashCommand(base, SIGNING_SECRET, { command: '/violation', text: 'show V-000001', user_id: 'U0SOMEONE', response_url: 'http://127.0.0.1:1/closed' });
    await postBlockAction(base, SIGNING_SECRET, { user_id: 'U0SOMEONE', actions: [{ action_id: ACTIONS.reportOpen, value: '' }], view: { id: 'VHOME', type: 'home' }, container: { type: 'view', view_id: 'VHOME' } });
    await postEvent(base, SIGNING_SECRET, { type: 'app_home_opened', user: 'U0SOMEONE', tab: 'home' });
    await postSigned(base, 'a-wrong-secret', 'payload=%7B%7D', 'application/x-www-form-urlencoded');
    await postSigned(base, SIGNING_SECRET, 'null', 'application/json');
    await fake.waitFor('views.publish');
    // Let the listeners finish their failing calls and log them.
    await new Promise((r) => setTimeout(r, 500));
    await bot.stop();

    // A start that fails: Slack refuses the token at auth.test.
    fake.respond('auth.test', echo('invalid_auth'));
    await startBot(config, { logger, port: 0, host: '127.0.0.1' }).then(
      (b) => b.stop(),
      (e: unknown) => thrown.push(String(e), JSON.stringify(e)),
    );
    // A database that cannot be reached, given with a password.
    await startBot({ ...config, databaseUrl: `postgres://bot:${DB_PASSWORD}@127.0.0.1:1/violations` }, { logger, port: 0, host: '127.0.0.1' }).then(
      (b) => b.stop(),
      (e: unknown) => {
        thrown.push(String(e));
        logger.error('start failed', { error: e instanceof Error ? e.message : String(e) });
      },
    );
  } finally {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  // The run did log: the failures are there, in words.
  expect(lines.some((l) => l.includes('bot started'))).toBe(true);
  expect(lines.some((l) => l.includes('invalid_auth'))).toBe(true);
  expect(thrown.length).toBeGreaterThan(0);
  for (const secret of [BOT_TOKEN, SIGNING_SECRET, DB_PASSWORD, 'SeCrEtBoTtOkEn42']) {
    expect(lines.filter((l) => l.includes(secret))).toEqual([]);
  }
}, 60_000);
