import { translator } from '../../../messages/i18n.ts';
import { context, fields, header, message, section } from '../blocks.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel, userTextSection } from '../case-blocks.ts';
import { formatDate } from '../format.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { formatClass } from '../catalog-text.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * R-SCREEN: to the person who reported another partner, what staff made of
 * the report: dismissed (with the reason) or taken up. Only the report itself
 * is shown, never the reported partner's defence (R-CONFIDENTIAL).
 */
export const renderReportScreened: Renderer<'report_screened'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const k = `notification.report_screened.${n.outcome}`;
  return message(
    t(`${k}.text`, { caseId }),
    [
      header(t(`${k}.title`)),
      section(t(`${k}.intro`, { partner: partnerLabel(c), caseId })),
      ...(n.reason !== null ? [userTextSection(t('notification.report_screened.reason'), n.reason, t)] : []),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(t('notification.report_screened.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** R-CONFIDENTIAL: the reporter hears the outcome once announced, and only what the public notice says. */
export const renderReportOutcome: Renderer<'report_outcome'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const d = n.decision;
  const intro = n.established
    ? t('notification.report_outcome.established', { caseId, partner: partnerLabel(c), noticeDate: n.noticeDate ? formatDate(n.noticeDate, locale) : '' })
    : t('notification.report_outcome.notEstablished', { caseId, partner: partnerLabel(c) });
  return message(
    t('notification.report_outcome.text', { caseId }),
    [
      header(t('notification.report_outcome.title')),
      section(intro),
      caseFields(c, locale, t),
      ...(d
        ? [fields([
            [t('notification.decision.class'), formatClass(d.finalClass, t)],
            [t('notification.public_notice.sanction'), isZeroAmount(d.amount) ? t('notification.public_notice.warning') : t('notification.public_notice.penalty', { amount: formatCny(d.amount, locale) })],
          ])]
        : []),
      context(t('notification.report_outcome.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
