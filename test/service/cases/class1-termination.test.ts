import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { partners, restrictions, sanctions } from '../../../src/db/schema/index.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { caseWorld, key, OFFICER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, givenLedger } from '../../support/service-fixtures.ts';
import { closeObjectionWindow, determine, expectAuditIntact, messages, NOTICE_DAY, report, stateOf, worldSnapshot } from './case-steps.ts';

const statusOfP1 = async (db: Db) => (await db.select({ status: partners.status }).from(partners).where(eq(partners.id, 'P1')))[0]?.status;

describeEachBackend('a class-1 violation with termination (R-P1, R-RESTRICT, R-EXIT-REMOVAL)', (getDb) => {
  it('the penalty is 30% of this fiscal year’s paid service fees, and the partner is terminated at the formal decision with class-1 restrictions', async () => {
    const w = await caseWorld(getDb());
    // FY27 runs 2026-04-01 … 2027-03-31; the March payout belongs to FY26 and does not count (R-FY).
    await givenLedger(w, [['P1', '2026-03-20', 'service_fee_paid', '900000.00'], ['P1', '2026-05-01', 'service_fee_paid', '500000.00']]);
    const r = await report(w, { itemId: 'SVC-01', facts: 'Resold customer data' });

    const { proposal, decided } = await determine(w, r.caseId, { terminate: true, reasons: 'Data leak confirmed' });
    expect(proposal.decision).toMatchObject({ baseClass: 1, finalClass: 1, amount: '150000.00', terminated: true });
    expect(proposal.decision!.steps).toEqual([expect.objectContaining({ rule: 'R-P1', amount: '150000.00' })]);
    expect(decided.caseState).toBe('awaiting_objection');

    // Until the formal decision the partner is still active; the sanction and its restrictions are on the record.
    expect(await statusOfP1(w.db)).toBe('active');
    expect(await w.db.select({ finalClass: sanctions.finalClass, terminated: sanctions.terminated, amount: sanctions.amount }).from(sanctions).where(eq(sanctions.caseId, r.caseId))).toEqual([
      { finalClass: 1, terminated: true, amount: '150000.00' },
    ]);
    const restricted = await w.db
      .select({ kind: restrictions.kind, startsOn: restrictions.startsOn, endsOn: restrictions.endsOn, rule: restrictions.rule })
      .from(restrictions)
      .where(eq(restrictions.caseId, r.caseId))
      .orderBy(asc(restrictions.id));
    // §5.5.4: terminated → no onboarding, no new programs for a year; an upgrade ban would be moot.
    expect(restricted).toEqual([
      { kind: 'no_onboarding', startsOn: NOTICE_DAY, endsOn: '2027-06-02', rule: 'R-RESTRICT §5.5.4' },
      { kind: 'no_new_program', startsOn: NOTICE_DAY, endsOn: '2027-06-02', rule: 'R-RESTRICT §5.5.4' },
    ]);

    expect((await closeObjectionWindow(w)).outcomes.decided).toBe(1);
    expect(await statusOfP1(w.db)).toBe('terminated');
    expect(await stateOf(w, r.caseId)).toBe('collecting');
    const notice = (await messages(w.db, r.caseId)).find((m) => m.kind === 'public_notice');
    expect(notice?.payload).toMatchObject({ decision: { finalClass: 1, terminated: true, amount: '150000.00' } });
    await expectAuditIntact(w.db);
  });

  it('a class-1 sanction kept without termination bans upgrades too, and the partner stays active', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w, { itemId: 'SVC-01' });
    const { proposal } = await determine(w, r.caseId, { terminate: false });
    // No service fees paid this fiscal year: the minimum applies (R-P1).
    expect(proposal.decision).toMatchObject({ finalClass: 1, amount: '100000.00', terminated: false });
    expect((await w.db.select({ kind: restrictions.kind }).from(restrictions).where(eq(restrictions.caseId, r.caseId))).map((x) => x.kind).sort()).toEqual([
      'no_new_program', 'no_onboarding', 'no_upgrade',
    ]);
    await closeObjectionWindow(w);
    expect(await statusOfP1(w.db)).toBe('active');
  });

  it('termination proposed for a class-2 item is refused with determination.terminate_not_class1 and nothing changes', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const before = await worldSnapshot(w.db);
    const e = await domainErrorOf(proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: true, reasons: 'End it' }));
    expect(e.code).toBe('determination.terminate_not_class1');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });
});
