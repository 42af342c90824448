import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatCny, isZeroAmount } from '../amount.ts';
import { formatClass, formatDate } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel, userTextSection } from './case-parts.ts';
import { context, document, fields, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-SCREEN: to the person who reported another partner, what staff made of
 * the report: dismissed (with the reason) or taken up. Only the report itself
 * is shown, never the reported partner's defence (R-CONFIDENTIAL).
 */
export const composeReportScreened: Composer<'report_screened'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const k = `notification.report_screened.${n.outcome}`;
  return document(
    tr(t, `${k}.text`, { caseId }),
    [
      title(t(`${k}.title`)),
      paragraph(tr(t, `${k}.intro`, { partner: partnerLabel(c), caseId })),
      ...(n.reason !== null ? [userTextSection(t('notification.report_screened.reason'), n.reason, t)] : []),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      context(tr(t, 'notification.report_screened.footer')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** R-CONFIDENTIAL: the reporter hears the outcome once announced, and only what the public notice says. */
export const composeReportOutcome: Composer<'report_outcome'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const d = n.decision;
  const intro = n.established
    ? tr(t, 'notification.report_outcome.established', { caseId, partner: partnerLabel(c), noticeDate: n.noticeDate ? formatDate(n.noticeDate, locale) : '' })
    : tr(t, 'notification.report_outcome.notEstablished', { caseId, partner: partnerLabel(c) });
  return document(
    tr(t, 'notification.report_outcome.text', { caseId }),
    [
      title(t('notification.report_outcome.title')),
      paragraph(intro),
      caseFields(c, locale, t),
      ...(d
        ? [fields([
            [t('notification.decision.class'), [formatClass(d.finalClass, t)]],
            [t('notification.public_notice.sanction'), [isZeroAmount(d.amount) ? t('notification.public_notice.warning') : t('notification.public_notice.penalty', { amount: formatCny(d.amount, locale) })]],
          ])]
        : []),
      context(tr(t, 'notification.report_outcome.footer')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
