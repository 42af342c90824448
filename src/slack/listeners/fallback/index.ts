import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.ts';
import { actionListeners } from '../actions/index.ts';
import { optionsListeners } from '../options/index.ts';
import { viewListeners } from '../views/index.ts';

/**
 * Interactions no listener handles: a button, a modal or a menu the app no
 * longer renders (a stale message from an older release is the usual cause),
 * or a hand-made request. Without a listener Bolt leaves the request unacked
 * and answers 404 after 3 s, which Slack shows the person as an error; here
 * it is acked at once, logged as a warning, and nothing else happens.
 *
 * Bolt runs every listener whose constraints match, so these match only ids
 * no other listener registers (never shadowing one, never acking twice). The
 * test is a set lookup, not a RegExp constraint: Bolt calls `.match` on the
 * id for those, which throws on a hostile request's non-string id.
 */
export function register(app: App, ctx: SlackContext): void {
  const warn = (kind: string, id: unknown, userId: unknown) =>
    ctx.logger.warn(`unhandled Slack ${kind}, acked and ignored (a stale message?)`, { id: clip(id), userId: clip(userId) });

  app.action({ type: 'block_actions' }, onlyUnknown(Object.keys(actionListeners), (a) => (a.payload as { action_id?: unknown }).action_id), async ({ ack, body, payload }) => {
    await ack();
    warn('action', (payload as { action_id?: unknown }).action_id, body.user.id);
  });
  app.view({ type: 'view_submission' }, onlyUnknown(Object.keys(viewListeners), (a) => (a.body as { view?: { callback_id?: unknown } }).view?.callback_id), async ({ ack, body }) => {
    // An empty ack closes the modal: there is nothing this submission could be saved as.
    await ack();
    warn('view submission', body.view.callback_id, body.user.id);
  });
  app.options({ type: 'block_suggestion' }, onlyUnknown(Object.keys(optionsListeners), (a) => (a.body as { action_id?: unknown }).action_id), async ({ ack, body }) => {
    await ack({ options: [] });
    warn('options request', body.action_id, body.user.id);
  });
}

/** Goes on only when the request's id is none of `known` (compared exactly, whatever its type). */
export function onlyUnknown(known: readonly string[], idOf: (args: AnyMiddlewareArgs) => unknown): Middleware<AnyMiddlewareArgs> {
  const ids = new Set<unknown>(known);
  return async (args) => {
    if (!ids.has(idOf(args))) await args.next();
  };
}

/** A hostile request may send a megabyte of id: the log keeps a line's worth. */
function clip(v: unknown): string {
  return String(v).slice(0, 100);
}
