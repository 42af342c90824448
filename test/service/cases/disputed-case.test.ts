import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseEvidence, caseReplies } from '../../../src/db/schema/index.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { caseWorld, key, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf } from '../../support/service-fixtures.ts';
import {
  A_FILE, A_LINK, addressed, auditActions, closeObjectionWindow, determine, expectAuditIntact, messages, report, stateOf, worldSnapshot,
} from './case-steps.ts';

describeEachBackend('a partner disputes the notice (R-REPLY)', (getDb) => {
  it('a dispute with proof is recorded with its evidence, and staff may still find the violation established', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    w.clock.set('2026-06-03T03:00:00Z');
    const reply = await replyToNotice(w.cases, {
      key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'We answered every ticket; see the export', evidence: [A_FILE, { kind: 'link', ref: 'https://example.com/export' }],
    });
    expect(reply).toEqual({ caseId: r.caseId, reply: 'dispute' });
    expect(await stateOf(w, r.caseId)).toBe('awaiting_determination');
    expect(await w.db.select({ kind: caseReplies.kind, text: caseReplies.text }).from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([
      { kind: 'dispute', text: 'We answered every ticket; see the export' },
    ]);
    const evidence = await w.db.select({ ref: caseEvidence.ref, purpose: caseEvidence.purpose, addedBy: caseEvidence.addedBy }).from(caseEvidence).where(eq(caseEvidence.caseId, r.caseId)).orderBy(asc(caseEvidence.id));
    expect(evidence).toEqual([
      { ref: A_LINK.ref, purpose: 'report', addedBy: 'slack:U0OFFICER' },
      { ref: 'F0PROOF123', purpose: 'dispute', addedBy: 'slack:U0PARTNER1' },
      { ref: 'https://example.com/export', purpose: 'dispute', addedBy: 'slack:U0PARTNER1' },
    ]);
    const recorded = (await messages(w.db, r.caseId)).at(-1)!;
    expect(addressed([recorded])).toEqual(['reply_recorded → U0OFFICER']);
    expect(recorded.payload).toMatchObject({ reply: 'dispute', by: 'slack:U0PARTNER1' });

    // R-DETERMINE: staff decide on the facts and the reply; here the proof does not convince them.
    const { proposal, decided } = await determine(w, r.caseId, { reasons: 'The export shows the tickets were answered late' });
    expect(proposal.fastTrack).toBe(false);
    expect(decided.caseState).toBe('awaiting_objection');
    // Noticed on Wednesday 06-03: the objection window runs to Monday 06-08 (R-WORKDAY).
    expect((await closeObjectionWindow(w, '2026-06-09T00:00:00+08:00')).outcomes.decided).toBe(1);
    expect(await stateOf(w, r.caseId)).toBe('collecting');
    expect(await auditActions(w.db, r.caseId)).toContain('case.reply.dispute');
    await expectAuditIntact(w.db);
  });

  it('a dispute without proof is refused with reply.dispute_without_proof and changes nothing; silence then lapses into no objection', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const before = await worldSnapshot(w.db);
    const e = await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'It was not us' }));
    expect(e.code).toBe('reply.dispute_without_proof');
    expect(e.message).toMatch(/proof/);
    expect(await worldSnapshot(w.db)).toEqual(before);
    expect(await stateOf(w, r.caseId)).toBe('awaiting_reply');

    // A dispute with no reason at all is refused the same way.
    expect((await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: ' ', evidence: [A_LINK] }))).code).toBe('reply.dispute_reason_empty');
    expect(await worldSnapshot(w.db)).toEqual(before);

    // The partner adds nothing before the deadline: no objection, the violation stands (R-REPLY).
    w.clock.set('2026-06-05T00:00:00+08:00');
    expect((await sweepDeadlines(w.cases)).outcomes.lapsed).toBe(1);
    expect(await stateOf(w, r.caseId)).toBe('awaiting_determination');
    expect(await w.db.select({ kind: caseReplies.kind, by: caseReplies.by }).from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toEqual([{ kind: 'lapse', by: null }]);
    expect(await auditActions(w.db, r.caseId)).toEqual(['case.reported', 'case.notice_sent', 'case.reply.lapsed']);

    // Once the lapse is recorded, a reply is a step out of order.
    const late = await domainErrorOf(replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' }));
    expect(late.code).toBe('case.step_out_of_order');
  });
});
