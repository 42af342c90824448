import { describe, expect, it } from 'vitest';
import { ConfigError, loadSlackConfig } from '../../../src/config/slack-config.ts';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  NOTICES_CHANNEL: 'C0NOTICES1',
  APPROVALS_CHANNEL: 'C0APPROVE1',
};

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadSlackConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the bot’s settings, read once at start', () => {
  it('takes the defaults: Chinese, port 3000, the embedded database in ./.data, HTTP mode', () => {
    expect(loadSlackConfig(valid)).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
      appToken: undefined,
      slackApiUrl: undefined,
      channels: { notices: 'C0NOTICES1', approvals: 'C0APPROVE1' },
      defaultLocale: 'zh-CN',
      port: 3000,
      databaseUrl: undefined,
      dataDir: './.data',
    });
  });

  it('reads Socket Mode, another API base (with its trailing slash), English, a port and PostgreSQL', () => {
    const c = loadSlackConfig({ ...valid, SLACK_APP_TOKEN: 'xapp-1-A1-xyz', SLACK_API_URL: 'http://127.0.0.1:9999/api', DEFAULT_LOCALE: 'en', PORT: '8080', DATABASE_URL: 'postgres://u:p@localhost/db' });
    expect(c).toMatchObject({ appToken: 'xapp-1-A1-xyz', slackApiUrl: 'http://127.0.0.1:9999/api/', defaultLocale: 'en', port: 8080, databaseUrl: 'postgres://u:p@localhost/db' });
  });

  it('names a missing setting and says where to find it, in one line', () => {
    const { SLACK_BOT_TOKEN: _, ...rest } = valid;
    const message = refusal(rest);
    expect(message).toBe(
      'SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (xoxb-…) from your app\'s "OAuth & Permissions" page; see docs/notes/slack-install.md.',
    );
    expect(message).not.toContain('\n');
  });

  it('treats an empty value as missing', () => {
    expect(refusal({ ...valid, APPROVALS_CHANNEL: '  ' })).toMatch(/^APPROVALS_CHANNEL is missing: set it to the ID of the approvals channel/);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/],
    [{ NOTICES_CHANNEL: '#violations' }, /^NOTICES_CHANNEL must be a channel ID such as C0123456789, not a name: /],
    [{ DEFAULT_LOCALE: 'fr' }, /^DEFAULT_LOCALE must be zh-CN or en: /],
    [{ PORT: 'eighty' }, /^PORT must be a number: /],
    [{ PORT: '70000' }, /^PORT must be at most 65535: /],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong' }, /^SLACK_APP_TOKEN must be an app-level token starting with xapp-: /],
    [{ SLACK_API_URL: 'ftp://example.com' }, /^SLACK_API_URL must be an http\(s\) URL: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/: /],
  ])('refuses a malformed value (%o)', (bad, expected) => {
    expect(refusal({ ...valid, ...bad })).toMatch(expected);
  });

  it('never echoes a secret it refuses', () => {
    expect(refusal({ ...valid, SLACK_BOT_TOKEN: 'xoxp-secret-value-123' })).not.toContain('secret-value');
    expect(refusal({ ...valid, SLACK_SIGNING_SECRET: 'short' })).not.toContain('short');
  });
});
