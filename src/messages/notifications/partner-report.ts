import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatActor, formatDateTime } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel, userTextSection } from './case-parts.ts';
import { actions, context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * A partner reported another partner (R-EVIDENCE, §5.4.5). Staff screen it
 * (R-SCREEN): send the suspected-violation notice, or dismiss it with a reason.
 */
export const composePartnerReportReceived: Composer<'partner_report_received'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  return document(
    tr(t, 'notification.partner_report_received.text', { caseId, partner: user(c.partnerName) }),
    [
      title(t('notification.partner_report_received.title')),
      paragraph(tr(t, 'notification.partner_report_received.intro', { reporter: formatActor(n.reportedBy, t), partner: partnerLabel(c) })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(tr(t, 'notification.partner_report_received.hint')),
      actions([
        { action: 'noticeSend', value: c.caseId, label: t('notification.partner_report_received.sendNotice'), style: 'primary' },
        { action: 'dismissOpen', value: c.caseId, label: t('notification.partner_report_received.dismiss'), style: 'danger' },
      ]),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/**
 * R-SCREEN: the same approvals message, edited in place once staff screened
 * the report: who, when, what they did (with the dismissal reason: the channel
 * is staff only), and no buttons left to click.
 */
export const composePartnerReportScreened: Composer<'partner_report_screened'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const status = tr(t, `notification.partner_report_screened.${n.outcome}`, { by: formatActor(n.screenedBy, t), when: formatDateTime(n.screenedAt, locale) });
  return document(
    tr(t, `notification.partner_report_screened.${n.outcome === 'dismissed' ? 'dismissedText' : 'takenUpText'}`, { caseId, partner: user(c.partnerName) }),
    [
      title(t('notification.partner_report_screened.title')),
      paragraph(status),
      ...(n.reason !== null ? [userTextSection(t('notification.partner_report_screened.reason'), n.reason, t)] : []),
      paragraph(tr(t, 'notification.partner_report_received.intro', { reporter: formatActor(n.reportedBy, t), partner: partnerLabel(c) })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(status),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
