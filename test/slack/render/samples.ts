// One realistic notification of every kind, for the renderer and notifier tests.
import type { CaseView, ComplaintView, DecisionView, Notification, NotificationKind } from '../../../src/domain/notifications/notification.ts';

export const CASE: CaseView = {
  caseId: 'V-000042',
  partnerId: 'P1',
  partnerName: 'Partner One & Sons',
  itemId: 'SVC-09',
  itemClass: 2,
  itemTextZh: '未经阿里云同意，擅自以阿里云名义进行宣传',
  itemTextEn: 'Advertising in Alibaba Cloud’s name without its consent',
  occurredOn: '2026-05-20',
  facts: 'Sold a customer a fake discount on 2026-05-20.',
  evidence: [
    { kind: 'link', ref: 'https://example.com/screenshot.png', purpose: 'report', addedBy: 'slack:U0OFFICER', addedAt: '2026-05-21T10:00:00+08:00' },
    { kind: 'file', ref: 'F0123ABCD', purpose: 'report', addedBy: null, addedAt: '2026-05-21T10:05:00+08:00' },
  ],
  reportedByPartner: false,
};

export const DECISION: DecisionView = {
  baseClass: 2,
  finalClass: 2,
  amount: '10000.00',
  terminated: false,
  policyVersion: 'FY22',
  policyNote: 'R-POLICY: judged under FY22, in force on 2026-05-20',
  steps: [
    { rule: 'R-P2', from_class: 2, to_class: 2, counted: ['V-000007', 'V-000042'], amount: '10000.00', reason: 'the 2nd valid class-2 sanction within 12 months: CNY 10000.00' },
  ],
  consumes: [],
  restrictions: [
    { kind: 'no_upgrade', from: '2026-06-01', until: '2026-09-01', rule: 'R-RESTRICT §5.5.6', months: 3 },
    { kind: 'no_onboarding', from: '2026-06-01', until: '2026-09-01', rule: 'R-RESTRICT §5.5.6', months: 3 },
    { kind: 'no_new_program', from: '2026-06-01', until: '2026-09-01', rule: 'R-RESTRICT §5.5.6', months: 3 },
  ],
  deduction: { deposit: '5000.00', prepayment: '2000.00', service_fee: '0.00', owed: '3000.00' },
  notes: [],
  judgedOn: '2026-06-01',
};

/** The same case judged a day later, after another class-2 sanction: 3rd, CNY 50,000 (R-P2). */
export function rejudgedOf(d: DecisionView): DecisionView {
  return {
    ...d, amount: '50000.00', judgedOn: '2026-06-02',
    steps: d.steps.map((s) => ({ ...s, counted: ['V-000007', 'V-000040', ...s.counted.slice(1)], amount: '50000.00' })),
  };
}

/** R-COMPLAINT: a partner's complaint against the vendor. */
export const COMPLAINT: ComplaintView = {
  complaintId: 'C-000001',
  partnerId: 'P1',
  partnerName: 'Partner One & Sons',
  subject: 'Rebate for May not paid',
  text: 'The May rebate was due on 2026-06-05 and has not arrived.',
  evidence: ['https://example.com/statement.pdf'],
  filedBy: 'slack:U0PARTNER1',
  filedAt: '2026-06-08T10:00:00+08:00',
  answerDue: '2026-06-22T23:59:59+08:00',
  provisional: false,
};

