import { commandArg, platformWords } from '../platform-words.ts';
import { formatAmount, parseAmount } from '../../domain/money.ts';
import { translator } from '../i18n.ts';
import { formatCny, isZeroAmount } from '../amount.ts';
import { formatDate, formatRestrictionKind } from '../format.ts';
import { cat, join, tr, user } from '../inline.ts';
import { caseFields, partnerLabel } from './case-parts.ts';
import { context, document, fields, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/** R-DEDUCT / R-LATE (§5.6): the penalty still owed is due; 7 days before and on the day. */
export const composePaymentDue: Composer<'payment_due'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const params = { caseId, owed: formatCny(n.owed, locale), due: formatDate(n.due, locale) };
  return document(
    tr(t, `notification.payment_due.${n.when}`, params),
    [
      title(t('notification.payment_due.title')),
      paragraph(cat(tr(t, `notification.payment_due.${n.when}`, params), '\n', tr(t, 'notification.payment_due.what', { partner: partnerLabel(c) }))),
      fields([
        [t('notification.payment_due.owed'), [`*${params.owed}*`]],
        [t('notification.payment_due.due'), [params.due]],
      ]),
      caseFields(c, locale, t),
      context(tr(t, 'notification.payment_due.rule')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/**
 * R-LATE: 0.1% a calendar day of what is unpaid, from the day after the
 * term, and the late-payment restriction until everything is paid. Weekly.
 */
export const composeLateFeeAccruing: Composer<'late_fee_accruing'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const total = formatAmount(parseAmount(n.owed).plus(parseAmount(n.lateFee)));
  const since = formatDate(n.since, locale);
  return document(
    tr(t, 'notification.late_fee_accruing.text', { caseId, total: formatCny(total, locale) }),
    [
      title(t('notification.late_fee_accruing.title')),
      paragraph(tr(t, 'notification.late_fee_accruing.intro', { partner: partnerLabel(c), since })),
      fields([
        [t('notification.late_fee_accruing.owed'), [formatCny(n.owed, locale)]],
        [t('notification.late_fee_accruing.lateFee'), [formatCny(n.lateFee, locale)]],
        [t('notification.late_fee_accruing.total'), [`*${formatCny(total, locale)}*`]],
        [t('notification.late_fee_accruing.since'), [since]],
      ]),
      caseFields(c, locale, t),
      context(tr(t, 'notification.late_fee_accruing.rule')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** A payment was recorded against the case; what is left, if anything. */
export const composePaymentRecorded: Composer<'payment_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const settled = isZeroAmount(n.owed) && isZeroAmount(n.lateFee);
  const paid = formatCny(n.paid, locale);
  return document(
    tr(t, 'notification.payment_recorded.text', { caseId, paid }),
    [
      title(t('notification.payment_recorded.title')),
      paragraph(tr(t, 'notification.payment_recorded.intro', { partner: partnerLabel(c), paid, caseId })),
      fields([
        [t('notification.payment_recorded.paid'), [paid]],
        [t('notification.payment_recorded.owed'), [formatCny(n.owed, locale)]],
        [t('notification.payment_recorded.lateFee'), [formatCny(n.lateFee, locale)]],
      ]),
      caseFields(c, locale, t),
      context(tr(t, settled ? 'notification.payment_recorded.settled' : 'notification.payment_recorded.remaining')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** R-RESTRICT: a restriction's term has ended. */
export const composeRestrictionLifted: Composer<'restriction_lifted'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const on = formatDate(n.on, locale);
  const kinds = join(n.kinds.map((k) => cat('• ', formatRestrictionKind(k, t))), '\n');
  return document(
    tr(t, 'notification.restriction_lifted.text', { caseId, on }),
    [
      title(t('notification.restriction_lifted.title')),
      paragraph(cat(tr(t, 'notification.restriction_lifted.intro', { partner: partnerLabel(c), on }), '\n', kinds)),
      caseFields(c, locale, t),
      context(tr(t, 'notification.restriction_lifted.footer', platformWords(locale))),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
