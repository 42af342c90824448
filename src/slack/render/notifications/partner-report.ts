import { ACTIONS } from '../../action-ids.ts';
import { translator } from '../../../messages/i18n.ts';
import { actions, button, context, header, message, section } from '../blocks.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel, userTextSection } from '../case-blocks.ts';
import { formatDateTime } from '../format.ts';
import { formatActor } from '../actor.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * A partner reported another partner (R-EVIDENCE, §5.4.5). Staff screen it
 * (R-SCREEN): send the suspected-violation notice, or dismiss it with a reason.
 */
export const renderPartnerReportReceived: Renderer<'partner_report_received'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  return message(
    t('notification.partner_report_received.text', { caseId, partner: escapeMrkdwn(c.partnerName) }),
    [
      header(t('notification.partner_report_received.title')),
      section(t('notification.partner_report_received.intro', { reporter: formatActor(n.reportedBy, t), partner: partnerLabel(c) })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(t('notification.partner_report_received.hint')),
      actions([
        button(t('notification.partner_report_received.sendNotice'), ACTIONS.noticeSend, c.caseId, { style: 'primary' }),
        button(t('notification.partner_report_received.dismiss'), ACTIONS.dismissOpen, c.caseId, { style: 'danger' }),
      ]),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/**
 * R-SCREEN: the same approvals message, edited in place once staff screened
 * the report: who, when, what they did (with the dismissal reason: the channel
 * is staff only), and no buttons left to click.
 */
export const renderPartnerReportScreened: Renderer<'partner_report_screened'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const status = t(`notification.partner_report_screened.${n.outcome}`, { by: formatActor(n.screenedBy, t), when: formatDateTime(n.screenedAt, locale) });
  return message(
    t(`notification.partner_report_screened.${n.outcome === 'dismissed' ? 'dismissedText' : 'takenUpText'}`, { caseId, partner: escapeMrkdwn(c.partnerName) }),
    [
      header(t('notification.partner_report_screened.title')),
      section(status),
      ...(n.reason !== null ? [userTextSection(t('notification.partner_report_screened.reason'), n.reason, t)] : []),
      section(t('notification.partner_report_received.intro', { reporter: formatActor(n.reportedBy, t), partner: partnerLabel(c) })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(status),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
