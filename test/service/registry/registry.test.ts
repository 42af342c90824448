// Issue 11, R-CAT: admins add and change partners, their contracts and programs; each change one audited step, idempotent by its key.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents } from '../../../src/db/schema/index.ts';
import { exitFacts } from '../../../src/service/exits/exit-partner.ts';
import { readRegistryEntry, registryEntryForAdmin } from '../../../src/service/registry/registry-entry.ts';
import { changeProgram, type ProgramForm } from '../../../src/service/registry/change-program.ts';
import { saveContract, type ContractForm } from '../../../src/service/registry/save-contract.ts';
import { addPartner, editPartner, type PartnerForm } from '../../../src/service/registry/save-partner.ts';
import { ADMIN, caseWorld, key, OFFICER, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { expectAuditIntact } from '../cases/case-steps.ts';
import { domainErrorOf, rowCounts } from '../../support/service-fixtures.ts';

const p2 = (over: Partial<PartnerForm> = {}): PartnerForm => ({
  key: key('add'), actor: ADMIN, partnerId: 'P2', name: 'Partner Two',
  levels: { consulting_sales: 'gold', service: 'silver' }, slackContacts: 'U0PARTNER2, U0PARTNER3', dingtalkContacts: 'manager4567', ...over,
});

async function version(w: CaseWorld, id: string): Promise<string> {
  return (await readRegistryEntry(w.db, id))!.version;
}

async function auditOf(w: CaseWorld, subject: string) {
  return w.db.select({ action: auditEvents.action, actor: auditEvents.actor, payload: auditEvents.payload }).from(auditEvents).where(eq(auditEvents.subject, subject)).orderBy(auditEvents.id);
}

describeEachBackend('the registry changed by admins (issue 11, R-CAT)', (getDb) => {
  it('an admin adds a partner with two categories, each with its level, and Slack and DingTalk contacts; audited once; the same key again changes nothing', async () => {
    const w = await caseWorld(getDb());
    const form = p2();
    expect(await addPartner(w.cases, form)).toEqual({ partnerId: 'P2', added: true, categories: [{ category: 'consulting_sales', level: 'gold' }, { category: 'service', level: 'silver' }], contacts: 3 });
    const entry = await registryEntryForAdmin(w.db, ADMIN, 'P2');
    expect(entry).toMatchObject({
      name: 'Partner Two', status: 'active',
      categories: [{ category: 'consulting_sales', level: 'gold' }, { category: 'service', level: 'silver' }],
      contacts: [{ platform: 'dingtalk', userId: 'manager4567' }, { platform: 'slack', userId: 'U0PARTNER2' }, { platform: 'slack', userId: 'U0PARTNER3' }],
    });
    const before = await rowCounts(w.db);
    expect(await addPartner(w.cases, form)).toMatchObject({ partnerId: 'P2', added: true });
    expect(await rowCounts(w.db)).toEqual(before);
    expect((await auditOf(w, 'P2')).map((a) => [a.action, a.actor])).toEqual([['registry.partner_added', 'slack:U0ADMIN']]);
    // Another key for the same id: taken.
    expect((await domainErrorOf(addPartner(w.cases, p2()))).code).toBe('registry.partner_exists');
    await expectAuditIntact(w.db);
  });

  it('bad input is refused with the imports’ own rules, by field, and writes nothing', async () => {
    const w = await caseWorld(getDb());
    const before = await rowCounts(w.db);
    const cases: [Partial<PartnerForm>, string, string][] = [
      [{ partnerId: 'P 2' }, 'registry.invalid', 'partner_id'],
      [{ name: ' ' }, 'registry.invalid', 'name'],
      [{ levels: {} }, 'registry.no_category', 'levels'],
      [{ levels: { service: 'x'.repeat(41) } }, 'registry.invalid', 'level_service'],
      [{ slackContacts: 'bob' }, 'registry.invalid', 'slack_contacts'],
      [{ dingtalkContacts: '!?' }, 'registry.invalid', 'dingtalk_contacts'],
    ];
    for (const [over, code, field] of cases) {
      const e = await domainErrorOf(addPartner(w.cases, p2(over)));
      expect({ over, code: e.code, field: (e.details as { field?: string }).field }).toEqual({ over, code, field });
    }
    const contract = await domainErrorOf(saveContract(w.cases, { key: key(), actor: ADMIN, partnerId: 'P1', version: await version(w, 'P1'), startsOn: '2026-04-01', endsOn: '2026-02-30', renewalNoticeOn: '', replaces: null }));
    expect({ code: contract.code, field: (contract.details as { field?: string }).field, message: contract.message }).toEqual({ code: 'registry.invalid', field: 'ends_on', message: 'ends_on "2026-02-30" is not a real date written YYYY-MM-DD' });
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('only admins change the registry: an officer is refused, naming the admin role, and nothing is written', async () => {
    const w = await caseWorld(getDb());
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(addPartner(w.cases, p2({ actor: OFFICER })));
    expect(e.code).toBe('access.missing_role');
    expect(e.message).toBe('<@U0OFFICER> needs the admin role to add or change a partner in the registry.');
    expect((await domainErrorOf(registryEntryForAdmin(w.db, OFFICER, 'P1'))).code).toBe('access.missing_role');
    expect((await domainErrorOf(editPartner(w.cases, { ...p2({ actor: OFFICER, partnerId: 'P1' }), version: await version(w, 'P1') }))).code).toBe('access.missing_role');
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('an admin edits a partner over the version the form showed; an edit over an older version is told it changed and writes nothing', async () => {
    const w = await caseWorld(getDb());
    const v0 = await version(w, 'P1');
    const edit = { ...p2({ partnerId: 'P1', name: 'Partner One Ltd', levels: { consulting_sales: 'platinum' }, slackContacts: 'U0PARTNER1 U0PARTNER9', dingtalkContacts: '' }), version: v0 };
    expect(await editPartner(w.cases, edit)).toMatchObject({ partnerId: 'P1', added: false, contacts: 2 });
    expect(await readRegistryEntry(w.db, 'P1')).toMatchObject({ name: 'Partner One Ltd', categories: [{ category: 'consulting_sales', level: 'platinum' }] });
    const [changed] = (await auditOf(w, 'P1')).filter((a) => a.action === 'registry.partner_changed');
    expect(changed!.payload).toMatchObject({ before: { name: 'Partner One', categories: [{ category: 'consulting_sales', level: 'gold' }] }, after: { name: 'Partner One Ltd' }, rule: 'R-CAT' });
    // Slack retries the same submission: the first result, nothing more.
    const before = await rowCounts(w.db);
    expect(await editPartner(w.cases, edit)).toMatchObject({ partnerId: 'P1', added: false });
    expect(await rowCounts(w.db)).toEqual(before);
    // A second form opened before the first edit.
    expect((await domainErrorOf(editPartner(w.cases, { ...edit, key: key(), name: 'Stale' }))).code).toBe('registry.changed_under_you');
    expect((await readRegistryEntry(w.db, 'P1'))!.name).toBe('Partner One Ltd');
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('contracts: a term is added, changed in place, and may not share a day with another; the renewal-notice date is kept for the exits', async () => {
    const w = await caseWorld(getDb());
    const form = async (over: Partial<ContractForm>): Promise<ContractForm> => ({ key: key(), actor: ADMIN, partnerId: 'P1', version: await version(w, 'P1'), startsOn: '2025-04-01', endsOn: '2026-03-31', renewalNoticeOn: '', replaces: null, ...over });
    expect(await saveContract(w.cases, await form({}))).toEqual({ partnerId: 'P1', startsOn: '2025-04-01', endsOn: '2026-03-31', renewalNoticeOn: null, replaced: null });
    expect(await saveContract(w.cases, await form({ endsOn: '2027-03-31', renewalNoticeOn: '2027-01-15', replaces: '2025-04-01' }))).toMatchObject({ endsOn: '2027-03-31', renewalNoticeOn: '2027-01-15', replaced: '2025-04-01' });
    const overlap = await domainErrorOf(saveContract(w.cases, await form({ startsOn: '2027-03-31', endsOn: '2028-03-31' })));
    expect({ code: overlap.code, field: (overlap.details as { field?: string }).field }).toEqual({ code: 'registry.contract_overlap', field: 'starts_on' });
    await saveContract(w.cases, await form({ startsOn: '2027-04-01', endsOn: '2028-03-31' }));
    expect((await readRegistryEntry(w.db, 'P1'))!.contracts).toEqual([
      { startsOn: '2025-04-01', endsOn: '2027-03-31', renewalNoticeOn: '2027-01-15' },
      { startsOn: '2027-04-01', endsOn: '2028-03-31', renewalNoticeOn: null },
    ]);
    expect((await auditOf(w, 'P1')).filter((a) => a.action === 'registry.contract_saved')).toHaveLength(3);
    // What R-EXIT-EXPIRY and R-EXIT-RENEWAL read is what the admin saved.
    expect((await exitFacts(w.db, 'P1'))!.contracts).toEqual(expect.arrayContaining([{ startsOn: '2025-04-01', endsOn: '2027-03-31', renewalNoticeOn: '2027-01-15' }]));
  });

  it('programs: a partner joins a program on a category it holds, not twice, and leaves it; a category a program sits on stays until it leaves', async () => {
    const w = await caseWorld(getDb());
    const form = async (over: Partial<ProgramForm>): Promise<ProgramForm> => ({ key: key(), actor: ADMIN, partnerId: 'P1', version: await version(w, 'P1'), action: 'join', program: 'Cloud MSP', category: 'consulting_sales', joinedOn: '2026-05-01', ...over });
    const notHeld = await domainErrorOf(changeProgram(w.cases, await form({ category: 'service' })));
    expect({ code: notHeld.code, field: (notHeld.details as { field?: string }).field }).toEqual({ code: 'registry.invalid', field: 'category' });
    expect(await changeProgram(w.cases, await form({}))).toEqual({ partnerId: 'P1', action: 'join', program: 'Cloud MSP', category: 'consulting_sales', joinedOn: '2026-05-01' });
    expect((await domainErrorOf(changeProgram(w.cases, await form({})))).code).toBe('registry.already_in_program');
    const drop = await domainErrorOf(editPartner(w.cases, { ...p2({ partnerId: 'P1', name: 'Partner One', levels: { service: 'gold' } }), version: await version(w, 'P1') }));
    expect({ code: drop.code, field: (drop.details as { field?: string }).field }).toEqual({ code: 'registry.category_in_use', field: 'level_consulting_sales' });
    expect(await changeProgram(w.cases, await form({ action: 'leave', category: '', joinedOn: '' }))).toMatchObject({ action: 'leave', program: 'Cloud MSP', joinedOn: '2026-05-01' });
    expect((await readRegistryEntry(w.db, 'P1'))!.programs).toEqual([]);
    expect((await domainErrorOf(changeProgram(w.cases, await form({ action: 'leave' })))).code).toBe('registry.not_in_program');
    expect((await auditOf(w, 'P1')).map((a) => a.action).filter((a) => a.startsWith('registry.'))).toEqual(['registry.program_joined', 'registry.program_left']);
    await expectAuditIntact(w.db);
  });
});

/**
 * Two admins submit a change to one partner at once, over the same version
 * (real parallel connections: PostgreSQL only). Reading: the first to lock
 * the partner wins; the second waits, finds another version and is told the
 * partner changed under them. One audited change, the winner's state.
 */
describeEachBackend(
  'two admins changing one partner at once (issue 11)',
  (getDb) => {
    it('one edit wins and is audited; the other is told the partner changed and writes nothing', async () => {
      const w = await caseWorld(getDb());
      const v0 = await version(w, 'P1');
      const names = Array.from({ length: 8 }, (_, i) => `Partner One #${i}`);
      const settled = await Promise.allSettled(
        names.map((name) => editPartner(w.cases, { ...p2({ partnerId: 'P1', name, levels: { consulting_sales: 'gold' }, slackContacts: 'U0PARTNER1', dingtalkContacts: '' }), version: v0 })),
      );
      const won = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [names[i]!] : []));
      const lost = settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as { code?: string }).code] : []));
      expect(won).toHaveLength(1);
      expect(lost).toEqual(Array(7).fill('registry.changed_under_you'));
      expect((await readRegistryEntry(w.db, 'P1'))!.name).toBe(won[0]);
      const changes = (await auditOf(w, 'P1')).filter((a) => a.action === 'registry.partner_changed');
      expect(changes.map((c) => (c.payload as { after: { name: string } }).after.name)).toEqual(won);
      await expectAuditIntact(w.db);
    });

    it('two admins adding one id at once: one adds it, the other is told it exists; one partner, one audit event', async () => {
      const w = await caseWorld(getDb());
      const settled = await Promise.allSettled([addPartner(w.cases, p2({ name: 'First' })), addPartner(w.cases, p2({ name: 'Second' }))]);
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      expect(settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as { code?: string }).code] : []))).toEqual(['registry.partner_exists']);
      expect((await auditOf(w, 'P2')).map((a) => a.action)).toEqual(['registry.partner_added']);
      expect((await readRegistryEntry(w.db, 'P2'))!.contacts).toHaveLength(3);
    });
  },
  ['postgres'],
);
