import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatActor } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, evidenceSection, partnerLabel, userTextSection } from './case-parts.ts';
import { decisionBlocks } from './decision-parts.ts';
import { actions, context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/** R-NOTICE (§5.5.2): the partner objected to the processing notice; the officer answers it. */
export const composeObjectionRecorded: Composer<'objection_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  return document(
    tr(t, 'notification.objection_recorded.text', { caseId, partner: user(c.partnerName) }),
    [
      title(t('notification.objection_recorded.title')),
      paragraph(tr(t, 'notification.objection_recorded.intro', { by: formatActor(n.by, t), partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.objection_recorded.grounds'), n.grounds, t),
      evidenceSection(c.evidence, locale, t),
      context(tr(t, 'notification.objection_recorded.next')),
      actions([{ action: 'answerOpen', value: c.caseId, label: t('notification.objection_recorded.answer'), style: 'primary' }]),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/**
 * The answer to the partner's objection: the notice stands (upheld) or the
 * sanction was recomputed (adjusted). The formal decision follows (R-DECISION).
 */
export const composeObjectionAnswered: Composer<'objection_answered'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const k = `notification.objection_answered.${n.outcome}`;
  return document(
    tr(t, `${k}.text`, { caseId }),
    [
      title(t(`${k}.title`)),
      paragraph(tr(t, `${k}.intro`, { partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.objection_answered.reasons'), n.reasons, t),
      ...(n.decision ? decisionBlocks(n.decision, locale, t) : []),
      context(tr(t, 'notification.objection_answered.next')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
