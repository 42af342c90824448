import { platformWords } from '../platform-words.ts';
import { translator, type Translate } from '../i18n.ts';
import { formatDate } from '../format.ts';
import { join, tr, user } from '../inline.ts';
import { context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/** A category as the reader's language names it (R-CAT). */
function categoryName(category: string, t: Translate): string {
  return t(`notification.partner_category.${category}`, { defaultValue: category });
}

/** R-ASSESS (§3.1.3): a downgrade or a removal from a category, to the partner's contacts. */
export const composeAssessmentApplied: Composer<'assessment_applied'> = (n, locale) => {
  const t = translator(locale);
  const k = `notification.assessment_applied.${n.outcome}`;
  const params = {
    // Periods, names and levels come from an imported file: user text, escaped by each adapter.
    period: user(n.period),
    partner: user(n.partnerName),
    category: categoryName(n.category, t),
    before: user(n.levelBefore),
    after: user(n.levelAfter ?? ''),
    on: formatDate(n.appliedOn, locale),
  };
  return document(
    tr(t, `${k}.text`, params),
    [title(t(`${k}.title`)), paragraph(tr(t, `${k}.intro`, params)), context(tr(t, 'notification.assessment_applied.rule'))],
    tr(t, 'notification.assessment_applied.shortened', platformWords(locale)),
  );
};

/** R-ASSESS: the assessments of the coming month, to each admin. */
export const composeAssessmentReminder: Composer<'assessment_reminder'> = (n, locale) => {
  const t = translator(locale);
  const month = user(n.month);
  const lines = n.due.map((d) => tr(t, 'notification.assessment_reminder.line', { category: categoryName(d.category, t), periods: join(d.periods.map((p) => [user(p)]), ', ') }));
  return document(
    tr(t, 'notification.assessment_reminder.text', { month }),
    [
      // Titles are plain text with no user part: the month and version are in the text below them.
      title(t('notification.assessment_reminder.title')),
      paragraph(join([tr(t, 'notification.assessment_reminder.intro', { month, startsOn: formatDate(n.startsOn, locale) }), ...lines], '\n')),
      paragraph(tr(t, 'notification.assessment_reminder.how')),
      context(tr(t, 'notification.assessment_reminder.rule')),
    ],
    tr(t, 'notification.assessment_reminder.shortened', platformWords(locale)),
  );
};

/** R-ANNOUNCE (§5.2.1): a new policy version and its effective date, before it applies. */
export const composePolicyAnnounced: Composer<'policy_announced'> = (n, locale) => {
  const t = translator(locale);
  const params = { version: user(n.version), effectiveFrom: formatDate(n.effectiveFrom, locale), publishedOn: formatDate(n.publishedOn, locale) };
  return document(
    tr(t, 'notification.policy_announced.text', params),
    [
      title(t('notification.policy_announced.title')),
      paragraph(tr(t, 'notification.policy_announced.intro', params)),
      paragraph(tr(t, 'notification.policy_announced.what')),
      context(tr(t, 'notification.policy_announced.rule')),
    ],
    tr(t, 'notification.policy_announced.shortened', platformWords(locale)),
  );
};


/** §6.4, R-EXIT-*: the formal exit notice, with the day the qualification ended and the rule. */
export const composePartnerExited: Composer<'partner_exited'> = (n, locale) => {
  const t = translator(locale);
  const params = { partner: user(n.partnerName), on: formatDate(n.endsOn, locale), rule: n.rule };
  return document(
    tr(t, 'notification.partner_exited.text', params),
    [
      title(t('notification.partner_exited.title')),
      paragraph(tr(t, 'notification.partner_exited.intro', params)),
      paragraph(tr(t, `notification.partner_exited.why.${n.exitKind}`, params)),
      paragraph(tr(t, 'notification.partner_exited.after', params)),
      context(tr(t, 'notification.partner_exited.rule', params)),
    ],
    tr(t, 'notification.partner_exited.shortened', platformWords(locale)),
  );
};
