import { formatAmount, parseAmount } from '../../../domain/money.ts';
import { translator } from '../../../messages/i18n.ts';
import { context, fields, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel } from '../case-blocks.ts';
import { formatDate, formatRestrictionKind } from '../format.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/** R-DEDUCT / R-LATE (§5.6): the penalty still owed is due; 7 days before and on the day. */
export const renderPaymentDue: Renderer<'payment_due'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const params = { caseId, owed: formatCny(n.owed, locale), due: formatDate(n.due, locale) };
  return message(
    t(`notification.payment_due.${n.when}`, params),
    [
      header(t('notification.payment_due.title')),
      section(`${t(`notification.payment_due.${n.when}`, params)}\n${t('notification.payment_due.what', { partner: partnerLabel(c) })}`),
      fields([
        [t('notification.payment_due.owed'), `*${params.owed}*`],
        [t('notification.payment_due.due'), params.due],
      ]),
      caseFields(c, locale, t),
      context(t('notification.payment_due.rule')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/**
 * R-LATE: 0.1% a calendar day of what is unpaid, from the day after the
 * term, and the late-payment restriction until everything is paid. Weekly.
 */
export const renderLateFeeAccruing: Renderer<'late_fee_accruing'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const total = formatAmount(parseAmount(n.owed).plus(parseAmount(n.lateFee)));
  const since = formatDate(n.since, locale);
  return message(
    t('notification.late_fee_accruing.text', { caseId, total: formatCny(total, locale) }),
    [
      header(t('notification.late_fee_accruing.title')),
      section(t('notification.late_fee_accruing.intro', { partner: partnerLabel(c), since })),
      fields([
        [t('notification.late_fee_accruing.owed'), formatCny(n.owed, locale)],
        [t('notification.late_fee_accruing.lateFee'), formatCny(n.lateFee, locale)],
        [t('notification.late_fee_accruing.total'), `*${formatCny(total, locale)}*`],
        [t('notification.late_fee_accruing.since'), since],
      ]),
      caseFields(c, locale, t),
      context(t('notification.late_fee_accruing.rule')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** A payment was recorded against the case; what is left, if anything. */
export const renderPaymentRecorded: Renderer<'payment_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const settled = isZeroAmount(n.owed) && isZeroAmount(n.lateFee);
  const paid = formatCny(n.paid, locale);
  return message(
    t('notification.payment_recorded.text', { caseId, paid }),
    [
      header(t('notification.payment_recorded.title')),
      section(t('notification.payment_recorded.intro', { partner: partnerLabel(c), paid, caseId })),
      fields([
        [t('notification.payment_recorded.paid'), paid],
        [t('notification.payment_recorded.owed'), formatCny(n.owed, locale)],
        [t('notification.payment_recorded.lateFee'), formatCny(n.lateFee, locale)],
      ]),
      caseFields(c, locale, t),
      context(settled ? t('notification.payment_recorded.settled') : t('notification.payment_recorded.remaining')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/** R-RESTRICT: a restriction's term has ended. */
export const renderRestrictionLifted: Renderer<'restriction_lifted'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const on = formatDate(n.on, locale);
  const kinds = n.kinds.map((k) => `• ${formatRestrictionKind(k, t)}`).join('\n');
  return message(
    t('notification.restriction_lifted.text', { caseId, on }),
    [
      header(t('notification.restriction_lifted.title')),
      section(`${t('notification.restriction_lifted.intro', { partner: partnerLabel(c), on })}\n${kinds}`),
      caseFields(c, locale, t),
      context(t('notification.restriction_lifted.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
