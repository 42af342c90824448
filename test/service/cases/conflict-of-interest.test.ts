import { expect, it } from 'vitest';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { sendNotice } from '../../../src/service/cases/staff-steps.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import type { Actor } from '../../../src/service/access/actor.ts';
import { APPROVER, APPROVER2, caseWorld, key, OFFICER, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, partnersCsv } from '../../support/service-fixtures.ts';
import { A_LINK, P2_CONTACT, report, worldSnapshot } from './case-steps.ts';

async function proposed(w: CaseWorld, caseId: string): Promise<number> {
  return (await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'The facts are clear' })).determinationId;
}

/** The approver is refused with the named conflict, nothing changes, and an approver without one decides. */
async function expectConflict(w: CaseWorld, determinationId: number, barred: Actor, conflict: string): Promise<void> {
  const before = await worldSnapshot(w.db);
  const e = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: barred, determinationId, approve: true }));
  expect(e).toMatchObject({ code: 'determination.conflict_of_interest', details: { conflict } });
  expect(await worldSnapshot(w.db)).toEqual(before);
  const free = barred.userId === APPROVER.userId ? APPROVER2 : APPROVER;
  expect(await decideDetermination(w.cases, { key: key(), actor: free, determinationId, approve: true })).toMatchObject({ approved: true });
}

describeEachBackend('an approver with a conflict of interest may not decide the case (R-DETERMINE)', (getDb) => {
  it('a contact of the partner concerned', async () => {
    const w = await caseWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1;U0APPROVER']], 'p1-with-approver.csv'));
    const { caseId } = await report(w);
    await expectConflict(w, await proposed(w, caseId), APPROVER, 'accused_contact');
  });

  it('the person who reported the case', async () => {
    const w = await caseWorld(getDb());
    await grantRole({ db: w.db, clock: w.clock }, { userId: APPROVER2.userId, role: 'officer', by: 'test' });
    const { caseId } = await report(w, { actor: APPROVER2 });
    await expectConflict(w, await proposed(w, caseId), APPROVER2, 'reporter');
  });

  it('a contact of the partner that reported it', async () => {
    const w = await caseWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P2', 'Partner Two', 'service', 'silver', 'U0PARTNER2;U0APPROVER']], 'p2-with-approver.csv'));
    const { caseId } = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    await sendNotice(w.cases, { key: key(), actor: OFFICER, caseId });
    await expectConflict(w, await proposed(w, caseId), APPROVER, 'reporter_contact');
  });

  it('the proposer keeps the self-approval refusal', async () => {
    const w = await caseWorld(getDb());
    const { caseId } = await report(w);
    const e = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: OFFICER, determinationId: await proposed(w, caseId), approve: true }));
    expect(e.code).toBe('determination.self_approval');
  });
});
