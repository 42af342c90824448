import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { tr, user } from '../inline.ts';
import { caseFields, partnerLabel, userTextSection } from './case-parts.ts';
import { context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/** R-DETERMINE: the violation was not established; the case closes with no sanction. */
export const composeCaseDismissed: Composer<'case_dismissed'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  return document(
    tr(t, 'notification.case_dismissed.text', { caseId }),
    [
      title(t('notification.case_dismissed.title')),
      paragraph(tr(t, 'notification.case_dismissed.intro', { partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.case_dismissed.reasons'), n.reasons, t),
      context(tr(t, 'notification.case_dismissed.footer')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
