import { describe, expect, it } from 'vitest';
import type { ViolationClass } from '../../../src/domain/catalog/catalog-item.ts';
import { formatAmount } from '../../../src/domain/money.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { judgeSanction } from '../../../src/domain/sanctions/judge-sanction.ts';
import type { PastSanction } from '../../../src/domain/sanctions/sanction-history.ts';
import { itemOfClass, ledger, past } from '../../support/domain-fixtures.ts';

function judge(cls: ViolationClass, history: PastSanction[], noticeDate = '2026-06-01', opts: { fees?: string; terminate?: boolean } = {}) {
  return judgeSanction(FY22, history, ledger({ serviceFeesPaidThisFiscalYear: opts.fees ?? '0' }), {
    caseId: 'NEW',
    item: itemOfClass(cls),
    noticeDate,
    determinationDate: noticeDate,
    terminate: opts.terminate ?? false,
  });
}

describe('R-P2: a class-2 penalty follows its rank among valid class-2 sanctions', () => {
  it.each([
    { valid: 0, amount: '5000.00' },
    { valid: 1, amount: '10000.00' },
    { valid: 2, amount: '50000.00' },
  ])('with $valid valid class-2 sanctions the new one costs CNY $amount', ({ valid, amount }) => {
    const history = Array.from({ length: valid }, (_, i) => past(`C${i}`, `2026-0${i + 1}-10`, 2));
    const d = judge(2, history);
    expect(d.finalClass).toBe(2);
    expect(formatAmount(d.amount)).toBe(amount);
    expect(d.steps).toHaveLength(1);
    expect(d.steps[0]!.rule).toBe('R-P2');
    expect(d.steps[0]!.counted).toEqual([...history.map((h) => h.caseId), 'NEW']);
  });

  it('a 4th class-2 sanction within 12 months is judged as class 1 and consumes the three before it', () => {
    const history = [past('A', '2025-07-01', 2), past('B', '2025-12-01', 2), past('C', '2026-03-01', 2)];
    const d = judge(2, history, '2026-06-01', { fees: '0' });
    expect(d.finalClass).toBe(1);
    expect(formatAmount(d.amount)).toBe('100000.00');
    expect(d.consumes).toEqual(['A', 'B', 'C']);
    expect(d.steps.map((s) => [s.rule, s.fromClass, s.toClass])).toEqual([
      ['R-P2', 2, 1],
      ['R-P1', 1, 1],
    ]);
    expect(d.steps[0]!.counted).toEqual(['A', 'B', 'C', 'NEW']);
  });

  it('announced 2025-03-10, a class-2 sanction still counts on 2026-03-10 and no longer on 2026-03-11 (R-P2 reading, R-PERIOD)', () => {
    const history = [past('OLD', '2025-03-05', 2, null, '2025-03-10')];
    expect(formatAmount(judge(2, history, '2026-03-10').amount)).toBe('10000.00');
    expect(formatAmount(judge(2, history, '2026-03-11').amount)).toBe('5000.00');
  });

  it('announced 2024-02-29, its last valid day is 2025-02-28 (R-P2 reading, R-PERIOD)', () => {
    const history = [past('LEAP', '2024-02-29', 2)];
    expect(formatAmount(judge(2, history, '2025-02-28').amount)).toBe('10000.00');
    expect(formatAmount(judge(2, history, '2025-03-01').amount)).toBe('5000.00');
  });

  it('validity is counted forward from the announcement, not from the notice day', () => {
    // Noticed 2025-06-01, announced 2025-06-10: it counts through 2026-06-10.
    const d = judge(2, [past('OLD', '2025-06-01', 2, null, '2025-06-10')], '2026-06-05');
    expect(formatAmount(d.amount)).toBe('10000.00');
  });

  it('a sanction noticed but not yet announced (its objection window running) counts from its notice day', () => {
    const d = judge(2, [past('OPEN', '2026-05-28', 2, null, null)], '2026-06-01');
    expect(formatAmount(d.amount)).toBe('10000.00');
    expect(d.steps[0]!.counted).toEqual(['OPEN', 'NEW']);
  });

  it('sanctions noticed after the new notice date are not counted', () => {
    const d = judge(2, [past('LATER', '2026-06-02', 2)], '2026-06-01');
    expect(formatAmount(d.amount)).toBe('5000.00');
  });

  it('consumed class-2 sanctions stay on the record but no longer count toward later ranks', () => {
    const consumer = { caseId: 'X', noticeDate: '2026-03-01' };
    const history = [past('A', '2025-08-01', 2, consumer), past('B', '2025-09-01', 2, consumer), past('C', '2025-10-01', 2, consumer), past('X', '2026-03-01', 1)];
    const d = judge(2, history, '2026-06-01');
    expect(d.finalClass).toBe(2);
    expect(formatAmount(d.amount)).toBe('5000.00');
    expect(d.steps[0]!.counted).toEqual(['NEW']);
  });

  it('a consumption noticed after the preview day does not hide a sanction on that day', () => {
    const consumer = { caseId: 'X', noticeDate: '2026-07-01' };
    const d = judge(2, [past('A', '2026-01-01', 2, consumer)], '2026-06-01');
    expect(formatAmount(d.amount)).toBe('10000.00');
  });
});

