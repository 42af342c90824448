/**
 * What the procedure tells people, as data. The service writes these to the
 * outbox; a chat adapter (Slack now, DingTalk later) renders and delivers
 * them in the reader's language. Amounts are 2-decimal CNY strings; instants
 * are ISO strings with +08:00.
 */
/** The chat platforms a deployment can serve (issue 12): one, or both from one database. */
export const chatPlatforms = ['slack', 'dingtalk'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];
export const isChatPlatform = (v: string): v is ChatPlatform => (chatPlatforms as readonly string[]).includes(v);

export type Recipient =
  /** A person's direct message on the platform their id belongs to. */
  | { type: 'user'; platform: ChatPlatform; userId: string }
  /** A channel (group) on every platform the deployment serves, each its own. */
  | { type: 'channel'; channel: 'notices' | 'approvals' }
  /** Edit a message sent earlier through the outbox (e.g. an approval request once decided). */
  | { type: 'update'; outboxId: number };

export interface EvidenceView {
  kind: 'link' | 'file';
  ref: string;
  /** What it backs: the report, the accused's dispute, an objection (R-CONFIDENTIAL decides who sees which). */
  purpose: 'report' | 'dispute' | 'objection';
  /** Null where the reader may not know who added it (R-CONFIDENTIAL: a reporting partner's people). */
  addedBy: string | null;
  addedAt: string;
}

export interface CaseView {
  caseId: string;
  partnerId: string;
  partnerName: string;
  itemId: string;
  itemClass: 1 | 2 | 3;
  itemTextZh: string;
  itemTextEn: string;
  occurredOn: string;
  facts: string;
  evidence: EvidenceView[];
  /** R-EVIDENCE: a partner reported it, so the accused is never shown who (R-CONFIDENTIAL). */
  reportedByPartner: boolean;
}

/**
 * The engine's decision as shown and stored (R-DETERMINE: a proposal keeps
 * the exact decision the approver sees, everything needed to issue it).
 */
export interface DecisionView {
  baseClass: 1 | 2 | 3;
  finalClass: 1 | 2 | 3;
  amount: string;
  terminated: boolean;
  policyVersion: string;
  policyNote: string;
  steps: { rule: string; from_class: number; to_class: number; counted: string[]; amount: string | null; reason: string }[];
  /** Earlier sanctions (case ids) this one consumes by cascading (R-P2/R-P3 reading). */
  consumes: string[];
  /** `months`: the restriction's length (R-RESTRICT); its dates follow from the notice day. */
  restrictions: { kind: string; from: string; until: string | null; rule: string; months: number }[];
  deduction: { deposit: string; prepayment: string; service_fee: string; owed: string };
  notes: string[];
  /** The policy version's readings the engine applied (issue #8 item 7); absent on decisions stored before it. */
  readings?: string[];
  /** The day the engine judged it on (R-P2: the determination day). */
  judgedOn: string;
}

/** A proposal's decision as stored with its determination: the catalog item it judged. */
export type StoredDecision = DecisionView & { itemId: string };

/** What a re-judgement at the approval found different (R-DETERMINE); dates that follow the notice day are not. */
export type DecisionPart = 'policyVersion' | 'class' | 'amount' | 'steps' | 'consumes' | 'termination' | 'restrictions';

/** What the public notice says of a decision (§5.3.2 通报): no explanation, no ledger. */
export type PublicDecision = Pick<DecisionView, 'finalClass' | 'amount' | 'terminated' | 'restrictions'>;

export function publicDecision(d: DecisionView): PublicDecision {
  return { finalClass: d.finalClass, amount: d.amount, terminated: d.terminated, restrictions: d.restrictions };
}

/** R-SUSPEND: why a suspension of incentive payouts ended (by staff's hand, the case dismissed, or the decision paid). */
export type SuspensionLiftReason = 'staff' | 'dismissed' | 'paid';

