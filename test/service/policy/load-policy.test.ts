import { sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { loadPolicyVersions } from '../../../src/db/repositories/policy.repository.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { livePolicies } from '../../../src/service/policy/live-policies.ts';
import { loadPolicyVersion } from '../../../src/service/policy/load-policy.ts';
import { previewSanction } from '../../../src/service/rules/preview-sanction.ts';
import { fixedClock } from '../../../src/service/clock.ts';
import { databaseUrlOf, describeEachBackend } from '../../support/databases.ts';
import {
  captureIo,
  CLASS2_ITEM,
  cliOpener,
  domainErrorOf,
  partnersCsv,
  query,
  rowCounts,
  scratchDir,
  serviceWorld,
  type ServiceWorld,
} from '../../support/service-fixtures.ts';

/** FY27: effective 2026-07-01, a heavier first class-2 penalty (CNY 8,000 instead of 5,000); the FY22 catalog carries over. */
function fy27(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'FY27',
    effectiveFrom: '2026-07-01',
    params: { ...FY22.params, class2: { ...FY22.params.class2, penaltiesByRank: ['8000.00', '10000.00', '50000.00'] } },
    ...overrides,
  });
}

const load = (w: ServiceWorld, text: string, name = 'fy27.json') => loadPolicyVersion({ db: w.db, clock: w.clock, jobs: noJobScheduler, actor: 'cli:admin' }, { name, text });

/** P1 (two contacts), P2 (one shared with P1, one own), P3 terminated later in the test. */
async function givenPartners(w: ServiceWorld): Promise<void> {
  await importPartners(w.deps, partnersCsv([
    ['P1', 'Partner One', 'service', 'gold', 'U0ONE1;U0SHARED'],
    ['P2', 'Partner Two', 'consulting_sales', 'gold', 'U0TWO1;U0SHARED'],
    ['P3', 'Partner Three', 'service', 'gold', 'U0THREE'],
  ]));
  await w.db.execute(sql`update partners set status = 'terminated' where id = 'P3'`);
}

async function announcements(w: ServiceWorld) {
  return query<{ recipient: Record<string, string>; payload: Record<string, string> }>(w.db, sql`select recipient, payload from outbox where kind = 'policy_announced' order by id`);
}

describeEachBackend('R-POLICY, R-ANNOUNCE: an admin loads a new policy version; it is announced before it applies', (getDb) => {
  it('loads the version published today with its effective date and queues the announcement to the notices channel and each partner contact once', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const r = await load(w, fy27());
    expect(r).toEqual({ id: 'FY27', effectiveFrom: '2026-07-01', publishedOn: '2026-06-01', catalogItems: 58, catalogFrom: 'FY22', announcedTo: 3 });
    const versions = await loadPolicyVersions(w.db);
    expect(versions.map((v) => [v.id, v.effectiveFrom, v.publishedOn, v.catalog.length])).toEqual([['FY22', '2021-04-01', null, 58], ['FY27', '2026-07-01', '2026-06-01', 58]]);
    expect(versions[1]!.params.class2.penaltiesByRank[0]).toBe('8000.00');
    const sent = await announcements(w);
    // A contact of two partners hears it once; a terminated partner's contact not at all.
    expect(sent.map((m) => m.recipient)).toEqual([
      { type: 'channel', channel: 'notices' },
      { type: 'user', platform: 'slack', userId: 'U0ONE1' },
      { type: 'user', platform: 'slack', userId: 'U0SHARED' },
      { type: 'user', platform: 'slack', userId: 'U0TWO1' },
    ]);
    for (const m of sent) expect(m.payload).toEqual({ kind: 'policy_announced', version: 'FY27', effectiveFrom: '2026-07-01', publishedOn: '2026-06-01' });
    const [audit] = await query<{ subject: string; actor: string }>(w.db, sql`select subject, actor from audit_events where action = 'policy.loaded'`);
    expect(audit).toEqual({ subject: 'FY27', actor: 'cli:admin' });
  });

  it('refuses, changing nothing: an effective date today or past, a version already loaded, a date another version has, bad JSON, a bad field', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    await load(w, fy27());
    const before = { counts: await rowCounts(w.db), outbox: (await announcements(w)).length };
    const refusals = await Promise.all([
      domainErrorOf(load(w, fy27({ id: 'FY27B', effectiveFrom: '2026-06-01' }))),
      domainErrorOf(load(w, fy27({ id: 'FY27B', effectiveFrom: '2026-05-01' }))),
      domainErrorOf(load(w, fy27({ effectiveFrom: '2026-08-01' }))),
      domainErrorOf(load(w, fy27({ id: 'FY27B' }))),
      domainErrorOf(load(w, '{"id": "FY28",', 'broken.json')),
      domainErrorOf(load(w, fy27({ id: 'FY28', effectiveFrom: '2026-02-30', params: { ...FY22.params, lateFeeDailyRate: '0,1%' }, extra: 1 }), 'bad.json')),
    ]);
    expect(refusals.map((e) => e.code)).toEqual(['policy.not_future', 'policy.not_future', 'policy.exists', 'policy.same_day', 'policy.bad_file', 'policy.bad_file']);
    expect(refusals[0]!.message).toBe('effectiveFrom 2026-06-01 must be after today (2026-06-01): a version is announced before it applies (R-ANNOUNCE)');
    expect(refusals[4]!.message).toMatch(/^broken\.json is not JSON: /);
    expect(refusals[5]!.message).toMatch(/^bad\.json is not a valid policy version: /);
    expect(refusals[5]!.message).toContain('effectiveFrom: a real date written YYYY-MM-DD');
    expect(refusals[5]!.message).toContain('params.lateFeeDailyRate');
    expect(refusals[5]!.message).toMatch(/extra/);
    expect(await rowCounts(w.db)).toEqual(before.counts);
    expect((await announcements(w)).length).toBe(before.outbox);
  });

  it('a case is judged under the version in force on the violation day, and the explanation names it (R-POLICY)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    await load(w, fy27());
    w.clock.set('2026-08-03T04:00:00Z');
    const rules = { ...w.rules, policies: await loadPolicyVersions(w.db) };
    const before = await previewSanction(rules, { partnerId: 'P1', itemId: CLASS2_ITEM, occurred: '2026-06-30', on: '2026-08-03' });
    expect([before.policy.id, before.decision.amount.toFixed(2)]).toEqual(['FY22', '5000.00']);
    expect(before.policyNote).toBe('R-POLICY: judged under FY22, in force on the violation day 2026-06-30; FY27 is not lighter');
    const after = await previewSanction(rules, { partnerId: 'P1', itemId: CLASS2_ITEM, occurred: '2026-07-01', on: '2026-08-03' });
    expect([after.policy.id, after.decision.amount.toFixed(2)]).toEqual(['FY27', '8000.00']);
    expect(after.policyNote).toBe('R-POLICY: judged under FY27, in force on the violation day 2026-07-01');
  });

  it('`cli policy load FILE` says what was loaded and to whom it is announced', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const files = await scratchDir();
    try {
      const path = await files.write('fy27.json', fy27());
      const c = captureIo();
      const code = await runCli(['policy', 'load', path], {}, c.io, cliOpener(w));
      expect([code, c.stderr()]).toEqual([0, '']);
      expect(c.stdout().split('\n')).toEqual([
        'Loaded policy FY27, published 2026-06-01, in force from 2026-07-01, with the catalog of FY22 (58 items).',
        'Announcement queued to 3 partner contact(s) and the notices channel (R-ANNOUNCE).',
        w.database.backend === 'postgres'
          ? 'A running bot on this database picks it up now (no restart) and judges under it from its effective date.'
          : 'The bot reads it when it starts (the embedded database is open in one process at a time) and judges under it from its effective date.',
      ]);
      const again = captureIo();
      expect(await runCli(['policy', 'load', path], {}, again.io, cliOpener(w))).toBe(1);
      expect(again.stderr()).toBe('error: policy version FY27 is already loaded; a published version is never changed (load a new id)');
    } finally {
      await files.cleanup();
    }
  });
});

