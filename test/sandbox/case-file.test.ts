import { expect, it } from 'vitest';
import type { Actor } from '../../src/service/access/actor.ts';
import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import type { CaseDeps } from '../../src/service/cases/case-deps.ts';
import { decideDetermination } from '../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { noJobScheduler } from '../../src/service/jobs-port.ts';
import { caseFile, listCaseFiles } from '../../src/sandbox/case-file.ts';
import { seedDemoData } from '../../src/sandbox/demo-data.ts';
import { describeEachBackend } from '../support/databases.ts';
import { key } from '../support/case-fixtures.ts';
import { serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

const slack = (userId: string): Actor => ({ platform: 'slack', userId });
const OFFICER = slack('UOFFICER1');
const APPROVER = slack('UAPPROVER1');
const CONTACT_A = slack('UPARTNERA1');
const CONTACT_C = slack('UPARTNERC1');

/** The sandbox's world: demo data seeded on Thursday 2026-12-03, 12:00 Shanghai. */
async function sandboxWorld(w: ServiceWorld): Promise<CaseDeps> {
  await seedDemoData(w);
  return { db: w.db, policies: w.policies, clock: w.clock, calendar: new CalendarCache(), jobs: noJobScheduler };
}

/** A class-2 case against P-A, accepted by its contact, and proposed by the officer (R-DETERMINE). */
async function proposedCase(cases: CaseDeps) {
  const r = await reportViolation(cases, {
    key: key('report'), actor: OFFICER, partnerId: 'P-A', itemId: 'SVC-09', occurredOn: '2026-12-01',
    facts: 'Follow-up visits skipped for a month', evidence: [{ kind: 'link', ref: 'https://example.com/tickets' }],
  });
  await replyToNotice(cases, { key: key('reply'), actor: CONTACT_A, caseId: r.caseId, kind: 'accept' });
  const p = await proposeDetermination(cases, { key: key('propose'), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Admitted by the partner' });
  return { caseId: r.caseId, determinationId: p.determinationId };
}

describeEachBackend('the staff side panel of the sandbox', (getDb) => {
  it('a proposed case shows its audit trail in order and the proposal’s explanation with rule ids (R-P2, R-DEDUCT)', async () => {
    const w = await serviceWorld(getDb(), '2026-12-03T04:00:00Z');
    const cases = await sandboxWorld(w);
    const { caseId, determinationId } = await proposedCase(cases);

    const file = (await caseFile(cases, caseId, 'en'))!;
    expect(file.id).toBe(caseId);
    expect(file.audit.map((e) => [e.action, e.actor])).toEqual([
      ['case.reported', 'Li Wei'],
      ['case.notice_sent', 'Li Wei'],
      ['case.reply.accept', 'Liu Yang'],
      ['determination.proposed', 'Li Wei'],
    ]);
    expect(file.audit[0]!.at).toBe('2026-12-03T12:00:00+08:00');
    expect(file.audit[0]!.detail).toContain('itemId: SVC-09');
    expect(file.audit[3]!.detail).toContain('reasons: Admitted by the partner');

    expect(file.explanation[0]).toBe(`Determination #${determinationId} (determination) proposed by Li Wei, Thu 3 Dec 2026, 12:00 (Beijing time) · waiting for approval`);
    expect(file.explanation).toContain('Penalty: CNY 10,000.00');
    // The 2nd valid class 2 of P-A: the demo's imported sanction, then this case (R-P2).
    expect(file.explanation.find((l) => l.startsWith('• R-P2'))).toBe(
      '• R-P2 · Class 2 → Class 2 · counted (2): HIST-PA-01, ' + caseId + ' · amount CNY 10,000.00: the 2nd valid class-2 sanction within 12 months: CNY 10000.00',
    );
    expect(file.explanation.some((l) => l.includes('(R-DEDUCT)'))).toBe(true);
    expect(file.explanation).toContain('• Still owed by the partner: CNY 2,000.00');
    expect(file.explanation).toContain('• No upgrade: from Thu 3 Dec 2026, lifted on Thu 4 Mar 2027 (R-RESTRICT §5.5.6)');
    expect(file.explanation.some((l) => l.startsWith('R-POLICY: judged under FY22'))).toBe(true);
    expect(file.explanation.some((l) => l.startsWith('Readings applied:') && l.includes('R-PERIOD reading period=civil_code'))).toBe(true);

    expect(file.summary).toEqual(expect.arrayContaining([
      { label: 'Partner', value: 'Cloudway Consulting (P-A)' },
      { label: 'Status', value: 'determination waiting for approval' },
      { label: 'Facts', value: 'Follow-up visits skipped for a month' },
    ]));
  });

  it('once approved, the file shows the sanction as noticed, and the approval and the processing notice in the trail (R-NOTICE)', async () => {
    const w = await serviceWorld(getDb(), '2026-12-03T04:00:00Z');
    const cases = await sandboxWorld(w);
    const { caseId, determinationId } = await proposedCase(cases);
    await decideDetermination(cases, { key: key('decide'), actor: APPROVER, determinationId, approve: true });

    const file = (await caseFile(cases, caseId, 'en'))!;
    expect(file.audit.map((e) => e.action).slice(4)).toEqual(['determination.approved', 'case.processing_notice']);
    expect(file.audit[4]!.actor).toBe('Wang Fang');
    expect(file.explanation[0]).toBe('Sanction');
    expect(file.explanation.filter((l) => l.startsWith('• R-P2'))).toHaveLength(1);
    expect(file.summary.find((s) => s.label === 'Status')!.value).toBe('open for objection to the processing notice');
    expect(file.summary.some((s) => s.label === 'Objection window closes')).toBe(true);
  });

  it('in Chinese the same file carries the same rule ids', async () => {
    const w = await serviceWorld(getDb(), '2026-12-03T04:00:00Z');
    const cases = await sandboxWorld(w);
    const { caseId } = await proposedCase(cases);
    const file = (await caseFile(cases, caseId, 'zh-CN'))!;
    const step = file.explanation.find((l) => l.startsWith('• R-P2'))!;
    expect(step).toContain('HIST-PA-01');
    expect(step).toContain('10,000.00');
    expect(file.explanation.some((l) => l.includes('R-DEDUCT'))).toBe(true);
  });

  it('the list shows every case as staff see it; a partner’s contact and an unknown case get nothing (R-CONFIDENTIAL)', async () => {
    const w = await serviceWorld(getDb(), '2026-12-03T04:00:00Z');
    const cases = await sandboxWorld(w);
    expect(await listCaseFiles(cases)).toEqual([]);
    const { caseId } = await proposedCase(cases);
    expect(await listCaseFiles(cases)).toEqual([{ id: caseId, partner: 'Cloudway Consulting (P-A)', item: 'SVC-09', state: 'determination waiting for approval' }]);
    expect(await listCaseFiles(cases, 'en', CONTACT_A)).toEqual([]);
    // The accused's contact sees the case in Slack, never the proposal or the audit trail.
    expect(await caseFile(cases, caseId, 'en', CONTACT_A)).toBeNull();
    expect(await caseFile(cases, caseId, 'en', CONTACT_C)).toBeNull();
    expect(await caseFile(cases, 'V-999999', 'en')).toBeNull();
  });
});
