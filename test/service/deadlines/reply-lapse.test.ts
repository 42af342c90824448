import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseReplies, deadlines } from '../../../src/db/schema/index.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, key, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { addressed, auditActions, expectAuditIntact, messages, report, stateOf, WINDOW_CLOSES } from '../cases/case-steps.ts';

describeEachBackend('no reply by the deadline is a recorded lapse (R-REPLY, R-WORKDAY)', (getDb) => {
  it('the sweep records the lapse at exactly 23:59:59 of the 3rd working day, and one second earlier does nothing', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    expect(r.replyDue).toBe(WINDOW_CLOSES);

    // The reminders of the morning before and of the day itself go out first, each at its time.
    w.clock.set('2026-06-03T09:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ reminded: 1 });
    w.clock.set('2026-06-04T09:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ reminded: 1 });
    expect(addressed((await messages(w.db, r.caseId)).filter((m) => m.kind === 'deadline_reminder'))).toEqual(['deadline_reminder → U0PARTNER1', 'deadline_reminder → U0PARTNER1']);

    w.clock.set('2026-06-04T23:59:58+08:00');
    expect(await sweepDeadlines(w.cases)).toEqual({ processed: 0, outcomes: {}, failed: [] });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_reply');
    expect(await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([]);

    w.clock.set(WINDOW_CLOSES);
    expect(await sweepDeadlines(w.cases)).toEqual({ processed: 1, outcomes: { lapsed: 1 }, failed: [] });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_determination');
    const [lapse] = await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, r.caseId));
    expect(lapse).toMatchObject({ kind: 'lapse', by: null, text: null });
    expect(lapse!.at.toISOString()).toBe(new Date(WINDOW_CLOSES).toISOString());
    const [lapseJob] = await w.db.select().from(deadlines).where(eq(deadlines.kind, 'reply_lapse'));
    expect(lapseJob).toMatchObject({ outcome: 'lapsed' });
    const last = (await messages(w.db, r.caseId)).at(-1)!;
    expect(addressed([last])).toEqual(['reply_recorded → U0OFFICER']);
    expect(last.payload).toMatchObject({ reply: 'lapse', by: null });
    expect((await auditActions(w.db, r.caseId)).at(-1)).toBe('case.reply.lapsed');
    await expectAuditIntact(w.db);
  });

  it('a reply at the last second counts; a second later it is refused with reply.deadline_passed even before the sweep runs', async () => {
    const w = await caseWorld(getDb());
    const onTime = await report(w);
    const late = await report(w);
    w.clock.set(WINDOW_CLOSES);
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: onTime.caseId, kind: 'accept' });
    expect(await stateOf(w, onTime.caseId)).toBe('awaiting_determination');

    w.clock.set('2026-06-05T00:00:00+08:00');
    const e = await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: late.caseId, kind: 'accept' }));
    expect(e.code).toBe('reply.deadline_passed');
    expect(e.message).toContain(WINDOW_CLOSES);
    // The answered case's lapse and reminders were settled when it replied: only the other one lapses.
    // Its reminders come too late to help (the sweep runs after the window closed): not sent.
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ lapsed: 1, stale: 2 });
    expect((await messages(w.db, late.caseId)).filter((m) => m.kind === 'deadline_reminder')).toEqual([]);
    const onTimeJobs = await w.db.select({ kind: deadlines.kind, outcome: deadlines.outcome }).from(deadlines).where(eq(deadlines.caseId, onTime.caseId));
    expect(onTimeJobs.map((d) => d.outcome)).toEqual(['replied', 'replied', 'replied']);
    expect(await stateOf(w, late.caseId)).toBe('awaiting_determination');
    expect(await w.db.select({ kind: caseReplies.kind }).from(caseReplies).where(eq(caseReplies.caseId, onTime.caseId))).toEqual([{ kind: 'accept' }]);
  });
});
