import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseReplies, cases, commandLog, determinations } from '../../../src/db/schema/index.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { reportViolation, type ReportInput } from '../../../src/service/cases/report-violation.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { A_LINK, auditActions, expectAuditIntact, messages, worldSnapshot } from './case-steps.ts';

const reportInput = (k: string): ReportInput => ({
  key: k, actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Tickets left unanswered', evidence: [A_LINK],
});

describeEachBackend('a command sent again acts once and answers the same (issue #3: idempotent)', (getDb) => {
  it('the same report sent 3 times, one after another, files one case', async () => {
    const w = await caseWorld(getDb());
    const k = key('view');
    const first = await reportViolation(w.cases, reportInput(k));
    const after = await worldSnapshot(w.db);
    expect(await reportViolation(w.cases, reportInput(k))).toEqual(first);
    expect(await reportViolation(w.cases, reportInput(k))).toEqual(first);
    expect(await worldSnapshot(w.db)).toEqual(after);
    expect(await w.db.select({ id: cases.id }).from(cases)).toEqual([{ id: first.caseId }]);
    // The repeats drew no case number: the next report takes the next one.
    const next = await reportViolation(w.cases, reportInput(key('view')));
    expect(Number(next.caseId.slice(2))).toBe(Number(first.caseId.slice(2)) + 1);
  });

  it('the same report sent 3 times at once (a triple click) files one case, and each caller gets its id', async () => {
    const w = await caseWorld(getDb());
    const k = key('view');
    const results = await Promise.all([1, 2, 3].map(() => reportViolation(w.cases, reportInput(k))));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results[1]).toEqual(results[0]);
    expect(await w.db.select({ id: cases.id }).from(cases)).toEqual([{ id: results[0]!.caseId }]);
    expect(await w.db.select().from(commandLog).where(eq(commandLog.key, k))).toHaveLength(1);
    expect((await messages(w.db)).filter((m) => m.kind === 'suspected_violation')).toHaveLength(1);
    expect(await auditActions(w.db, results[0]!.caseId)).toEqual(['case.reported', 'case.notice_sent']);
    await expectAuditIntact(w.db);
  });

  it('the same reply sent 3 times at once is recorded once', async () => {
    const w = await caseWorld(getDb());
    const r = await reportViolation(w.cases, reportInput(key()));
    const k = key('action');
    const results = await Promise.all([1, 2, 3].map(() => replyToNotice(w.cases, { key: k, actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' })));
    expect(results).toEqual([1, 2, 3].map(() => ({ caseId: r.caseId, reply: 'accept' })));
    expect(await w.db.select({ kind: caseReplies.kind }).from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([{ kind: 'accept' }]);
    expect((await messages(w.db, r.caseId)).filter((m) => m.kind === 'reply_recorded')).toHaveLength(1);
    expect((await auditActions(w.db, r.caseId)).filter((a) => a === 'case.reply.accept')).toHaveLength(1);
  });

  it('an approval clicked 3 times at once approves once, and every click gets the same answer rather than “already decided”', async () => {
    const w = await caseWorld(getDb());
    const r = await reportViolation(w.cases, reportInput(key()));
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    const k = key('click');
    const results = await Promise.all([1, 2, 3].map(() => decideDetermination(w.cases, { key: k, actor: APPROVER, determinationId: p.determinationId, approve: true })));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]).toMatchObject({ approved: true, decidedBy: 'slack:U0APPROVER', caseState: 'awaiting_objection' });
    expect(await w.db.select({ status: determinations.status }).from(determinations).where(eq(determinations.caseId, r.caseId))).toEqual([{ status: 'approved' }]);
    expect((await messages(w.db, r.caseId)).filter((m) => m.kind === 'processing_notice')).toHaveLength(1);
    // Sent again later, the same key still answers the same.
    expect(await decideDetermination(w.cases, { key: k, actor: APPROVER, determinationId: p.determinationId, approve: true })).toEqual(results[0]);
    await expectAuditIntact(w.db);
  });
});
