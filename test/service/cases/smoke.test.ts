import { expect, it } from "vitest";
import { describeEachBackend } from '../../support/databases.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';

describeEachBackend('a class-2 case accepted by the partner goes from report to formal decision', (getDb) => {
  it('reports, accepts, determines, approves, lets the objection window lapse and decides', async () => {
    const w = await caseWorld(getDb(), '2026-06-01T02:00:00Z'); // Monday 10:00 Shanghai
    const r = await reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [{ kind: 'link', ref: 'https://example.com/e1' }] });
    expect(r.replyDue).toBe('2026-06-04T23:59:59+08:00');
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Admitted' });
    expect(p.decision?.amount).toBe('5000.00');
    const d = await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    expect(d.caseState).toBe('awaiting_objection');
    w.clock.set('2026-06-05T00:00:00Z');
    const swept = await sweepDeadlines(w.cases);
    expect(swept.outcomes.decided).toBe(1);
    expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
  });
});
