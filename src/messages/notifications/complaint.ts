import type { ComplaintView } from '../../domain/notifications/notification.ts';
import { translator, type Locale, type Translate } from '../i18n.ts';
import { formatActor, formatDateTime, partnerLabel } from '../format.ts';
import { cat, tr, user } from '../inline.ts';
import { userTextSection } from './case-parts.ts';
import { actions, context, document, fields, paragraph, title, type DocBlock } from './document.ts';
import type { Composer } from './notification-of.ts';

const REF_MAX = 300;

/** Complaint, partner, who filed it, when, and when the answer is due. */
function complaintBlocks(c: ComplaintView, locale: Locale, t: Translate): DocBlock[] {
  const links = c.evidence.length === 0 ? [`_${t('notification.common.none')}_`] : c.evidence.flatMap((e, i) => (i === 0 ? [cat('• ', user(e, REF_MAX))] : [cat('\n• ', user(e, REF_MAX))])).flat();
  return [
    fields([
      [t('notification.complaint.id'), [user(c.complaintId)]],
      [t('notification.common.partner'), partnerLabel(c.partnerName, c.partnerId)],
      [t('notification.complaint.filedBy'), [formatActor(c.filedBy, t)]],
      [t('notification.complaint.filedAt'), [formatDateTime(c.filedAt, locale)]],
      [t('notification.complaint.answerDue'), [formatDateTime(c.answerDue, locale)]],
    ]),
    userTextSection(t('notification.complaint.subject'), c.subject, t),
    userTextSection(t('notification.complaint.text'), c.text, t),
    paragraph(cat(`*${t('notification.common.evidence')}*\n`, ...links)),
  ];
}

/** Staff answer from the message itself (the officer role; the use case checks who and whether still open). */
function answerButton(c: ComplaintView, t: Translate): DocBlock {
  return actions([{ action: 'complaintAnswerOpen', value: c.complaintId, label: t('notification.complaint_filed.answer'), style: 'primary' }]);
}

/** R-COMPLAINT (§7.2): a partner complains about the vendor; staff answer it by the due day. */
export const composeComplaintFiled: Composer<'complaint_filed'> = (n, locale) => {
  const t = translator(locale);
  const c = n.complaint;
  const id = user(c.complaintId);
  return document(
    tr(t, 'notification.complaint_filed.text', { id, partner: user(c.partnerName) }),
    [
      title(t('notification.complaint_filed.title')),
      paragraph(tr(t, 'notification.complaint_filed.intro', { partner: partnerLabel(c.partnerName, c.partnerId), due: formatDateTime(c.answerDue, locale) })),
      ...complaintBlocks(c, locale, t),
      context(tr(t, 'notification.complaint_filed.how', { id })),
      answerButton(c, t),
    ],
    tr(t, 'notification.complaint.shortened', { id }),
  );
};

/** R-COMPLAINT: staff's answer, to the filing partner's contacts. */
export const composeComplaintAnswered: Composer<'complaint_answered'> = (n, locale) => {
  const t = translator(locale);
  const c = n.complaint;
  const id = user(c.complaintId);
  return document(
    tr(t, 'notification.complaint_answered.text', { id }),
    [
      title(t('notification.complaint_answered.title')),
      paragraph(tr(t, 'notification.complaint_answered.intro', { id, subject: user(c.subject, 150), by: formatActor(n.answeredBy, t) })),
      userTextSection(t('notification.complaint_answered.answer'), n.answer, t),
      context(tr(t, 'notification.complaint_answered.rule')),
    ],
    tr(t, 'notification.complaint.shortened', { id }),
  );
};

/** R-COMPLAINT: still unanswered the working day before its due day, or past it (escalated to admins). */
export const composeComplaintReminder: Composer<'complaint_reminder'> = (n, locale) => {
  const t = translator(locale);
  const c = n.complaint;
  const id = user(c.complaintId);
  const k = `notification.complaint_reminder.${n.when}`;
  const params = { id, partner: user(c.partnerName), due: formatDateTime(c.answerDue, locale) };
  return document(
    tr(t, `${k}.text`, params),
    [title(t(`${k}.title`)), paragraph(tr(t, `${k}.intro`, params)), ...complaintBlocks(c, locale, t), context(tr(t, 'notification.complaint_filed.how', { id })), answerButton(c, t)],
    tr(t, 'notification.complaint.shortened', { id }),
  );
};

/**
 * The approvals message of a filed complaint, edited in place once answered
 * (R-COMPLAINT): who answered, when, whether late, and the answer; no button
 * left to click.
 */
export const composeComplaintClosed: Composer<'complaint_closed'> = (n, locale) => {
  const t = translator(locale);
  const c = n.complaint;
  const id = user(c.complaintId);
  const status = tr(t, `notification.complaint_closed.${n.late ? 'late' : 'onTime'}`, { by: formatActor(n.answeredBy, t), when: formatDateTime(n.answeredAt, locale) });
  return document(
    tr(t, 'notification.complaint_closed.text', { id, partner: user(c.partnerName) }),
    [
      title(t('notification.complaint_closed.title')),
      paragraph(status),
      ...complaintBlocks(c, locale, t),
      userTextSection(t('notification.complaint_answered.answer'), n.answer, t),
      context(status),
    ],
    tr(t, 'notification.complaint.shortened', { id }),
  );
};
