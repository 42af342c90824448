import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { determinations, sanctions } from '../../../src/db/schema/index.ts';
import { isDomainError, type DomainError } from '../../../src/domain/errors.ts';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import type { Actor } from '../../../src/service/access/actor.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination, type ProposeResult } from '../../../src/service/cases/propose-determination.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { importSanctions } from '../../../src/service/imports/import-sanctions.ts';
import { caseWorld, key, OFFICER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, partnersCsv, query, sanctionsCsv } from '../../support/service-fixtures.ts';
import { auditActions, expectAuditIntact, messages, report } from './case-steps.ts';

describeEachBackend('two approvers clicking at once (R-DETERMINE, issue #3: races)', (getDb) => {
  it('20 concurrent approvals by 20 approvers: exactly one wins, the 19 others are told who decided and when', async () => {
    const w = await caseWorld(getDb());
    const approvers: Actor[] = Array.from({ length: 20 }, (_, i) => ({ platform: 'slack', userId: `U0APPR${String(i + 1).padStart(2, '0')}` }));
    for (const a of approvers) await grantRole({ db: w.db, clock: w.clock }, { userId: a.userId, role: 'approver', by: 'test' });
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    w.clock.set('2026-06-01T14:30:00+08:00');

    const settled = await Promise.allSettled(approvers.map((a) => decideDetermination(w.cases, { key: key('click'), actor: a, determinationId: p.determinationId, approve: true })));
    const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const winner = won[0]!;
    expect(winner).toMatchObject({ approved: true, decidedAt: '2026-06-01T14:30:00+08:00', caseState: 'awaiting_objection' });
    for (const e of lost) {
      expect(isDomainError(e)).toBe(true);
      const err = e as DomainError;
      expect(err.code).toBe('determination.already_decided');
      expect(err.message).toBe(`Already approved by ${winner.decidedBy} at 2026-06-01T14:30:00+08:00.`);
      expect(err.details).toEqual({ status: 'approved', decidedBy: winner.decidedBy, decidedAt: '2026-06-01T14:30:00+08:00' });
    }

    const [row] = await w.db.select().from(determinations).where(eq(determinations.id, p.determinationId));
    expect(row).toMatchObject({ status: 'approved', decidedBy: winner.decidedBy });
    expect(await w.db.select().from(sanctions).where(eq(sanctions.caseId, r.caseId))).toHaveLength(1);
    expect((await messages(w.db, r.caseId)).filter((m) => m.kind === 'processing_notice' || m.kind === 'determination_decided').map((m) => m.kind)).toEqual([
      'processing_notice', 'determination_decided',
    ]);
    expect((await auditActions(w.db, r.caseId)).filter((a) => a === 'determination.approved')).toHaveLength(1);
    const [logged] = await query<{ n: number }>(w.db, sql`select count(*)::int as n from command_log where action = 'determination.decide'`);
    expect(logged?.n).toBe(1);
    await expectAuditIntact(w.db);
  });

  it('an approved determination is immutable: the database refuses to change it (R-DETERMINE reading)', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    await decideDetermination(w.cases, { key: key(), actor: { platform: 'slack', userId: 'U0APPROVER' }, determinationId: p.determinationId, approve: true });
    await expect(w.db.update(determinations).set({ reasons: 'edited' }).where(eq(determinations.id, p.determinationId))).rejects.toThrow();
    await expect(w.db.delete(determinations).where(eq(determinations.id, p.determinationId))).rejects.toThrow();
    const [row] = await w.db.select({ reasons: determinations.reasons }).from(determinations).where(eq(determinations.id, p.determinationId));
    expect(row?.reasons).toBe('Clear');
  });

  it('the proposer may not approve their own determination, even holding the approver role', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    const e = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: OFFICER, determinationId: p.determinationId, approve: true }));
    expect(e.code).toBe('determination.self_approval');
    expect(e.message).toMatch(/another approver/);
    const [row] = await w.db.select({ status: determinations.status }).from(determinations).where(eq(determinations.id, p.determinationId));
    expect(row?.status).toBe('proposed');
  });
});

/** Partners P1 … P3 with four class-2 cases each, approved by as many approvers as there are cases. */
const PARTNERS = ['P1', 'P2', 'P3'] as const;
const CASES_PER_PARTNER = 4;

