import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { applyForExit, checkExits, exitFacts, exitPartner, type ExitDeps } from '../../../src/service/exits/exit-partner.ts';
import { importContracts } from '../../../src/service/imports/import-contracts.ts';
import { importSanctions } from '../../../src/service/imports/import-sanctions.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { requestForPartner } from '../../../src/service/requests/partner-request.ts';
import { exitDue } from '../../../src/domain/exits/exit-due.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { CLASS1_ITEM, contractsCsv, domainErrorOf, query, rowCounts, sanctionsCsv } from '../../support/service-fixtures.ts';
import { A_LINK, givenOtherPartner, P2_CONTACT, report } from '../cases/case-steps.ts';

const deps = (w: CaseWorld): ExitDeps => ({ db: w.db, clock: w.clock, jobs: noJobScheduler, actor: 'cli:test' });

async function notices(w: CaseWorld) {
  const rows = await query<{ recipient: { type: string; userId?: string; channel?: string }; payload: { exitKind: string; endsOn: string; rule: string } }>(
    w.db, sql`select recipient, payload from outbox where kind = 'partner_exited' order by id`);
  return rows.map((r) => `${r.payload.rule} ${r.payload.endsOn} → ${r.recipient.type === 'user' ? r.recipient.userId : `#${r.recipient.channel}`}`);
}
const status = async (w: CaseWorld, id = 'P1') => (await query<{ status: string }>(w.db, sql`select status from partners where id = ${id}`))[0]!.status;
const contactsOf = async (w: CaseWorld, id = 'P1') => (await query<{ user_id: string }>(w.db, sql`select user_id from contacts where partner_id = ${id}`)).map((r) => r.user_id);
const audits = async (w: CaseWorld) => query<{ subject: string; payload: { rule: string } }>(w.db, sql`select subject, payload from audit_events where action = 'partner.exited' order by id`);

describeEachBackend('§6 R-EXIT-*: a partner’s qualification ends, its contacts lose the role, a formal notice goes out', (getDb) => {
  it('R-EXIT-EXPIRY: a partner on the contract’s last day, exited the day after; told before the contacts go; idempotent', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    await importContracts(w.deps, contractsCsv([['P1', '2025-06-01', '2026-05-31', ''], ['P2', '2025-06-01', '2027-05-31', '']]));
    // The day before (the contract's last day): still a partner, and its contact may still report as one.
    expect(await checkExits(deps(w), '2026-05-31')).toEqual([]);
    expect(await status(w)).toBe('active');
    const asPartner = await report(w, { actor: { platform: 'slack', userId: 'U0PARTNER1' }, partnerId: 'P2', evidence: [A_LINK] });
    expect(asPartner.state).toBe('reported');

    const done = await checkExits(deps(w), '2026-06-01');
    expect(done).toMatchObject([{ partnerId: 'P1', kind: 'expiry', rule: 'R-EXIT-EXPIRY', endsOn: '2026-06-01', applied: true, contacts: [{ platform: 'slack', userId: 'U0PARTNER1' }] }]);
    expect(await status(w)).toBe('exited');
    expect(await status(w, 'P2')).toBe('active');
    expect(await contactsOf(w)).toEqual([]);
    expect(await contactsOf(w, 'P2')).toEqual(['U0PARTNER2']);
    expect(await notices(w)).toEqual(['R-EXIT-EXPIRY 2026-06-01 → U0PARTNER1', 'R-EXIT-EXPIRY 2026-06-01 → #notices']);
    expect(await audits(w)).toMatchObject([{ subject: 'P1/expiry/2026-06-01', payload: { rule: 'R-EXIT-EXPIRY' } }]);
    const [kept] = await query<{ contacts: unknown }>(w.db, sql`select contacts from partner_exits where partner_id = 'P1'`);
    expect(kept!.contacts).toEqual([{ platform: 'slack', userId: 'U0PARTNER1' }]);

    // Again, the same day or later: nothing new.
    const before = await rowCounts(w.db);
    expect(await checkExits(deps(w), '2026-06-01')).toEqual([]);
    expect(await checkExits(deps(w), '2026-06-30')).toEqual([]);
    expect(await exitPartner(deps(w), 'P1', { kind: 'expiry', rule: 'R-EXIT-EXPIRY', endsOn: '2026-06-01', basis: 'again' })).toMatchObject({ applied: false });
    expect(await rowCounts(w.db)).toEqual(before);
    expect(await audits(w)).toHaveLength(1);
    expect(await notices(w)).toHaveLength(2);
    // A different exit for an exited partner is refused.
    expect((await domainErrorOf(exitPartner(deps(w), 'P1', { kind: 'voluntary', rule: 'R-EXIT-VOLUNTARY', endsOn: '2026-06-02', basis: 'x' }))).code).toBe('exit.already_exited');

    // The former contact is no longer a partner: a report is refused as from someone with no role (src/service/access/actor.ts).
    const refused = await domainErrorOf(report(w, { actor: { platform: 'slack', userId: 'U0PARTNER1' }, partnerId: 'P2', evidence: [A_LINK] }));
    expect(refused).toMatchObject({ code: 'access.missing_role', details: { role: 'officer' } });
    // An upgrade for the exited partner is refused (onboarding anew stays the way back: src/domain/requests/partner-request.ts).
    const asked = await requestForPartner(w.rules, { kind: 'upgrade', category: 'consulting_sales', partnerId: 'P1', on: '2026-06-02', actor: { platform: 'cli', userId: 'test' } });
    expect(asked.granted).toBe(false);
    expect(asked.blockedBy).toMatchObject([{ kind: 'exited', rule: 'R-EXIT', until: null }]);
    // P2's contact still reports as a partner.
    expect((await report(w, { actor: P2_CONTACT, partnerId: 'P1', evidence: [A_LINK] })).state).toBe('reported');
  });

  it('R-EXIT-RENEWAL: renewal not completed by the notified date → ends the day after it; a renewal (a later term) keeps the partner', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    await importContracts(w.deps, contractsCsv([
      ['P1', '2025-06-01', '2026-06-30', '2026-06-15'],
      ['P2', '2025-06-01', '2026-06-30', '2026-06-15'], ['P2', '2026-07-01', '2027-06-30', ''],
    ]));
    expect(await checkExits(deps(w), '2026-06-15')).toEqual([]);
    const done = await checkExits(deps(w), '2026-06-16');
    expect(done.map((d) => `${d.partnerId} ${d.rule} ${d.endsOn}`)).toEqual(['P1 R-EXIT-RENEWAL 2026-06-16']);
    expect(await notices(w)).toEqual(['R-EXIT-RENEWAL 2026-06-16 → U0PARTNER1', 'R-EXIT-RENEWAL 2026-06-16 → #notices']);
    expect(await status(w, 'P2')).toBe('active');
  });

  it('R-EXIT-REMOVAL: a class-1 termination removes the partner from its decision day', async () => {
    const w = await caseWorld(getDb());
    await importSanctions(w.deps, sanctionsCsv([['C-T1', 'P1', CLASS1_ITEM, '2026-05-10', '2026-05-20', 'true']]));
    expect(await status(w)).toBe('terminated');
    const facts = (await exitFacts(w.db, 'P1'))!;
    expect(facts.termination).toEqual({ caseId: 'C-T1', decidedOn: '2026-05-20' });
    expect(exitDue(facts, '2026-05-19')).toBeNull();
    const done = await checkExits(deps(w), '2026-06-01');
    expect(done).toMatchObject([{ kind: 'removal', rule: 'R-EXIT-REMOVAL', endsOn: '2026-05-20' }]);
    expect(await status(w)).toBe('exited');
    expect(await contactsOf(w)).toEqual([]);
    expect(await notices(w)).toEqual(['R-EXIT-REMOVAL 2026-05-20 → U0PARTNER1', 'R-EXIT-REMOVAL 2026-05-20 → #notices']);
  });

  it('R-EXIT-VOLUNTARY: refused under a month’s notice or with the checklist open (nothing written); ends on the agreement date', async () => {
    const w = await caseWorld(getDb());
    const done = [{ item: 'customers placed', done: true }];
    const base = { partnerId: 'P1', appliedOn: '2026-06-01', requestedEndOn: '2026-07-02', agreementOn: '2026-07-02', checklist: done };
    const before = await rowCounts(w.db);
    expect(await domainErrorOf(applyForExit(deps(w), { ...base, requestedEndOn: '2026-07-01', agreementOn: '2026-07-01' }))).toMatchObject({ code: 'exit.notice_too_short', details: { earliest: '2026-07-02' } });
    expect(await domainErrorOf(applyForExit(deps(w), { ...base, checklist: [...done, { item: 'orders moved', done: false }] }))).toMatchObject({ code: 'exit.checklist_incomplete', details: { open: ['orders moved'] } });
    expect((await domainErrorOf(applyForExit(deps(w), { ...base, partnerId: 'NOPE' }))).code).toBe('partner.not_found');
    expect(await rowCounts(w.db)).toEqual(before);
    const [n0] = await query<{ n: number }>(w.db, sql`select count(*)::int as n from exit_applications`);
    expect(n0!.n).toBe(0);

    expect(await applyForExit(deps(w), base)).toEqual({ recorded: true });
    expect(await applyForExit(deps(w), base)).toEqual({ recorded: false });
    expect(await checkExits(deps(w), '2026-07-01')).toEqual([]);
    expect(await status(w)).toBe('active');
    expect(await checkExits(deps(w), '2026-07-02')).toMatchObject([{ kind: 'voluntary', rule: 'R-EXIT-VOLUNTARY', endsOn: '2026-07-02' }]);
    expect(await status(w)).toBe('exited');
    expect(await notices(w)).toEqual(['R-EXIT-VOLUNTARY 2026-07-02 → U0PARTNER1', 'R-EXIT-VOLUNTARY 2026-07-02 → #notices']);
    expect((await domainErrorOf(applyForExit(deps(w), { ...base, appliedOn: '2026-07-03', requestedEndOn: '2026-08-04', agreementOn: '2026-08-04' }))).code).toBe('exit.already_exited');
  });
});
