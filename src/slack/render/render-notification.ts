import type { Notification } from '../../domain/notifications/notification.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { RenderedMessage } from './blocks.ts';
import { renderCalendarProvisional } from './notifications/calendar-provisional.ts';
import { renderCaseDismissed } from './notifications/case-dismissed.ts';
import { renderLateFeeAccruing, renderPaymentDue, renderPaymentRecorded, renderRestrictionLifted } from './notifications/collection.ts';
import { renderDeterminationDecided, renderDeterminationRequested, renderDeterminationSuperseded } from './notifications/determination.ts';
import { renderAssessmentApplied, renderAssessmentReminder, renderPolicyAnnounced } from './notifications/lifecycle.ts';
import { renderFormalDecision } from './notifications/formal-decision.ts';
import { renderObjectionAnswered, renderObjectionRecorded } from './notifications/objection.ts';
import { renderPartnerReportReceived, renderPartnerReportScreened } from './notifications/partner-report.ts';
import { renderProcessingNotice } from './notifications/processing-notice.ts';
import { renderPublicNotice } from './notifications/public-notice.ts';
import { renderApprovalWaiting, renderDeadlineReminder } from './notifications/reminders.ts';
import { renderReplyRecorded } from './notifications/reply-recorded.ts';
import { renderReportOutcome, renderReportScreened } from './notifications/report-screened.ts';
import { renderSuspectedViolation } from './notifications/suspected-violation.ts';
import { renderIncentivesSuspended, renderSuspensionLifted } from './notifications/suspension.ts';

/**
 * Any outbox notification as a Slack message in the reader's language. The
 * switch is exhaustive: a new notification kind does not compile until it
 * has a renderer.
 */
export function renderNotification(n: Notification, locale: Locale, now?: Date): RenderedMessage {
  switch (n.kind) {
    case 'suspected_violation': return renderSuspectedViolation(n, locale, now);
    case 'partner_report_received': return renderPartnerReportReceived(n, locale, now);
    case 'partner_report_screened': return renderPartnerReportScreened(n, locale, now);
    case 'reply_recorded': return renderReplyRecorded(n, locale, now);
    case 'determination_requested': return renderDeterminationRequested(n, locale, now);
    case 'determination_decided': return renderDeterminationDecided(n, locale, now);
    case 'determination_superseded': return renderDeterminationSuperseded(n, locale, now);
    case 'processing_notice': return renderProcessingNotice(n, locale, now);
    case 'objection_recorded': return renderObjectionRecorded(n, locale, now);
    case 'objection_answered': return renderObjectionAnswered(n, locale, now);
    case 'formal_decision': return renderFormalDecision(n, locale, now);
    case 'public_notice': return renderPublicNotice(n, locale, now);
    case 'case_dismissed': return renderCaseDismissed(n, locale, now);
    case 'report_screened': return renderReportScreened(n, locale, now);
    case 'report_outcome': return renderReportOutcome(n, locale, now);
    case 'deadline_reminder': return renderDeadlineReminder(n, locale, now);
    case 'approval_waiting': return renderApprovalWaiting(n, locale, now);
    case 'payment_due': return renderPaymentDue(n, locale, now);
    case 'late_fee_accruing': return renderLateFeeAccruing(n, locale, now);
    case 'payment_recorded': return renderPaymentRecorded(n, locale, now);
    case 'restriction_lifted': return renderRestrictionLifted(n, locale, now);
    case 'incentives_suspended': return renderIncentivesSuspended(n, locale, now);
    case 'suspension_lifted': return renderSuspensionLifted(n, locale, now);
    case 'calendar_provisional': return renderCalendarProvisional(n, locale, now);
    case 'assessment_applied': return renderAssessmentApplied(n, locale, now);
    case 'assessment_reminder': return renderAssessmentReminder(n, locale, now);
    case 'policy_announced': return renderPolicyAnnounced(n, locale, now);
    default: {
      const unknown: never = n;
      throw new Error(`no Slack renderer for notification kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
