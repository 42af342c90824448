import { and, asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { deadlines, ledgerEntries, restrictions } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { recordPayment } from '../../../src/service/collection/record-payment.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, FINANCE, key, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { addressed, auditActions, closeObjectionWindow, determine, expectAuditIntact, messages, report, worldSnapshot } from '../cases/case-steps.ts';

/** A class-2 penalty of CNY 5,000 noticed 2026-06-01, nothing deducted: due 2026-09-01 (R-LATE). */
async function collectingCase(w: CaseWorld): Promise<string> {
  const r = await report(w, { suspend: true });
  await determine(w, r.caseId);
  await closeObjectionWindow(w);
  expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
  return r.caseId;
}

const pay = (w: CaseWorld, amount: string, on: string) => recordPayment(w.cases, { key: key('pay'), actor: FINANCE, partnerId: 'P1', amount, on });

async function latePaymentRestrictions(db: Db, caseId: string) {
  return db
    .select({ startsOn: restrictions.startsOn, endsOn: restrictions.endsOn, liftedAt: restrictions.liftedAt })
    .from(restrictions)
    .where(and(eq(restrictions.caseId, caseId), eq(restrictions.kind, 'late_payment')));
}

describeEachBackend('partial payments and late fees (R-LATE, R-RESTRICT)', (getDb) => {
  it('what is still owed after 3 months accrues 0.1% a day, restricts the partner, and paying it all closes the case and lifts the restriction', async () => {
    const w = await caseWorld(getDb());
    const caseId = await collectingCase(w);

    // Before the due date a payment carries no fee.
    w.clock.set('2026-08-20T12:00:00+08:00');
    expect(await pay(w, '1000', '2026-08-20')).toEqual({ partnerId: 'P1', paid: '1000.00', applied: [{ caseId, amount: '1000.00', owedAfter: '4000.00', closed: false }] });

    // One second before the term ends nothing is late.
    w.clock.set('2026-09-01T23:59:59+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes.late).toBeUndefined();
    expect(await latePaymentRestrictions(w.db, caseId)).toEqual([]);

    // From 09-02 the rest is late: the restriction holds and the partner is told (R-LATE). The
    // 3-month restrictions noticed 06-01 held through 09-01 (R-PERIOD) and lift at the same moment.
    w.clock.set('2026-09-02T00:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ late: 1, lifted: 1 });
    expect(await latePaymentRestrictions(w.db, caseId)).toEqual([{ startsOn: '2026-09-02', endsOn: null, liftedAt: null }]);
    const accruing = (await messages(w.db, caseId)).filter((m) => m.kind === 'late_fee_accruing');
    expect(addressed(accruing)).toEqual(['late_fee_accruing → U0PARTNER1']);
    expect(accruing[0]!.payload).toMatchObject({ owed: '4000.00', lateFee: '4.00', since: '2026-09-02' });

    // 09-02 … 09-11 on CNY 4,000: 10 × 4.00. The payment settles the penalty before its fee.
    w.clock.set('2026-09-11T12:00:00+08:00');
    expect((await pay(w, '2000.00', '2026-09-11')).applied).toEqual([{ caseId, amount: '2000.00', owedAfter: '2040.00', closed: false }]);

    // 09-12 … 09-21 on CNY 2,000: 10 × 2.00 more; CNY 2,060.00 in all. One cent more is refused, and changes nothing.
    w.clock.set('2026-09-21T12:00:00+08:00');
    await sweepDeadlines(w.cases); // weekly late-fee reminders
    const before = await worldSnapshot(w.db);
    const tooMuch = await domainErrorOf(pay(w, '2060.01', '2026-09-21'));
    expect(tooMuch.code).toBe('payment.exceeds_owed');
    expect(tooMuch.message).toContain('CNY 2060.00');
    expect(await worldSnapshot(w.db)).toEqual(before);

    expect((await pay(w, '2060.00', '2026-09-21')).applied).toEqual([{ caseId, amount: '2060.00', owedAfter: '0.00', closed: true }]);
    const c = await findCase(w.db, caseId);
    expect(c).toMatchObject({ state: 'closed', suspended: false });
    const [lifted] = await latePaymentRestrictions(w.db, caseId);
    expect(lifted!.liftedAt?.toISOString()).toBe(new Date('2026-09-21T12:00:00+08:00').toISOString());
    const open = await w.db.select().from(deadlines).where(eq(deadlines.caseId, caseId));
    expect(open.filter((d) => d.doneAt === null)).toEqual([]);
    expect(open.filter((d) => d.kind === 'late_fee_reminder').at(-1)?.outcome).toBe('paid');

    const payments = await w.db
      .select({ amount: ledgerEntries.amount, entryDate: ledgerEntries.entryDate })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.caseId, caseId), eq(ledgerEntries.kind, 'penalty_payment')))
      .orderBy(asc(ledgerEntries.id));
    expect(payments).toEqual([
      { amount: '1000.00', entryDate: '2026-08-20' },
      { amount: '2000.00', entryDate: '2026-09-11' },
      { amount: '2060.00', entryDate: '2026-09-21' },
    ]);
    expect((await messages(w.db, caseId)).filter((m) => m.kind === 'payment_recorded').map((m) => m.payload)).toEqual([
      expect.objectContaining({ paid: '1000.00', owed: '4000.00', lateFee: '0.00' }),
      expect.objectContaining({ paid: '2000.00', owed: '2000.00', lateFee: '40.00' }),
      expect.objectContaining({ paid: '2060.00', owed: '0.00', lateFee: '0.00' }),
    ]);
    expect(await auditActions(w.db, caseId)).toEqual(expect.arrayContaining(['case.payment_late', 'case.closed']));
    expect((await auditActions(w.db, 'P1')).filter((a) => a === 'payment.recorded')).toHaveLength(3);

    // Nothing is owed any more.
    expect((await domainErrorOf(pay(w, '0.01', '2026-09-21'))).code).toBe('payment.exceeds_owed');
    await expectAuditIntact(w.db);
  });

  it('paid in full before the due date: the payment_late deadline finds nothing to do and no restriction is added', async () => {
    const w = await caseWorld(getDb());
    const caseId = await collectingCase(w);
    w.clock.set('2026-08-31T12:00:00+08:00');
    expect((await pay(w, '5000', '2026-08-31')).applied[0]).toMatchObject({ closed: true, owedAfter: '0.00' });
    w.clock.set('2026-09-10T00:00:00+08:00');
    const swept = await sweepDeadlines(w.cases);
    expect(swept.outcomes.late).toBeUndefined();
    expect(await latePaymentRestrictions(w.db, caseId)).toEqual([]);
    expect(await findCase(w.db, caseId)).toMatchObject({ state: 'closed', suspended: false });
  });

  it('bad payments are refused with coded errors naming what is wrong, and nothing changes', async () => {
    const w = await caseWorld(getDb());
    await collectingCase(w);
    const before = await worldSnapshot(w.db);
    const refusals: [() => Promise<unknown>, string][] = [
      [() => pay(w, '0', '2026-06-05'), 'payment.bad_amount'],
      [() => pay(w, '10.001', '2026-06-05'), 'payment.bad_amount'],
      [() => pay(w, '100', '2026-06-06'), 'payment.date_in_future'],
      [() => pay(w, '100', '2026-02-30'), 'input.bad_date'],
      [() => recordPayment(w.cases, { key: key(), actor: FINANCE, partnerId: 'P9', amount: '100', on: '2026-06-05' }), 'partner.not_found'],
    ];
    for (const [attempt, code] of refusals) expect((await domainErrorOf(attempt())).code).toBe(code);
    const noRole = await domainErrorOf(recordPayment(w.cases, { key: key(), actor: { platform: 'slack', userId: 'U0OFFICER' }, partnerId: 'P1', amount: '100', on: '2026-06-05' }));
    expect(noRole).toMatchObject({ code: 'access.missing_role', details: { role: 'finance' } });
    expect(noRole.message).toContain('finance role');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });
});
