import type { Button } from '@slack/types';
import { ACTIONS } from '../../action-ids.ts';
import { translator, type Translate } from '../../../messages/i18n.ts';
import { actions, button, context, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel } from '../case-blocks.ts';
import { decisionBlocks } from '../decision-blocks.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * R-NOTICE (§5.5.2): the sanction (class after cascade, penalty,
 * restrictions with their end dates, termination) and why; the partner may
 * object within 3 working days, with grounds.
 */
export const renderProcessingNotice: Renderer<'processing_notice'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const due = formatDateTime(n.objectionDue, locale);
  return message(
    t('notification.processing_notice.text', { caseId, due }),
    [
      header(t('notification.processing_notice.title')),
      section(t('notification.processing_notice.intro', { partner: partnerLabel(c), noticeDate: formatDate(n.noticeDate, locale), due })),
      caseFields(c, locale, t),
      ...decisionBlocks(n.decision, locale, t),
      ...(n.provisional ? [context(t('notification.common.provisional'))] : []),
      context(t('notification.processing_notice.howTo', { due })),
      actions([objectButton(c.caseId, t)]),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** Object (R-NOTICE): offered by the processing notice and by its reminders. */
export function objectButton(caseId: string, t: Translate): Button {
  return button(t('notification.processing_notice.object'), ACTIONS.objectOpen, caseId);
}
