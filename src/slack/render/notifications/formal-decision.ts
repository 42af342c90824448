import { translator } from '../../../messages/i18n.ts';
import { context, fields, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel } from '../case-blocks.ts';
import { decisionBlocks } from '../decision-blocks.ts';
import { formatDate } from '../format.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * R-DECISION (§5.5.3): once the objection window has closed, the formal
 * decision; what is still owed after the deduction (R-DEDUCT) is due by the
 * payment date, after which late fees accrue (R-LATE).
 */
export const renderFormalDecision: Renderer<'formal_decision'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const owed = formatCny(n.owed, locale);
  const payBy = formatDate(n.paymentDue, locale);
  const nothingOwed = isZeroAmount(n.owed);
  return message(
    t('notification.formal_decision.text', { caseId }),
    [
      header(t('notification.formal_decision.title')),
      section(t('notification.formal_decision.intro', { partner: partnerLabel(c), noticeDate: formatDate(n.noticeDate, locale) })),
      caseFields(c, locale, t),
      ...decisionBlocks(n.decision, locale, t),
      fields([
        [t('notification.formal_decision.owed'), `*${owed}*`],
        [t('notification.formal_decision.payBy'), nothingOwed ? '–' : payBy],
      ]),
      context(nothingOwed ? t('notification.formal_decision.nothingOwed') : t('notification.formal_decision.lateFee', { payBy })),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
