import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { deadlines, restrictions, sanctions } from '../../../src/db/schema/index.ts';
import { formatAmount } from '../../../src/domain/money.ts';
import { partnerStanding } from '../../../src/service/rules/partner-standing.ts';
import { previewSanction } from '../../../src/service/rules/preview-sanction.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener } from '../../support/service-fixtures.ts';
import { determine, report } from '../cases/case-steps.ts';

const STAFF = { platform: 'cli', userId: 'test' };

async function cli(w: CaseWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli([...argv, '--json'], {}, c.io, cliOpener(w));
  expect([code, c.stderr()]).toEqual([0, '']);
  return c.json<Record<string, unknown>>();
}

/**
 * A class-2 case noticed on Tuesday 2025-07-01 (CNY 5,000, nothing to deduct),
 * formally decided on Monday 2025-07-07 after a silent objection window.
 */
async function noticedOnFirstOfJuly(w: CaseWorld): Promise<string> {
  const r = await report(w, { occurredOn: '2025-06-20' });
  await determine(w, r.caseId);
  w.clock.set('2025-07-07T10:00:00+08:00');
  await sweepDeadlines(w.cases);
  return r.caseId;
}

describeEachBackend('R-PERIOD: preview, standing, late-fee, the engine and the stored rows count periods alike', (getDb) => {
  it('restrictions through 2025-10-01, payment due 2025-10-09 after National Day, validity through 2026-07-07', async () => {
    const w = await caseWorld(getDb(), '2025-07-01T02:00:00Z');
    // What the engine would decide on the notice day, before anything is stored.
    const preview = await previewSanction(w.rules, { partnerId: 'P1', itemId: 'SVC-09', on: '2025-07-01', occurred: '2025-06-20' });
    expect(preview.decision.restrictions.map((r) => [r.from, r.until])).toEqual([
      ['2025-07-01', '2025-10-02'], ['2025-07-01', '2025-10-02'], ['2025-07-01', '2025-10-02'],
    ]);
    expect(preview.decision.readings).toContain('R-P2/R-P3 reading validityWindow=notice_to_announcement_period');

    const caseId = await noticedOnFirstOfJuly(w);

    // Stored: the sanction with its notice and announcement days, restrictions until the day after 10-01.
    const [s] = await w.db.select().from(sanctions).where(eq(sanctions.caseId, caseId));
    expect([s!.noticeDate, s!.announcedOn, s!.amount]).toEqual(['2025-07-01', '2025-07-07', '5000.00']);
    expect((s!.explanation as { readings: string[] }).readings).toEqual(preview.decision.readings);
    const rows = await w.db.select().from(restrictions).where(eq(restrictions.caseId, caseId));
    expect(rows.map((r) => [r.startsOn, r.endsOn])).toEqual(preview.decision.restrictions.map((r) => [r.from, r.until]));
    const lift = await w.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'restriction_lift')));
    expect(lift.map((d) => [d.dueAt.toISOString(), d.payload])).toEqual([
      [new Date('2025-10-02T00:00:00+08:00').toISOString(), { kinds: ['no_upgrade', 'no_onboarding', 'no_new_program'], on: '2025-10-02' }],
    ]);
    // R-LATE: 2025-10-01 is National Day: the last day to pay is 2025-10-09; late from 10-10.
    const late = await w.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'payment_late')));
    expect(late.map((d) => [d.dueAt.toISOString(), d.payload])).toEqual([[new Date('2025-10-10T00:00:00+08:00').toISOString(), { due: '2025-10-09' }]]);

    // Standing on the last restricted day and the last day to pay.
    const last = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-10-09' });
    expect(last.owed.map((o) => [o.dueDate, formatAmount(o.outstanding), formatAmount(o.lateFee)])).toEqual([['2025-10-09', '5000.00', '0.00']]);
    expect(last.valid[2].map((v) => [v.caseId, v.noticeDate, v.announcedOn, v.lastValidDay])).toEqual([[caseId, '2025-07-01', '2025-07-07', '2026-07-07']]);
    expect((await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-10-01' })).restrictions).toHaveLength(3);
    expect((await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-10-02' })).restrictions).toEqual([]);
    const lateDay = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-10-10' });
    expect(lateDay.owed.map((o) => formatAmount(o.lateFee))).toEqual(['5.00']);
    expect(lateDay.restrictions.map((r) => [r.kind, r.from])).toEqual([['late_payment', '2025-10-10']]);

    // The CLI says the same.
    expect(await cli(w, 'late-fee', '--amount', '5000.00', '--notice', '2025-07-01', '--until', '2025-10-10')).toMatchObject({ due_date: '2025-10-09', late_fee: '5.00', late_days: 1 });
    const standing = await cli(w, 'standing', '--partner', 'P1', '--on', '2026-07-07');
    expect(standing.valid_sanctions).toMatchObject({ class2: [{ case_id: caseId, notice_date: '2025-07-01', announced_on: '2025-07-07', last_valid_day: '2026-07-07' }] });
    expect(standing.owed).toMatchObject([{ case_id: caseId, due_date: '2025-10-09' }]);
    expect((await cli(w, 'standing', '--partner', 'P1', '--on', '2026-07-08')).valid_sanctions).toMatchObject({ class2: [] });
    const next = await cli(w, 'preview', '--partner', 'P1', '--item', 'SVC-10', '--on', '2026-07-07', '--occurred', '2025-07-02');
    expect(next).toMatchObject({ amount: '10000.00' });
    expect(next.readings).toEqual(expect.arrayContaining(['R-POLICY reading versionChoice=occurred_unless_lighter', 'R-PERIOD reading period=civil_code']));
    expect(await cli(w, 'preview', '--partner', 'P1', '--item', 'SVC-10', '--on', '2026-07-08', '--occurred', '2025-07-02')).toMatchObject({ amount: '5000.00' });

    // The engine's deadline acts on the same day: not late on the evening of 10-09, late from 10-10.
    w.clock.set('2025-10-09T23:59:59+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes.late).toBeUndefined();
    w.clock.set('2025-10-10T00:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes.late).toBe(1);
    const lateRows = await w.db.select().from(restrictions).where(and(eq(restrictions.caseId, caseId), eq(restrictions.kind, 'late_payment')));
    expect(lateRows.map((r) => r.startsOn)).toEqual(['2025-10-10']);
  });

  it('a sanction noticed but not yet announced counts toward the next rank, with no last valid day yet (R-P2 reading)', async () => {
    const w = await caseWorld(getDb(), '2025-07-01T02:00:00Z');
    const r = await report(w, { occurredOn: '2025-06-20' });
    await determine(w, r.caseId);
    const s = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-07-02' });
    expect(s.valid[2].map((v) => [v.caseId, v.announcedOn, v.lastValidDay])).toEqual([[r.caseId, null, null]]);
    expect(formatAmount(s.next[2].amount)).toBe('10000.00');
  });
});
