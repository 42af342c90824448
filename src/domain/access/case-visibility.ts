import type { CaseState } from '../cases/case-state.ts';
import { reportsAs, type Reporter } from './reporting-as.ts';

/**
 * R-CONFIDENTIAL: who sees what of a case. One policy, asked by every surface
 * (show, list, App Home, buttons, notifications, the partner picker), so no
 * chat adapter can show one partner another partner's defence.
 */

/** How a person stands to one case. */
export type CaseRelation = 'staff' | 'accused' | 'reporter' | 'other';

export interface CaseViewer {
  /** `platform:user` of the person. */
  key: string;
  /** Holds any staff role. */
  staff: boolean;
  /** Partners the person is a contact of. */
  partnerIds: readonly string[];
}

export interface CaseParties {
  /** The partner concerned (the accused). */
  partnerId: string;
  /** `platform:user` of whoever filed the report. */
  reportedBy: string;
  /** R-EVIDENCE: the partner that reported, or null when staff filed it. */
  reporterPartnerId: string | null;
}

/**
 * Staff wins; then the accused partner's contacts (a person on both sides is
 * treated as the accused, the relation that is never shown who reported);
 * then the person who reported and the reporting partner's other contacts.
 */
export function relationTo(viewer: CaseViewer, c: CaseParties): CaseRelation {
  if (viewer.staff) return 'staff';
  if (viewer.partnerIds.includes(c.partnerId)) return 'accused';
  if (c.reporterPartnerId !== null && (viewer.key === c.reportedBy || viewer.partnerIds.includes(c.reporterPartnerId))) return 'reporter';
  return 'other';
}

export const caseParts = [
  'existence',
  'summary',
  'facts',
  'reporter',
  'notice',
  'suspension',
  'deadlines',
  'replies',
  'objections',
  'proposals',
  'rejected',
  'grounds',
  'processingNotice',
  'formalDecision',
  'screening',
  'outcome',
  'publicNotice',
  'deliveries',
] as const;
/**
 * - existence: the case is listed and can be opened at all
 * - summary: partner, item, occurrence date, state
 * - facts: the facts and the report's evidence (without who added it)
 * - reporter: who reported, and who added the report's evidence
 * - notice: the notice of suspected violation and its reply deadline
 * - suspension: whether incentive payouts are held (R-SUSPEND)
 * - deadlines: the open reply, objection, payment and restriction deadlines
 * - replies / objections: the accused's replies and objections with their evidence
 * - proposals: determinations waiting for approval
 * - rejected: rejected and superseded determinations (with the re-judged figures), and every approver's note
 * - grounds: the reasons of approved determinations (sent to the accused)
 * - processingNotice / formalDecision: the sanction as notified, with its explanation
 * - screening: whether a partner's report was received, dismissed (with the reason) or taken up
 * - outcome: how the case ended, once announced (the public part of the decision)
 * - publicNotice: the 通报 everyone sees
 * - deliveries: the bot's message log
 */
export type CasePart = (typeof caseParts)[number];

/** What of the case's history decides what a relation may see (derive with `caseStageOf`). */
export interface CaseStage {
  /** A partner reported it (R-EVIDENCE), so the reporter is hidden from the accused. */
  byPartner: boolean;
  /** The accused has been sent the notice of suspected violation. */
  noticeSent: boolean;
  /** The case ended and the accused was told: the formal decision, or dismissal after the notice. */
  outcomeAnnounced: boolean;
  /** The public notice went out (§5.3.2 通报). */
  published: boolean;
}

export interface CaseStageFacts {
  state: string;
  reporterPartnerId: string | null;
  noticeSentAt: Date | null;
  /** Set when the formal decision is issued (R-DECISION), which is published. */
  decidedAt: Date | null;
}

export function caseStageOf(c: CaseStageFacts): CaseStage {
  const noticeSent = c.noticeSentAt !== null;
  const published = c.decidedAt !== null;
  return { byPartner: c.reporterPartnerId !== null, noticeSent, published, outcomeAnnounced: published || (noticeSent && c.state === 'dismissed') };
}

type Rule = boolean | ((s: CaseStage) => boolean);

