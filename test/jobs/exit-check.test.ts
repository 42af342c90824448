import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { importContracts } from '../../src/service/imports/import-contracts.ts';
import { caseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { contractsCsv, query } from '../support/service-fixtures.ts';
import { FlakyNotifier, startTestJobs, waitFor } from './job-fixtures.ts';

describeEachBackend('the daily exit check (R-EXIT-*) runs as a job with the sweep', (getDb) => {
  it('an exit-check job ends the expired partner and its notices are delivered', async () => {
    const w = await caseWorld(getDb()); // 2026-06-01 in Shanghai
    await importContracts(w.deps, contractsCsv([['P1', '2025-06-01', '2026-05-31', '']]));
    const jobs = await startTestJobs(getDb(), w.cases, new FlakyNotifier(() => false));
    try {
      await jobs.boss.send('exit-check', {});
      const delivered = async () =>
        query<{ status: string; recipient: { userId?: string; channel?: string } }>(w.db, sql`select status, recipient from outbox where kind = 'partner_exited' order by id`);
      await waitFor('the exit notices to be delivered', async () => {
        const rows = await delivered();
        return rows.length === 2 && rows.every((r) => r.status === 'delivered');
      });
      expect((await delivered()).map((r) => r.recipient.userId ?? `#${r.recipient.channel}`)).toEqual(['U0PARTNER1', '#notices']);
      const [p] = await query<{ status: string }>(w.db, sql`select status from partners where id = 'P1'`);
      expect(p!.status).toBe('exited');
      const [a] = await query<{ actor: string; subject: string }>(w.db, sql`select actor, subject from audit_events where action = 'partner.exited'`);
      expect(a).toEqual({ actor: 'system', subject: 'P1/expiry/2026-06-01' });
    } finally {
      await jobs.stop();
    }
  });
});