describe('R-P3: class 3 is a warning; three within 12 months count as one class 2', () => {
  it('the first class-3 sanction is a warning with no penalty', () => {
    const d = judge(3, []);
    expect(d.finalClass).toBe(3);
    expect(formatAmount(d.amount)).toBe('0.00');
    expect(d.steps[0]).toMatchObject({ rule: 'R-P3', fromClass: 3, toClass: 3, counted: ['NEW'] });
  });

  it('a 3rd class-3 within 12 months becomes a 1st class-2: CNY 5,000, consuming the two before', () => {
    const d = judge(3, [past('A', '2025-08-01', 3), past('B', '2026-01-01', 3)]);
    expect(d.finalClass).toBe(2);
    expect(formatAmount(d.amount)).toBe('5000.00');
    expect(d.consumes).toEqual(['A', 'B']);
    expect(d.steps.map((s) => [s.rule, s.fromClass, s.toClass])).toEqual([
      ['R-P3', 3, 2],
      ['R-P2', 2, 2],
    ]);
  });

  it('a class-3 sanction whose 12 months from announcement ended the day before does not help cascade', () => {
    const d = judge(3, [past('A', '2025-05-31', 3), past('B', '2026-01-01', 3)]);
    expect(d.finalClass).toBe(3);
  });

  it('the double cascade 3 → 2 → 1: with three valid class-2s, a class-3 cascade is the 4th class 2', () => {
    const history = [
      past('T1', '2025-09-01', 3), past('T2', '2025-10-01', 3),
      past('S1', '2025-11-01', 2), past('S2', '2025-12-01', 2), past('S3', '2026-01-01', 2),
    ];
    const d = judge(3, history, '2026-06-01', { fees: '1000000.00' });
    expect(d.finalClass).toBe(1);
    expect(formatAmount(d.amount)).toBe('300000.00');
    expect(d.consumes).toEqual(['T1', 'T2', 'S1', 'S2', 'S3']);
    expect(d.steps.map((s) => [s.rule, s.fromClass, s.toClass, s.counted])).toEqual([
      ['R-P3', 3, 2, ['T1', 'T2', 'NEW']],
      ['R-P2', 2, 1, ['S1', 'S2', 'S3', 'NEW']],
      ['R-P1', 1, 1, ['NEW']],
    ]);
  });
});

describe('R-P1: class 1 costs the greater of CNY 100,000 and 30% of this fiscal year’s paid service fees', () => {
  it.each([
    { fees: '0', amount: '100000.00' },
    { fees: '333333.33', amount: '100000.00' },
    { fees: '333333.34', amount: '100000.00' },
    { fees: '333333.37', amount: '100000.01' },
    { fees: '400000.05', amount: '120000.02' },
    { fees: '1000000.00', amount: '300000.00' },
  ])('fees paid CNY $fees → penalty CNY $amount', ({ fees, amount }) => {
    expect(formatAmount(judge(1, [], '2026-06-01', { fees }).amount)).toBe(amount);
  });

  it('names the fiscal year of the determination date in its explanation (R-FY)', () => {
    const d = judge(1, [], '2026-03-31', { fees: '500000' });
    expect(d.steps[0]!.reason).toContain('FY26 2025-04-01…2026-03-31');
    const e = judge(1, [], '2026-04-01', { fees: '500000' });
    expect(e.steps[0]!.reason).toContain('FY27 2026-04-01…2026-04-01');
  });
});

