import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deadlines } from '../../../src/db/schema/index.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { APPROVER, caseWorld, key, OFFICER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { openDeadlines, report } from '../cases/case-steps.ts';

describeEachBackend('the approvers\' reminder ends when the proposal is decided (R-DETERMINE)', (getDb) => {
  it.each([true, false])('approve: %s — the approval_waiting deadline is closed as moot at the decision, and no reminder follows', async (approve) => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key('propose'), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'The facts are clear' });
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).toContain('approval_waiting');

    w.clock.advance(60_000);
    await decideDetermination(w.cases, { key: key('decide'), actor: APPROVER, determinationId: p.determinationId, approve });
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).not.toContain('approval_waiting');
    const [closed] = await w.db.select().from(deadlines).where(and(eq(deadlines.caseId, r.caseId), eq(deadlines.kind, 'approval_waiting')));
    expect(closed).toMatchObject({ outcome: 'moot', doneAt: w.clock.now() });

    // Long after it would have fired: nothing about the approval is processed.
    w.clock.set('2026-06-30T12:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).not.toHaveProperty('reminded');
  });
});
