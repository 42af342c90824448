import { expect, it } from 'vitest';
import { formatAmount } from '../../../src/domain/money.ts';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { importSanctions } from '../../../src/service/imports/import-sanctions.ts';
import { partnerStanding, type Standing } from '../../../src/service/rules/partner-standing.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { CLASS2_ITEM, CLASS3_ITEM, domainErrorOf, givenLedger, givenPartner, givenSanctions, partnersCsv, sanctionsCsv, serviceWorld } from '../../support/service-fixtures.ts';

const validOf = (s: Standing) =>
  Object.fromEntries(([1, 2, 3] as const).map((c) => [c, s.valid[c].map((v) => [v.caseId, v.itemId, v.noticeDate, v.lastValidDay, formatAmount(v.amount)])]));
const STAFF = { platform: 'cli', userId: 'test' };
const restrictionsOf = (s: Standing) => s.restrictions.map((r) => [r.kind, r.from, r.until]);

describeEachBackend('a partner’s standing', (getDb) => {
  it('lists the sanctions still valid on the day, per class, each with the last day it counts, 12 months from its announcement (R-P1, R-P2, R-P3, R-PERIOD)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['C2-OLD', CLASS2_ITEM, '2025-06-01'],
      ['W-1', CLASS3_ITEM, '2025-09-01'],
      ['C1', 'OTH-01', '2025-11-01'],
      ['C2-NEW', 'MKT-05', '2026-03-01'],
    ]);
    const s = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2026-05-31' });
    expect(s).toMatchObject({ on: '2026-05-31', policyVersion: 'FY22' });
    expect(validOf(s)).toEqual({
      1: [['C1', 'OTH-01', '2025-11-01', '2026-11-01', '100000.00']],
      2: [
        ['C2-OLD', CLASS2_ITEM, '2025-06-01', '2026-06-01', '5000.00'],
        ['C2-NEW', 'MKT-05', '2026-03-01', '2027-03-01', '10000.00'],
      ],
      3: [['W-1', CLASS3_ITEM, '2025-09-01', '2026-09-01', '0.00']],
    });
    expect(formatAmount(s.next[2].amount)).toBe('50000.00');
  });

  it('a class-2 sanction announced 2025-06-01 counts through 2026-06-01 and no longer on 2026-06-02 (R-P2 reading, R-PERIOD)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['C2-OLD', CLASS2_ITEM, '2025-06-01'],
      ['C2-NEW', CLASS2_ITEM, '2026-03-01'],
    ]);
    const last = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2026-06-01' });
    expect(last.valid[2].map((v) => [v.caseId, v.lastValidDay])).toEqual([['C2-OLD', '2026-06-01'], ['C2-NEW', '2027-03-01']]);
    expect(formatAmount(last.next[2].amount)).toBe('50000.00');
    const s = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2026-06-02' });
    expect(s.valid[2].map((v) => v.caseId)).toEqual(['C2-NEW']);
    expect(s.next[2]).toMatchObject({ finalClass: 2 });
    expect(formatAmount(s.next[2].amount)).toBe('10000.00');
  });

  it('sanctions consumed by a cascade stay on record but are no longer valid (R-CASCADE)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['A', CLASS2_ITEM, '2025-07-01'],
      ['B', CLASS2_ITEM, '2025-08-01'],
      ['C', CLASS2_ITEM, '2025-09-01'],
      ['D', CLASS2_ITEM, '2025-10-01'],
    ]);
    const s = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-12-01' });
    expect(s.valid[1].map((v) => v.caseId)).toEqual(['D']);
    expect(s.valid[2]).toEqual([]);
    // Nothing is left to rank a new class 2 against.
    expect(formatAmount(s.next[2].amount)).toBe('5000.00');
  });

  it('restrictions in force are the union of overlapping ones, each kind until the last of them ends (R-RESTRICT)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['A', CLASS2_ITEM, '2026-01-10'], // through 2026-04-10, until 2026-04-11
      ['B', CLASS2_ITEM, '2026-03-01'], // through 2026-06-01, until 2026-06-02
    ]);
    const on = async (day: string) => restrictionsOf(await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: day }));
    expect(await on('2026-01-09')).toEqual([]);
    expect(await on('2026-01-10')).toEqual([
      ['no_upgrade', '2026-01-10', '2026-04-11'],
      ['no_onboarding', '2026-01-10', '2026-04-11'],
      ['no_new_program', '2026-01-10', '2026-04-11'],
    ]);
    expect(await on('2026-04-09')).toEqual([
      ['no_upgrade', '2026-03-01', '2026-06-02'],
      ['no_onboarding', '2026-03-01', '2026-06-02'],
      ['no_new_program', '2026-03-01', '2026-06-02'],
    ]);
    expect(await on('2026-06-01')).toHaveLength(3);
    expect(await on('2026-06-02')).toEqual([]);
  });

  it('a kept class-1 partner is restricted for a year, a terminated one is not held back from upgrades (R-RESTRICT)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenPartner(w, 'P2', 'Partner Two');
    await givenSanctions(w, 'P1', [['K', 'OTH-01', '2025-08-01']], 'kept.csv');
    await importSanctions(w.deps, sanctionsCsv([['T', 'P2', 'OTH-01', '2025-08-01', '2025-08-01', 'true']], 'terminated.csv'));
    expect(restrictionsOf(await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2026-07-31' }))).toEqual([
      ['no_upgrade', '2025-08-01', '2026-08-02'],
      ['no_onboarding', '2025-08-01', '2026-08-02'],
      ['no_new_program', '2025-08-01', '2026-08-02'],
    ]);
    const p2 = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P2', on: '2026-07-31' });
    expect(p2.partner.status).toBe('terminated');
    expect(restrictionsOf(p2)).toEqual([
      ['no_onboarding', '2025-08-01', '2026-08-02'],
      ['no_new_program', '2025-08-01', '2026-08-02'],
    ]);
  });

  it('shows the balances on the day and owes nothing for imported history, which was settled elsewhere (R-DEDUCT, R-LEDGER)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-05-01', 'deposit', '40000.00'],
      ['P1', '2025-05-02', 'prepayment', '1234.56'],
      ['P1', '2025-05-03', 'service_fee_unpaid', '0.10'],
      ['P1', '2025-05-04', 'service_fee_unpaid', '0.20'],
      ['P1', '2025-03-31', 'service_fee_paid', '70000.00'], // FY25
      ['P1', '2025-04-01', 'service_fee_paid', '80000.00'], // FY26
      ['P1', '2026-01-01', 'deposit', '999.00'], // after the day
    ]);
    await givenSanctions(w, 'P1', [['C1', 'OTH-01', '2025-06-01']]);
    const s = await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2025-12-31' });
    expect(Object.fromEntries(Object.entries(s.balances).map(([k, v]) => [k, formatAmount(v)]))).toEqual({
      serviceFeesPaidThisFiscalYear: '80000.00',
      deposit: '40000.00',
      prepayment: '1234.56',
      serviceFeeUnpaid: '0.30',
    });
    expect(s.owed).toEqual([]);
    expect(formatAmount(s.totalOwed)).toBe('0.00');
    expect(formatAmount(s.totalLateFees)).toBe('0.00');
  });

  it('without a day it is today’s standing; an unknown partner is a coded error', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    expect((await partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1' })).on).toBe('2026-06-01');
    expect((await domainErrorOf(partnerStanding(w.rules, { viewer: STAFF, partnerId: 'NOPE' }))).code).toBe('partner.not_found');
    expect((await domainErrorOf(partnerStanding(w.rules, { viewer: STAFF, partnerId: 'P1', on: '2026-13-01' }))).code).toBe('input.bad_date');
  });

  it('only staff and the partner’s own contacts see its standing; to anyone else the partner does not exist', async () => {
    const w = await serviceWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1'], ['P2', 'Partner Two', 'consulting_sales', 'gold', 'U0PARTNER2']]));
    await grantRole({ db: w.db, clock: w.clock }, { userId: 'U0APPROVER', role: 'approver', by: 'test' });
    const as = (userId: string) => ({ platform: 'slack', userId });
    expect((await partnerStanding(w.rules, { partnerId: 'P1', viewer: as('U0PARTNER1') })).partner.id).toBe('P1');
    expect((await partnerStanding(w.rules, { partnerId: 'P1', viewer: as('U0APPROVER') })).partner.id).toBe('P1');
    for (const stranger of ['U0PARTNER2', 'U0NOBODY']) {
      const e = await domainErrorOf(partnerStanding(w.rules, { partnerId: 'P1', viewer: as(stranger) }));
      expect([e.code, e.message]).toEqual(['partner.not_found', 'No partner with id "P1".']);
    }
  });
});
