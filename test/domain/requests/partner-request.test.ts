import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/dates.ts';
import type { ViolationClass } from '../../../src/domain/catalog/catalog-item.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { BLOCKED_BY, decideRequest, requestKinds, type RequestFacts, type RequestKind } from '../../../src/domain/requests/partner-request.ts';
import { sanctionRestrictions } from '../../../src/domain/restrictions/restriction.ts';

const ACTIVE = { status: 'active' } as const;
const withCase = (caseId: string, cls: ViolationClass, terminated: boolean, notice: string) =>
  sanctionRestrictions(cls, terminated, notice, FY22.params).map((r) => ({ ...r, caseId }));
const facts = (kind: RequestKind, on: string, over: Partial<RequestFacts> = {}): RequestFacts => ({ kind, on, partner: ACTIVE, restrictions: [], late: [], ...over });

describe('a request under a restriction (R-RESTRICT table, §5.5.4 – §5.5.6)', () => {
  // Each restriction kind of the policy and the request kinds it blocks; the class-1-terminated row has no "no upgrade".
  const table: { sanction: string; cls: ViolationClass; terminated: boolean; notice: string; lifts: string; blocks: RequestKind[]; rule: string }[] = [
    { sanction: 'class 1, kept', cls: 1, terminated: false, notice: '2025-08-01', lifts: '2026-08-02', blocks: ['upgrade', 'onboarding', 'program'], rule: 'R-RESTRICT §5.5.5' },
    { sanction: 'class 1, terminated', cls: 1, terminated: true, notice: '2025-08-01', lifts: '2026-08-02', blocks: ['onboarding', 'program'], rule: 'R-RESTRICT §5.5.4' },
    { sanction: 'class 2', cls: 2, terminated: false, notice: '2026-03-01', lifts: '2026-06-02', blocks: ['upgrade', 'onboarding', 'program'], rule: 'R-RESTRICT §5.5.6' },
    { sanction: 'class 3', cls: 3, terminated: false, notice: '2025-11-30', lifts: '2026-03-01', blocks: ['upgrade', 'onboarding', 'program'], rule: 'R-RESTRICT §5.5.6' },
  ];
  for (const row of table) {
    for (const kind of requestKinds) {
      const blocked = row.blocks.includes(kind);
      it(`${row.sanction} noticed ${row.notice}: ${kind} is ${blocked ? `refused through the day before ${row.lifts} and granted on it` : 'not held back by it'}`, () => {
        const restrictions = withCase('C-1', row.cls, row.terminated, row.notice);
        const dayBefore = addDays(row.lifts, -1);
        const before = decideRequest(facts(kind, dayBefore, { restrictions }));
        if (blocked) {
          const kindBlocking = BLOCKED_BY[kind].find((k) => k !== 'late_payment')!;
          expect(before).toEqual({ granted: false, blockedBy: [{ kind: kindBlocking, caseId: 'C-1', rule: row.rule, until: row.lifts }] });
          // The notice day is the first restricted day; the day before it is free.
          expect(decideRequest(facts(kind, row.notice, { restrictions })).granted).toBe(false);
          expect(decideRequest(facts(kind, addDays(row.notice, -1), { restrictions })).granted).toBe(true);
        } else {
          expect(before).toEqual({ granted: true, blockedBy: [] });
        }
        expect(decideRequest(facts(kind, row.lifts, { restrictions }))).toEqual({ granted: true, blockedBy: [] });
      });
    }
  }

  it('R-LATE: a penalty unpaid after its last day blocks every request kind from the day after, until paid (reading: issue 11)', () => {
    const late = [{ caseId: 'C-LATE', lateSince: '2026-09-02' }];
    for (const kind of requestKinds) {
      expect(decideRequest(facts(kind, '2026-09-02', { late }))).toEqual({
        granted: false,
        blockedBy: [{ kind: 'late_payment', caseId: 'C-LATE', rule: 'R-LATE §5.6', until: null }],
      });
      expect(decideRequest(facts(kind, '2026-09-01', { late })).granted).toBe(true);
    }
  });

  it('overlapping restrictions: the union, each kind named once with the latest day it lifts', () => {
    const restrictions = [...withCase('A', 2, false, '2026-01-10'), ...withCase('B', 2, false, '2026-03-01')];
    const late = [{ caseId: 'C-LATE', lateSince: '2026-04-01' }];
    expect(decideRequest(facts('upgrade', '2026-04-09', { restrictions, late }))).toEqual({
      granted: false,
      blockedBy: [
        { kind: 'no_upgrade', caseId: 'B', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' },
        { kind: 'late_payment', caseId: 'C-LATE', rule: 'R-LATE §5.6', until: null },
      ],
    });
    // A's own period (through 2026-04-10) is over, B's still holds.
    expect(decideRequest(facts('program', '2026-04-11', { restrictions })).blockedBy).toEqual([{ kind: 'no_new_program', caseId: 'B', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }]);
    expect(decideRequest(facts('program', '2026-06-02', { restrictions })).granted).toBe(true);
  });

  it('a terminated partner has no partnership to upgrade or to join a program with (moot, for good); onboarding anew waits for the restriction (reading)', () => {
    const restrictions = withCase('T', 1, true, '2025-08-01');
    const partner = { status: 'terminated', terminatedBy: 'T' } as const;
    expect(decideRequest(facts('upgrade', '2026-08-02', { restrictions, partner }))).toEqual({
      granted: false,
      blockedBy: [{ kind: 'terminated', caseId: 'T', rule: 'R-RESTRICT §5.5.4', until: null }],
    });
    expect(decideRequest(facts('program', '2026-08-01', { restrictions, partner })).blockedBy.map((b) => b.kind)).toEqual(['terminated', 'no_new_program']);
    expect(decideRequest(facts('onboarding', '2026-08-01', { restrictions, partner })).granted).toBe(false);
    expect(decideRequest(facts('onboarding', '2026-08-02', { restrictions, partner })).granted).toBe(true);
    expect(decideRequest(facts('upgrade', '2026-08-02', { partner: { status: 'exited' } })).blockedBy).toEqual([{ kind: 'exited', caseId: null, rule: 'R-EXIT', until: null }]);
  });
});
