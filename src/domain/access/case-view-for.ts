import type { CaseView, EvidenceView } from '../notifications/notification.ts';
import { maySee, type CasePart, type CaseRelation, type CaseStage } from './case-visibility.ts';

const partOf: Record<EvidenceView['purpose'], CasePart> = { report: 'facts', dispute: 'replies', objection: 'objections' };

/**
 * A message's view of a case as one reader may see it (R-CONFIDENTIAL): the
 * reporter gets no dispute or objection evidence, the accused no name of a
 * reporting partner's people, anyone else neither facts nor evidence.
 */
export function caseViewFor(view: CaseView, relation: CaseRelation, stage: CaseStage): CaseView {
  const see = (p: CasePart) => maySee(relation, p, stage);
  const evidence = view.evidence
    .filter((e) => see(partOf[e.purpose]))
    .map((e) => (e.purpose === 'report' && !see('reporter') ? { ...e, addedBy: null } : e));
  return { ...view, facts: see('facts') ? view.facts : '', evidence };
}

/**
 * What the accused partner's contacts are sent: every message to them follows
 * the notice (R-REPLY), so only who reported can still be hidden.
 */
export function caseViewForAccused(view: CaseView): CaseView {
  return caseViewFor(view, 'accused', { byPartner: view.reportedByPartner, noticeSent: true, outcomeAnnounced: false, published: false });
}

/** What a public channel is sent (§5.3.2 通报): the case is published, and no more of it than the notice says. */
export function caseViewForPublic(view: CaseView): CaseView {
  return caseViewFor(view, 'other', { byPartner: view.reportedByPartner, noticeSent: true, outcomeAnnounced: true, published: true });
}
