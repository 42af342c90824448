import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/domain/money.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { replayHistory } from '../../../src/domain/sanctions/replay-history.ts';
import { ledger, past } from '../../support/domain-fixtures.ts';

const h = (caseId: string, itemId: string, noticeDate: string, terminated = false) => ({ caseId, itemId, occurredOn: noticeDate, noticeDate, terminated });

describe('replaying sanctions issued elsewhere, in notice-date order (R-CASCADE)', () => {
  it('rows given out of order are ranked by notice date', () => {
    const { replayed } = replayHistory([FY22], [], [h('B', 'SVC-09', '2026-03-01'), h('A', 'SVC-10', '2026-01-01')], () => ledger());
    expect(replayed.map((r) => [r.caseId, formatAmount(r.decision.amount)])).toEqual([
      ['A', '5000.00'],
      ['B', '10000.00'],
    ]);
  });

  it('four class-2 rows become three class 2 and one class 1 that consumes them', () => {
    const rows = [h('A', 'SVC-09', '2026-01-01'), h('B', 'SVC-09', '2026-02-01'), h('C', 'SVC-09', '2026-03-01'), h('D', 'SVC-09', '2026-04-01', true)];
    const { replayed, record } = replayHistory([FY22], [], rows, () => ledger());
    expect(replayed.map((r) => r.decision.finalClass)).toEqual([2, 2, 2, 1]);
    expect(record.filter((r) => r.consumedBy?.caseId === 'D').map((r) => r.caseId)).toEqual(['A', 'B', 'C']);
  });

  it('counts the partner’s existing record', () => {
    const { replayed } = replayHistory([FY22], [past('X', '2025-12-01', 2)], [h('A', 'SVC-09', '2026-01-01')], () => ledger());
    expect(formatAmount(replayed[0]!.decision.amount)).toBe('10000.00');
  });

  it('refuses a termination on a row that is not class 1', () => {
    expect(() => replayHistory([FY22], [], [h('A', 'SVC-09', '2026-01-01', true)], () => ledger())).toThrowError(
      expect.objectContaining({ code: 'sanction.terminated_not_class1' }),
    );
  });
});
