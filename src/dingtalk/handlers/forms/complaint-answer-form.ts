import { z } from 'zod';
import { formatDateTime } from '../../../messages/format.ts';
import { cat, join, tr, user } from '../../../messages/inline.ts';
import { complaintToAnswer } from '../../../service/complaints/complaint-to-answer.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { textOf } from './card-form.ts';

/**
 * The complaint-answer form (R-COMPLAINT) as card variables: what Slack's
 * answer modal shows (src/slack/render/modals/complaint-answer-modal.ts),
 * from the same texts: who complains, the subject, the due day, the
 * complaint itself, then the answer. Refused as Slack's button refuses
 * (complaintToAnswer): to anyone not staff the complaint does not exist,
 * staff without the officer role are told which role, an answered one is
 * closed.
 */

/** The form's submit button (its actionId). */
export const COMPLAINT_ANSWER_SUBMIT = 'complaintAnswerSubmit';
/** The use case's `details.field` names this form shows errors under (`<field>Error`). */
export const COMPLAINT_ANSWER_FIELDS = ['answer'] as const;

/** Complaint ids as the procedure issues them (C-000001), as Slack's button checks them. */
export const complaintIdSchema = z.string().trim().regex(/^C-\d{6,12}$/);

export async function complaintAnswerFormVars(deps: DingTalkHandlerDeps, userId: string, f: Fmt, complaintId: string): Promise<Record<string, string>> {
  const c = await complaintToAnswer(deps.cases.db, actorOf(userId), complaintId);
  const { t, locale } = f;
  const intro = tr(t, 'complaint.answerIntro', { complaintId: c.complaintId, partner: user(`${c.partnerName} (${c.partnerId})`, 200), subject: user(c.subject, 200), due: formatDateTime(c.answerDue, locale) });
  return {
    formTitle: t('complaint.answerTitle'),
    formComplaintId: c.complaintId,
    formIntro: toMarkdown(join([intro, cat(user(c.text, 2500))], '\n\n')),
    answerLabel: t('complaint.answerLabel'),
    submitLabel: t('complaint.answerSubmit'),
    locale,
    ...Object.fromEntries(COMPLAINT_ANSWER_FIELDS.map((k) => [`${k}Error`, ''])),
  };
}

/** The submitted answer, as Slack's view submission reads its text box. */
export function complaintAnswerOf(params: Record<string, unknown>): string {
  return textOf(params.answer);
}
