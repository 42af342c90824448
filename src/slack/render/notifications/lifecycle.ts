import { translator, type Translate } from '../../i18n/i18n.ts';
import { context, header, message, section } from '../blocks.ts';
import { formatDate } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/** A category as the reader's language names it (R-CAT). */
function categoryName(category: string, t: Translate): string {
  return t(`notification.partner_category.${category}`, { defaultValue: category });
}

/** R-ASSESS (§3.1.3): a downgrade or a removal from a category, to the partner's contacts. */
export const renderAssessmentApplied: Renderer<'assessment_applied'> = (n, locale) => {
  const t = translator(locale);
  const k = `notification.assessment_applied.${n.outcome}`;
  const params = {
    period: escapeMrkdwn(n.period),
    partner: escapeMrkdwn(n.partnerName),
    category: categoryName(n.category, t),
    before: escapeMrkdwn(n.levelBefore),
    after: escapeMrkdwn(n.levelAfter ?? ''),
    on: formatDate(n.appliedOn, locale),
  };
  return message(
    t(`${k}.text`, params),
    [header(t(`${k}.title`)), section(t(`${k}.intro`, params)), context(t('notification.assessment_applied.rule'))],
    t('notification.assessment_applied.shortened'),
  );
};

/** R-ASSESS: the assessments of the coming month, to each admin. */
export const renderAssessmentReminder: Renderer<'assessment_reminder'> = (n, locale) => {
  const t = translator(locale);
  const month = escapeMrkdwn(n.month);
  const lines = n.due.map((d) => t('notification.assessment_reminder.line', { category: categoryName(d.category, t), periods: d.periods.map(escapeMrkdwn).join(', ') }));
  return message(
    t('notification.assessment_reminder.text', { month }),
    [
      header(t('notification.assessment_reminder.title', { month })),
      section([t('notification.assessment_reminder.intro', { month, startsOn: formatDate(n.startsOn, locale) }), ...lines].join('\n')),
      section(t('notification.assessment_reminder.how')),
      context(t('notification.assessment_reminder.rule')),
    ],
    t('notification.assessment_reminder.shortened'),
  );
};

/** R-ANNOUNCE (§5.2.1): a new policy version and its effective date, before it applies. */
export const renderPolicyAnnounced: Renderer<'policy_announced'> = (n, locale) => {
  const t = translator(locale);
  const params = { version: escapeMrkdwn(n.version), effectiveFrom: formatDate(n.effectiveFrom, locale), publishedOn: formatDate(n.publishedOn, locale) };
  return message(
    t('notification.policy_announced.text', params),
    [
      header(t('notification.policy_announced.title', params)),
      section(t('notification.policy_announced.intro', params)),
      section(t('notification.policy_announced.what')),
      context(t('notification.policy_announced.rule')),
    ],
    t('notification.policy_announced.shortened'),
  );
};
