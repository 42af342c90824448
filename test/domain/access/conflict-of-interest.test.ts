import { describe, expect, it } from 'vitest';
import { assertNoConflictOfInterest, conflictOfInterest } from '../../../src/domain/access/conflict-of-interest.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const partnerReport = { id: '000001', partnerId: 'P-ACC', reportedBy: 'slack:UREP', reporterPartnerId: 'P-REP' };
const proposer = 'slack:UOFF';

function refusal(key: string, partnerIds: string[] = []): DomainError {
  try {
    assertNoConflictOfInterest({ key, partnerIds }, partnerReport, proposer);
  } catch (e) {
    if (e instanceof DomainError) return e;
  }
  throw new Error('expected a refusal');
}

describe('who may not approve a case (R-DETERMINE conflict of interest)', () => {
  it('the proposer keeps the self-approval refusal', () => {
    expect(conflictOfInterest({ key: proposer, partnerIds: [] }, partnerReport, proposer)).toBe('proposer');
    expect(refusal(proposer).code).toBe('determination.self_approval');
  });
  it('a contact of the partner concerned may not approve', () => {
    const e = refusal('slack:UAPP', ['P-ACC']);
    expect([e.code, (e.details as { conflict: string }).conflict]).toEqual(['determination.conflict_of_interest', 'accused_contact']);
  });
  it('the person who reported may not approve', () => {
    const e = refusal('slack:UREP');
    expect([e.code, (e.details as { conflict: string }).conflict]).toEqual(['determination.conflict_of_interest', 'reporter']);
  });
  it('a contact of the reporting partner may not approve', () => {
    const e = refusal('slack:UAPP', ['P-REP']);
    expect([e.code, (e.details as { conflict: string }).conflict]).toEqual(['determination.conflict_of_interest', 'reporter_contact']);
  });
  it('an approver with no tie to the case may approve', () => {
    expect(conflictOfInterest({ key: 'slack:UAPP', partnerIds: ['P-OTHER'] }, partnerReport, proposer)).toBeNull();
    expect(() => assertNoConflictOfInterest({ key: 'slack:UAPP', partnerIds: [] }, partnerReport, proposer)).not.toThrow();
  });
  it('on a staff report, only the officer who filed it is barred as reporter', () => {
    const staffReport = { ...partnerReport, reportedBy: 'slack:UOFF2', reporterPartnerId: null };
    expect(conflictOfInterest({ key: 'slack:UOFF2', partnerIds: [] }, staffReport, proposer)).toBe('reporter');
    expect(conflictOfInterest({ key: 'slack:UAPP', partnerIds: ['P-REP'] }, staffReport, proposer)).toBeNull();
  });
});