/** Every kind, keyed by kind so a new kind fails to compile here until it has a sample. */
export function samples(c: CaseView = CASE, d: DecisionView = DECISION): { [K in NotificationKind]: Extract<Notification, { kind: K }>[] } {
  return {
    suspected_violation: [
      { kind: 'suspected_violation', case: c, replyDue: '2026-06-04T23:59:59+08:00', provisional: false, suspended: true },
      { kind: 'suspected_violation', case: c, replyDue: '2027-01-06T23:59:59+08:00', provisional: true, suspended: false },
    ],
    partner_report_received: [{ kind: 'partner_report_received', case: c, reportedBy: 'slack:U0PARTNER2' }],
    partner_report_screened: [
      { kind: 'partner_report_screened', case: c, reportedBy: 'slack:U0PARTNER2', screenedBy: 'slack:U0OFFICER', screenedAt: '2026-06-02T10:00:00+08:00', outcome: 'dismissed', reason: c.facts },
      { kind: 'partner_report_screened', case: c, reportedBy: 'slack:U0PARTNER2', screenedBy: 'slack:U0OFFICER', screenedAt: '2026-06-02T10:00:00+08:00', outcome: 'taken_up', reason: null },
    ],
    report_screened: [
      { kind: 'report_screened', case: c, outcome: 'dismissed', reason: c.facts },
      { kind: 'report_screened', case: c, outcome: 'taken_up', reason: null },
    ],
    report_outcome: [
      { kind: 'report_outcome', case: c, established: true, decision: { finalClass: d.finalClass, amount: d.amount, terminated: d.terminated, restrictions: d.restrictions }, noticeDate: '2026-06-05' },
      { kind: 'report_outcome', case: c, established: false, decision: null, noticeDate: null },
    ],
    reply_recorded: [
      { kind: 'reply_recorded', case: c, reply: 'accept', text: null, by: 'slack:U0PARTNER1' },
      { kind: 'reply_recorded', case: c, reply: 'dispute', text: c.facts, by: 'slack:U0PARTNER1' },
      { kind: 'reply_recorded', case: c, reply: 'no_objection', text: null, by: 'slack:U0PARTNER1' },
      { kind: 'reply_recorded', case: c, reply: 'lapse', text: null, by: null },
    ],
    determination_requested: [
      { kind: 'determination_requested', case: c, determinationId: 17, purpose: 'determination', proposedBy: 'slack:U0OFFICER', established: true, terminate: false, fastTrack: true, reasons: c.facts, decision: d },
      { kind: 'determination_requested', case: c, determinationId: 18, purpose: 'objection_answer', proposedBy: 'slack:U0OFFICER', established: false, terminate: false, fastTrack: false, reasons: c.facts, decision: null },
    ],
    determination_decided: [
      { kind: 'determination_decided', case: c, determinationId: 17, approved: true, decidedBy: 'slack:U0APPROVER', decidedAt: '2026-06-01T12:00:00+08:00', note: null, proposedBy: 'slack:U0OFFICER', decision: d, established: true },
      { kind: 'determination_decided', case: c, determinationId: 18, approved: false, decidedBy: 'slack:U0APPROVER', decidedAt: '2026-06-01T12:00:00+08:00', note: c.facts, proposedBy: 'slack:U0OFFICER', decision: null, established: false },
    ],
    determination_superseded: [
      {
        kind: 'determination_superseded', case: c, determinationId: 17, purpose: 'determination', decidedBy: 'slack:U0APPROVER', decidedAt: '2026-06-02T10:00:00+08:00',
        proposedBy: 'slack:U0OFFICER', proposed: d, rejudged: rejudgedOf(d), changes: ['amount', 'steps'],
      },
    ],
    processing_notice: [{ kind: 'processing_notice', case: c, decision: d, objectionDue: '2026-06-04T23:59:59+08:00', provisional: false, noticeDate: '2026-06-01' }],
    objection_recorded: [{ kind: 'objection_recorded', case: c, grounds: c.facts, by: 'slack:U0PARTNER1' }],
    objection_answered: [
      { kind: 'objection_answered', case: c, outcome: 'upheld', reasons: c.facts, decision: d },
      { kind: 'objection_answered', case: c, outcome: 'adjusted', reasons: c.facts, decision: null },
    ],
    formal_decision: [{ kind: 'formal_decision', case: c, decision: d, noticeDate: '2026-06-01', paymentDue: '2026-09-01', owed: '3000.00' }],
    public_notice: [{ kind: 'public_notice', case: c, decision: d, noticeDate: '2026-06-01' }],
    case_dismissed: [{ kind: 'case_dismissed', case: c, reasons: c.facts }],
    deadline_reminder: [
      { kind: 'deadline_reminder', case: c, deadline: 'reply', due: '2026-06-04T23:59:59+08:00', when: 'day_before' },
      { kind: 'deadline_reminder', case: c, deadline: 'objection', due: '2026-06-04T23:59:59+08:00', when: 'due_today' },
    ],
    approval_waiting: [{ kind: 'approval_waiting', case: c, determinationId: 17, proposedAt: '2026-06-01T12:00:00+08:00' }],
    payment_due: [
      { kind: 'payment_due', case: c, owed: '3000.00', due: '2026-09-01', when: 'week_before' },
      { kind: 'payment_due', case: c, owed: '3000.00', due: '2026-09-01', when: 'due_today' },
    ],
    late_fee_accruing: [{ kind: 'late_fee_accruing', case: c, owed: '3000.00', lateFee: '21.00', since: '2026-09-02' }],
    payment_recorded: [
      { kind: 'payment_recorded', case: c, paid: '1000.00', owed: '2000.00', lateFee: '0.00' },
      { kind: 'payment_recorded', case: c, paid: '2000.00', owed: '0.00', lateFee: '0.00' },
    ],
    restriction_lifted: [{ kind: 'restriction_lifted', case: c, kinds: ['no_upgrade', 'no_onboarding', 'no_new_program'], on: '2026-09-01' }],
    incentives_suspended: [{ kind: 'incentives_suspended', case: c, since: '2026-06-02T10:00:00+08:00' }],
    suspension_lifted: [
      { kind: 'suspension_lifted', case: c, reason: 'staff', on: '2026-06-03T09:30:00+08:00', since: '2026-06-02T10:00:00+08:00' },
      { kind: 'suspension_lifted', case: c, reason: 'dismissed', on: '2026-06-03T09:30:00+08:00', since: '2026-06-02T10:00:00+08:00' },
      { kind: 'suspension_lifted', case: c, reason: 'paid', on: '2026-06-03T09:30:00+08:00', since: null },
    ],
    calendar_provisional: [{ kind: 'calendar_provisional', years: [2027], caseId: c.caseId, due: '2027-01-06T23:59:59+08:00' }],
    assessment_applied: [
      { kind: 'assessment_applied', partnerId: c.partnerId, partnerName: c.partnerName, category: 'consulting_sales', period: 'FY27-Q2', outcome: 'downgraded', levelBefore: 'gold', levelAfter: 'silver', appliedOn: '2026-10-15' },
      { kind: 'assessment_applied', partnerId: c.partnerId, partnerName: c.partnerName, category: 'service', period: 'FY27', outcome: 'removed', levelBefore: 'gold', levelAfter: null, appliedOn: '2027-04-20' },
    ],
    assessment_reminder: [
      { kind: 'assessment_reminder', month: '2027-04', startsOn: '2027-04-01', due: [{ category: 'consulting_sales', periods: ['FY27-Q4', 'FY27'] }, { category: 'product_solution', periods: ['FY27'] }, { category: 'service', periods: ['FY27'] }] },
    ],
    policy_announced: [{ kind: 'policy_announced', version: 'FY27', effectiveFrom: '2026-07-01', publishedOn: '2026-06-01' }],
    partner_exited: (['expiry', 'renewal', 'removal', 'voluntary'] as const).map((exitKind) => ({ kind: 'partner_exited' as const, partnerId: 'P1', partnerName: 'Partner One', exitKind, rule: `R-EXIT-${exitKind.toUpperCase()}`, endsOn: '2026-07-01' })),
    complaint_filed: [{ kind: 'complaint_filed', complaint: COMPLAINT }],
    complaint_answered: [{ kind: 'complaint_answered', complaint: COMPLAINT, answer: 'The rebate was paid on 2026-06-10; see the statement.', answeredBy: 'slack:U0OFFICER' }],
    complaint_closed: [
      { kind: 'complaint_closed', complaint: COMPLAINT, answer: 'The rebate was paid on 2026-06-10; see the statement.', answeredBy: 'slack:U0OFFICER', answeredAt: '2026-06-11T10:00:00+08:00', late: false },
      { kind: 'complaint_closed', complaint: COMPLAINT, answer: 'Paid late, sorry.', answeredBy: 'cli:ops', answeredAt: '2026-06-30T10:00:00+08:00', late: true },
    ],
    complaint_reminder: [
      { kind: 'complaint_reminder', complaint: COMPLAINT, when: 'day_before' },
      { kind: 'complaint_reminder', complaint: { ...COMPLAINT, evidence: [] }, when: 'lapsed' },
    ],
  };
}

export function allSamples(c?: CaseView, d?: DecisionView): Notification[] {
  return Object.values(samples(c, d)).flat();
}
