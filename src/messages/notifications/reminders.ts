import { commandArg, platformWords } from '../platform-words.ts';
import { translator, type Translate } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { cat, tr, user } from '../inline.ts';
import { caseFields, partnerLabel } from './case-parts.ts';
import { actions, context, document, paragraph, title, type ActionIntent } from './document.ts';
import type { Composer } from './notification-of.ts';
import { objectButton } from './processing-notice.ts';
import { replyButtons } from './suspected-violation.ts';

/**
 * Reply (R-REPLY) and objection (R-NOTICE) deadlines: one working day before
 * and on the morning of the day, with the same buttons as the notice so the
 * partner can act from the reminder.
 */
export const composeDeadlineReminder: Composer<'deadline_reminder'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const due = formatDateTime(n.due, locale);
  const k = `notification.deadline_reminder.${n.deadline}`;
  return document(
    tr(t, `${k}.${n.when}`, { caseId, due }),
    [
      title(t(`${k}.title`)),
      paragraph(cat(tr(t, `${k}.${n.when}`, { caseId, due }), '\n', tr(t, `${k}.what`, { partner: partnerLabel(c) }))),
      caseFields(c, locale, t),
      context(tr(t, `${k}.rule`)),
      actions(reminderButtons(n.deadline, c.caseId, t)),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

function reminderButtons(deadline: 'reply' | 'objection', caseId: string, t: Translate): ActionIntent[] {
  return deadline === 'objection' ? [objectButton(caseId, t)] : replyButtons(caseId, t);
}

/**
 * A proposal has waited over a working day for a second person's approval
 * (R-DETERMINE). The buttons stay on the original proposal message.
 */
export const composeApprovalWaiting: Composer<'approval_waiting'> = (n, locale, now) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const id = String(n.determinationId);
  const since = formatDateTime(n.proposedAt, locale);
  const hours = now ? Math.floor((now.getTime() - new Date(n.proposedAt).getTime()) / 3_600_000) : NaN;
  const waited = Number.isFinite(hours) && hours > 0 ? t('notification.approval_waiting.hours', { n: hours }) : '';
  return document(
    tr(t, 'notification.approval_waiting.text', { caseId, id }),
    [
      title(t('notification.approval_waiting.title', { id })),
      paragraph(tr(t, 'notification.approval_waiting.intro', { id, caseId, since, waited })),
      caseFields(c, locale, t),
      context(tr(t, 'notification.approval_waiting.hint')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
