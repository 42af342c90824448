import { commandArg, platformWords } from '../platform-words.ts';
import { translator, type Translate } from '../i18n.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, partnerLabel } from './case-parts.ts';
import { decisionBlocks } from './decision-parts.ts';
import { actions, context, document, paragraph, title, type ActionIntent } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-NOTICE (§5.5.2): the sanction (class after cascade, penalty,
 * restrictions with their end dates, termination) and why; the partner may
 * object within 3 working days, with grounds.
 */
export const composeProcessingNotice: Composer<'processing_notice'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const due = formatDateTime(n.objectionDue, locale);
  return document(
    tr(t, 'notification.processing_notice.text', { caseId, due }),
    [
      title(t('notification.processing_notice.title')),
      paragraph(tr(t, 'notification.processing_notice.intro', { partner: partnerLabel(c), noticeDate: formatDate(n.noticeDate, locale), due })),
      caseFields(c, locale, t),
      ...decisionBlocks(n.decision, locale, t),
      ...(n.provisional ? [context(tr(t, 'notification.common.provisional'))] : []),
      context(tr(t, 'notification.processing_notice.howTo', { due })),
      actions([objectButton(c.caseId, t)]),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/** Object (R-NOTICE): offered by the processing notice and by its reminders. */
export function objectButton(caseId: string, t: Translate): ActionIntent {
  return { action: 'objectOpen', value: caseId, label: t('notification.processing_notice.object') };
}
