import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { insertRows } from '../../src/db/insert-rows.ts';
import { cases, deadlines, ledgerEntries, partners } from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/databases.ts';

describeEachBackend('insertRows: rows through one JSON parameter', (getDb) => {
  it('returns the rows as drizzle reads them back: defaults filled, numbers, Dates, JSON and nulls', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    const at = new Date('2026-03-02T08:30:15.123Z');
    const [c] = await insertRows(db, cases, [
      { partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-02-27', facts: '迟到 "quoted" \\ slash', reportedBy: 'slack:U1', state: 'reported', createdAt: at, updatedAt: at },
    ]);
    const [read] = await db.select().from(cases).where(eq(cases.id, c!.id));
    expect(c).toEqual(read);
    expect(c!.id).toMatch(/^V-\d{6}$/);
    expect(c!.suspended).toBe(false);
    expect(c!.replyDueAt).toBeNull();
    expect(c!.createdAt).toEqual(at);

    const rows = await insertRows(db, deadlines, [
      { caseId: c!.id, kind: 'reply_lapse', dueAt: at, payload: { from: '2026-03-02', workingDays: 3 }, createdAt: at },
      { caseId: null, kind: 'deadline_reminder', dueAt: at, provisional: true, payload: { nested: { list: [1, 'two'] } }, createdAt: at },
    ]);
    expect(rows.map((r) => typeof r.id)).toEqual(['number', 'number']);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);
    expect(rows.map((r) => [r.caseId, r.provisional, r.payload, r.doneAt])).toEqual([
      [c!.id, false, { from: '2026-03-02', workingDays: 3 }, null],
      [null, true, { nested: { list: [1, 'two'] } }, null],
    ]);
  });

  it('keeps amounts exact and refuses what the table refuses', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    const [e] = await insertRows(db, ledgerEntries, [{ partnerId: 'P1', entryDate: '2026-01-05', kind: 'deposit', amount: '99999999999999.99', entryKey: 'k1' }]);
    expect(e!.amount).toBe('99999999999999.99');
    await expect(insertRows(db, ledgerEntries, [{ partnerId: 'NOPE', entryDate: '2026-01-05', kind: 'deposit', amount: '1', entryKey: 'k2' }])).rejects.toThrow();
    expect(await insertRows(db, ledgerEntries, [])).toEqual([]);
  });

  it('a column some rows leave out takes its schema default; a database-only default must be given in every row', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    const at = new Date('2026-03-02T08:30:15Z');
    const base = { partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-02-27', facts: 'f', reportedBy: 'slack:U1', state: 'reported', createdAt: at, updatedAt: at };
    const mixed = await insertRows(db, cases, [{ ...base, suspended: true, suspendedAt: at, suspendedBy: 'slack:U1' }, base]);
    expect(mixed.map((c) => c.suspended)).toEqual([true, false]);
    await expect(insertRows(db, cases, [{ ...base, id: 'V-900001' }, base])).rejects.toThrow(/cases\.id .*give it in every row/);
  });

  it('a column added while the statement is prepared (a migration by another process) does not fail the next insert', async () => {
    const { db } = getDb();
    const at = new Date('2026-03-02T08:30:15Z');
    const row = { caseId: null, kind: 'deadline_reminder', dueAt: at, payload: {}, createdAt: at };
    // The pool has one connection here or more: prepare the statement on each by running it inside transactions.
    for (let i = 0; i < 3; i++) await db.transaction((tx) => insertRows(tx, deadlines, [row]));
    await db.execute(sql`alter table deadlines add column added_later integer`);
    const again = await db.transaction((tx) => insertRows(tx, deadlines, [row]));
    expect(again).toHaveLength(1);
    expect(again[0]).not.toHaveProperty('added_later');
  });
});
