import { describe, expect, it } from 'vitest';
import type { DecisionView } from '../../../src/domain/notifications/notification.ts';
import { decisionChanges } from '../../../src/domain/sanctions/decision-changes.ts';

const restriction = (kind: string, from: string, until: string) => ({ kind, from, until, rule: 'R-RESTRICT §5.5.6', months: 3 });

/** A 2nd class-2 sanction proposed on 2026-06-01. */
const proposed: DecisionView = {
  baseClass: 2, finalClass: 2, amount: '10000.00', terminated: false, policyVersion: 'FY22', policyNote: 'R-POLICY: judged under FY22, in force on the violation day 2026-05-20',
  steps: [{ rule: 'R-P2', from_class: 2, to_class: 2, counted: ['000001', '000002'], amount: '10000.00', reason: 'the 2nd valid class-2 sanction within 12 months: CNY 10,000.00' }],
  consumes: [],
  restrictions: [restriction('no_upgrade', '2026-06-01', '2026-09-02'), restriction('no_onboarding', '2026-06-01', '2026-09-02'), restriction('no_new_program', '2026-06-01', '2026-09-02')],
  deduction: { deposit: '10000.00', prepayment: '0.00', service_fee: '0.00', owed: '0.00' },
  notes: [],
  judgedOn: '2026-06-01',
};

describe('what a re-judgement at approval counts as a different decision (R-DETERMINE)', () => {
  it.each<[string, Partial<DecisionView>, string[]]>([
    ['the same decision a day later: dates, reasons, deduction and notes follow the day', {
      judgedOn: '2026-06-02', restrictions: proposed.restrictions.map((r) => ({ ...r, from: '2026-06-02', until: '2026-09-03' })).reverse(),
      steps: [{ ...proposed.steps[0]!, reason: 'reworded on 2026-06-02' }], deduction: { deposit: '0.00', prepayment: '0.00', service_fee: '0.00', owed: '10000.00' },
      notes: ['a note'], policyNote: 'another note',
    }, []],
    ['another rank: amount and steps', {
      amount: '50000.00', steps: [{ ...proposed.steps[0]!, counted: ['000001', '000003', '000002'], amount: '50000.00' }],
    }, ['amount', 'steps']],
    ['a cascade to class 1 with termination', {
      finalClass: 1, terminated: true, consumes: ['000001', '000003', '000004'],
      restrictions: [{ ...restriction('no_onboarding', '2026-06-01', '2027-06-02'), rule: 'R-RESTRICT §5.5.4', months: 12 }],
    }, ['class', 'consumes', 'termination', 'restrictions']],
    ['another policy version', { policyVersion: 'FY27' }, ['policyVersion']],
    ['a longer restriction of the same kinds', { restrictions: proposed.restrictions.map((r) => ({ ...r, months: 6 })) }, ['restrictions']],
  ])('%s', (_name, change, parts) => {
    expect(decisionChanges(proposed, { ...proposed, ...change })).toEqual(parts);
  });

  it('a proposal stored before its cascade consumption and restriction lengths were kept is never taken as unchanged', () => {
    const legacy = { ...proposed, consumes: undefined, restrictions: proposed.restrictions.map(({ months: _m, ...r }) => r) } as unknown as DecisionView;
    expect(decisionChanges(legacy, proposed)).toEqual(['consumes', 'restrictions']);
  });
});
