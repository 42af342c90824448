import type { Button } from '@slack/types';
import { ACTIONS } from '../../action-ids.ts';
import { translator, type Translate } from '../../../messages/i18n.ts';
import { actions, button, context, fields, header, message, section } from '../blocks.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel } from '../case-blocks.ts';
import { formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * R-REPLY (§5.4.1): the partner is told what, when and on what evidence, and
 * must reply in writing within 3 working days; R-SUSPEND (§5.4.2) says whether
 * incentive payouts are held meanwhile.
 */
export const renderSuspectedViolation: Renderer<'suspected_violation'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const due = formatDateTime(n.replyDue, locale);
  const caseId = escapeMrkdwn(c.caseId);
  return message(
    t('notification.suspected_violation.text', { caseId, due }),
    [
      header(t('notification.suspected_violation.title')),
      section(t('notification.suspected_violation.intro', { partner: partnerLabel(c), due })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      fields([
        [t('notification.suspected_violation.replyDue'), `*${due}*`],
        [t('notification.suspected_violation.incentives'), n.suspended ? t('notification.suspected_violation.suspended') : t('notification.suspected_violation.notSuspended')],
      ]),
      ...(n.provisional ? [context(t('notification.common.provisional'))] : []),
      context(t('notification.suspected_violation.howTo')),
      actions(replyButtons(c.caseId, t)),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** Accept (confirmed first: it admits the violation) or dispute; the notice and its reminders offer the same two (R-REPLY). */
export function replyButtons(caseId: string, t: Translate): Button[] {
  return [
    button(t('notification.suspected_violation.accept'), ACTIONS.replyAccept, caseId, {
      style: 'primary',
      confirm: {
        title: t('notification.suspected_violation.acceptConfirm.title'),
        text: t('notification.suspected_violation.acceptConfirm.text', { caseId }),
        confirm: t('notification.suspected_violation.acceptConfirm.confirm'),
        deny: t('notification.common.cancel'),
      },
    }),
    button(t('notification.suspected_violation.dispute'), ACTIONS.replyDispute, caseId),
  ];
}
