import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { restrictions, sanctions } from '../../../src/db/schema/index.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { suspendIncentives } from '../../../src/service/cases/suspension.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { A_FILE, addressed, AFTER_WINDOW, auditActions, determine, expectAuditIntact, messages, openDeadlines, report } from './case-steps.ts';

describeEachBackend('a violation not established is dismissed (R-DETERMINE, R-SUSPEND)', (getDb) => {
  it('the case closes as dismissed, the suspension lifts, nothing goes on the record and the partner is told', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    // R-SUSPEND: after telling the partner, staff hold the incentive payouts.
    expect(await suspendIncentives(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId })).toEqual({ caseId: r.caseId, suspended: true, since: '2026-06-01T12:00:00+08:00', changed: true });
    expect((await findCase(w.db, r.caseId))?.suspended).toBe(true);
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'The tickets were answered', evidence: [A_FILE] });

    const { proposal, decided } = await determine(w, r.caseId, { established: false, reasons: 'The proof shows timely answers' });
    expect(proposal.decision).toBeNull();
    expect(decided.caseState).toBe('dismissed');

    const c = await findCase(w.db, r.caseId);
    expect(c).toMatchObject({ state: 'dismissed', suspended: false, decision: null });
    expect(c!.closedAt).not.toBeNull();
    expect(await w.db.select().from(sanctions).where(eq(sanctions.caseId, r.caseId))).toEqual([]);
    expect(await w.db.select().from(restrictions).where(eq(restrictions.partnerId, 'P1'))).toEqual([]);
    expect(await openDeadlines(w.db, r.caseId)).toEqual([]);

    const dismissed = (await messages(w.db, r.caseId)).filter((m) => m.kind === 'case_dismissed');
    expect(addressed(dismissed)).toEqual(['case_dismissed → U0PARTNER1']);
    expect(dismissed[0]!.payload).toMatchObject({ reasons: 'The proof shows timely answers', case: { caseId: r.caseId } });
    // R-SUSPEND: the suspension lifts with the dismissal, and the partner is told why.
    const lifted = (await messages(w.db, r.caseId)).filter((m) => m.kind === 'suspension_lifted');
    expect(addressed(lifted)).toEqual(['suspension_lifted → U0PARTNER1']);
    expect(lifted[0]!.payload).toMatchObject({ reason: 'dismissed', since: '2026-06-01T12:00:00+08:00' });
    expect(await auditActions(w.db, r.caseId)).toEqual([
      'case.reported', 'case.notice_sent', 'case.suspended', 'case.reply.dispute', 'determination.proposed', 'determination.approved', 'case.dismissed', 'case.suspension_lifted',
    ]);

    // Nothing is left to happen to it.
    w.clock.set(AFTER_WINDOW);
    await sweepDeadlines(w.cases);
    expect((await findCase(w.db, r.caseId))?.state).toBe('dismissed');
    expect((await messages(w.db)).filter((m) => m.kind === 'public_notice')).toEqual([]);
    await expectAuditIntact(w.db);
  });
});
