import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocaleResolver } from '../../../src/slack/locale/locale-resolver.ts';
import { createTestLogger, httpReply, startFakeSlack, type FakeSlack } from '../../support/fake-slack.ts';

describe('a user’s language comes from their Slack locale', () => {
  let fake: FakeSlack;
  let client: WebClient;
  let clock: number;
  const resolver = (opts: Partial<ConstructorParameters<typeof LocaleResolver>[0]> = {}) =>
    new LocaleResolver({ client, defaultLocale: 'en', now: () => clock, ...opts });

  beforeAll(async () => {
    fake = await startFakeSlack({ userLocales: { UZH: 'zh-CN', UTW: 'zh-TW', UGB: 'en-GB', UFR: 'fr-FR' } });
    client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createTestLogger() });
  });
  beforeEach(() => {
    fake.reset();
    clock = Date.parse('2026-06-01T00:00:00Z');
  });
  afterAll(() => fake.close());

  it('asks users.info with include_locale and maps zh-* to Chinese, en-* to English, anything else to the default', async () => {
    const r = resolver({ defaultLocale: 'zh-CN' });
    expect(await r.localeOf('UZH')).toBe('zh-CN');
    expect(await r.localeOf('UTW')).toBe('zh-CN');
    expect(await r.localeOf('UGB')).toBe('en');
    expect(await r.localeOf('UFR')).toBe('zh-CN');
    expect(fake.callsTo('users.info')[0]?.args).toMatchObject({ user: 'UZH', include_locale: 'true' });
  });

  it('asks once per user within the hour, and again after it', async () => {
    const r = resolver();
    await r.localeOf('UZH');
    await r.localeOf('UZH');
    expect(fake.callsTo('users.info')).toHaveLength(1);
    clock += 60 * 60 * 1000 + 1;
    await r.localeOf('UZH');
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('asks once for many messages to the same user at the same moment', async () => {
    const r = resolver();
    expect(await Promise.all([r.localeOf('UZH'), r.localeOf('UZH'), r.localeOf('UZH')])).toEqual(['zh-CN', 'zh-CN', 'zh-CN']);
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });

  it('keeps at most maxEntries users, forgetting the least recently used', async () => {
    const r = resolver({ maxEntries: 2 });
    await r.localeOf('UZH');
    await r.localeOf('UGB');
    await r.localeOf('UZH'); // cached, now most recent
    await r.localeOf('UTW'); // evicts UGB
    await r.localeOf('UZH');
    expect(fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['UZH', 'UGB', 'UTW']);
    await r.localeOf('UGB');
    expect(fake.callsTo('users.info')).toHaveLength(4);
  });

  it('falls back to the default locale when Slack fails, and asks again next time', async () => {
    const errors: unknown[] = [];
    const r = resolver({ defaultLocale: 'en', onError: (_u, e) => errors.push(e) });
    fake.respondOnce('users.info', { ok: false, error: 'user_not_found' });
    expect(await r.localeOf('UZH')).toBe('en');
    expect(errors).toHaveLength(1);
    fake.respondOnce('users.info', httpReply(500, 'boom'));
    expect(await r.localeOf('UZH')).toBe('en');
    expect(await r.localeOf('UZH')).toBe('zh-CN');
  });

  it('forget() makes the next message ask again', async () => {
    const r = resolver();
    await r.localeOf('UZH');
    r.forget('UZH');
    await r.localeOf('UZH');
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });
});
