import { describe, expect, it } from 'vitest';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { restrictionsInForce, sanctionRestrictions } from '../../../src/domain/restrictions/restriction.ts';

describe('R-RESTRICT: in force from the notice day through the last day of the period (R-PERIOD)', () => {
  it('delivered 2026-03-01, 3 months: restricted through 2026-06-01, stored until 2026-06-02', () => {
    const list = sanctionRestrictions(2, false, '2026-03-01', FY22.params);
    expect(list.map((r) => [r.kind, r.from, r.until])).toEqual([
      ['no_upgrade', '2026-03-01', '2026-06-02'],
      ['no_onboarding', '2026-03-01', '2026-06-02'],
      ['no_new_program', '2026-03-01', '2026-06-02'],
    ]);
    expect(restrictionsInForce(list, '2026-03-01')).toHaveLength(3);
    expect(restrictionsInForce(list, '2026-06-01')).toHaveLength(3);
    expect(restrictionsInForce(list, '2026-06-02')).toHaveLength(0);
  });

  it('delivered 2025-11-30, 3 months: the last restricted day is 2026-02-28 (stored until 2026-03-01)', () => {
    const list = sanctionRestrictions(3, false, '2025-11-30', FY22.params);
    expect(new Set(list.map((r) => r.until))).toEqual(new Set(['2026-03-01']));
    expect(restrictionsInForce(list, '2026-02-28')).toHaveLength(3);
    expect(restrictionsInForce(list, '2026-03-01')).toHaveLength(0);
  });

  it('a class-1 restriction lasts a year through the corresponding day, and never moves off a holiday', () => {
    // 2026-10-01 is National Day: restrictions do not move (R-PERIOD).
    const list = sanctionRestrictions(1, true, '2025-10-01', FY22.params);
    expect(list.map((r) => [r.kind, r.until])).toEqual([
      ['no_onboarding', '2026-10-02'],
      ['no_new_program', '2026-10-02'],
    ]);
  });
});
