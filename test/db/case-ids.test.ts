import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cases } from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/databases.ts';
import { givenPartner, serviceWorld } from '../support/service-fixtures.ts';

describeEachBackend('case ids', (getDb) => {
  it('are V- and six digits, and keep every digit past a million', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w);
    const row = { partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-01', facts: 'x', reportedBy: 'slack:U0X', state: 'reported', createdAt: new Date(), updatedAt: new Date() };
    const [first] = await w.db.insert(cases).values(row).returning({ id: cases.id });
    expect(first!.id).toBe('V-000001');
    await w.db.execute(sql`select setval('case_number_seq', 999999, false)`);
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await w.db.insert(cases).values(row).returning({ id: cases.id }))[0]!.id);
    expect(ids).toEqual(['V-999999', 'V-1000000']);
  });
});
