import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { determinations } from '../../../src/db/schema/index.ts';
import type { PolicyParams } from '../../../src/domain/policy/policy-version.ts';
import type { CaseDeps } from '../../../src/service/cases/case-deps.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { objectToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination, proposeObjectionAnswer } from '../../../src/service/cases/propose-determination.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import { determine, expectAuditIntact, report, stateOf, worldSnapshot } from './case-steps.ts';

/** The same deps under a policy whose windows cannot be counted: the step fails half-way, after its first writes. */
function withBrokenWindows(w: CaseWorld, change: Partial<PolicyParams>): CaseDeps {
  return { ...w.cases, policies: w.policies.map((p) => ({ ...p, params: { ...p.params, ...change } })) };
}

describeEachBackend('a step that fails half-way leaves nothing behind (issue #3: one transaction)', (getDb) => {
  it('an approval failing after it marked the determination, wrote the sanction and the audit event rolls all of it back', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    const before = await worldSnapshot(w.db);
    const k = key('click');
    const e = await domainErrorOf(decideDetermination(withBrokenWindows(w, { objectionWorkingDays: 0 }), { key: k, actor: APPROVER, determinationId: p.determinationId, approve: true }));
    expect(e.code).toBe('calendar.bad_count');
    // No sanction, restriction, outbox row, deadline, audit event or command-log entry; the determination still waits.
    expect(await worldSnapshot(w.db)).toEqual(before);
    await expectAuditIntact(w.db);

    // The key was not spent: the same click, once the policy is sound, goes through.
    expect(await decideDetermination(w.cases, { key: k, actor: APPROVER, determinationId: p.determinationId, approve: true })).toMatchObject({ approved: true });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_objection');
  });

  it('a report whose notice cannot be sent leaves no case, evidence, audit event or outbox row', async () => {
    const w = await caseWorld(getDb());
    const before = await worldSnapshot(w.db);
    const e = await domainErrorOf(report({ ...w, cases: withBrokenWindows(w, { replyWorkingDays: 0 }) }));
    expect(e.code).toBe('calendar.bad_count');
    expect(await worldSnapshot(w.db)).toEqual(before);
  });

  it('an invalid objection answer (its item tampered to one not in the catalog) restores the withdrawn sanction on failure', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await determine(w, r.caseId);
    await objectToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, grounds: 'Wrong row' });
    const a = await proposeObjectionAnswer(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, outcome: 'adjusted', itemId: 'SVC-10', reasons: 'Row 10' });
    await w.db.execute(sql`update determinations set decision = jsonb_set(decision, '{itemId}', '"XXX-99"') where id = ${a.determinationId}`);
    const before = await worldSnapshot(w.db);
    const e = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: a.determinationId, approve: true }));
    expect(e.code).toBe('catalog.unknown_item');
    expect(await worldSnapshot(w.db)).toEqual(before);
    const [row] = await w.db.select({ status: determinations.status }).from(determinations).where(eq(determinations.id, a.determinationId));
    expect(row?.status).toBe('proposed');
    expect(await stateOf(w, r.caseId)).toBe('objection_answer_proposed');
    await expectAuditIntact(w.db);
  });
});
