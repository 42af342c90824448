import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatActor } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, evidenceSection, partnerLabel, userTextSection } from './case-parts.ts';
import { actions, context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * To the officer who reported the case: the partner's written reply, or its
 * absence (R-REPLY: no reply in time counts as no objection). Next step is
 * the determination (R-DETERMINE).
 */
export const composeReplyRecorded: Composer<'reply_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const k = `notification.reply_recorded.${n.reply}`;
  return document(
    tr(t, `${k}.text`, { caseId, partner: user(c.partnerName) }),
    [
      title(t(`${k}.title`)),
      paragraph(tr(t, `${k}.intro`, { by: formatActor(n.by, t), partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      ...(n.reply === 'lapse' ? [] : [userTextSection(t('notification.reply_recorded.reply'), n.text, t)]),
      evidenceSection(c.evidence, locale, t),
      context(tr(t, 'notification.reply_recorded.next')),
      actions([{ action: 'determineOpen', value: c.caseId, label: t('notification.reply_recorded.determine'), style: 'primary' }]),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
