import { translator } from '../../../messages/i18n.ts';
import { context, fields, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel } from '../case-blocks.ts';
import { formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/** R-SUSPEND: staff hold the partner's incentive payouts while the case is open. */
export const renderIncentivesSuspended: Renderer<'incentives_suspended'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const since = formatDateTime(n.since, locale);
  return message(
    t('notification.incentives_suspended.text', { caseId }),
    [
      header(t('notification.incentives_suspended.title')),
      section(t('notification.incentives_suspended.intro', { partner: partnerLabel(c), caseId })),
      fields([[t('notification.incentives_suspended.since'), since]]),
      caseFields(c, locale, t),
      context(t('notification.incentives_suspended.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** R-SUSPEND: the hold ends, by staff's hand, or by itself when the case is dismissed or the decision paid. */
export const renderSuspensionLifted: Renderer<'suspension_lifted'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  return message(
    t('notification.suspension_lifted.text', { caseId }),
    [
      header(t('notification.suspension_lifted.title')),
      section(`${t('notification.suspension_lifted.intro', { partner: partnerLabel(c), caseId })}\n${t(`notification.suspension_lifted.reason.${n.reason}`)}`),
      fields([
        [t('notification.suspension_lifted.since'), n.since ? formatDateTime(n.since, locale) : ''],
        [t('notification.suspension_lifted.on'), formatDateTime(n.on, locale)],
      ]),
      caseFields(c, locale, t),
      context(t('notification.suspension_lifted.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
