import { ACTIONS } from '../../action-ids.ts';
import { translator } from '../../../messages/i18n.ts';
import { actions, button, context, header, message, section } from '../blocks.ts';
import { caseFields, evidenceSection, partnerLabel, userTextSection } from '../case-blocks.ts';
import { decisionBlocks } from '../decision-blocks.ts';
import { formatActor } from '../actor.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/** R-NOTICE (§5.5.2): the partner objected to the processing notice; the officer answers it. */
export const renderObjectionRecorded: Renderer<'objection_recorded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  return message(
    t('notification.objection_recorded.text', { caseId, partner: escapeMrkdwn(c.partnerName) }),
    [
      header(t('notification.objection_recorded.title')),
      section(t('notification.objection_recorded.intro', { by: formatActor(n.by, t), partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.objection_recorded.grounds'), n.grounds, t),
      evidenceSection(c.evidence, locale, t),
      context(t('notification.objection_recorded.next')),
      actions([button(t('notification.objection_recorded.answer'), ACTIONS.answerOpen, c.caseId, { style: 'primary' })]),
    ],
    t('notification.common.shortened', { caseId }),
  );
};

/**
 * The answer to the partner's objection: the notice stands (upheld) or the
 * sanction was recomputed (adjusted). The formal decision follows (R-DECISION).
 */
export const renderObjectionAnswered: Renderer<'objection_answered'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = escapeMrkdwn(c.caseId);
  const k = `notification.objection_answered.${n.outcome}`;
  return message(
    t(`${k}.text`, { caseId }),
    [
      header(t(`${k}.title`)),
      section(t(`${k}.intro`, { partner: partnerLabel(c), caseId })),
      caseFields(c, locale, t),
      userTextSection(t('notification.objection_answered.reasons'), n.reasons, t),
      ...(n.decision ? decisionBlocks(n.decision, locale, t) : []),
      context(t('notification.objection_answered.next')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
