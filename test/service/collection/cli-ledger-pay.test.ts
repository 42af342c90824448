import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { auditEvents, ledgerEntries } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener, scratchDir } from '../../support/service-fixtures.ts';
import { closeObjectionWindow, determine, report, worldSnapshot } from '../cases/case-steps.ts';

async function cli(w: CaseWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w, 'cli:finance-desk'));
  return { code, ...c };
}

/** A class-2 penalty of CNY 5,000 noticed 2026-06-01, decided 2026-06-05, nothing deducted (R-DEDUCT). */
async function collecting(w: CaseWorld): Promise<string> {
  const r = await report(w);
  await determine(w, r.caseId);
  await closeObjectionWindow(w);
  return r.caseId;
}

const paymentsOf = (w: CaseWorld, caseId: string) =>
  w.db.select({ amount: ledgerEntries.amount, entryDate: ledgerEntries.entryDate }).from(ledgerEntries).where(and(eq(ledgerEntries.caseId, caseId), eq(ledgerEntries.kind, 'penalty_payment')));

describeEachBackend('finance records payments from the command line (R-LATE, issue #3: `cli ledger pay`)', (getDb) => {
  let files: Awaited<ReturnType<typeof scratchDir>>;
  beforeEach(async () => {
    files = await scratchDir();
  });
  afterEach(async () => {
    await files.cleanup();
  });

  it('`ledger pay P1 AMOUNT --on DATE` applies the payment, and the last one closes the case', async () => {
    const w = await caseWorld(getDb());
    const caseId = await collecting(w);
    w.clock.set('2026-06-10T10:00:00+08:00');
    const partial = await cli(w, 'ledger', 'pay', 'P1', '1200.50', '--on', '2026-06-09', '--json');
    expect(partial.code).toBe(0);
    expect(partial.json()).toEqual({ partnerId: 'P1', paid: '1200.50', applied: [{ caseId, amount: '1200.50', owedAfter: '3799.50', closed: false }] });

    w.clock.advance(1000);
    const rest = await cli(w, 'ledger', 'pay', 'P1', '3799.50', '--on', '2026-06-10');
    expect(rest.code).toBe(0);
    expect(rest.stdout()).toBe(`Recorded CNY 3799.50 from P1\n  ${caseId}: 3799.50 applied, 0.00 still owed — case closed`);
    expect((await findCase(w.db, caseId))?.state).toBe('closed');
    expect(await paymentsOf(w, caseId)).toEqual([{ amount: '1200.50', entryDate: '2026-06-09' }, { amount: '3799.50', entryDate: '2026-06-10' }]);
    // The operator is the actor on record.
    const recorded = await w.db.select({ actor: auditEvents.actor }).from(auditEvents).where(eq(auditEvents.action, 'payment.recorded'));
    expect(recorded).toEqual([{ actor: 'cli:finance-desk' }, { actor: 'cli:finance-desk' }]);
  });

  it('a payment above what is owed, in the future, or without --on is refused and nothing is recorded', async () => {
    const w = await caseWorld(getDb());
    await collecting(w);
    const before = await worldSnapshot(w.db);
    const tooMuch = await cli(w, 'ledger', 'pay', 'P1', '5000.01', '--on', '2026-06-05', '--json');
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.json()).toMatchObject({ error: { code: 'payment.exceeds_owed' } });
    expect(tooMuch.stderr()).toContain('P1 owes CNY 5000.00 on 2026-06-05');
    expect((await cli(w, 'ledger', 'pay', 'P1', '10', '--on', '2026-06-06', '--json')).json()).toMatchObject({ error: { code: 'payment.date_in_future' } });
    const noDate = await cli(w, 'ledger', 'pay', 'P1', '10');
    expect(noDate.code).toBe(1);
    expect(noDate.stderr()).toContain('--on');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });

  it('`import payments FILE.csv` applies every row in one go, and the same file twice pays once', async () => {
    const w = await caseWorld(getDb());
    const caseId = await collecting(w);
    w.clock.set('2026-06-12T10:00:00+08:00');
    const file = await files.write('payments.csv', 'partner_id,date,amount\nP1,2026-06-10,1000.00\nP1,2026-06-11,500\n');
    const first = await cli(w, 'import', 'payments', file, '--json');
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ file: 'payments.csv', rows: 2, payments: [{ paid: '1000.00' }, { paid: '500.00' }] });
    const again = await cli(w, 'import', 'payments', file, '--json');
    expect(again.json()).toEqual(first.json());
    expect(await paymentsOf(w, caseId)).toEqual([{ amount: '1000.00', entryDate: '2026-06-10' }, { amount: '500.00', entryDate: '2026-06-11' }]);

    const bad = await files.write('bad.csv', 'partner_id,date,amount\nP1,2026-06-11,9999\nP9,2026-06-11,1\n');
    const refused = await cli(w, 'import', 'payments', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr()).toContain('unknown partner "P9"');
    expect(await paymentsOf(w, caseId)).toHaveLength(2);
  });
});
