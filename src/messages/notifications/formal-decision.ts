import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatCny, isZeroAmount } from '../amount.ts';
import { formatDate } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, partnerLabel } from './case-parts.ts';
import { decisionBlocks } from './decision-parts.ts';
import { context, document, fields, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-DECISION (§5.5.3): once the objection window has closed, the formal
 * decision; what is still owed after the deduction (R-DEDUCT) is due by the
 * payment date, after which late fees accrue (R-LATE).
 */
export const composeFormalDecision: Composer<'formal_decision'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const owed = formatCny(n.owed, locale);
  const payBy = formatDate(n.paymentDue, locale);
  const nothingOwed = isZeroAmount(n.owed);
  return document(
    tr(t, 'notification.formal_decision.text', { caseId }),
    [
      title(t('notification.formal_decision.title')),
      paragraph(tr(t, 'notification.formal_decision.intro', { partner: partnerLabel(c), noticeDate: formatDate(n.noticeDate, locale) })),
      caseFields(c, locale, t),
      ...decisionBlocks(n.decision, locale, t),
      fields([
        [t('notification.formal_decision.owed'), [`*${owed}*`]],
        [t('notification.formal_decision.payBy'), [nothingOwed ? '–' : payBy]],
      ]),
      context(nothingOwed ? tr(t, 'notification.formal_decision.nothingOwed') : tr(t, 'notification.formal_decision.lateFee', { payBy })),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
