import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/domain/money.ts';
import { chooseLighterPolicy, policyInForce } from '../../../src/domain/policy/choose-policy.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import type { PolicyVersion } from '../../../src/domain/policy/policy-version.ts';
import { judgeSanction } from '../../../src/domain/sanctions/judge-sanction.ts';
import { ledger } from '../../support/domain-fixtures.ts';

/** A made-up later version: class 2 penalties halved, one item moved from class 2 to class 3. */
const LIGHTER: PolicyVersion = {
  ...FY22,
  id: 'FY27-test',
  effectiveFrom: '2026-07-01',
  params: { ...FY22.params, class2: { ...FY22.params.class2, penaltiesByRank: ['2500.00', '5000.00', '25000.00'] } },
  catalog: FY22.catalog.map((i) => (i.id === 'SVC-10' ? { ...i, class: 3 as const } : i)),
};
const HEAVIER: PolicyVersion = {
  ...FY22,
  id: 'FY27-heavy',
  effectiveFrom: '2026-07-01',
  params: { ...FY22.params, class2: { ...FY22.params.class2, penaltiesByRank: ['8000.00', '10000.00', '50000.00'] } },
};

function decide(versions: PolicyVersion[], itemId: string, occurredOn: string, on: string) {
  return chooseLighterPolicy(versions, occurredOn, on, (v) => {
    const item = v.catalog.find((i) => i.id === itemId);
    return item ? judgeSanction(v, [], ledger(), { caseId: 'NEW', item, noticeDate: on, determinationDate: on, terminate: false }) : null;
  });
}

describe('R-POLICY: judged under the version of the violation day, unless the later one is lighter', () => {
  it('the version in force is the latest that took effect on or before the day', () => {
    expect(policyInForce([FY22, LIGHTER], '2026-06-30').id).toBe('FY22');
    expect(policyInForce([FY22, LIGHTER], '2026-07-01').id).toBe('FY27-test');
  });

  it('a violation before any version took effect is refused with a clear code', () => {
    expect(() => policyInForce([FY22], '2021-03-31')).toThrowError(expect.objectContaining({ code: 'policy.none_in_force' }));
  });

  it('one version in force on both days: that version, named in the note', () => {
    const c = decide([FY22, LIGHTER], 'SVC-09', '2026-01-10', '2026-03-01');
    expect(c.decision.policyVersion).toBe('FY22');
    expect(c.note).toContain('R-POLICY');
  });

  it('a lighter amount in the later version applies (从轻)', () => {
    const c = decide([FY22, LIGHTER], 'SVC-09', '2026-06-10', '2026-07-15');
    expect(c.decision.policyVersion).toBe('FY27-test');
    expect(formatAmount(c.decision.amount)).toBe('2500.00');
  });

  it('a lighter class in the later version applies', () => {
    const c = decide([FY22, LIGHTER], 'SVC-10', '2026-06-10', '2026-07-15');
    expect(c.decision.finalClass).toBe(3);
  });

  it('a heavier later version does not apply (从旧)', () => {
    const c = decide([FY22, HEAVIER], 'SVC-09', '2026-06-10', '2026-07-15');
    expect(c.decision.policyVersion).toBe('FY22');
    expect(formatAmount(c.decision.amount)).toBe('5000.00');
    expect(c.note).toContain('not lighter');
  });
});
