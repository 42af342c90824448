import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/domain/money.ts';
import { PREVIEW_CASE_ID, previewSanction } from '../../../src/service/rules/preview-sanction.ts';
import { describeEachBackend } from '../../support/databases.ts';
import {
  CLASS1_ITEM,
  CLASS2_ITEM,
  CLASS3_ITEM,
  domainErrorOf,
  givenLedger,
  givenPartner,
  givenSanctions,
  rowCounts,
  serviceWorld,
  type ServiceWorld,
} from '../../support/service-fixtures.ts';

const amountOf = async (w: ServiceWorld, input: Parameters<typeof previewSanction>[1]) => formatAmount((await previewSanction(w.rules, input)).decision.amount);

describeEachBackend('previewing a new violation', (getDb) => {
  it('a class-2 violation is ranked among the imported class-2 sanctions still valid on the day (R-P2)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['H-1', CLASS2_ITEM, '2025-07-01'],
      ['H-2', CLASS2_ITEM, '2025-09-01'],
    ]);
    const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: 'svc-12', on: '2026-03-02' });
    expect(j.item.id).toBe('SVC-12');
    expect(j.decision).toMatchObject({ baseClass: 2, finalClass: 2, policyVersion: 'FY22', consumes: [] });
    expect(formatAmount(j.decision.amount)).toBe('50000.00');
    expect(j.decision.steps.map((s) => [s.rule, s.counted])).toEqual([['R-P2', ['H-1', 'H-2', PREVIEW_CASE_ID]]]);
  });

  it('an imported class-2 sanction of 2025-05-15 counts through 2026-05-15 and no longer on 2026-05-16 (R-P2 reading, R-PERIOD)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [['H-1', CLASS2_ITEM, '2025-05-15']]);
    expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS2_ITEM, on: '2026-05-15' })).toBe('10000.00');
    expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS2_ITEM, on: '2026-05-16' })).toBe('5000.00');
  });

  it('the 4th valid class 2 is previewed as class 1 and names the three it would consume (R-P2, R-CASCADE)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['H-1', CLASS2_ITEM, '2025-07-01'],
      ['H-2', CLASS2_ITEM, '2025-08-01'],
      ['H-3', CLASS2_ITEM, '2025-09-01'],
    ]);
    const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS2_ITEM, on: '2025-10-01' });
    expect(j.decision).toMatchObject({ baseClass: 2, finalClass: 1, consumes: ['H-1', 'H-2', 'H-3'] });
    expect(j.decision.steps.map((s) => s.rule)).toEqual(['R-P2', 'R-P1']);
    expect(formatAmount(j.decision.amount)).toBe('100000.00');
  });

  it('a class-3 violation after two valid warnings is previewed as class 2 (R-P3)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [
      ['W-1', CLASS3_ITEM, '2025-09-01'],
      ['W-2', CLASS3_ITEM, '2025-12-01'],
    ]);
    const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS3_ITEM, on: '2026-02-01' });
    expect(j.decision).toMatchObject({ baseClass: 3, finalClass: 2, consumes: ['W-1', 'W-2'] });
    expect(formatAmount(j.decision.amount)).toBe('5000.00');
  });

  describe('the fiscal year of the day (R-FY)', () => {
    async function withFees(): Promise<ServiceWorld> {
      const w = await serviceWorld(getDb());
      await givenPartner(w, 'P1');
      await givenLedger(w, [
        ['P1', '2025-03-31', 'service_fee_paid', '900000.00'], // FY25
        ['P1', '2025-04-01', 'service_fee_paid', '300000.00'], // FY26, first day
        ['P1', '2026-03-31', 'service_fee_paid', '200000.00'], // FY26, last day
        ['P1', '2026-04-01', 'service_fee_paid', '360000.00'], // FY27, first day
        ['P1', '2026-04-15', 'service_fee_paid', '1000000.00'], // FY27
        ['P1', '2026-01-10', 'service_fee_unpaid', '5000000.00'], // unpaid fees never count for R-P1
      ]);
      return w;
    }

    it('class 1 is 30% of the service fees paid in the fiscal year of the day, counting fees paid on 31 March (R-P1, R-FY)', async () => {
      const w = await withFees();
      const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-03-31' });
      expect(formatAmount(j.decision.amount)).toBe('150000.00');
      expect(j.decision.steps[0]!.reason).toContain('FY26 2025-04-01…2026-03-31');
    });

    it('on 1 April the new fiscal year starts: fees paid on 31 March no longer count (R-P1, R-FY)', async () => {
      const w = await withFees();
      expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-04-01' })).toBe('108000.00');
    });

    it('fees dated after the day do not count yet (R-P1 reading)', async () => {
      const w = await withFees();
      expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-04-14' })).toBe('108000.00');
      expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-04-15' })).toBe('408000.00');
    });

    it('when 30% of the fees is below CNY 100,000 the floor applies (R-P1)', async () => {
      const w = await withFees();
      expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-03-30' })).toBe('100000.00');
    });
  });

  it('30% of CNY 400,000.05 is CNY 120,000.02, rounded half-up once (R-P1, R-LATE reading)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-05-01', 'service_fee_paid', '400000.00'],
      ['P1', '2025-06-01', 'service_fee_paid', '0.05'],
    ]);
    expect(await amountOf(w, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2025-12-01' })).toBe('120000.02');
  });

  it('the penalty is taken from the deposit, then prepayments, then unpaid service fees; the rest is owed (R-DEDUCT)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-05-01', 'deposit', '40000.00'],
      ['P1', '2025-08-01', 'deposit', '-10000.00'], // part of the deposit returned
      ['P1', '2025-05-01', 'prepayment', '20000.00'],
      ['P1', '2025-06-01', 'service_fee_unpaid', '15000.00'],
      ['P1', '2026-01-01', 'deposit', '500000.00'], // after the day: not there yet
    ]);
    const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2025-12-01' });
    expect(Object.fromEntries(Object.entries(j.deduction).map(([k, v]) => [k, formatAmount(v)]))).toEqual({
      deposit: '30000.00',
      prepayment: '20000.00',
      serviceFee: '15000.00',
      owed: '35000.00',
    });
    const small = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS2_ITEM, on: '2025-12-01' });
    expect(Object.values(small.deduction).map((v) => formatAmount(v))).toEqual(['5000.00', '0.00', '0.00', '0.00']);
  });

  it('a class-1 preview with --terminate lists the restrictions of a terminated partner, from the day (R-RESTRICT)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const j = await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-02-10', terminate: true });
    expect(j.decision.terminated).toBe(true);
    expect(j.decision.restrictions.map((r) => [r.kind, r.from, r.until])).toEqual([
      ['no_onboarding', '2026-02-10', '2027-02-11'],
      ['no_new_program', '2026-02-10', '2027-02-11'],
    ]);
  });

  it('a preview stores nothing', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenSanctions(w, 'P1', [['H-1', CLASS2_ITEM, '2025-07-01']]);
    const before = await rowCounts(w.db);
    await previewSanction(w.rules, { partnerId: 'P1', itemId: CLASS1_ITEM, on: '2026-02-10', terminate: true });
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('an unknown partner, an unknown item, a bad date and a violation in the future are refused with coded errors', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const codeOf = async (input: Parameters<typeof previewSanction>[1]) => (await domainErrorOf(previewSanction(w.rules, input))).code;
    expect(await codeOf({ partnerId: 'NOPE', itemId: CLASS2_ITEM, on: '2026-01-10' })).toBe('partner.not_found');
    expect(await codeOf({ partnerId: 'P1', itemId: 'SVC-99', on: '2026-01-10' })).toBe('catalog.unknown_item');
    expect(await codeOf({ partnerId: 'P1', itemId: CLASS2_ITEM, on: '2026-02-30' })).toBe('input.bad_date');
    // The clock says 2026-06-01 in Shanghai.
    expect(await codeOf({ partnerId: 'P1', itemId: CLASS2_ITEM, on: '2026-06-10', occurred: '2026-06-02' })).toBe('input.date_in_future');
    expect(await codeOf({ partnerId: 'P1', itemId: CLASS2_ITEM, on: '2026-01-10', occurred: '2026-01-11' })).toBe('input.occurred_after_notice');
    expect(await codeOf({ partnerId: 'P1', itemId: CLASS2_ITEM, on: '2020-01-10' })).toBe('policy.none_in_force');
  });
});
