import { commandArg, platformWords } from '../platform-words.ts';
import { translator, type Translate } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { cat, tr, user } from '../inline.ts';
import { caseFields, evidenceSection, factsSection, partnerLabel } from './case-parts.ts';
import { actions, context, document, fields, paragraph, title, type ActionIntent } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-REPLY (§5.4.1): the partner is told what, when and on what evidence, and
 * must reply in writing within 3 working days; R-SUSPEND (§5.4.2) says whether
 * incentive payouts are held meanwhile.
 */
export const composeSuspectedViolation: Composer<'suspected_violation'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const due = formatDateTime(n.replyDue, locale);
  const caseId = user(c.caseId);
  return document(
    tr(t, 'notification.suspected_violation.text', { caseId, due }),
    [
      title(t('notification.suspected_violation.title')),
      paragraph(tr(t, 'notification.suspected_violation.intro', { partner: partnerLabel(c), due })),
      caseFields(c, locale, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      fields([
        [t('notification.suspected_violation.replyDue'), cat('*', due, '*')],
        [t('notification.suspected_violation.incentives'), [n.suspended ? t('notification.suspected_violation.suspended') : t('notification.suspected_violation.notSuspended')]],
      ]),
      ...(n.provisional ? [context(tr(t, 'notification.common.provisional'))] : []),
      context(tr(t, 'notification.suspected_violation.howTo')),
      actions(replyButtons(c.caseId, t)),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** Accept (confirmed first: it admits the violation) or dispute; the notice and its reminders offer the same two (R-REPLY). */
export function replyButtons(caseId: string, t: Translate): ActionIntent[] {
  return [
    {
      action: 'replyAccept',
      value: caseId,
      label: t('notification.suspected_violation.accept'),
      style: 'primary',
      confirm: {
        title: t('notification.suspected_violation.acceptConfirm.title'),
        text: t('notification.suspected_violation.acceptConfirm.text', { caseId }),
        confirm: t('notification.suspected_violation.acceptConfirm.confirm'),
        deny: t('notification.common.cancel'),
      },
    },
    { action: 'replyDispute', value: caseId, label: t('notification.suspected_violation.dispute') },
  ];
}