describe('R-RESTRICT: restrictions from the processing-notice day through the last day of the period (`until` exclusive)', () => {
  it('class 1 terminated: no onboarding and no new programs for a year; an upgrade is moot', () => {
    const d = judge(1, [], '2026-06-01', { terminate: true });
    expect(d.terminated).toBe(true);
    expect(d.restrictions.map((r) => [r.kind, r.from, r.until])).toEqual([
      ['no_onboarding', '2026-06-01', '2027-06-02'],
      ['no_new_program', '2026-06-01', '2027-06-02'],
    ]);
  });

  it('class 1 kept: no upgrade, no onboarding, no new programs for a year', () => {
    const d = judge(1, [], '2026-06-01');
    expect(d.restrictions.map((r) => [r.kind, r.until])).toEqual([
      ['no_upgrade', '2027-06-02'],
      ['no_onboarding', '2027-06-02'],
      ['no_new_program', '2027-06-02'],
    ]);
  });

  it.each([2, 3] as const)('class %i: all three for 3 months', (cls) => {
    const d = judge(cls, [], '2026-11-30');
    expect(d.restrictions.map((r) => [r.kind, r.until])).toEqual([
      ['no_upgrade', '2027-03-01'],
      ['no_onboarding', '2027-03-01'],
      ['no_new_program', '2027-03-01'],
    ]);
  });

  it('a termination asked for a class-2 sanction is ignored and says so', () => {
    const d = judge(2, [], '2026-06-01', { terminate: true });
    expect(d.terminated).toBe(false);
    expect(d.notes[0]).toContain('R-P1');
  });

  it('a class-2 that cascades into class 1 takes the class-1 restrictions and may be terminated', () => {
    const history = [past('A', '2026-01-01', 2), past('B', '2026-02-01', 2), past('C', '2026-03-01', 2)];
    const d = judge(2, history, '2026-06-01', { terminate: true });
    expect(d.terminated).toBe(true);
    expect(d.restrictions.every((r) => r.until === '2027-06-02')).toBe(true);
  });
});

describe('readings are settings of the policy version, named in the explanation', () => {
  it('a class-2 decision names the period, validity and consumption readings, and the class-1 fiscal year when it cascades', () => {
    expect(judge(2, []).readings).toEqual([
      'R-PERIOD reading period=civil_code',
      'R-P2/R-P3 reading validityWindow=notice_to_announcement_period',
      'R-P2/R-P3 reading cascadeConsumes=true',
    ]);
    const history = [past('A', '2026-01-01', 2), past('B', '2026-02-01', 2), past('C', '2026-03-01', 2)];
    expect(judge(2, history).readings).toContain('R-P1 reading class1FiscalYear=of_determination_date');
  });

  it('with cascadeConsumes=false the sanctions behind a cascade keep counting', () => {
    const keep: typeof FY22 = { ...FY22, params: { ...FY22.params, readings: { ...FY22.params.readings, cascadeConsumes: false } } };
    const history = [past('A', '2026-01-01', 2), past('B', '2026-02-01', 2), past('C', '2026-03-01', 2)];
    const d = judgeSanction(keep, history, ledger(), { caseId: 'NEW', item: itemOfClass(2), noticeDate: '2026-06-01', determinationDate: '2026-06-01', terminate: false });
    expect([d.finalClass, d.consumes]).toEqual([1, []]);
    expect(d.steps[0]!.reason).toContain('they keep counting');
    expect(d.readings).toContain('R-P2/R-P3 reading cascadeConsumes=false');
    // Recorded as the bot records it (consumed by nobody), the next class 2 is a 5th and cascades again.
    const after = [...history, past('NEW', '2026-06-01', 1)];
    const next = judgeSanction(keep, after, ledger(), { caseId: 'N2', item: itemOfClass(2), noticeDate: '2026-06-02', determinationDate: '2026-06-02', terminate: false });
    expect(next.finalClass).toBe(1);
    // Under FY22 (consuming) the same three would have been consumed by NEW, and the next class 2 is a 1st.
    const consumed = { caseId: 'NEW', noticeDate: '2026-06-01' };
    const fy22 = judge(2, [past('A', '2026-01-01', 2, consumed), past('B', '2026-02-01', 2, consumed), past('C', '2026-03-01', 2, consumed), past('NEW', '2026-06-01', 1)], '2026-06-02');
    expect([fy22.finalClass, formatAmount(fy22.amount)]).toEqual([2, '5000.00']);
  });
});
