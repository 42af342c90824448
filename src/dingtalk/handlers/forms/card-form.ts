import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Translate } from '../../../messages/i18n.ts';
import { tr, type Inline } from '../../../messages/inline.ts';
import { toPlain } from '../../render/to-markdown.ts';
import { caseRef } from '../../render/words.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { dingtalkUserMessage } from '../errors.ts';
import type { Click } from '../actions/click.ts';

/**
 * A staff form on a card (DingTalk has no modals, issue 12): the button on
 * the notification card is answered, inside the 2 s, with the form in the
 * clicker's own view of that card (`userPrivateData`: in a group nobody
 * else sees it); its submit comes back as another card callback. What is
 * valid is the use case's to say, in its words, under the field it names.
 */

/** A form's card status: which form the template shows to the clicker. */
export type FormStatus = 'determineForm' | 'answerForm' | 'complaintAnswerForm';

/** The form, or the form again with an error: only the clicker's view of the card changes. */
export function formAnswer(status: FormStatus, vars: Record<string, string>): CardAnswer {
  return { userPrivateData: { cardParamMap: { status, message: '', ...vars } } };
}

/** A SELECT answers its option's value, or the option itself. */
export const selectedSchema = z.union([z.string(), z.object({ value: z.string() }).transform((o) => o.value), z.object({ id: z.string() }).transform((o) => o.id)]);

/**
 * A CHECKBOX (or a one-option SELECT) ticked: DingTalk's form answers a
 * boolean, the option's value, or a list of them; anything else is "not
 * ticked", so a tampered value can only ask for less.
 */
export function ticked(value: unknown, option: string): boolean {
  if (value === true || value === 'true') return true;
  if (typeof value === 'string') return value === option;
  if (Array.isArray(value)) return value.some((v) => ticked(v, option));
  if (typeof value === 'object' && value !== null) {
    const v = value as { value?: unknown; checked?: unknown };
    return v.checked === true || (typeof v.value === 'string' && v.value === option);
  }
  return false;
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The idempotency key of one submission: the card, the person and what the
 * form carried. The same form sent again (a double press, a re-push with a
 * new delivery id) proposes once; a corrected form after an error is a new one.
 */
export function submissionKey(kind: string, c: Click, form: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(form)).digest('hex').slice(0, 24);
  return `dingtalk:${kind}:${c.outTrackId}:${c.userId}:${hash}`;
}

/** What the card says once a form's use case is done: the words, and variables for everyone's card. */
export interface FormDone {
  message: Inline;
  vars?: Record<string, string>;
}

/** A determination proposed (R-DETERMINE, R-NOTICE): the card names it, so the approvals step can follow it. */
export function proposalDone(t: Translate, doneKey: string, r: { caseId: string; determinationId: number }): FormDone {
  return { message: tr(t, doneKey, { id: r.determinationId, caseId: caseRef(r.caseId) }), vars: { determinationId: String(r.determinationId) } };
}

/**
 * Runs a form's use case. Done: the card says so to everyone (the step is
 * taken) and the clicker's form closes. An error about one of the form's
 * fields: the form again, the error under the field, nothing written. Any
 * other refusal: the clicker is told why, on the card.
 */
export async function submitForm<R>(
  deps: DingTalkHandlerDeps,
  c: Click,
  form: {
    status: FormStatus;
    fields: readonly string[];
    action: string;
    done: (r: R) => FormDone;
    /** The line over a form sent back with errors (default: nothing was proposed). */
    fixKey?: string;
    /** The form's variables again (labels, options, preview), so the card shows the whole form with the error. */
    vars: () => Promise<Record<string, string>>;
  },
  run: () => Promise<R>,
): Promise<CardAnswer> {
  const { t } = c.f;
  const cleared = Object.fromEntries(form.fields.map((k) => [`${k}Error`, '']));
  try {
    const d = form.done(await run());
    const done = { status: 'done', message: toPlain(d.message), ...d.vars };
    return { cardData: { cardParamMap: done }, userPrivateData: { cardParamMap: { ...cleared, ...done } } };
  } catch (e) {
    const m = dingtalkUserMessage(e, c.f, deps.logger, { action: form.action, userId: c.userId, outTrackId: c.outTrackId });
    if (m.field !== undefined && form.fields.includes(m.field)) {
      const vars = await form.vars().catch(() => ({}));
      return formAnswer(form.status, { ...vars, ...cleared, message: t(form.fixKey ?? 'dingtalk.form.fixErrors'), [`${m.field}Error`]: toPlain(m.text) });
    }
    return { userPrivateData: { cardParamMap: { ...cleared, status: 'refused', message: toPlain(m.text) } } };
  }
}
