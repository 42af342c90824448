/**
 * What the procedure tells people, as data. The service writes these to the
 * outbox; a chat adapter (Slack now, DingTalk later) renders and delivers
 * them in the reader's language. Amounts are 2-decimal CNY strings; instants
 * are ISO strings with +08:00.
 */
export type Recipient =
  | { type: 'user'; userId: string }
  | { type: 'channel'; channel: 'notices' | 'approvals' }
  /** Edit a message sent earlier through the outbox (e.g. an approval request once decided). */
  | { type: 'update'; outboxId: number };

export interface EvidenceView {
  kind: 'link' | 'file';
  ref: string;
  addedBy: string;
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
}

export interface DecisionView {
  baseClass: 1 | 2 | 3;
  finalClass: 1 | 2 | 3;
  amount: string;
  terminated: boolean;
  policyVersion: string;
  policyNote: string;
  steps: { rule: string; from_class: number; to_class: number; counted: string[]; amount: string | null; reason: string }[];
  restrictions: { kind: string; from: string; until: string | null; rule: string }[];
  deduction: { deposit: string; prepayment: string; service_fee: string; owed: string };
  notes: string[];
}

/** R-SUSPEND: why a suspension of incentive payouts ended (by staff's hand, the case dismissed, or the decision paid). */
export type SuspensionLiftReason = 'staff' | 'dismissed' | 'paid';

export type Notification =
  | { kind: 'suspected_violation'; case: CaseView; replyDue: string; provisional: boolean; suspended: boolean }
  | { kind: 'partner_report_received'; case: CaseView; reportedBy: string }
  | { kind: 'reply_recorded'; case: CaseView; reply: 'accept' | 'dispute' | 'no_objection' | 'lapse'; text: string | null; by: string | null }
  | { kind: 'determination_requested'; case: CaseView; determinationId: number; purpose: 'determination' | 'objection_answer'; proposedBy: string; established: boolean; terminate: boolean; fastTrack: boolean; reasons: string; decision: DecisionView | null }
  | { kind: 'determination_decided'; case: CaseView; determinationId: number; approved: boolean; decidedBy: string; decidedAt: string; note: string | null; proposedBy: string; decision: DecisionView | null; established: boolean }
  | { kind: 'processing_notice'; case: CaseView; decision: DecisionView; objectionDue: string; provisional: boolean; noticeDate: string }
  | { kind: 'objection_recorded'; case: CaseView; grounds: string; by: string }
  | { kind: 'objection_answered'; case: CaseView; outcome: 'upheld' | 'adjusted'; reasons: string; decision: DecisionView | null }
  | { kind: 'formal_decision'; case: CaseView; decision: DecisionView; noticeDate: string; paymentDue: string; owed: string }
  | { kind: 'public_notice'; case: CaseView; decision: DecisionView; noticeDate: string }
  | { kind: 'case_dismissed'; case: CaseView; reasons: string }
  | { kind: 'deadline_reminder'; case: CaseView; deadline: 'reply' | 'objection'; due: string; when: 'day_before' | 'due_today' }
  | { kind: 'approval_waiting'; case: CaseView; determinationId: number; proposedAt: string }
  | { kind: 'payment_due'; case: CaseView; owed: string; due: string; when: 'week_before' | 'due_today' }
  | { kind: 'late_fee_accruing'; case: CaseView; owed: string; lateFee: string; since: string }
  | { kind: 'payment_recorded'; case: CaseView; paid: string; owed: string; lateFee: string }
  | { kind: 'restriction_lifted'; case: CaseView; kinds: string[]; on: string }
  | { kind: 'incentives_suspended'; case: CaseView; since: string }
  | { kind: 'suspension_lifted'; case: CaseView; reason: SuspensionLiftReason; on: string; since: string | null }
  | { kind: 'calendar_provisional'; years: number[]; caseId: string; due: string };

export type NotificationKind = Notification['kind'];
