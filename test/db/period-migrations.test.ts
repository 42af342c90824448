import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { loadPolicyVersions } from '../../src/db/repositories/policy.repository.ts';
import { cases, deadlines, policyVersions, restrictions, sanctions } from '../../src/db/schema/index.ts';
import { FY22 } from '../../src/domain/policy/fy22.ts';
import { processDeadline, sweepDeadlines } from '../../src/service/deadlines/process-deadline.ts';
import { importSanctions } from '../../src/service/imports/import-sanctions.ts';
import { caseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { sanctionsCsv } from '../support/service-fixtures.ts';
import { determine, report } from '../service/cases/case-steps.ts';

/** Runs one migration file again, statement by statement, as the migrator does. */
async function runMigration(db: Db, file: string): Promise<void> {
  const text = await readFile(join(MIGRATIONS_FOLDER, file), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) {
    if (statement.replace(/--.*$/gm, '').trim()) await db.execute(sql.raw(statement));
  }
}

/** Everything migration 0013 recounts, in a stable order. */
async function storedPeriods(db: Db) {
  return {
    sanctions: await db.select({ caseId: sanctions.caseId, noticeDate: sanctions.noticeDate, announcedOn: sanctions.announcedOn }).from(sanctions).orderBy(asc(sanctions.caseId)),
    restrictions: await db.select({ caseId: restrictions.caseId, kind: restrictions.kind, startsOn: restrictions.startsOn, endsOn: restrictions.endsOn }).from(restrictions).orderBy(asc(restrictions.id)),
    decisions: await db.select({ id: cases.id, decision: cases.decision }).from(cases).orderBy(asc(cases.id)),
    deadlines: await db.select({ id: deadlines.id, kind: deadlines.kind, dueAt: deadlines.dueAt, payload: deadlines.payload, doneAt: deadlines.doneAt }).from(deadlines).orderBy(asc(deadlines.id)),
  };
}

describeEachBackend('the R-PERIOD migrations of stored results (0013, 0014)', (getDb) => {
  it('rows stored by the old counting are recounted to exactly what the new code stores', async () => {
    const w = await caseWorld(getDb(), '2025-07-01T02:00:00Z');
    // Imported history (announced on its notice day), a case formally decided 2025-07-07
    // (payment due 2025-10-09 after National Day), and a case still in its objection window.
    await importSanctions(w.deps, sanctionsCsv([['H-1', 'P1', 'SVC-17', '2025-01-02', '2025-01-05', 'false']]));
    const decided = await report(w, { occurredOn: '2025-06-20' });
    await determine(w, decided.caseId);
    w.clock.set('2025-07-07T10:00:00+08:00');
    await sweepDeadlines(w.cases);
    const open = await report(w, { occurredOn: '2025-07-01', itemId: 'SVC-10' });
    await determine(w, open.caseId);
    const now = await storedPeriods(w.db);

    // The same rows as the old code stored them.
    await w.db.update(sanctions).set({ announcedOn: null });
    await w.db.execute(sql`update restrictions set ends_on = ends_on - 1 where rule like 'R-RESTRICT%'`);
    await w.db.execute(sql`update cases set decision = jsonb_set(decision, '{restrictions}', (
      select jsonb_agg(jsonb_set(r, '{until}', to_jsonb(((r->>'until')::date - 1)::text)) order by i)
      from jsonb_array_elements(decision->'restrictions') with ordinality e(r, i))) where decision is not null`);
    await w.db.execute(sql`update deadlines set due_at = due_at - interval '1 day', payload = jsonb_set(payload, '{on}', to_jsonb(((payload->>'on')::date - 1)::text))
      where kind = 'restriction_lift'`);
    // R-LATE, old: due on the corresponding day itself, 2025-10-01 (a holiday); 8 days earlier.
    await w.db.execute(sql`update deadlines set due_at = due_at - interval '8 days', payload = jsonb_set(payload, '{due}', '"2025-10-01"')
      where kind in ('payment_reminder', 'payment_late')`);
    const old = await storedPeriods(w.db);
    expect(old.restrictions.find((r) => r.caseId === decided.caseId)?.endsOn).toBe('2025-10-01');
    expect(old).not.toEqual(now);

    await runMigration(w.db, '0013_periods_civil_code.sql');
    const migrated = await storedPeriods(w.db);
    expect(migrated).toEqual(now);
    // Imported: its notice day; formally decided: that day; in its objection window: none yet.
    expect(migrated.sanctions.find((s) => s.caseId === 'H-1')?.announcedOn).toBe('2025-01-05');
    expect(migrated.sanctions.find((s) => s.caseId === decided.caseId)?.announcedOn).toBe('2025-07-07');
    expect(migrated.sanctions.find((s) => s.caseId === open.caseId)?.announcedOn).toBeNull();
  });

  it('a lift moved one day later does not act when its old wake-up comes, and acts on the new day', async () => {
    const w = await caseWorld(getDb(), '2025-07-01T02:00:00Z');
    const r = await report(w, { occurredOn: '2025-06-20' });
    await determine(w, r.caseId);
    w.clock.set('2025-07-07T10:00:00+08:00');
    await sweepDeadlines(w.cases);
    await w.db.execute(sql`update deadlines set due_at = due_at - interval '1 day', payload = jsonb_set(payload, '{on}', '"2025-10-01"') where kind = 'restriction_lift'`);
    await runMigration(w.db, '0013_periods_civil_code.sql');
    const [lift] = await w.db.select().from(deadlines).where(eq(deadlines.kind, 'restriction_lift'));
    expect(lift!.payload).toMatchObject({ on: '2025-10-02' });
    // The job queue still holds the old wake-up (10-01 00:00): the row is not due, nothing happens.
    w.clock.set('2025-10-01T00:00:00+08:00');
    expect(await processDeadline(w.cases, lift!.id)).toBeNull();
    w.clock.set('2025-10-02T00:00:00+08:00');
    expect(await processDeadline(w.cases, lift!.id)).toBe('lifted');
  });

  it('the stored FY22 policy equals the code, and 0014 brings an old stored row to it (readings are settings)', async () => {
    const w = await caseWorld(getDb());
    expect((await loadPolicyVersions(w.db)).find((v) => v.id === 'FY22')?.params).toEqual(FY22.params);
    const { period: _p, paymentSplit: _s, deductionDay: _d, ...before } = FY22.params.readings;
    await w.db.update(policyVersions).set({ params: { ...FY22.params, readings: { ...before, validityWindow: 'half_open' } } }).where(eq(policyVersions.id, 'FY22'));
    await expect(loadPolicyVersions(w.db)).rejects.toThrow();
    await runMigration(w.db, '0014_policy_readings.sql');
    expect((await loadPolicyVersions(w.db)).find((v) => v.id === 'FY22')?.params).toEqual(FY22.params);
  });
});
