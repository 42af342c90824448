import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseReplies, deadlines, determinations } from '../../../src/db/schema/index.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { AFTER_WINDOW, expectAuditIntact, messages, openDeadlines, report, stateOf } from './case-steps.ts';

describeEachBackend('fast track: staff determine clear facts without waiting for the reply (R-DETERMINE)', (getDb) => {
  it('a determination while the reply window is open says so, and once approved the reply deadlines are moot', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Screenshots leave no doubt' });
    expect(p.fastTrack).toBe(true);
    const [row] = await w.db.select().from(determinations).where(eq(determinations.id, p.determinationId));
    expect(row).toMatchObject({ fastTrack: true, status: 'proposed' });
    expect((await messages(w.db, r.caseId)).at(-1)!.payload).toMatchObject({ kind: 'determination_requested', fastTrack: true });

    // While it waits for approval the partner can no longer reply.
    expect((await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' }))).code).toBe('case.step_out_of_order');

    await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_objection');
    const replyJobs = await w.db
      .select({ kind: deadlines.kind, outcome: deadlines.outcome })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, r.caseId), eq(deadlines.kind, 'reply_lapse')));
    expect(replyJobs).toEqual([{ kind: 'reply_lapse', outcome: 'moot' }]);
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).not.toContain('reply_lapse');

    // The reply deadline passes without a lapse: the objection window closes on the same night and decides.
    w.clock.set(AFTER_WINDOW);
    const swept = await sweepDeadlines(w.cases);
    expect(swept.outcomes.lapsed).toBeUndefined();
    expect(swept.outcomes.decided).toBe(1);
    expect(await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([]);
    expect(await stateOf(w, r.caseId)).toBe('collecting');
    await expectAuditIntact(w.db);
  });

  it('a fast-track proposal rejected while the window is open gives the partner its reply back', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Looks clear' });
    const d = await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: false, note: 'Wait for the reply' });
    expect(d).toMatchObject({ approved: false, caseState: 'awaiting_reply' });
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_determination');
  });

  it('a fast-track proposal rejected after the reply deadline records the lapse and waits for a new determination', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Looks clear' });
    w.clock.set(AFTER_WINDOW);
    // The lapse job finds the case waiting for approval and does nothing.
    expect((await sweepDeadlines(w.cases)).outcomes.lapsed).toBeUndefined();
    const d = await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: false });
    expect(d.caseState).toBe('awaiting_determination');
    expect(await w.db.select({ kind: caseReplies.kind }).from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([{ kind: 'lapse' }]);
  });
});