describeEachBackend('many approvals of a few partners at once are judged one partner at a time (R-DETERMINE, R-P2, issue #8)', (getDb) => {
  it('every class-2 rank is right: per partner CNY 5,000 / 10,000 / 50,000, then a cascade to class 1, no two with the same rank', async () => {
    const w = await caseWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P2', 'Partner Two', 'service', 'silver', 'U0PARTNER2'], ['P3', 'Partner Three', 'service', 'silver', 'U0PARTNER3']], 'p2-p3.csv'));
    const approvers: Actor[] = Array.from({ length: PARTNERS.length * CASES_PER_PARTNER }, (_, i) => ({ platform: 'slack', userId: `U0RACE${String(i + 1).padStart(2, '0')}` }));
    for (const a of approvers) await grantRole({ db: w.db, clock: w.clock }, { userId: a.userId, role: 'approver', by: 'test' });
    const partnerOf = new Map<string, string>();
    for (let i = 0; i < CASES_PER_PARTNER; i++) {
      for (const partnerId of PARTNERS) partnerOf.set((await report(w, { partnerId, itemId: 'SVC-09' })).caseId, partnerId);
    }

    // Each round: every case still open is proposed, then all are approved at once by different approvers
    // on parallel connections. The first approval of a partner issues; the others find the rank changed.
    let open = [...partnerOf.keys()];
    let rounds = 0;
    while (open.length > 0 && rounds < 10) {
      rounds++;
      const proposals = [];
      for (const caseId of open) proposals.push(await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'Clear' }));
      const results = await Promise.all(proposals.map((p, i) => decideDetermination(w.cases, { key: key('race'), actor: approvers[i]!, determinationId: p.determinationId, approve: true })));
      // One partner at a time: exactly one approval per partner still open issues in each round.
      expect(results.filter((r) => r.approved).length).toBe(new Set(open.map((c) => partnerOf.get(c))).size);
      open = results.filter((r) => !r.approved).map((r) => r.caseId);
    }
    expect(open).toEqual([]);
    expect(rounds).toBe(CASES_PER_PARTNER);

    const rows = await w.db.select().from(sanctions);
    for (const partnerId of PARTNERS) {
      const mine = rows.filter((s) => s.partnerId === partnerId);
      const class2 = mine.filter((s) => s.finalClass === 2);
      const ranks = class2.map((s) => (s.explanation as { steps: { counted: string[] }[] }).steps[0]!.counted.length).sort();
      expect(ranks).toEqual([1, 2, 3]);
      expect(class2.map((s) => s.amount).sort((a, b) => Number(a) - Number(b))).toEqual(['5000.00', '10000.00', '50000.00']);
      const class1 = mine.filter((s) => s.finalClass === 1);
      expect(class1).toHaveLength(1);
      expect(class1[0]).toMatchObject({ baseClass: 2, amount: '100000.00' });
      expect(class2.every((s) => s.consumedBy === class1[0]!.caseId)).toBe(true);
    }
    await expectAuditIntact(w.db);
  });
}, ['postgres']);

describeEachBackend('a sanctions import and an approval of the same partner at once (R-DETERMINE, R-P2, issue #8)', (getDb) => {
  it('never rank the same: the import waits for the approval or the approval finds the imported sanction and is refused', async () => {
    const w = await caseWorld(getDb());
    const ids = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
    await importPartners(w.deps, partnersCsv(ids.map((id, i) => [id, `Partner ${id}`, 'service', 'silver', `U0RACEP${i}`]), 'race-partners.csv'));
    const proposals: ProposeResult[] = [];
    for (const partnerId of ids) {
      const r = await report(w, { partnerId, itemId: 'SVC-09' });
      proposals.push(await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' }));
    }
    // Each partner: its approval and an import of a class-2 sanction noticed the same day, all at once.
    await Promise.all(ids.flatMap((partnerId, i) => [
      decideDetermination(w.cases, { key: key('race'), actor: { platform: 'slack', userId: 'U0APPROVER' }, determinationId: proposals[i]!.determinationId, approve: true }),
      importSanctions(w.deps, sanctionsCsv([[`H-${partnerId}`, partnerId, 'SVC-10', '2026-06-01', '2026-06-01', 'false']], `history-${partnerId}.csv`)),
    ]));

    const rows = await w.db.select().from(sanctions);
    for (const partnerId of ids) {
      const ranks = rows.filter((s) => s.partnerId === partnerId).map((s) => (s.explanation as { steps: { counted: string[] }[] }).steps[0]!.counted.length);
      // Either both are on record as 1st and 2nd, or the approval was refused and only the import is (1st).
      expect(new Set(ranks).size).toBe(ranks.length);
      expect([[1], [1, 2]]).toContainEqual([...ranks].sort());
    }
  });
}, ['postgres']);

