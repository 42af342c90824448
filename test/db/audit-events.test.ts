import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/databases.ts';

/** drizzle wraps the driver's error; the trigger's message is in `cause`. */
function refusedWith(op: string) {
  return (e: unknown) =>
    e instanceof Error &&
    e.cause instanceof Error &&
    e.cause.message === `audit_events is append-only: ${op} is not allowed`;
}

describeEachBackend('the audit trail', (getDb) => {
  async function writeOne() {
    const [row] = await getDb()
      .db.insert(auditEvents)
      .values({
        occurredAt: new Date('2025-10-01T01:00:00Z'),
        actor: 'U1',
        action: 'case.reported',
        subject: 'case:C-1',
        payload: { item: 'SVC-01' },
        prevHash: '',
        hash: 'h1',
      })
      .returning();
    return row!;
  }

  async function stillThere(id: number) {
    const rows = await getDb().db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor).toBe('U1');
  }

  it('takes new events', async () => {
    const row = await writeOne();
    await stillThere(row.id);
  });

  it('refuses to change an event', async () => {
    const row = await writeOne();
    await expect(
      getDb().db.update(auditEvents).set({ actor: 'U2' }).where(eq(auditEvents.id, row.id)),
    ).rejects.toSatisfy(refusedWith('UPDATE'));
    await stillThere(row.id);
  });

  it('refuses to delete an event', async () => {
    const row = await writeOne();
    await expect(getDb().db.delete(auditEvents).where(eq(auditEvents.id, row.id))).rejects.toSatisfy(
      refusedWith('DELETE'),
    );
    await stillThere(row.id);
  });

  it('refuses to truncate the table', async () => {
    const row = await writeOne();
    await expect(getDb().db.execute(sql`truncate audit_events`)).rejects.toSatisfy(refusedWith('TRUNCATE'));
    await stillThere(row.id);
  });

  it('refuses even the role that owns the table', async () => {
    const row = await writeOne();
    const [me] = await getDb()
      .db.select({ owns: sql<boolean>`(select tableowner = current_user from pg_tables where tablename = 'audit_events')` })
      .from(sql`(select 1) as one`);
    expect(me?.owns).toBe(true);
    await expect(getDb().db.execute(sql`delete from audit_events`)).rejects.toSatisfy(refusedWith('DELETE'));
    await stillThere(row.id);
  });
});
