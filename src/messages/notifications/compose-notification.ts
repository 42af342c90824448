import type { Notification } from '../../domain/notifications/notification.ts';
import type { Locale } from '../i18n.ts';
import type { NotificationDocument } from './document.ts';
import { composeCalendarProvisional } from './calendar-provisional.ts';
import { composeCaseDismissed } from './case-dismissed.ts';
import { composeComplaintAnswered, composeComplaintClosed, composeComplaintFiled, composeComplaintReminder } from './complaint.ts';
import { composeLateFeeAccruing, composePaymentDue, composePaymentRecorded, composeRestrictionLifted } from './collection.ts';
import { composeDeterminationDecided, composeDeterminationRequested, composeDeterminationSuperseded } from './determination.ts';
import { composeFormalDecision } from './formal-decision.ts';
import { composeAssessmentApplied, composeAssessmentReminder, composePartnerExited, composePolicyAnnounced } from './lifecycle.ts';
import { composeObjectionAnswered, composeObjectionRecorded } from './objection.ts';
import { composePartnerReportReceived, composePartnerReportScreened } from './partner-report.ts';
import { composeProcessingNotice } from './processing-notice.ts';
import { composePublicNotice } from './public-notice.ts';
import { composeApprovalWaiting, composeDeadlineReminder } from './reminders.ts';
import { composeReplyRecorded } from './reply-recorded.ts';
import { composeReportOutcome, composeReportScreened } from './report-screened.ts';
import { composeSuspectedViolation } from './suspected-violation.ts';
import { composeIncentivesSuspended, composeSuspensionLifted } from './suspension.ts';

/**
 * What any outbox notification says, in the reader's language, as a
 * chat-neutral document every adapter renders (issue 12). The switch is
 * exhaustive: a new notification kind does not compile until it has one.
 */
export function composeNotification(n: Notification, locale: Locale, now?: Date): NotificationDocument {
  switch (n.kind) {
    case 'suspected_violation': return composeSuspectedViolation(n, locale, now);
    case 'partner_report_received': return composePartnerReportReceived(n, locale, now);
    case 'partner_report_screened': return composePartnerReportScreened(n, locale, now);
    case 'reply_recorded': return composeReplyRecorded(n, locale, now);
    case 'determination_requested': return composeDeterminationRequested(n, locale, now);
    case 'determination_decided': return composeDeterminationDecided(n, locale, now);
    case 'determination_superseded': return composeDeterminationSuperseded(n, locale, now);
    case 'processing_notice': return composeProcessingNotice(n, locale, now);
    case 'objection_recorded': return composeObjectionRecorded(n, locale, now);
    case 'objection_answered': return composeObjectionAnswered(n, locale, now);
    case 'formal_decision': return composeFormalDecision(n, locale, now);
    case 'public_notice': return composePublicNotice(n, locale, now);
    case 'case_dismissed': return composeCaseDismissed(n, locale, now);
    case 'report_screened': return composeReportScreened(n, locale, now);
    case 'report_outcome': return composeReportOutcome(n, locale, now);
    case 'deadline_reminder': return composeDeadlineReminder(n, locale, now);
    case 'approval_waiting': return composeApprovalWaiting(n, locale, now);
    case 'payment_due': return composePaymentDue(n, locale, now);
    case 'late_fee_accruing': return composeLateFeeAccruing(n, locale, now);
    case 'payment_recorded': return composePaymentRecorded(n, locale, now);
    case 'restriction_lifted': return composeRestrictionLifted(n, locale, now);
    case 'incentives_suspended': return composeIncentivesSuspended(n, locale, now);
    case 'suspension_lifted': return composeSuspensionLifted(n, locale, now);
    case 'calendar_provisional': return composeCalendarProvisional(n, locale, now);
    case 'assessment_applied': return composeAssessmentApplied(n, locale, now);
    case 'assessment_reminder': return composeAssessmentReminder(n, locale, now);
    case 'policy_announced': return composePolicyAnnounced(n, locale, now);
    case 'partner_exited': return composePartnerExited(n, locale, now);
    case 'complaint_filed': return composeComplaintFiled(n, locale, now);
    case 'complaint_answered': return composeComplaintAnswered(n, locale, now);
    case 'complaint_reminder': return composeComplaintReminder(n, locale, now);
    case 'complaint_closed': return composeComplaintClosed(n, locale, now);
    default: {
      const unknown: never = n;
      throw new Error(`no document for notification kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
