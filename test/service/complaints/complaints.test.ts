import { asc, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents, cases, complaints, sanctions, deadlines, outbox } from '../../../src/db/schema/index.ts';
import { verifyAuditTrail } from '../../../src/service/audit/audit-trail.ts';
import { answerComplaint } from '../../../src/service/complaints/answer-complaint.ts';
import { listComplaints } from '../../../src/service/complaints/complaint-queries.ts';
import { fileComplaint, type FileComplaintInput } from '../../../src/service/complaints/file-complaint.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { ADMIN, caseWorld, key, OFFICER, P1_CONTACT, STRANGER, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, partnersCsv, rowCounts } from '../../support/service-fixtures.ts';

const P2_CONTACT = { platform: 'slack', userId: 'U0PARTNER2' };
/** Filed Monday 2026-06-01 12:00 Shanghai (the world's clock): 10 working days (R-WORKDAY) end Monday 15 June. */
const DUE = '2026-06-15T23:59:59+08:00';

const file = (w: CaseWorld, over: Partial<FileComplaintInput> = {}) =>
  fileComplaint(w.cases, { key: key('complaint'), actor: P1_CONTACT, subject: 'May rebate not paid', text: 'The May rebate was due on 5 May and has not arrived.', evidence: ['https://example.com/statement.pdf'], ...over });

async function withP2(w: CaseWorld): Promise<void> {
  await importPartners(w.deps, partnersCsv([['P2', 'Partner Two', 'consulting_sales', 'gold', P2_CONTACT.userId]], 'partner-P2.csv'));
}

async function outboxOf(w: CaseWorld) {
  return w.db.select({ id: outbox.id, kind: outbox.kind, recipient: outbox.recipient, payload: outbox.payload }).from(outbox).orderBy(asc(outbox.id));
}

