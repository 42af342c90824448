import { translator } from '../../../messages/i18n.ts';
import { context, header, message, section } from '../blocks.ts';
import { caseFields, partnerLabel, userTextSection } from '../case-blocks.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/** R-DETERMINE: the violation was not established; the case closes with no sanction. */
export const renderCaseDismissed: Renderer<'case_dismissed'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  return message(
    t('notification.case_dismissed.text', { caseId }),
    [
      header(t('notification.case_dismissed.title')),
      section(t('notification.case_dismissed.intro', { partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.case_dismissed.reasons'), n.reasons, t),
      context(t('notification.case_dismissed.footer')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
