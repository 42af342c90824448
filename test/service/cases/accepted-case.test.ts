import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseReplies, determinations, sanctions } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { formatShanghai } from '../../../src/domain/dates.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import {
  addressed, AFTER_WINDOW, auditActions, expectAuditIntact, givenTwoContacts, messages, NOTICE_DAY, openDeadlines, PAYMENT_DUE, report, WINDOW_CLOSES,
} from './case-steps.ts';

describeEachBackend('a case the partner accepts runs from report to collection', (getDb) => {
  it('each step changes the state, tells the right people through the outbox and writes an audit event (R-REPLY, R-DETERMINE, R-NOTICE, R-DECISION)', async () => {
    const w = await caseWorld(getDb());
    await givenTwoContacts(w);

    // Report: the notice goes out at once to each of the partner's contacts (R-REPLY).
    const r = await report(w);
    expect(r).toEqual({ caseId: r.caseId, state: 'awaiting_reply', replyDue: WINDOW_CLOSES, provisional: false });
    const c0 = await findCase(w.db, r.caseId);
    expect(formatShanghai(c0!.replyDueAt!)).toBe(WINDOW_CLOSES);
    expect(addressed(await messages(w.db, r.caseId))).toEqual(['suspected_violation → U0PARTNER1', 'suspected_violation → U0PARTNER1B']);
    expect((await messages(w.db, r.caseId))[0]!.payload).toMatchObject({ kind: 'suspected_violation', replyDue: WINDOW_CLOSES, provisional: false, case: { partnerId: 'P1', itemId: 'SVC-09', itemClass: 2 } });
    expect((await openDeadlines(w.db, r.caseId)).map((d) => d.kind)).toEqual(['deadline_reminder', 'deadline_reminder', 'reply_lapse']);
    expect(await auditActions(w.db, r.caseId)).toEqual(['case.reported', 'case.notice_sent']);

    // Reply: accepted; the reporter hears of it and the reply window's deadlines are done.
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    expect((await findCase(w.db, r.caseId))?.state).toBe('awaiting_determination');
    expect(await w.db.select({ kind: caseReplies.kind, by: caseReplies.by }).from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([{ kind: 'accept', by: 'slack:U0PARTNER1' }]);
    expect(addressed(await messages(w.db, r.caseId)).slice(2)).toEqual(['reply_recorded → U0OFFICER']);
    expect(await openDeadlines(w.db, r.caseId)).toEqual([]);

    // Determination: proposed to the approvals channel (R-DETERMINE) ...
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Admitted by the partner' });
    expect(p).toMatchObject({ fastTrack: false, decision: { baseClass: 2, finalClass: 2, amount: '5000.00', terminated: false } });
    expect((await findCase(w.db, r.caseId))?.state).toBe('determination_proposed');
    const request = (await messages(w.db, r.caseId)).at(-1)!;
    expect(addressed([request])).toEqual(['determination_requested → #approvals']);
    expect(request.payload).toMatchObject({ determinationId: p.determinationId, proposedBy: 'slack:U0OFFICER', established: true, fastTrack: false });

    // ... approved by a second person: the request is updated in place and the processing notice goes out (R-NOTICE).
    const d = await decideDetermination(w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    expect(d).toMatchObject({ approved: true, decidedBy: 'slack:U0APPROVER', caseState: 'awaiting_objection' });
    const afterDecision = (await messages(w.db, r.caseId)).slice(4);
    expect(addressed(afterDecision)).toEqual([
      'processing_notice → U0PARTNER1', 'processing_notice → U0PARTNER1B', `determination_decided → update #${request.id}`,
    ]);
    expect(afterDecision[0]!.payload).toMatchObject({ noticeDate: NOTICE_DAY, objectionDue: WINDOW_CLOSES, decision: { finalClass: 2, amount: '5000.00' } });
    const c1 = await findCase(w.db, r.caseId);
    expect(c1).toMatchObject({ state: 'awaiting_objection', processingNoticeDate: NOTICE_DAY });
    expect(formatShanghai(c1!.objectionDueAt!)).toBe(WINDOW_CLOSES);
    const [sanction] = await w.db.select().from(sanctions).where(eq(sanctions.caseId, r.caseId));
    expect(sanction).toMatchObject({ partnerId: 'P1', itemId: 'SVC-09', noticeDate: NOTICE_DAY, finalClass: 2, amount: '5000.00', source: 'case' });
    const [det] = await w.db.select().from(determinations).where(eq(determinations.id, p.determinationId));
    expect(det).toMatchObject({ status: 'approved', proposedBy: 'slack:U0OFFICER', decidedBy: 'slack:U0APPROVER' });

    // The objection window closes in silence: the formal decision is issued and published (R-DECISION).
    w.clock.set('2026-06-04T15:59:58Z');
    const early = await sweepDeadlines(w.cases);
    expect(early.outcomes.decided).toBeUndefined();
    expect((await findCase(w.db, r.caseId))?.state).toBe('awaiting_objection');
    w.clock.set(AFTER_WINDOW);
    expect((await sweepDeadlines(w.cases)).outcomes).toEqual({ decided: 1 });
    expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
    const formal = (await messages(w.db, r.caseId)).filter((m) => m.kind === 'formal_decision' || m.kind === 'public_notice');
    expect(addressed(formal)).toEqual(['formal_decision → U0PARTNER1', 'formal_decision → U0PARTNER1B', 'public_notice → #notices']);
    expect(formal[0]!.payload).toMatchObject({ noticeDate: NOTICE_DAY, paymentDue: PAYMENT_DUE, owed: '5000.00' });
    expect(formal[2]!.payload).toMatchObject({ noticeDate: NOTICE_DAY, decision: { finalClass: 2, amount: '5000.00' }, case: { partnerId: 'P1' } });

    expect(await auditActions(w.db, r.caseId)).toEqual([
      'case.reported', 'case.notice_sent', 'case.reply.accept', 'determination.proposed', 'determination.approved', 'case.processing_notice', 'case.formal_decision',
    ]);
    await expectAuditIntact(w.db);
  });
});