const afterNotice = (s: CaseStage) => s.noticeSent;

const policy: Record<Exclude<CaseRelation, 'staff'>, Record<CasePart, Rule>> = {
  // A dismissed partner report never reaches the accused (R-SCREEN): nothing exists for them before the notice.
  accused: {
    existence: afterNotice, summary: afterNotice, facts: afterNotice, reporter: (s) => s.noticeSent && !s.byPartner, notice: afterNotice,
    suspension: afterNotice, deadlines: afterNotice, replies: afterNotice, objections: afterNotice, proposals: false, rejected: false,
    grounds: afterNotice, processingNotice: afterNotice, formalDecision: afterNotice, screening: false,
    outcome: (s) => s.outcomeAnnounced, publicNotice: (s) => s.published, deliveries: false,
  },
  // Their own report, what became of it, and the outcome once announced; never the defence.
  reporter: {
    existence: true, summary: true, facts: true, reporter: true, notice: false, suspension: false, deadlines: false, replies: false,
    objections: false, proposals: false, rejected: false, grounds: false, processingNotice: false, formalDecision: false, screening: true,
    outcome: (s) => s.outcomeAnnounced, publicNotice: (s) => s.published, deliveries: false,
  },
  // Nothing until the public notice, and then only what it says.
  other: {
    existence: (s) => s.published, summary: (s) => s.published, facts: false, reporter: false, notice: false, suspension: false,
    deadlines: false, replies: false, objections: false, proposals: false, rejected: false, grounds: false, processingNotice: false,
    formalDecision: false, screening: false, outcome: (s) => s.published, publicNotice: (s) => s.published, deliveries: false,
  },
};

export function maySee(relation: CaseRelation, part: CasePart, stage: CaseStage): boolean {
  if (relation === 'staff') return true;
  const rule = policy[relation][part];
  return typeof rule === 'boolean' ? rule : rule(stage);
}

/** Every part this relation may see at this stage, for a caller that shapes a whole case. */
export function visibleParts(relation: CaseRelation, stage: CaseStage): ReadonlySet<CasePart> {
  return new Set(caseParts.filter((p) => maySee(relation, p, stage)));
}

export const caseActs = ['reply', 'object', 'determine', 'approve', 'send_notice', 'dismiss', 'suspend', 'answer_objection'] as const;
/** What a person may be offered to do on a case; the state machine and the roles still decide whether now and who. */
export type CaseAct = (typeof caseActs)[number];

const actsOf: Record<CaseRelation, readonly CaseAct[]> = {
  staff: ['determine', 'approve', 'send_notice', 'dismiss', 'suspend', 'answer_objection'],
  accused: ['reply', 'object'],
  reporter: [],
  other: [],
};

export function mayAct(relation: CaseRelation, act: CaseAct): boolean {
  return actsOf[relation].includes(act);
}

/**
 * The partner picker: staff reporting as staff (R-EVIDENCE: the officer role)
 * may pick any; a contact reports another partner, never one it speaks for,
 * whatever other staff role it holds; anyone else none.
 */
export function mayPickPartner(reporter: Reporter, partnerId: string): boolean {
  const as = reportsAs(reporter);
  if (as === 'staff') return true;
  return as === 'partner' && !reporter.partnerIds.includes(partnerId);
}

/**
 * The state as a relation may know it: the accused never learns that a
 * proposal waits for approval; a reporter learns only received, dismissed,
 * taken up, then decided; anyone else only decided (R-CONFIDENTIAL).
 */
export type ShownState = CaseState | 'taken_up' | 'decided';

export function stateShownTo(relation: CaseRelation, state: CaseState, stage: CaseStage): ShownState {
  if (relation === 'staff') return state;
  if (relation === 'accused') return state === 'determination_proposed' ? 'awaiting_determination' : state === 'objection_answer_proposed' ? 'objection_raised' : state;
  if (stage.outcomeAnnounced) return state === 'dismissed' ? 'dismissed' : 'decided';
  if (relation === 'reporter') return stage.noticeSent ? 'taken_up' : state === 'dismissed' ? 'dismissed' : 'reported';
  return 'decided';
}
