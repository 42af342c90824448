import { DomainError } from '../errors.ts';
import type { CaseParties } from './case-visibility.ts';

/** R-DETERMINE: who may not approve a case's determination, and why. */
export type Conflict = 'proposer' | 'accused_contact' | 'reporter' | 'reporter_contact';

export interface Approver {
  key: string;
  partnerIds: readonly string[];
}

/** The first conflict that bars this approver, or null. */
export function conflictOfInterest(approver: Approver, c: CaseParties, proposedBy: string): Conflict | null {
  if (approver.key === proposedBy) return 'proposer';
  if (approver.partnerIds.includes(c.partnerId)) return 'accused_contact';
  if (approver.key === c.reportedBy) return 'reporter';
  if (c.reporterPartnerId !== null && approver.partnerIds.includes(c.reporterPartnerId)) return 'reporter_contact';
  return null;
}

const why: Record<Exclude<Conflict, 'proposer'>, string> = {
  accused_contact: 'you are a contact of the partner concerned',
  reporter: 'you reported this case',
  reporter_contact: 'you are a contact of the partner that reported this case',
};

/**
 * Refuses an approver with a conflict of interest. The proposer's own
 * approval keeps its older code (`determination.self_approval`), checked first.
 */
export function assertNoConflictOfInterest(approver: Approver, c: CaseParties & { id: string }, proposedBy: string): void {
  const conflict = conflictOfInterest(approver, c, proposedBy);
  if (conflict === null) return;
  if (conflict === 'proposer') throw new DomainError('determination.self_approval', 'You proposed this determination; another approver must decide it (R-DETERMINE).');
  throw new DomainError('determination.conflict_of_interest', `You may not decide case ${c.id}: ${why[conflict]} (R-DETERMINE).`, { caseId: c.id, conflict });
}
