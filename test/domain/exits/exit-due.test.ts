import { describe, expect, it } from 'vitest';
import { checkExitApplication, earliestVoluntaryEnd, exitDue, type ExitApplication, type ExitFacts } from '../../../src/domain/exits/exit-due.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const base: ExitFacts = { status: 'active', contracts: [], termination: null, application: null };
const term = (startsOn: string, endsOn: string, renewalNoticeOn: string | null = null) => ({ startsOn, endsOn, renewalNoticeOn });
const app = (over: Partial<ExitApplication> = {}): ExitApplication => ({
  appliedOn: '2026-01-15', requestedEndOn: '2026-02-16', agreementOn: '2026-02-16', checklist: [{ item: 'customers placed', done: true }], ...over,
});

describe('§6 R-EXIT-*: whether and why the qualification ends on a day', () => {
  it.each([
    { why: 'R-EXIT-EXPIRY: the contract’s last day → still a partner', facts: { contracts: [term('2025-01-01', '2025-12-31')] }, day: '2025-12-31', kind: null },
    { why: 'R-EXIT-EXPIRY: the day after ends_on → exited', facts: { contracts: [term('2025-01-01', '2025-12-31')] }, day: '2026-01-01', kind: 'expiry', endsOn: '2026-01-01' },
    { why: 'R-EXIT-EXPIRY: a missed day still exits, on the day after ends_on', facts: { contracts: [term('2025-01-01', '2025-12-31')] }, day: '2026-01-05', kind: 'expiry', endsOn: '2026-01-01' },
    { why: 'a renewal (a later term) keeps the partner', facts: { contracts: [term('2025-01-01', '2025-12-31', '2025-12-15'), term('2026-01-01', '2026-12-31')] }, day: '2026-01-01', kind: null },
    { why: 'the renewed term expires in turn', facts: { contracts: [term('2026-01-01', '2026-12-31'), term('2025-01-01', '2025-12-31')] }, day: '2027-01-01', kind: 'expiry', endsOn: '2027-01-01' },
    { why: 'R-EXIT-RENEWAL: the notified date itself → still a partner', facts: { contracts: [term('2025-01-01', '2025-12-31', '2026-01-31')] }, day: '2026-01-31', kind: null },
    { why: 'R-EXIT-RENEWAL: the day after the notified date → exited', facts: { contracts: [term('2025-01-01', '2025-12-31', '2026-01-31')] }, day: '2026-02-01', kind: 'renewal', endsOn: '2026-02-01' },
    { why: 'R-EXIT-RENEWAL: a notified date before the contract’s end ends it early', facts: { contracts: [term('2025-01-01', '2025-12-31', '2025-11-30')] }, day: '2025-12-01', kind: 'renewal', endsOn: '2025-12-01' },
    { why: 'R-EXIT-REMOVAL: the day before the class-1 decision → still a partner', facts: { status: 'terminated' as const, termination: { caseId: 'C1', decidedOn: '2026-03-10' } }, day: '2026-03-09', kind: null },
    { why: 'R-EXIT-REMOVAL: the decision day → exited', facts: { status: 'terminated' as const, termination: { caseId: 'C1', decidedOn: '2026-03-10' } }, day: '2026-03-10', kind: 'removal', endsOn: '2026-03-10' },
    { why: 'R-EXIT-VOLUNTARY: the day before the agreement → still a partner', facts: { application: app() }, day: '2026-02-15', kind: null },
    { why: 'R-EXIT-VOLUNTARY: the agreement day → exited', facts: { application: app() }, day: '2026-02-16', kind: 'voluntary', endsOn: '2026-02-16' },
    { why: 'the earliest of several exits wins', facts: { contracts: [term('2025-01-01', '2026-02-28')], application: app() }, day: '2026-03-05', kind: 'voluntary', endsOn: '2026-02-16' },
    { why: 'an exited partner has nothing left to end', facts: { status: 'exited' as const, contracts: [term('2025-01-01', '2025-12-31')] }, day: '2026-06-01', kind: null },
    { why: 'no contract, no exit', facts: {}, day: '2026-06-01', kind: null },
  ])('$why', ({ facts, day, kind, endsOn }) => {
    const due = exitDue({ ...base, ...facts }, day);
    expect(due?.kind ?? null).toBe(kind);
    if (due) {
      expect(due.endsOn).toBe(endsOn);
      expect(due.rule).toBe(`R-EXIT-${due.kind.toUpperCase()}`);
    }
  });
});

describe('R-EXIT-VOLUNTARY: a written application at least 1 month ahead (R-PERIOD), placement done', () => {
  it.each([
    { appliedOn: '2026-01-15', earliest: '2026-02-16' },
    { appliedOn: '2026-01-31', earliest: '2026-03-01' },
    { appliedOn: '2025-12-31', earliest: '2026-02-01' },
  ])('applied $appliedOn → earliest end $earliest', ({ appliedOn, earliest }) => {
    expect(earliestVoluntaryEnd(appliedOn)).toBe(earliest);
  });

  const code = (a: ExitApplication): string | null => {
    try {
      checkExitApplication(a);
      return null;
    } catch (e) {
      return (e as DomainError).code;
    }
  };
  it.each([
    { why: 'a full month: accepted', a: app(), code: null },
    { why: 'one day short of a month: refused', a: app({ requestedEndOn: '2026-02-15', agreementOn: '2026-02-15' }), code: 'exit.notice_too_short' },
    { why: 'an item not done: refused', a: app({ checklist: [{ item: 'customers placed', done: true }, { item: 'orders moved', done: false }] }), code: 'exit.checklist_incomplete' },
    { why: 'an empty checklist: refused', a: app({ checklist: [] }), code: 'exit.checklist_incomplete' },
    { why: 'an agreement before the requested end: refused', a: app({ requestedEndOn: '2026-03-01', agreementOn: '2026-02-20' }), code: 'exit.agreement_before_end' },
  ])('$why', ({ a, code: expected }) => {
    expect(code(a)).toBe(expected);
  });
});
