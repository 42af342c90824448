import { describe, expect, it } from 'vitest';
import {
  assessmentsDue,
  categoryHasPeriod,
  nextAssessmentMonth,
  parseAssessmentPeriod,
  type AssessedCategory,
} from '../../../src/domain/assessments/assessment-cycle.ts';
import { applyAssessmentResult } from '../../../src/domain/assessments/assessment-result.ts';
import { upgradeBlockersOn } from '../../../src/domain/restrictions/upgrade-block.ts';
import type { Restriction } from '../../../src/domain/restrictions/restriction.ts';

const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04'];

function dueNames(category: AssessedCategory): Record<string, string[]> {
  return Object.fromEntries(MONTHS.map((m) => [m, assessmentsDue(category, m).map((p) => p.name)]).filter(([, v]) => v!.length > 0));
}

describe('R-ASSESS (§3.1.2): the assessments each category has, month by month', () => {
  it('consulting & sales: a quarter in July, October, January and April, and the year in April', () => {
    expect(dueNames('consulting_sales')).toEqual({
      '2026-04': ['FY26-Q4', 'FY26'],
      '2026-07': ['FY27-Q1'],
      '2026-10': ['FY27-Q2'],
      '2027-01': ['FY27-Q3'],
      '2027-04': ['FY27-Q4', 'FY27'],
    });
  });

  it.each(['product_solution', 'service'] as const)('%s: the annual assessment in April only', (category) => {
    expect(dueNames(category)).toEqual({ '2026-04': ['FY26'], '2027-04': ['FY27'] });
  });

  it('cloud-marketplace vendors: none (reading: §3.1.2 names only three categories)', () => {
    expect(dueNames('marketplace')).toEqual({});
  });

  it('the annual assessment in April covers the previous fiscal year (R-FY: FY27 = 2026-04-01 … 2027-03-31)', () => {
    expect(parseAssessmentPeriod('FY27')).toEqual({
      name: 'FY27', kind: 'annual', fiscalYear: 'FY27', quarter: null, month: '2027-04', from: '2026-04-01', to: '2027-03-31',
    });
  });

  it('a quarter is named by the fiscal quarter it assesses and runs the month after it ends', () => {
    const q = (n: string) => { const p = parseAssessmentPeriod(n)!; return [p.from, p.to, p.month]; };
    expect(q('FY27-Q1')).toEqual(['2026-04-01', '2026-06-30', '2026-07']);
    expect(q('FY27-Q2')).toEqual(['2026-07-01', '2026-09-30', '2026-10']);
    expect(q('FY27-Q3')).toEqual(['2026-10-01', '2026-12-31', '2027-01']);
    expect(q('FY28-Q4')).toEqual(['2028-01-01', '2028-03-31', '2028-04']);
  });

  it('names that are not periods are refused', () => {
    for (const bad of ['2027', 'FY2027', 'FY27-Q5', 'fy27', 'FY27Q1', 'FY27-H1', '']) expect(parseAssessmentPeriod(bad)).toBeNull();
  });

  it('a quarter is a period of consulting & sales only; a year of the three assessed categories', () => {
    const quarter = parseAssessmentPeriod('FY27-Q2')!;
    const year = parseAssessmentPeriod('FY27')!;
    expect(['consulting_sales', 'product_solution', 'service', 'marketplace'].map((c) => categoryHasPeriod(c as AssessedCategory, quarter))).toEqual([true, false, false, false]);
    expect(['consulting_sales', 'product_solution', 'service', 'marketplace'].map((c) => categoryHasPeriod(c as AssessedCategory, year))).toEqual([true, true, true, false]);
  });

  it('the next assessment month from any month', () => {
    expect(['2026-04', '2026-05', '2026-07', '2026-08', '2026-11', '2026-12', '2027-01', '2027-02'].map(nextAssessmentMonth)).toEqual([
      '2026-04', '2026-07', '2026-07', '2026-10', '2027-01', '2027-01', '2027-01', '2027-04',
    ]);
  });

  it('a month not written YYYY-MM is a clear error', () => {
    expect(() => assessmentsDue('service', '2026-7')).toThrow(/YYYY-MM/);
  });
});

describe('R-RESTRICT: an upgrade is held back while a restriction holds; downgrades are not', () => {
  const noUpgrade: Restriction = { kind: 'no_upgrade', from: '2026-03-01', until: '2026-06-02', rule: 'R-RESTRICT §5.5.6' };
  const noProgram: Restriction = { kind: 'no_new_program', from: '2026-03-01', until: '2026-09-02', rule: 'R-RESTRICT §5.5.6' };

  it('blocked the day before the restriction lifts, free the day it lifts (until is exclusive)', () => {
    expect(upgradeBlockersOn([noUpgrade, noProgram], '2026-06-01')).toEqual([noUpgrade]);
    expect(upgradeBlockersOn([noUpgrade, noProgram], '2026-06-02')).toEqual([]);
  });

  it('an unpaid late penalty (R-LATE) blocks an upgrade until paid', () => {
    const late: Restriction = { kind: 'late_payment', from: '2026-05-01', until: null, rule: 'R-LATE V-000001' };
    expect(upgradeBlockersOn([late], '2030-01-01')).toEqual([late]);
  });

  it('the outcome of each result', () => {
    expect(applyAssessmentResult('upgrade', 'silver', 'gold', [noUpgrade])).toEqual({
      outcome: 'held_back', levelBefore: 'silver', levelAfter: 'silver', heldBy: [{ kind: 'no_upgrade', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }],
    });
    expect(applyAssessmentResult('upgrade', 'silver', 'gold', []).outcome).toBe('upgraded');
    expect(applyAssessmentResult('downgrade', 'gold', 'silver', [noUpgrade])).toMatchObject({ outcome: 'downgraded', levelAfter: 'silver' });
    expect(applyAssessmentResult('remove', 'gold', null, [noUpgrade])).toMatchObject({ outcome: 'removed', levelAfter: null });
    expect(applyAssessmentResult('keep', 'gold', null, [])).toMatchObject({ outcome: 'kept', levelAfter: 'gold' });
  });
});
