import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { cat, tr, user } from '../inline.ts';
import { caseFields, partnerLabel } from './case-parts.ts';
import { context, document, fields, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/** R-SUSPEND: staff hold the partner's incentive payouts while the case is open. */
export const composeIncentivesSuspended: Composer<'incentives_suspended'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const since = formatDateTime(n.since, locale);
  return document(
    tr(t, 'notification.incentives_suspended.text', { caseId }),
    [
      title(t('notification.incentives_suspended.title')),
      paragraph(tr(t, 'notification.incentives_suspended.intro', { partner: partnerLabel(c), caseId })),
      fields([[t('notification.incentives_suspended.since'), [since]]]),
      caseFields(c, locale, t),
      context(tr(t, 'notification.incentives_suspended.footer', platformWords(locale))),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** R-SUSPEND: the hold ends, by staff's hand, or by itself when the case is dismissed or the decision paid. */
export const composeSuspensionLifted: Composer<'suspension_lifted'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  return document(
    tr(t, 'notification.suspension_lifted.text', { caseId }),
    [
      title(t('notification.suspension_lifted.title')),
      paragraph(cat(tr(t, 'notification.suspension_lifted.intro', { partner: partnerLabel(c), caseId }), '\n', tr(t, `notification.suspension_lifted.reason.${n.reason}`))),
      fields([
        [t('notification.suspension_lifted.since'), n.since ? [formatDateTime(n.since, locale)] : []],
        [t('notification.suspension_lifted.on'), [formatDateTime(n.on, locale)]],
      ]),
      caseFields(c, locale, t),
      context(tr(t, 'notification.suspension_lifted.footer', platformWords(locale))),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
