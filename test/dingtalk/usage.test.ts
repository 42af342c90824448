import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { addApiUsage, apiUsageOfMonth } from '../../src/db/repositories/dingtalk.repository.ts';
import { DingTalkOpenApi } from '../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../src/dingtalk/robot-api.ts';
import { DbUsageMeter, usageMonthOf } from '../../src/dingtalk/usage-meter.ts';
import { fixedClock } from '../../src/service/clock.ts';
import { describeEachBackend } from '../support/databases.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../support/fake-dingtalk.ts';
import { captureIo, cliOpener, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

it('the usage month is Asia/Shanghai’s: 16:30 UTC on the last day of May is already June', () => {
  expect(usageMonthOf(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05');
  expect(usageMonthOf(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06');
});

describeEachBackend('DingTalk API metering', (getDb) => {
  let fake: FakeDingTalk | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function cli(w: ServiceWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  it('every OpenAPI call is counted per month and API — retries and the token call too — without waiting for the database', async () => {
    const db = getDb().db;
    const clock = fixedClock('2026-05-20T02:00:00Z');
    fake = await startFakeDingTalk({ flowControlled: { u2: 1 } });
    const meter = new DbUsageMeter(db, { clock, flushEveryMs: 60_000 });
    const api = new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, meter });
    const robot = new DingTalkRobotApi(api, 'dingrobot', { flowControlDelayMs: 10 });
    await robot.sendToUsers(['u1', 'u2'], { msgKey: 'sampleText', msgParam: { content: 'hi' } });
    await robot.sendToGroup('cidA==', { msgKey: 'sampleText', msgParam: { content: 'hi' } });
    fake.expireTokens();
    await robot.sendToGroup('cidB==', { msgKey: 'sampleText', msgParam: { content: 'hi' } });
    // Nothing written yet: counting is in memory until the flush.
    expect(await apiUsageOfMonth(db, '2026-05')).toEqual([]);
    await meter.close();
    expect(await apiUsageOfMonth(db, '2026-05')).toEqual([
      { api: 'POST oauth2/accessToken', calls: 2 },
      { api: 'POST robot/groupMessages/send', calls: 3 },
      { api: 'POST robot/oToMessages/batchSend', calls: 2 },
    ]);
    // The meter and the fake agree call for call.
    expect(fake.calls).toHaveLength(7);
  });

  it('counts add up across flushes and writers, and a month stays its own', async () => {
    const db = getDb().db;
    const clock = fixedClock('2026-05-31T15:59:00Z');
    const a = new DbUsageMeter(db, { clock });
    const b = new DbUsageMeter(db, { clock });
    a.count('POST robot/groupMessages/send');
    b.count('POST robot/groupMessages/send');
    await Promise.all([a.flush(), b.flush()]);
    a.count('POST robot/groupMessages/send');
    clock.set('2026-05-31T16:00:00Z');
    a.count('POST robot/groupMessages/send');
    await Promise.all([a.close(), b.close()]);
    expect(await apiUsageOfMonth(db, '2026-05')).toEqual([{ api: 'POST robot/groupMessages/send', calls: 3 }]);
    expect(await apiUsageOfMonth(db, '2026-06')).toEqual([{ api: 'POST robot/groupMessages/send', calls: 1 }]);
  });

  it('a failed write keeps the counts for the next flush', async () => {
    const database = getDb();
    const meter = new DbUsageMeter(database.db, { clock: fixedClock('2026-05-20T02:00:00Z') });
    meter.count('POST robot/groupMessages/send');
    await database.db.execute(sql`alter table dingtalk_api_usage rename to dingtalk_api_usage_away`);
    await meter.flush();
    await database.db.execute(sql`alter table dingtalk_api_usage_away rename to dingtalk_api_usage`);
    meter.count('POST robot/groupMessages/send');
    await meter.close();
    expect(await apiUsageOfMonth(database.db, '2026-05')).toEqual([{ api: 'POST robot/groupMessages/send', calls: 2 }]);
  });

  it('cli dingtalk usage: the month’s calls per API against the free edition’s quota (default 10,000), text and JSON', async () => {
    const w = await serviceWorld(getDb(), '2026-05-20T02:00:00Z');
    const at = new Date('2026-05-20T02:00:00Z');
    await addApiUsage(w.db, [
      { month: '2026-05', api: 'POST robot/oToMessages/batchSend', calls: 7900 },
      { month: '2026-05', api: 'POST oauth2/accessToken', calls: 100 },
      { month: '2026-04', api: 'POST robot/groupMessages/send', calls: 7 },
    ], at);
    const text = await cli(w, 'dingtalk', 'usage');
    expect(text.code).toBe(0);
    expect(text.stdout()).toBe(
      [
        'DingTalk OpenAPI calls in 2026-05 (Asia/Shanghai): 8000 of 10000 (80.0%), 2000 left — close to the quota',
        '  POST oauth2/accessToken           100',
        '  POST robot/oToMessages/batchSend  7900',
      ].join('\n'),
    );
    const json = await cli(w, 'dingtalk', 'usage', '--month', '2026-04', '--quota', '5000', '--json');
    expect(json.json()).toEqual({ month: '2026-04', quota: 5000, calls: 7, remaining: 4993, share: 0.001, by_api: [{ api: 'POST robot/groupMessages/send', calls: 7 }] });
    expect((await cli(w, 'dingtalk', 'usage', '--month', '2026-06')).stdout()).toContain('0 of 10000 (0.0%), 10000 left\n  no calls recorded');
    expect((await cli(w, 'dingtalk', 'usage', '--quota', '3000')).stdout()).toContain('QUOTA REACHED');
  });

  it('cli dingtalk usage refuses a bad month or quota with a clear line', async () => {
    const w = await serviceWorld(getDb());
    const bad = await cli(w, 'dingtalk', 'usage', '--month', '2026-13');
    expect(bad.code).toBe(1);
    expect(bad.stderr()).toBe('error: --month must be a month such as 2026-05, not "2026-13". Usage: dingtalk usage [--month YYYY-MM] [--quota N] [--json]');
    expect((await cli(w, 'dingtalk', 'usage', '--quota', '0')).stderr()).toMatch(/^error: --quota must be a whole number of calls above 0, not "0"/);
  });
});
