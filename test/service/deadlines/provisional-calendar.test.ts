import { and, asc, eq, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { deadlines } from '../../../src/db/schema/index.ts';
import { formatShanghai } from '../../../src/domain/dates.ts';
import { loadCalendarFile } from '../../../src/service/calendar/load-calendar.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { addressed, determine, messages, report, stateOf } from '../cases/case-steps.ts';

/** Wednesday 2026-12-30, 12:00 Shanghai: 2026 is loaded from the package, 2027 is not (chinese-days 1.5.7). */
const DEC_30 = '2026-12-30T04:00:00Z';
/** Counted on weekends alone: Thu 12-31, Fri 01-01, Mon 01-04 (R-CALENDAR). */
const PROVISIONAL_DUE = '2027-01-04T23:59:59+08:00';

const load2027 = (w: CaseWorld, rows: string[]) =>
  loadCalendarFile({ db: w.db, clock: w.clock, actor: 'slack:U0ADMIN', calendar: w.cases.calendar }, { name: 'calendar-2027.csv', text: ['date,kind', ...rows].join('\n') + '\n' });

async function openOf(db: Db, caseId: string) {
  const rows = await db
    .select({ kind: deadlines.kind, dueAt: deadlines.dueAt, provisional: deadlines.provisional, payload: deadlines.payload })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt)))
    .orderBy(asc(deadlines.dueAt));
  return rows.map((d) => ({ kind: d.kind, due: formatShanghai(d.dueAt), provisional: d.provisional, when: (d.payload as { when?: string }).when }));
}

describeEachBackend('a deadline in a year whose calendar is not loaded (R-CALENDAR, R-WORKDAY)', (getDb) => {
  it('is counted on weekends alone, marked provisional, and the admins are told', async () => {
    const w = await caseWorld(getDb(), DEC_30);
    const r = await report(w, { occurredOn: '2026-12-20' });
    expect(r).toMatchObject({ replyDue: PROVISIONAL_DUE, provisional: true });
    expect(await findCase(w.db, r.caseId)).toMatchObject({ replyDueProvisional: true });
    const warned = (await messages(w.db, r.caseId)).filter((m) => m.kind === 'calendar_provisional');
    expect(addressed(warned)).toEqual(['calendar_provisional → U0ADMIN']);
    expect(warned[0]!.payload).toEqual({ kind: 'calendar_provisional', years: [2027], caseId: r.caseId, due: PROVISIONAL_DUE });
    expect((await messages(w.db, r.caseId)).find((m) => m.kind === 'suspected_violation')?.payload).toMatchObject({ replyDue: PROVISIONAL_DUE, provisional: true });
  });

  it('once the 2027 schedule is loaded it is recomputed and moves later, with its reminders; the lapse waits for the new time', async () => {
    const w = await caseWorld(getDb(), DEC_30);
    const r = await report(w, { occurredOn: '2026-12-20' });
    const loaded = await load2027(w, ['2027-01-01,holiday']);
    expect(loaded).toMatchObject({ years: [2027], moved: 1, settled: 1 });
    // New Year's Day is off: Thu 12-31, Mon 01-04, Tue 01-05.
    const c = await findCase(w.db, r.caseId);
    expect(formatShanghai(c!.replyDueAt!)).toBe('2027-01-05T23:59:59+08:00');
    expect(c!.replyDueProvisional).toBe(false);
    expect(await openOf(w.db, r.caseId)).toEqual([
      { kind: 'deadline_reminder', due: '2027-01-04T09:00:00+08:00', provisional: false, when: 'day_before' },
      { kind: 'deadline_reminder', due: '2027-01-05T09:00:00+08:00', provisional: false, when: 'due_today' },
      { kind: 'reply_lapse', due: '2027-01-05T23:59:59+08:00', provisional: false, when: undefined },
    ]);

    w.clock.set('2027-01-05T12:00:00+08:00');
    await sweepDeadlines(w.cases);
    expect(await stateOf(w, r.caseId)).toBe('awaiting_reply');
    w.clock.set('2027-01-05T23:59:59+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ lapsed: 1 });
  });

  it('never moves earlier: a make-up working day that would shorten the window is not applied', async () => {
    const w = await caseWorld(getDb(), DEC_30);
    const r = await report(w, { occurredOn: '2026-12-20' });
    // Saturday 01-02 a working day would make the 3rd working day Saturday; the partner keeps Monday.
    const loaded = await load2027(w, ['2027-01-02,workday']);
    expect(loaded).toMatchObject({ moved: 0, settled: 1 });
    const c = await findCase(w.db, r.caseId);
    expect(formatShanghai(c!.replyDueAt!)).toBe(PROVISIONAL_DUE);
    expect(c!.replyDueProvisional).toBe(false);
    expect((await openOf(w.db, r.caseId)).at(-1)).toEqual({ kind: 'reply_lapse', due: PROVISIONAL_DUE, provisional: false, when: undefined });
  });

  it('an objection window running into 2027 is provisional too, and is settled by the same load', async () => {
    const w = await caseWorld(getDb(), DEC_30);
    const r = await report(w, { occurredOn: '2026-12-20' });
    await determine(w, r.caseId); // fast track, noticed 12-30
    const c = await findCase(w.db, r.caseId);
    expect(formatShanghai(c!.objectionDueAt!)).toBe(PROVISIONAL_DUE);
    expect(c!.objectionDueProvisional).toBe(true);
    expect((await messages(w.db, r.caseId)).filter((m) => m.kind === 'calendar_provisional')).toHaveLength(2);
    await load2027(w, ['2027-01-01,holiday']);
    const after = await findCase(w.db, r.caseId);
    expect(formatShanghai(after!.objectionDueAt!)).toBe('2027-01-05T23:59:59+08:00');
    expect(after!.objectionDueProvisional).toBe(false);
    expect((await openOf(w.db, r.caseId)).find((d) => d.kind === 'objection_close')).toMatchObject({ due: '2027-01-05T23:59:59+08:00', provisional: false });
  });
});