describeEachBackend('R-POLICY: a running service picks up a version loaded by another process, without a restart', (getDb) => {
  it('judges with FY22; `cli policy load` on another connection stores FY27 effective tomorrow; a day on/after it is judged under FY27 at once, a day before still under FY22', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    // As src/bot.ts wires it: one live list, handed to the rules use cases once.
    const live = await livePolicies(w.database, (e) => {
      throw e;
    });
    try {
      // The service previews as of 2026-08-03; the operator loads on 2026-06-01 (its own clock), effective 2026-06-02.
      const rules = { ...w.rules, clock: fixedClock('2026-08-03T04:00:00Z'), policies: live.versions };
      const judged = async (occurred: string) => {
        const j = await previewSanction(rules, { partnerId: 'P1', itemId: CLASS2_ITEM, occurred, on: '2026-08-03' });
        return [j.policy.id, j.decision.amount.toFixed(2)];
      };
      expect(await judged('2026-06-02')).toEqual(['FY22', '5000.00']);

      // Another process: its own connection pool, the CLI as an operator runs it.
      const database = await openDatabase({ databaseUrl: databaseUrlOf(w.database)! });
      try {
        const files = await scratchDir();
        try {
          const path = await files.write('fy27.json', fy27({ effectiveFrom: '2026-06-02' }));
          const c = captureIo();
          const cli = { ...w, database, db: database.db, clock: fixedClock('2026-06-01T04:00:00Z') };
          expect(await runCli(['policy', 'load', path], {}, c.io, cliOpener(cli))).toBe(0);
          expect(c.stdout()).toContain('A running bot on this database picks it up now (no restart)');
        } finally {
          await files.cleanup();
        }
      } finally {
        await database.close();
      }

      // The signal arrives as the load commits; nothing here re-reads by hand.
      await vi.waitFor(() => expect(live.versions.map((v) => v.id)).toEqual(['FY22', 'FY27']), { timeout: 5000, interval: 20 });
      expect(await judged('2026-06-02')).toEqual(['FY27', '8000.00']);
      expect(await judged('2026-07-15')).toEqual(['FY27', '8000.00']);
      expect(await judged('2026-06-01')).toEqual(['FY22', '5000.00']);
    } finally {
      await live.stop();
    }
  });
}, ['postgres']);
