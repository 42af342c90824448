import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { fixedClock } from '../../../src/service/clock.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { loadPolicyVersion } from '../../../src/service/policy/load-policy.ts';
import { previewSanction } from '../../../src/service/rules/preview-sanction.ts';
import { startFaultBot, type FaultBot } from '../../faults/fault-bot.ts';
import { databaseUrlOf, describeEachBackend } from '../../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.ts';
import { CLASS2_ITEM, partnersCsv } from '../../support/service-fixtures.ts';

/**
 * R-POLICY, R-ANNOUNCE: the bot as `npm start` runs it (src/bot.ts) judges
 * under a version another process loads while it runs, from that version's
 * effective day, with no restart. PostgreSQL only: with PGlite the bot holds
 * the data directory and `cli policy load` waits for it to stop.
 */
describeEachBackend('a running bot picks up a newly loaded policy version (R-POLICY)', (getDb) => {
  let fake: FakeSlack;
  let running: FaultBot | undefined;
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await running?.bot.stop();
    running = undefined;
    await fake.close();
  });

  it('FY27 loaded by another process effective tomorrow: the running bot judges a violation from tomorrow under FY27, one from today under FY22', async () => {
    const url = databaseUrlOf(getDb())!;
    const clock = fixedClock('2026-06-01T04:00:00Z');
    running = await startFaultBot(fake, url, clock);
    const { cases } = running.bot;
    await importPartners({ db: cases.db, clock, actor: 'test' }, partnersCsv([['P1', 'Partner One', 'service', 'gold', 'U0ONE']]));
    const judged = async (occurred: string) => {
      const j = await previewSanction(cases, { partnerId: 'P1', itemId: CLASS2_ITEM, occurred, on: occurred });
      return [j.policy.id, j.decision.amount.toFixed(2)];
    };
    expect(await judged('2026-06-01')).toEqual(['FY22', '5000.00']);

    // `cli policy load` in another process: its own connections.
    const cli = await openDatabase({ databaseUrl: url });
    try {
      const text = JSON.stringify({ id: 'FY27', effectiveFrom: '2026-06-02', params: { ...FY22.params, class2: { ...FY22.params.class2, penaltiesByRank: ['8000.00', '10000.00', '50000.00'] } } });
      await loadPolicyVersion({ db: cli.db, clock, jobs: noJobScheduler, actor: 'cli:admin' }, { name: 'fy27.json', text });
    } finally {
      await cli.close();
    }

    await vi.waitFor(() => expect(cases.policies.map((p) => p.id)).toEqual(['FY22', 'FY27']), { timeout: 5000, interval: 20 });
    clock.set('2026-06-02T04:00:00Z');
    expect(await judged('2026-06-02')).toEqual(['FY27', '8000.00']);
    expect(await judged('2026-06-01')).toEqual(['FY22', '5000.00']);
  });
}, ['postgres']);
