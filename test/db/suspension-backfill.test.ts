import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { cases, partners } from '../../src/db/schema/index.ts';
import { appendAudit } from '../../src/service/audit/audit-trail.ts';
import { describeEachBackend } from '../support/databases.ts';

/** The statements of one migration file, as the migrator splits them. */
async function statements(prefix: string): Promise<string[]> {
  const file = (await readdir(MIGRATIONS_FOLDER)).find((f) => f.includes(prefix))!;
  return (await readFile(join(MIGRATIONS_FOLDER, file), 'utf8')).split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => s !== '');
}

describeEachBackend('the suspended-since migration (R-SUSPEND)', (getDb) => {
  it('gives a case suspended before it existed the time and person of its last suspension, else the report’s; then every suspension says since when', async () => {
    const { db } = getDb();
    // The database as it was between the migration's steps: the columns exist, the check does not yet.
    await db.execute(sql`alter table cases drop constraint cases_suspended_since_check`);
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    const created = new Date('2026-03-02T01:00:00Z');
    const noticed = new Date('2026-03-02T02:00:00Z');
    const base = { partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-02-27', facts: 'f', reportedBy: 'slack:UREPORTER', state: 'awaiting_reply', createdAt: created, updatedAt: created };
    await db.insert(cases).values([
      { ...base, id: 'V-000001', suspended: true, noticeSentAt: noticed },
      { ...base, id: 'V-000002', suspended: true, noticeSentAt: noticed },
      { ...base, id: 'V-000003', suspended: false, noticeSentAt: noticed },
    ]);
    await appendAudit(db, { actor: 'slack:UFIRST', action: 'case.suspended', subject: 'V-000002', payload: {}, at: new Date('2026-03-03T01:00:00Z') });
    await appendAudit(db, { actor: 'slack:USECOND', action: 'case.suspended', subject: 'V-000002', payload: {}, at: new Date('2026-03-04T01:00:00Z') });

    // The migration's steps after adding the two columns: the backfill, then the check.
    for (const s of (await statements('_case_suspended_since')).slice(2)) await db.execute(sql.raw(s));

    const rows = await db.select({ id: cases.id, at: cases.suspendedAt, by: cases.suspendedBy }).from(cases).orderBy(asc(cases.id));
    expect(rows.map((r) => [r.id, r.at?.toISOString() ?? null, r.by])).toEqual([
      ['V-000001', noticed.toISOString(), 'slack:UREPORTER'],
      ['V-000002', '2026-03-04T01:00:00.000Z', 'slack:USECOND'],
      ['V-000003', null, null],
    ]);
    // From now on a suspension without since-when is refused by the database itself.
    await expect(db.insert(cases).values({ ...base, id: 'V-000004', suspended: true })).rejects.toThrow();
  });
});
