import { ACTIONS } from '../../action-ids.ts';
import { translator } from '../../../messages/i18n.ts';
import { actions, button, context, header, message, section } from '../blocks.ts';
import { caseFields, evidenceSection, partnerLabel, userTextSection } from '../case-blocks.ts';
import { formatActor } from '../actor.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * To the officer who reported the case: the partner's written reply, or its
 * absence (R-REPLY: no reply in time counts as no objection). Next step is
 * the determination (R-DETERMINE).
 */
export const renderReplyRecorded: Renderer<'reply_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const k = `notification.reply_recorded.${n.reply}`;
  return message(
    t(`${k}.text`, { caseId, partner: escapeMrkdwn(c.partnerName) }),
    [
      header(t(`${k}.title`)),
      section(t(`${k}.intro`, { by: formatActor(n.by, t), partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      ...(n.reply === 'lapse' ? [] : [userTextSection(t('notification.reply_recorded.reply'), n.text, t)]),
      evidenceSection(c.evidence, locale, t),
      context(t('notification.reply_recorded.next')),
      actions([button(t('notification.reply_recorded.determine'), ACTIONS.determineOpen, c.caseId, { style: 'primary' })]),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
