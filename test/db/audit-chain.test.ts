import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents, auditStaged } from '../../src/db/schema/index.ts';
import { appendAudit, auditedTransaction, auditHash, GENESIS_HASH, verifyAuditTrail } from '../../src/service/audit/audit-trail.ts';
import { describeEachBackend } from '../support/databases.ts';

const at = new Date('2026-03-02T01:00:00.123Z');
const event = (subject: string, n: number) => ({ actor: 'slack:U1', action: 'case.reported', subject, payload: { n, text: '迟到 "quoted"', nested: { b: 1, a: [2, 'x'] } }, at });

describeEachBackend('the audit chain, linked by the database at commit (migrations 0010, 0011)', (getDb) => {
  it('links the events of a step in the order they were appended, with the hash the service computes', async () => {
    const { db } = getDb();
    await auditedTransaction(db, async (tx) => {
      await appendAudit(tx, event('V-000001', 1));
      await appendAudit(tx, event('V-000001', 2));
      return {};
    });
    await appendAudit(db, event('V-000002', 3));
    const rows = await db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows.map((r) => [r.subject, (r.payload as { n: number }).n])).toEqual([['V-000001', 1], ['V-000001', 2], ['V-000002', 3]]);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(auditHash(prev, { actor: r.actor, action: r.action, subject: r.subject, payload: r.payload as Record<string, unknown>, at: r.occurredAt }));
      prev = r.hash;
    }
    expect(rows[0]!.occurredAt).toEqual(at);
    expect(await verifyAuditTrail(db)).toEqual({ ok: true, events: 3, head: prev });
    expect(await db.select({ n: count() }).from(auditStaged)).toEqual([{ n: 0 }]);
  });

  it('a step that fails leaves neither an event nor a staged row', async () => {
    const { db } = getDb();
    await expect(
      auditedTransaction(db, async (tx) => {
        await appendAudit(tx, event('V-000003', 1));
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    expect(await db.select({ n: count() }).from(auditEvents)).toEqual([{ n: 0 }]);
    expect(await db.select({ n: count() }).from(auditStaged)).toEqual([{ n: 0 }]);
  });

  it('steps committing at once never fork the chain', async () => {
    const { db } = getDb();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        auditedTransaction(db, async (tx) => {
          await appendAudit(tx, event(`V-${i}`, 1));
          await appendAudit(tx, event(`V-${i}`, 2));
          return {};
        }),
      ),
    );
    const verified = await verifyAuditTrail(db);
    expect(verified).toMatchObject({ ok: true, events: 48 });
    // Each step's two events are adjacent: the chain's lock is held from a step's first link to its commit.
    const rows = await db.select({ subject: auditEvents.subject, payload: auditEvents.payload }).from(auditEvents).orderBy(auditEvents.id);
    for (let i = 0; i < rows.length; i += 2) {
      expect(rows[i + 1]!.subject).toBe(rows[i]!.subject);
      expect([(rows[i]!.payload as { n: number }).n, (rows[i + 1]!.payload as { n: number }).n]).toEqual([1, 2]);
    }
    expect(await db.select().from(auditEvents).where(eq(auditEvents.prevHash, GENESIS_HASH))).toHaveLength(1);
  });
});
