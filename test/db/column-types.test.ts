import { inArray, sql, sum } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  auditEvents,
  calendarDays,
  ledgerEntries,
  partners,
  restrictions,
} from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/databases.ts';

describeEachBackend('values read back from the database', (getDb) => {
  it('amounts come back as exact 2-decimal strings, sums too', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    await db.insert(ledgerEntries).values([
      { partnerId: 'P1', entryDate: '2025-04-01', kind: 'deposit', amount: '100000.1', entryKey: 'a' },
      { partnerId: 'P1', entryDate: '2025-04-02', kind: 'deposit', amount: '0.2', entryKey: 'b' },
      { partnerId: 'P1', entryDate: '2025-04-03', kind: 'deposit', amount: '99999999999999.99', entryKey: 'c' },
    ]);
    const rows = await db.select({ amount: ledgerEntries.amount }).from(ledgerEntries).orderBy(ledgerEntries.entryKey);
    expect(rows.map((r) => r.amount)).toEqual(['100000.10', '0.20', '99999999999999.99']);

    const [total] = await db
      .select({ total: sum(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(inArray(ledgerEntries.entryKey, ['a', 'b']));
    expect(total?.total).toBe('100000.30');
  });

  it('dates come back as the YYYY-MM-DD strings that were written, not Dates', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    await db.insert(calendarDays).values([
      { day: '2026-01-01', kind: 'holiday', name: '元旦', source: 'test' },
      { day: '2025-12-31', kind: 'workday', source: 'test' },
    ]);
    await db.insert(restrictions).values({
      partnerId: 'P1',
      kind: 'no_upgrade',
      startsOn: '2025-03-31',
      endsOn: '2025-06-30',
      rule: 'R-RESTRICT',
    });
    const days = await db.select({ day: calendarDays.day }).from(calendarDays).orderBy(calendarDays.day);
    expect(days.map((d) => d.day)).toEqual(['2025-12-31', '2026-01-01']);
    const [r] = await db.select().from(restrictions);
    expect(r).toMatchObject({ startsOn: '2025-03-31', endsOn: '2025-06-30', liftedAt: null });
    expect(typeof r?.id).toBe('number');
  });

  it('instants come back as the same Date that was written', async () => {
    const { db } = getDb();
    const at = new Date('2025-09-30T15:59:59.123Z'); // 23:59:59.123 in Shanghai
    await db.insert(auditEvents).values({
      occurredAt: at,
      actor: 'U1',
      action: 'test',
      subject: 'x',
      payload: { n: 1, text: '通报' },
      prevHash: '',
      hash: 'h1',
    });
    const [row] = await db.select().from(auditEvents);
    expect(row?.occurredAt).toBeInstanceOf(Date);
    expect(row?.occurredAt.toISOString()).toBe(at.toISOString());
    expect(row?.payload).toEqual({ n: 1, text: '通报' });
  });

  it('a ledger entry with an unknown kind or a repeated key is refused', async () => {
    const { db } = getDb();
    await db.insert(partners).values({ id: 'P1', name: 'Partner One' });
    const entry = { partnerId: 'P1', entryDate: '2025-04-01', kind: 'deposit', amount: '1.00', entryKey: 'k' } as const;
    await db.insert(ledgerEntries).values(entry);
    await expect(db.insert(ledgerEntries).values(entry)).rejects.toThrow();
    await expect(
      db.insert(ledgerEntries).values({ ...entry, entryKey: 'k2', kind: 'gift' as 'deposit' }),
    ).rejects.toThrow();
    const [n] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(ledgerEntries);
    expect(n?.n).toBe(1);
  });
});
