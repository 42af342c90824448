import type { Button } from '@slack/types';
import { translator, type Translate } from '../../../messages/i18n.ts';
import { actions, context, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel } from '../case-blocks.ts';
import { formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';
import { objectButton } from './processing-notice.ts';
import { replyButtons } from './suspected-violation.ts';

/**
 * Reply (R-REPLY) and objection (R-NOTICE) deadlines: one working day before
 * and on the morning of the day, with the same buttons as the notice so the
 * partner can act from the reminder.
 */
export const renderDeadlineReminder: Renderer<'deadline_reminder'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const due = formatDateTime(n.due, locale);
  const k = `notification.deadline_reminder.${n.deadline}`;
  return message(
    t(`${k}.${n.when}`, { caseId, due }),
    [
      header(t(`${k}.title`)),
      section(`${t(`${k}.${n.when}`, { caseId, due })}\n${t(`${k}.what`, { partner: partnerLabel(c) })}`),
      caseFields(c, locale, t),
      context(t(`${k}.rule`)),
      actions(reminderButtons(n.deadline, c.caseId, t)),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

function reminderButtons(deadline: 'reply' | 'objection', caseId: string, t: Translate): Button[] {
  return deadline === 'objection' ? [objectButton(caseId, t)] : replyButtons(caseId, t);
}

/**
 * A proposal has waited over a working day for a second person's approval
 * (R-DETERMINE). The buttons stay on the original proposal message.
 */
export const renderApprovalWaiting: Renderer<'approval_waiting'> = (n, locale, now) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const id = String(n.determinationId);
  const since = formatDateTime(n.proposedAt, locale);
  const hours = now ? Math.floor((now.getTime() - new Date(n.proposedAt).getTime()) / 3_600_000) : NaN;
  const waited = Number.isFinite(hours) && hours > 0 ? t('notification.approval_waiting.hours', { n: hours }) : '';
  return message(
    t('notification.approval_waiting.text', { caseId, id }),
    [
      header(t('notification.approval_waiting.title', { id })),
      section(t('notification.approval_waiting.intro', { id, caseId, since, waited })),
      caseFields(c, locale, t),
      context(t('notification.approval_waiting.hint')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
