import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener, ledgerCsv, partnersCsv, query, scratchDir, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

describeEachBackend('cli audit verify', (getDb) => {
  let files: Awaited<ReturnType<typeof scratchDir>>;
  beforeEach(async () => {
    files = await scratchDir();
  });
  afterEach(async () => {
    await files.cleanup();
  });

  async function cli(w: ServiceWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  async function withImports(): Promise<ServiceWorld> {
    const w = await serviceWorld(getDb());
    expect((await cli(w, 'import', 'partners', await files.write('p.csv', partnersCsv([['P1', 'One', 'service', 'gold', '']]).text))).code).toBe(0);
    expect((await cli(w, 'import', 'ledger', await files.write('l.csv', ledgerCsv([['P1', '2025-05-01', 'deposit', '100.00']]).text))).code).toBe(0);
    return w;
  }

  it('after imports the hash chain is intact: ok true, exit 0', async () => {
    const w = await withImports();
    const r = await cli(w, 'audit', 'verify', '--json');
    expect(r.code).toBe(0);
    const j = r.json<{ ok: boolean; events: number; head: string }>();
    expect(j).toMatchObject({ ok: true });
    // policy and calendar seeding, then the two imports.
    expect(j.events).toBe(4);
    expect(j.head).toMatch(/^[0-9a-f]{64}$/);
    expect((await cli(w, 'audit', 'verify')).stdout()).toBe('Audit trail intact: 4 events');
  });

  it('an event changed behind the triggers’ back is named: ok false, exit 1', async () => {
    const w = await withImports();
    const [event] = await query<{ id: number }>(w.db, sql`select id::int as id from audit_events where action = 'import.ledger'`);
    // Only the owner can do this, and only by switching off the append-only
    // triggers (drizzle/0001_audit_events_append_only.sql) first.
    await w.db.execute(sql`alter table audit_events disable trigger all`);
    await w.db.execute(sql`update audit_events set payload = jsonb_set(payload, '{rows}', '999') where id = ${event!.id}`);
    await w.db.execute(sql`alter table audit_events enable trigger all`);
    const r = await cli(w, 'audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({ ok: false, events: 4, brokenAt: event!.id, reason: 'hash does not match the event content' });
    expect((await cli(w, 'audit', 'verify')).stdout()).toBe(`Audit trail BROKEN at event ${event!.id}: hash does not match the event content`);
  });

  it('a deleted event breaks the link of the one after it', async () => {
    const w = await withImports();
    const [partnersEvent] = await query<{ id: number }>(w.db, sql`select id::int as id from audit_events where action = 'import.partners'`);
    const [ledgerEvent] = await query<{ id: number }>(w.db, sql`select id::int as id from audit_events where action = 'import.ledger'`);
    await w.db.execute(sql`alter table audit_events disable trigger audit_events_no_delete`);
    await w.db.execute(sql`delete from audit_events where id = ${partnersEvent!.id}`);
    await w.db.execute(sql`alter table audit_events enable trigger audit_events_no_delete`);
    const r = await cli(w, 'audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, brokenAt: ledgerEvent!.id, reason: 'prev_hash does not match the hash of the event before it' });
  });
});