describeEachBackend('complaints against the vendor (R-COMPLAINT, §7.2)', (getDb) => {
  it('a partner contact files, staff are told, an officer answers, the partner is told; all audited, no case and no sanction', async () => {
    const w = await caseWorld(getDb());
    const filed = await file(w);
    expect(filed).toEqual({ complaintId: 'C-000001', partnerId: 'P1', state: 'filed', answerDue: DUE, provisional: false });
    const toStaff = await outboxOf(w);
    expect(toStaff.map((o) => [o.kind, o.recipient])).toEqual([['complaint_filed', { type: 'channel', channel: 'approvals' }]]);
    expect((toStaff[0]!.payload as { complaint: { subject: string; evidence: string[] } }).complaint).toMatchObject({ subject: 'May rebate not paid', evidence: ['https://example.com/statement.pdf'] });

    w.clock.set('2026-06-03T10:00:00+08:00');
    const answered = await answerComplaint(w.cases, { key: key('answer'), actor: OFFICER, complaintId: 'C-000001', answer: 'Paid on 2 June; see the statement.' });
    expect(answered).toEqual({ complaintId: 'C-000001', state: 'answered', answeredAt: '2026-06-03T10:00:00+08:00', late: false });
    const toPartner = (await outboxOf(w)).slice(1);
    // The partner is told, and the approvals message that announced it (outbox row 1) is edited in place.
    expect(toPartner.map((o) => [o.kind, o.recipient])).toEqual([
      ['complaint_answered', { type: 'user', platform: 'slack', userId: 'U0PARTNER1' }],
      ['complaint_closed', { type: 'update', outboxId: toStaff[0]!.id }],
    ]);
    expect(toPartner[0]!.payload).toMatchObject({ answer: 'Paid on 2 June; see the statement.', answeredBy: 'slack:U0OFFICER' });

    const audit = await w.db.select({ action: auditEvents.action, subject: auditEvents.subject, actor: auditEvents.actor }).from(auditEvents).where(sql`${auditEvents.action} like 'complaint.%'`).orderBy(asc(auditEvents.id));
    expect(audit).toEqual([
      { action: 'complaint.filed', subject: 'C-000001', actor: 'slack:U0PARTNER1' },
      { action: 'complaint.answered', subject: 'C-000001', actor: 'slack:U0OFFICER' },
    ]);
    expect((await verifyAuditTrail(w.db)).ok).toBe(true);
    expect((await w.db.select().from(cases)).length).toBe(0);
    expect((await w.db.select().from(sanctions)).length).toBe(0);
    // Answered: its reminder and lapse are moot, and a sweep after the due day tells nobody.
    w.clock.set('2026-06-16T09:00:00+08:00');
    await sweepDeadlines(w.cases);
    expect((await outboxOf(w)).length).toBe(3);
    // Answered once: answering again (a new key) is refused and changes nothing.
    const again = await domainErrorOf(answerComplaint(w.cases, { key: key('answer'), actor: OFFICER, complaintId: 'C-000001', answer: 'Again' }));
    expect(again.code).toBe('complaint.closed');
    expect((await w.db.select({ answer: complaints.answer }).from(complaints))[0]!.answer).toBe('Paid on 2 June; see the statement.');
  });

  it('unanswered: staff are reminded on the working morning before the due day, and admins told once it lapses', async () => {
    const w = await caseWorld(getDb());
    await file(w);
    const due = await w.db.select({ kind: deadlines.kind, dueAt: deadlines.dueAt }).from(deadlines).orderBy(asc(deadlines.dueAt));
    expect(due.map((d) => [d.kind, d.dueAt.toISOString()])).toEqual([
      ['complaint_reminder', new Date('2026-06-12T09:00:00+08:00').toISOString()],
      ['complaint_lapse', new Date(DUE).toISOString()],
    ]);
    // Thursday evening: nothing due yet.
    w.clock.set('2026-06-11T20:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).processed).toBe(0);
    w.clock.set('2026-06-12T09:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ reminded: 1 });
    const reminder = (await outboxOf(w)).at(-1)!;
    expect([reminder.kind, reminder.recipient, (reminder.payload as { when: string }).when]).toEqual(['complaint_reminder', { type: 'channel', channel: 'approvals' }, 'day_before']);
    w.clock.set('2026-06-16T00:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ escalated: 1 });
    const escalation = (await outboxOf(w)).at(-1)!;
    expect([escalation.kind, escalation.recipient, (escalation.payload as { when: string }).when]).toEqual(['complaint_reminder', { type: 'user', platform: 'slack', userId: ADMIN.userId }, 'lapsed']);
    // Still answerable after the lapse, marked late.
    expect((await answerComplaint(w.cases, { key: key('answer'), actor: OFFICER, complaintId: 'C-000001', answer: 'Sorry for the delay.' })).late).toBe(true);
  });

  it('the same key files once (a double click), and numbers follow on', async () => {
    const w = await caseWorld(getDb());
    const k = key('complaint');
    const a = await file(w, { key: k });
    expect(await file(w, { key: k, subject: 'changed' })).toEqual(a);
    // A repeat draws no number.
    expect((await file(w)).complaintId).toBe('C-000002');
    // Twins in flight at once: one complaint, one message to staff.
    const k2 = key('complaint');
    const [b, c] = await Promise.all([file(w, { key: k2 }), file(w, { key: k2 })]);
    expect(c).toEqual(b);
    expect((await w.db.select().from(complaints)).length).toBe(3);
    expect((await outboxOf(w)).length).toBe(3);
    expect((await w.db.select().from(auditEvents).where(eq(auditEvents.action, 'complaint.filed'))).length).toBe(3);
  });

  it('visibility: another partner’s contact neither sees nor answers it; a stranger is refused; staff are told it is for partners', async () => {
    const w = await caseWorld(getDb());
    await withP2(w);
    await file(w);
    const before = await rowCounts(w.db);
    expect((await domainErrorOf(answerComplaint(w.cases, { key: key('a'), actor: P2_CONTACT, complaintId: 'C-000001', answer: 'x' }))).code).toBe('complaint.not_found');
    expect((await domainErrorOf(answerComplaint(w.cases, { key: key('a'), actor: STRANGER, complaintId: 'C-000001', answer: 'x' }))).code).toBe('complaint.not_found');
    // The filing partner's own contact sees it, but answering is staff's: to them the answer step does not exist (as the Answer button says).
    expect((await domainErrorOf(answerComplaint(w.cases, { key: key('a'), actor: P1_CONTACT, complaintId: 'C-000001', answer: 'x' }))).code).toBe('complaint.not_found');
    expect((await listComplaints(w.db, P2_CONTACT)).length).toBe(0);
    expect((await listComplaints(w.db, STRANGER)).length).toBe(0);
    expect((await listComplaints(w.db, P1_CONTACT)).map((c) => c.complaintId)).toEqual(['C-000001']);
    expect((await listComplaints(w.db, OFFICER, { open: true })).map((c) => c.complaintId)).toEqual(['C-000001']);
    // Filing: a stranger and staff are refused; a contact cannot file in another partner's name.
    expect((await domainErrorOf(file(w, { actor: STRANGER }))).code).toBe('complaint.partners_only');
    const staff = await domainErrorOf(file(w, { actor: OFFICER }));
    expect([staff.code, staff.message]).toEqual(['complaint.partners_only', expect.stringContaining('filed by partners')]);
    expect((await domainErrorOf(file(w, { actor: P2_CONTACT, partnerId: 'P1' }))).code).toBe('partner.not_found');
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('bad input is refused with its field, and nothing is written', async () => {
    const w = await caseWorld(getDb());
    const before = await rowCounts(w.db);
    const cases: [Partial<FileComplaintInput>, string, string][] = [
      [{ subject: '  ' }, 'complaint.subject_empty', 'subject'],
      [{ subject: 'x'.repeat(151) }, 'complaint.subject_too_long', 'subject'],
      [{ text: '' }, 'complaint.text_empty', 'text'],
      [{ evidence: ['ftp://example.com/x'] }, 'evidence.bad_link', 'evidence'],
    ];
    for (const [over, code, field] of cases) {
      const e = await domainErrorOf(file(w, over));
      expect([e.code, (e.details as { field: string }).field]).toEqual([code, field]);
    }
    expect((await domainErrorOf(answerComplaint(w.cases, { key: key('a'), actor: OFFICER, complaintId: 'C-999999', answer: 'x' }))).code).toBe('complaint.not_found');
    expect((await domainErrorOf(answerComplaint(w.cases, { key: key('a'), actor: OFFICER, complaintId: 'nonsense', answer: 'x' }))).code).toBe('complaint.not_found');
    expect(await rowCounts(w.db)).toEqual(before);
    expect((await w.db.select().from(complaints).where(eq(complaints.partnerId, 'P1'))).length).toBe(0);
  });
});
