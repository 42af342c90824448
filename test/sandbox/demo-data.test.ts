import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/domain/money.ts';
import { loadAccess } from '../../src/service/access/actor.ts';
import { previewSanction } from '../../src/service/rules/preview-sanction.ts';
import { today } from '../../src/service/clock.ts';
import { DEMO_CLASS3_ITEM, seedDemoData } from '../../src/sandbox/demo-data.ts';
import { PEOPLE } from '../../src/sandbox/people.ts';
import { describeEachBackend } from '../support/databases.ts';
import { CLASS2_ITEM, query, rowCounts, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

/** Noon in Shanghai on a day. */
const noon = (day: string) => `${day}T04:00:00Z`;
const WEEK = 7 * 24 * 60 * 60 * 1000;

/** What a new violation of `item` by a partner would get today, by the real engine. */
async function preview(w: ServiceWorld, partnerId: string, itemId = CLASS2_ITEM) {
  const j = await previewSanction(w.rules, { partnerId, itemId, on: today(w.clock) });
  return {
    finalClass: j.decision.finalClass,
    amount: formatAmount(j.decision.amount),
    steps: j.decision.steps.map((s) => `${s.rule} ${s.fromClass}→${s.toClass} [${s.counted.join(', ')}]`),
    owed: formatAmount(j.deduction.owed),
  };
}

/** The three stories of the demo, as the approver would see them today. */
async function expectTheDemoStories(w: ServiceWorld): Promise<void> {
  // P-A: one valid class 2 on record → the new one ranks 2nd (R-P2).
  expect(await preview(w, 'P-A')).toEqual({
    finalClass: 2, amount: '10000.00', steps: ['R-P2 2→2 [HIST-PA-01, (this case)]'],
    // R-DEDUCT: deposit 5,000 + prepayment 2,000 + unpaid fees 1,000; the rest is owed (R-LATE).
    owed: '2000.00',
  });
  // P-B: three valid class 2 → the new one is the 4th and counts as class 1 (R-P2, R-CASCADE, R-P1).
  expect(await preview(w, 'P-B')).toEqual({
    finalClass: 1, amount: '100000.00',
    steps: ['R-P2 2→1 [HIST-PB-01, HIST-PB-02, HIST-PB-03, (this case)]', 'R-P1 1→1 [(this case)]'],
    owed: '20000.00',
  });
  // P-C: a clean record → 1st class 2, taken whole from the deposit.
  expect(await preview(w, 'P-C')).toEqual({ finalClass: 2, amount: '5000.00', steps: ['R-P2 2→2 [(this case)]'], owed: '0.00' });
}

describeEachBackend('the sandbox demo data', (getDb) => {
  it('on 2026-12-03 a new class 2 costs P-A 10,000 (2nd, R-P2), cascades P-B into class 1 (R-CASCADE), and costs P-C 5,000 (1st)', async () => {
    const w = await serviceWorld(getDb(), noon('2026-12-03'));
    const summary = await seedDemoData(w);
    await expectTheDemoStories(w);
    expect(summary.anchor).toBe('2026-12-03');
    expect(summary.partners.map((p) => [p.id, p.name, p.newClass2Today.finalClass, p.newClass2Today.amount, p.newClass2Today.owed])).toEqual([
      ['P-A', 'Cloudway Consulting', 2, '10000.00', '2000.00'],
      ['P-B', 'Bluepeak Services', 1, '100000.00', '20000.00'],
      ['P-C', 'Cedar Solutions', 2, '5000.00', '0.00'],
    ]);
    expect(summary.partners.find((p) => p.id === 'P-A')!.sanctions).toEqual([{ caseId: 'HIST-PA-01', itemId: 'SVC-10', noticeDate: '2026-10-03' }]);
  });

  it('a class 3 by P-B, after two valid warnings and three valid class 2, goes 3 → 2 → 1 (R-P3, R-P2, R-CASCADE)', async () => {
    const w = await serviceWorld(getDb(), noon('2026-12-03'));
    await seedDemoData(w);
    expect((await preview(w, 'P-B', DEMO_CLASS3_ITEM)).steps).toEqual([
      'R-P3 3→2 [HIST-PB-W1, HIST-PB-W2, (this case)]',
      'R-P2 2→1 [HIST-PB-01, HIST-PB-02, HIST-PB-03, (this case)]',
      'R-P1 1→1 [(this case)]',
    ]);
  });

  it('the stories still hold after the clock moves on for weeks (R-P2: 12 months from each announcement)', async () => {
    const w = await serviceWorld(getDb(), noon('2026-12-03'));
    await seedDemoData(w);
    for (const weeks of [1, 3, 8]) {
      w.clock.set(new Date(Date.parse(noon('2026-12-03')) + weeks * WEEK));
      await expectTheDemoStories(w);
    }
  });

  describe('at the fiscal-year turn (R-FY)', () => {
    for (const day of ['2027-03-29', '2027-03-31', '2027-04-01']) {
      it(`seeded on ${day}, the stories hold that day and across 1 April for weeks: P-B's class 1 is the CNY 100,000 minimum whatever the fiscal year (R-P1)`, async () => {
        const w = await serviceWorld(getDb(), noon(day));
        await seedDemoData(w);
        await expectTheDemoStories(w);
        for (const later of ['2027-04-01', '2027-04-02', '2027-05-12']) {
          if (later <= day) continue;
          w.clock.set(noon(later));
          await expectTheDemoStories(w);
          const j = await previewSanction(w.rules, { partnerId: 'P-B', itemId: CLASS2_ITEM, on: later });
          expect(j.decision.steps[1]!.reason).toContain('FY28 2027-04-01');
        }
      });
    }
  });

  it('the staff of people.ts hold their roles and the partners’ contacts speak for them', async () => {
    const w = await serviceWorld(getDb(), noon('2026-12-03'));
    await seedDemoData(w);
    for (const person of PEOPLE) {
      const access = await loadAccess(w.db, { platform: 'slack', userId: person.id });
      expect([...access.roles].sort()).toEqual([...person.roles].sort());
      expect(access.partnerIds).toEqual(person.partnerId ? [person.partnerId] : []);
    }
  });

  it('seeding again changes nothing, the same day or weeks later (imports skip files they have seen; dates count from the first seeding)', async () => {
    const w = await serviceWorld(getDb(), noon('2026-12-03'));
    const first = await seedDemoData(w);
    expect(first.written).toEqual({ roleGrants: 6, partners: 3, ledgerEntries: 13, sanctions: 6 });
    expect(first.counts).toEqual({ roleGrants: 6, partners: 3, contacts: 3, ledgerEntries: 13, sanctions: 6 });
    const before = { ...(await rowCounts(w.db)), roles: await roleRows(w) };
    expect(before).toMatchObject({ partners: 3, partner_categories: 4, contacts: 3, ledger_entries: 13, sanctions: 6, imports: 3, roles: 6 });

    const again = await seedDemoData(w);
    expect(again.written).toEqual({ roleGrants: 0, partners: 0, ledgerEntries: 0, sanctions: 0 });
    expect({ ...(await rowCounts(w.db)), roles: await roleRows(w) }).toEqual(before);

    w.clock.set(noon('2027-01-20'));
    const later = await seedDemoData(w);
    expect(later.anchor).toBe('2026-12-03');
    expect(later.written).toEqual({ roleGrants: 0, partners: 0, ledgerEntries: 0, sanctions: 0 });
    expect({ ...(await rowCounts(w.db)), roles: await roleRows(w) }).toEqual(before);
  });
});

async function roleRows(w: ServiceWorld): Promise<number> {
  const [row] = await query<{ n: number }>(w.db, sql`select count(*)::int as n from roles`);
  return Number(row?.n);
}
