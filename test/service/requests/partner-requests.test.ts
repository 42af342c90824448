import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents, partnerRequests } from '../../../src/db/schema/index.ts';
import { addDays } from '../../../src/domain/dates.ts';
import { requestKinds, type RequestKind } from '../../../src/domain/requests/partner-request.ts';
import { verifyAuditTrail } from '../../../src/service/audit/audit-trail.ts';
import { recordPayment } from '../../../src/service/collection/record-payment.ts';
import { importSanctions } from '../../../src/service/imports/import-sanctions.ts';
import { requestForPartner, type PartnerRequestInput } from '../../../src/service/requests/partner-request.ts';
import { caseWorld, FINANCE, key, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import {
  CLASS1_ITEM,
  CLASS2_ITEM,
  CLASS3_ITEM,
  domainErrorOf,
  givenPartner,
  givenPrograms,
  givenSanctions,
  rowCounts,
  sanctionsCsv,
  serviceWorld,
  type ServiceWorld,
} from '../../support/service-fixtures.ts';
import { closeObjectionWindow, determine, report } from '../cases/case-steps.ts';

const STAFF = { platform: 'cli', userId: 'test' };
/** The options each request kind needs for partner P1 (consulting_sales, in no program yet). */
const OPTIONS: Record<RequestKind, Partial<PartnerRequestInput>> = {
  upgrade: { category: 'consulting_sales' },
  onboarding: {},
  program: { program: 'Cloud MSP' },
};
const ask = (w: ServiceWorld, kind: RequestKind, on: string, over: Partial<PartnerRequestInput> = {}) =>
  requestForPartner(w.rules, { kind, partnerId: 'P1', on, actor: STAFF, ...OPTIONS[kind], ...over });
const answer = async (w: ServiceWorld, kind: RequestKind, on: string) => {
  const r = await ask(w, kind, on);
  return { granted: r.granted, blockedBy: r.blockedBy };
};

/** P1 in consulting_sales, and a program on that category that P2 is in (so it is on record). */
async function registry(w: ServiceWorld): Promise<void> {
  await givenPartner(w, 'P1');
  await givenPartner(w, 'P2', 'Partner Two');
  await givenPrograms(w, [['P2', 'Cloud MSP', 'consulting_sales', '2025-04-01']]);
}

describeEachBackend('requests gated by restrictions (R-RESTRICT, R-LATE)', (getDb) => {
  const sanctions = [
    { sanction: 'a kept class-1 sanction', item: CLASS1_ITEM, terminated: false, notice: '2025-08-01', lifts: '2026-08-02', rule: 'R-RESTRICT §5.5.5', blocks: requestKinds },
    { sanction: 'a class-1 termination', item: CLASS1_ITEM, terminated: true, notice: '2025-08-01', lifts: '2026-08-02', rule: 'R-RESTRICT §5.5.4', blocks: ['onboarding'] },
    { sanction: 'a class-2 sanction', item: CLASS2_ITEM, terminated: false, notice: '2026-03-01', lifts: '2026-06-02', rule: 'R-RESTRICT §5.5.6', blocks: requestKinds },
    { sanction: 'a class-3 warning', item: CLASS3_ITEM, terminated: false, notice: '2025-11-30', lifts: '2026-03-01', rule: 'R-RESTRICT §5.5.6', blocks: requestKinds },
  ] as const;
  const restrictionOf: Record<RequestKind, string> = { upgrade: 'no_upgrade', onboarding: 'no_onboarding', program: 'no_new_program' };

  for (const s of sanctions) {
    it(`under ${s.sanction} noticed ${s.notice}: each request is refused on ${addDays(s.lifts, -1)} and granted on ${s.lifts}`, async () => {
      const w = await serviceWorld(getDb());
      await registry(w);
      await importSanctions(w.deps, sanctionsCsv([['H-1', 'P1', s.item, s.notice, s.notice, String(s.terminated)]]));
      for (const kind of s.blocks) {
        expect(await answer(w, kind, addDays(s.lifts, -1))).toEqual({
          granted: false,
          blockedBy: [{ kind: restrictionOf[kind], caseId: 'H-1', rule: s.rule, until: s.lifts }],
        });
        expect(await answer(w, kind, s.lifts)).toEqual({ granted: true, blockedBy: [] });
      }
    });
  }

  it('a terminated partner is refused an upgrade or a program for good, the day its restrictions lift too (moot, §5.5.4 reading); before its termination it was not', async () => {
    const w = await serviceWorld(getDb());
    await registry(w);
    await importSanctions(w.deps, sanctionsCsv([['T-1', 'P1', CLASS1_ITEM, '2025-08-01', '2025-08-01', 'true']]));
    const moot = { kind: 'terminated', caseId: 'T-1', rule: 'R-RESTRICT §5.5.4', until: null };
    expect(await answer(w, 'upgrade', '2026-08-02')).toEqual({ granted: false, blockedBy: [moot] });
    expect(await answer(w, 'program', '2026-08-02')).toEqual({ granted: false, blockedBy: [moot] });
    expect(await answer(w, 'program', '2026-08-01')).toEqual({
      granted: false,
      blockedBy: [moot, { kind: 'no_new_program', caseId: 'T-1', rule: 'R-RESTRICT §5.5.4', until: '2026-08-02' }],
    });
    expect(await answer(w, 'upgrade', '2025-07-31')).toEqual({ granted: true, blockedBy: [] });
  });

  it('overlapping restrictions: the union, named once per kind with the case that holds longest', async () => {
    const w = await serviceWorld(getDb());
    await registry(w);
    await givenSanctions(w, 'P1', [
      ['A', CLASS2_ITEM, '2026-01-10'], // through 2026-04-10
      ['B', CLASS3_ITEM, '2026-03-01'], // through 2026-06-01
    ]);
    expect(await answer(w, 'upgrade', '2026-02-01')).toEqual({ granted: false, blockedBy: [{ kind: 'no_upgrade', caseId: 'A', rule: 'R-RESTRICT §5.5.6', until: '2026-04-11' }] });
    expect(await answer(w, 'upgrade', '2026-04-10')).toEqual({ granted: false, blockedBy: [{ kind: 'no_upgrade', caseId: 'B', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }] });
    expect(await answer(w, 'upgrade', '2026-06-01')).toMatchObject({ granted: false });
    expect(await answer(w, 'upgrade', '2026-06-02')).toEqual({ granted: true, blockedBy: [] });
  });

  it('R-LATE: a penalty unpaid after its last day blocks every request until it is all paid; the 3-month restrictions lift the same day the lateness starts', async () => {
    // A class-2 penalty of CNY 5,000 noticed 2026-06-01 (its restrictions through 09-01), due 2026-09-01.
    const w = await caseWorld(getDb());
    await givenPartner(w, 'P2', 'Partner Two');
    await givenPrograms(w, [['P2', 'Cloud MSP', 'consulting_sales', '2025-04-01']]);
    const r = await report(w);
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    for (const kind of requestKinds) {
      expect(await answer(w, kind, '2026-09-01')).toEqual({
        granted: false,
        blockedBy: [{ kind: restrictionOf[kind], caseId: r.caseId, rule: 'R-RESTRICT §5.5.6', until: '2026-09-02' }],
      });
      expect(await answer(w, kind, '2026-09-02')).toEqual({ granted: false, blockedBy: [{ kind: 'late_payment', caseId: r.caseId, rule: 'R-LATE §5.6', until: null }] });
    }
    // 09-02 … 09-11: 10 days × CNY 5.00; paid in full on 09-11, the restriction holds through 09-10.
    w.clock.set('2026-09-11T12:00:00+08:00');
    await recordPayment(w.cases, { key: key('pay'), actor: FINANCE, partnerId: 'P1', amount: '5050.00', on: '2026-09-11' });
    for (const kind of requestKinds) {
      expect((await answer(w, kind, '2026-09-10')).blockedBy.map((b) => b.kind)).toEqual(['late_payment']);
      expect(await answer(w, kind, '2026-09-11')).toEqual({ granted: true, blockedBy: [] });
    }
  });

  it('a grant is recorded once per key and audited; the same request again returns the same record and writes nothing', async () => {
    const w = await serviceWorld(getDb());
    await registry(w);
    const first = await ask(w, 'upgrade', '2026-05-01');
    expect(first).toMatchObject({ granted: true, kind: 'upgrade', subject: 'consulting_sales', on: '2026-05-01' });
    const after = await rowCounts(w.db);
    expect(await ask(w, 'upgrade', '2026-05-01')).toEqual(first);
    expect(await rowCounts(w.db)).toEqual(after);
    // A sanction imported since does not undo a grant on record for that day.
    await givenSanctions(w, 'P1', [['LATER', CLASS2_ITEM, '2026-04-01']]);
    expect((await ask(w, 'upgrade', '2026-05-01')).requestId).toBe(first.requestId);
    // Another day, kind or subject is another request.
    expect((await ask(w, 'upgrade', '2026-07-02')).requestId).not.toBe(first.requestId);
    expect((await ask(w, 'onboarding', '2026-03-31')).requestId).not.toBe(first.requestId);
    expect(await w.db.select({ kind: partnerRequests.kind, subject: partnerRequests.subject, on: partnerRequests.requestedOn, actor: partnerRequests.actor }).from(partnerRequests).orderBy(partnerRequests.id)).toEqual([
      { kind: 'upgrade', subject: 'consulting_sales', on: '2026-05-01', actor: 'cli:test' },
      { kind: 'upgrade', subject: 'consulting_sales', on: '2026-07-02', actor: 'cli:test' },
      { kind: 'onboarding', subject: '', on: '2026-03-31', actor: 'cli:test' },
    ]);
    const granted = await w.db.select().from(auditEvents).where(eq(auditEvents.action, 'request.granted')).orderBy(auditEvents.id);
    expect(granted.map((e) => [e.subject, (e.payload as { kind: string }).kind, (e.payload as { on: string }).on])).toEqual([
      ['P1', 'upgrade', '2026-05-01'],
      ['P1', 'upgrade', '2026-07-02'],
      ['P1', 'onboarding', '2026-03-31'],
    ]);
    expect((await verifyAuditTrail(w.db)).ok).toBe(true);
  });

  it('a refusal is audited with what blocked it, and records no grant', async () => {
    const w = await serviceWorld(getDb());
    await registry(w);
    await givenSanctions(w, 'P1', [['C2', CLASS2_ITEM, '2026-03-01']]);
    const before = await rowCounts(w.db);
    expect((await ask(w, 'program', '2026-03-01')).granted).toBe(false);
    expect(await rowCounts(w.db)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    const [refused] = await w.db.select().from(auditEvents).where(eq(auditEvents.action, 'request.refused'));
    expect(refused).toMatchObject({
      actor: 'cli:test',
      subject: 'P1',
      payload: { kind: 'program', on: '2026-03-01', program: 'Cloud MSP', category: 'consulting_sales', blocked_by: [{ kind: 'no_new_program', case_id: 'C2', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }] },
    });
  });

  it('bad input is a coded error with a clear message, and writes nothing', async () => {
    const w = await serviceWorld(getDb());
    await registry(w);
    await givenPrograms(w, [['P1', 'Joined', 'consulting_sales', '2026-01-01']], 'p1-programs.csv');
    const before = await rowCounts(w.db);
    const cases: [Partial<PartnerRequestInput> & { kind: RequestKind | 'promotion' }, string, string][] = [
      [{ kind: 'upgrade', partnerId: 'NOPE' }, 'partner.not_found', 'No partner with id "NOPE"'],
      [{ kind: 'upgrade', on: '2026-02-30' }, 'input.bad_date', '--on must be a real date'],
      [{ kind: 'upgrade', category: undefined }, 'request.category_required', '--category'],
      [{ kind: 'upgrade', category: 'gold' }, 'request.unknown_category', 'must be one of consulting_sales'],
      [{ kind: 'upgrade', category: 'service' }, 'request.category_not_held', 'P1 is not in category service'],
      [{ kind: 'program', program: 'Nope' }, 'request.unknown_program', 'No program named "Nope"'],
      [{ kind: 'program', program: undefined }, 'request.program_required', '--program'],
      [{ kind: 'program', program: 'Joined' }, 'request.already_in_program', 'already joined program "Joined"'],
      [{ kind: 'program', category: 'service' }, 'request.program_category', 'sits on consulting_sales, not service'],
      [{ kind: 'promotion' }, 'request.unknown_kind', 'upgrade, onboarding, program'],
    ];
    for (const [over, code, message] of cases) {
      const kind = over.kind as RequestKind;
      const e = await domainErrorOf(requestForPartner(w.rules, { partnerId: 'P1', on: '2026-05-01', actor: STAFF, ...OPTIONS[kind], ...over, kind: over.kind }));
      expect([e.code, e.message]).toEqual([code, expect.stringContaining(message)]);
    }
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a partner’s own contact may ask for it; to anyone else the partner does not exist', async () => {
    const w = await caseWorld(getDb());
    expect((await requestForPartner(w.rules, { kind: 'onboarding', partnerId: 'P1', on: '2026-05-01', actor: P1_CONTACT })).granted).toBe(true);
    expect((await domainErrorOf(requestForPartner(w.rules, { kind: 'onboarding', partnerId: 'P1', on: '2026-05-01', actor: STRANGER }))).code).toBe('partner.not_found');
  });
});
