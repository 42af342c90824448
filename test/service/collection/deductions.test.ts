import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { ledgerEntries } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { givenLedger } from '../../support/service-fixtures.ts';
import { auditActions, closeObjectionWindow, determine, messages, openDeadlines, report } from '../cases/case-steps.ts';

/** The ledger rows a case wrote, in the order written. */
async function caseEntries(db: Db, caseId: string) {
  return db
    .select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount, entryDate: ledgerEntries.entryDate })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.caseId, caseId), isNotNull(ledgerEntries.caseId)))
    .orderBy(asc(ledgerEntries.id));
}

describeEachBackend('the penalty is deducted at the formal decision (R-DEDUCT, R-LEDGER)', (getDb) => {
  it('deposit first, then prepayments, then unpaid service fees; the rest is owed', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [
      ['P1', '2026-05-01', 'service_fee_unpaid', '1000.00'],
      ['P1', '2026-05-01', 'prepayment', '1500.00'],
      ['P1', '2026-05-01', 'deposit', '1000.00'],
    ]);
    const r = await report(w);
    const { proposal } = await determine(w, r.caseId);
    // The approver saw the same split when the determination was proposed.
    expect(proposal.decision!.deduction).toEqual({ deposit: '1000.00', prepayment: '1500.00', service_fee: '1000.00', owed: '1500.00' });
    // Nothing is taken before the formal decision (R-DECISION).
    expect(await caseEntries(w.db, r.caseId)).toEqual([]);

    await closeObjectionWindow(w);
    expect(await caseEntries(w.db, r.caseId)).toEqual([
      { kind: 'deposit', amount: '-1000.00', entryDate: '2026-06-05' },
      { kind: 'prepayment', amount: '-1500.00', entryDate: '2026-06-05' },
      { kind: 'service_fee_unpaid', amount: '-1000.00', entryDate: '2026-06-05' },
    ]);
    expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
    const formal = (await messages(w.db, r.caseId)).find((m) => m.kind === 'formal_decision');
    expect(formal?.payload).toMatchObject({ owed: '1500.00', paymentDue: '2026-09-01' });
    // R-PERIOD: restricted through 09-01 (lifted at 09-02 00:00), the moment the unpaid rest turns late.
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).toEqual(['payment_reminder', 'payment_reminder', 'payment_late', 'restriction_lift']);
  });

  it('a deposit that covers the penalty settles it: the case closes with nothing owed and its suspension lifted', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-05-01', 'deposit', '8000.00'], ['P1', '2026-05-01', 'prepayment', '3000.00']]);
    const r = await report(w, { suspend: true });
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    expect(await caseEntries(w.db, r.caseId)).toEqual([{ kind: 'deposit', amount: '-5000.00', entryDate: '2026-06-05' }]);
    expect(await findCase(w.db, r.caseId)).toMatchObject({ state: 'closed', suspended: false });
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).toEqual(['restriction_lift']);
    expect((await messages(w.db, r.caseId)).find((m) => m.kind === 'formal_decision')?.payload).toMatchObject({ owed: '0.00' });
  });

  it('a later penalty takes only what earlier deductions left (the 2nd class-2 sanction, CNY 10,000, R-P2)', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-05-01', 'deposit', '6000.00']]);
    const first = await report(w);
    await determine(w, first.caseId);
    w.clock.set('2026-06-02T10:00:00+08:00');
    const second = await report(w, { itemId: 'SVC-10', occurredOn: '2026-05-25' });
    const { proposal } = await determine(w, second.caseId);
    expect(proposal.decision).toMatchObject({ finalClass: 2, amount: '10000.00' });

    // The first window closes on 06-04, the second (noticed 06-02) on 06-05.
    expect((await closeObjectionWindow(w)).outcomes.decided).toBe(1);
    w.clock.set('2026-06-06T00:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes.decided).toBe(1);
    expect(await caseEntries(w.db, first.caseId)).toEqual([{ kind: 'deposit', amount: '-5000.00', entryDate: '2026-06-05' }]);
    expect(await caseEntries(w.db, second.caseId)).toEqual([{ kind: 'deposit', amount: '-1000.00', entryDate: '2026-06-06' }]);
    expect(await findCase(w.db, first.caseId)).toMatchObject({ state: 'closed' });
    expect(await findCase(w.db, second.caseId)).toMatchObject({ state: 'collecting' });
    expect((await messages(w.db, second.caseId)).find((m) => m.kind === 'formal_decision')?.payload).toMatchObject({ owed: '9000.00' });
    expect(await auditActions(w.db, second.caseId)).toContain('case.formal_decision');
  });
});