export type Notification =
  | { kind: 'suspected_violation'; case: CaseView; replyDue: string; provisional: boolean; suspended: boolean }
  | { kind: 'partner_report_received'; case: CaseView; reportedBy: string }
  /** R-SCREEN: the approvals message of a partner's report, edited once staff screened it (staff only: it carries the dismissal reason). */
  | { kind: 'partner_report_screened'; case: CaseView; reportedBy: string; screenedBy: string; screenedAt: string; outcome: 'dismissed' | 'taken_up'; reason: string | null }
  | { kind: 'reply_recorded'; case: CaseView; reply: 'accept' | 'dispute' | 'no_objection' | 'lapse'; text: string | null; by: string | null }
  | { kind: 'determination_requested'; case: CaseView; determinationId: number; purpose: 'determination' | 'objection_answer'; proposedBy: string; established: boolean; terminate: boolean; fastTrack: boolean; reasons: string; decision: DecisionView | null }
  | { kind: 'determination_decided'; case: CaseView; determinationId: number; approved: boolean; decidedBy: string; decidedAt: string; note: string | null; proposedBy: string; decision: DecisionView | null; established: boolean }
  /** R-DETERMINE: the approval was refused because the engine now decides differently; both figures, side by side. */
  | { kind: 'determination_superseded'; case: CaseView; determinationId: number; purpose: 'determination' | 'objection_answer'; decidedBy: string; decidedAt: string; proposedBy: string; proposed: DecisionView; rejudged: DecisionView; changes: DecisionPart[] }
  | { kind: 'processing_notice'; case: CaseView; decision: DecisionView; objectionDue: string; provisional: boolean; noticeDate: string }
  | { kind: 'objection_recorded'; case: CaseView; grounds: string; by: string }
  | { kind: 'objection_answered'; case: CaseView; outcome: 'upheld' | 'adjusted'; reasons: string; decision: DecisionView | null }
  | { kind: 'formal_decision'; case: CaseView; decision: DecisionView; noticeDate: string; paymentDue: string; owed: string }
  | { kind: 'public_notice'; case: CaseView; decision: DecisionView; noticeDate: string }
  | { kind: 'case_dismissed'; case: CaseView; reasons: string }
  /** R-SCREEN: what became of a partner's report, told to the person who filed it. */
  | { kind: 'report_screened'; case: CaseView; outcome: 'dismissed' | 'taken_up'; reason: string | null }
  /** R-CONFIDENTIAL: the reporter hears the outcome once announced, never the reasons behind it. */
  | { kind: 'report_outcome'; case: CaseView; established: boolean; decision: PublicDecision | null; noticeDate: string | null }
  | { kind: 'deadline_reminder'; case: CaseView; deadline: 'reply' | 'objection'; due: string; when: 'day_before' | 'due_today' }
  | { kind: 'approval_waiting'; case: CaseView; determinationId: number; proposedAt: string }
  | { kind: 'payment_due'; case: CaseView; owed: string; due: string; when: 'week_before' | 'due_today' }
  | { kind: 'late_fee_accruing'; case: CaseView; owed: string; lateFee: string; since: string }
  | { kind: 'payment_recorded'; case: CaseView; paid: string; owed: string; lateFee: string }
  | { kind: 'restriction_lifted'; case: CaseView; kinds: string[]; on: string }
  | { kind: 'incentives_suspended'; case: CaseView; since: string }
  | { kind: 'suspension_lifted'; case: CaseView; reason: SuspensionLiftReason; on: string; since: string | null }
  | { kind: 'calendar_provisional'; years: number[]; caseId: string; due: string }
  /** R-ASSESS (§3.1.3): a downgrade or a removal from a category, told to the partner's contacts. */
  | { kind: 'assessment_applied'; partnerId: string; partnerName: string; category: string; period: string; outcome: 'downgraded' | 'removed'; levelBefore: string; levelAfter: string | null; appliedOn: string }
  /** R-ASSESS: an assessment month is coming; told to each admin once per month. */
  | { kind: 'assessment_reminder'; month: string; startsOn: string; due: { category: string; periods: string[] }[] }
  /** R-ANNOUNCE (§5.2.1): a new policy version and the day it takes effect, told before it applies. */
  | { kind: 'policy_announced'; version: string; effectiveFrom: string; publishedOn: string }
  /** §6.4, R-EXIT-*: the formal notice that a partner's qualification ended, to its contacts and the notices channel. */
  | { kind: 'partner_exited'; partnerId: string; partnerName: string; exitKind: 'expiry' | 'renewal' | 'removal' | 'voluntary'; rule: string; endsOn: string }
  /** R-COMPLAINT (§7.2): a partner's complaint against the vendor, to the approvals channel. */
  | { kind: 'complaint_filed'; complaint: ComplaintView }
  /** R-COMPLAINT: staff's answer, to the filing partner's contacts. */
  | { kind: 'complaint_answered'; complaint: ComplaintView; answer: string; answeredBy: string }
  /** R-COMPLAINT: unanswered the working day before it is due (approvals channel), or past due (each admin). */
  | { kind: 'complaint_reminder'; complaint: ComplaintView; when: 'day_before' | 'lapsed' }
  /** R-COMPLAINT: the approvals-channel message of a filed complaint, edited once staff answered it (no button left). */
  | { kind: 'complaint_closed'; complaint: ComplaintView; answer: string; answeredBy: string; answeredAt: string; late: boolean };

/** What the messages show of a complaint (R-COMPLAINT): only its filing partner's contacts and staff see it. */
export interface ComplaintView {
  complaintId: string;
  partnerId: string;
  partnerName: string;
  subject: string;
  text: string;
  evidence: string[];
  filedBy: string;
  filedAt: string;
  answerDue: string;
  provisional: boolean;
}

export type NotificationKind = Notification['kind'];
