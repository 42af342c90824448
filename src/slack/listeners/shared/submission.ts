import type { ViewResponseAction } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.ts';
import { userMessage } from '../../errors.ts';
import { doneModal } from '../../render/modals/done-modal.ts';
import type { Fmt } from '../../render/views/format.ts';
import type { Actor } from '../../../service/access/actor.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { replyPrivately, textReply, type SlackClient } from './reply.ts';
import type { Make, SubmitArgs } from './types.ts';
import { FormState } from './view-state.ts';

/** Slack waits 3 s for a submission's answer; leave room for the network. */
const SUBMISSION_BUDGET_MS = 2000;

export interface Submission<R> {
  ctx: SlackContext;
  /** The reader's language, looked up while the use case runs. */
  f: Promise<Fmt>;
  ack: (response?: ViewResponseAction) => Promise<void>;
  client: SlackClient;
  userId: string;
  /** The use case, keyed by view id + hash so a retried submission acts once. */
  run: () => Promise<R>;
  /** The use case's field names → this modal's block ids: a DomainError about one becomes its inline error. */
  fields: Record<string, string>;
  /** Block ids the submitted view really has (Slack rejects errors for others); empty = trust `fields`. */
  present: readonly string[];
  /** Where an error about no particular field (or an unknown one) is shown. */
  fallbackBlock: string;
  /** Title and text of the confirmation the modal turns into. */
  done: (r: R, f: Fmt) => { title: string; text: string };
  where: Record<string, unknown>;
  budgetMs?: number;
}

/**
 * A modal's submission needs the use case's answer to show inline errors,
 * and Slack's answer within 3 s. Both hold: the use case runs (it is quick),
 * and if it is not done within the budget the modal is closed at once and
 * the outcome follows as a DM. Exactly one ack, always.
 */
export async function submitModal<R>(s: Submission<R>): Promise<void> {
  // Even a synchronous throw becomes an outcome: exactly one ack, whatever happens.
  const outcome = Promise.resolve().then(s.run).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const pending = Promise.all([outcome, s.f]);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), s.budgetMs ?? SUBMISSION_BUDGET_MS);
  });
  const first = await Promise.race([pending, late]);
  clearTimeout(timer);
  if (first !== 'late') {
    const [result, f] = first;
    await s.ack(result.ok ? doneResponse(s, f, result.value) : errorResponse(s, f, result.error));
    return;
  }
  await s.ack();
  s.ctx.logger.warn('submission slower than the ack budget; answering by DM', s.where);
  const [result, f] = await pending;
  const to = { client: s.client, userId: s.userId };
  if (result.ok) {
    await replyPrivately(s.ctx, to, textReply(s.done(result.value, f).text));
  } else {
    await replyPrivately(s.ctx, to, textReply(`:warning: ${userMessage(result.error, f, s.ctx.logger, s.where).text}`));
  }
}

function doneResponse<R>(s: Submission<R>, f: Fmt, value: R): ViewResponseAction {
  const d = s.done(value, f);
  return { response_action: 'update', view: doneModal(f, d.title, d.text) };
}

function errorResponse<R>(s: Submission<R>, f: Fmt, error: unknown): ViewResponseAction {
  const m = userMessage(error, f, s.ctx.logger, s.where);
  const mapped = m.field === undefined ? undefined : s.fields[m.field];
  const usable = mapped !== undefined && (s.present.length === 0 || s.present.includes(mapped));
  return inlineErrors({ [usable ? mapped : s.fallbackBlock]: m.text });
}

/** Slack shows each message under its input block. */
function inlineErrors(errors: Record<string, string>): ViewResponseAction {
  return { response_action: 'errors', errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.slice(0, 300)])) };
}

/** What a modal's use case gets from its submission. */
export interface Submitted {
  /** The command's idempotency key (`submissionKey`). */
  key: string;
  actor: Actor;
  form: FormState;
  /** The view's private metadata (the case or determination it is about). */
  metadata: string;
}

/** One modal's submission listener: what it runs, and how its fields and confirmation read. */
export interface ModalSpec<R> extends Pick<Submission<R>, 'fields' | 'fallbackBlock' | 'done'> {
  run: (ctx: SlackContext, s: Submitted) => Promise<R>;
}

/** The listener for a modal: reads the submission and hands it to `submitModal`. */
export function modalSubmission<R>(spec: ModalSpec<R>): Make<SubmitArgs> {
  return (ctx) =>
    async ({ ack, view, body, client }) => {
      const userId = body.user.id;
      // Read defensively: this runs before the ack, so a throw here would leave the person with no answer at all.
      const metadata: unknown = view.private_metadata;
      const submitted: Submitted = {
        key: submissionKey(view),
        actor: actorOf(userId),
        form: FormState.of(view.state?.values),
        metadata: typeof metadata === 'string' ? metadata : '',
      };
      await submitModal({
        ctx,
        f: fmtFor(ctx, userId),
        ack,
        client,
        userId,
        run: () => spec.run(ctx, submitted),
        fields: spec.fields,
        present: presentBlocks(view),
        fallbackBlock: spec.fallbackBlock,
        done: spec.done,
        where: { view: view.callback_id, userId },
      });
    };
}

/** Idempotency key of a submission: the same view submitted again (Slack's retry, a double click) acts once. */
export function submissionKey(view: { id: string; hash?: string }): string {
  return `slack:view:${view.id}:${view.hash ?? ''}`;
}

/** The block ids of the submitted view, as Slack sent them back. */
export function presentBlocks(view: { blocks?: readonly unknown[] }): string[] {
  const blocks: unknown = view.blocks;
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: unknown) => {
    const id = typeof b === 'object' && b !== null ? (b as { block_id?: unknown }).block_id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
