import { randomBytes } from 'node:crypto';
import type { ActionRequest, CloseRequest, CommandRequest, SubmitRequest, SuggestRequest } from './protocol.ts';
import { BOT_USER_ID, CHANNELS, personById, TEAM_ID } from './people.ts';
import type { SandboxReceiver } from './sandbox-receiver.ts';
import { messageErrors, slackMessages, viewErrors } from './slack-limits.ts';
import { viewPayload } from './web-api.ts';
import { SlackRefusal, Workspace, type OpenView } from './workspace.ts';

/**
 * What a person does on the page, turned into the payloads Slack would post
 * to the app (slash commands, block_actions, view_submission, view_closed,
 * block_suggestion, app_home_opened), and the app's ack applied the way
 * Slack applies it. Field names and shapes follow Slack's payload reference.
 */

/** The app's slash commands, as manifest.yml declares them (a test keeps the two equal). */
export const SLASH_COMMANDS = ['/violation', '/partner'] as const;

export type Answer = { ok: true; errors?: Record<string, string>; options?: unknown[] } | { ok: false; error: string };

export interface InteractionDeps {
  ws: Workspace;
  receiver: SandboxReceiver;
  /** Base of the sandbox's own URLs, e.g. http://127.0.0.1:3000 (for response_url). */
  baseUrl: string;
}

const APP_ID = 'ASANDBOX';

function userOf(id: string) {
  const p = personById(id);
  if (!p) throw new SlackRefusal('user_not_found');
  return { id: p.id, username: p.name.toLowerCase().replace(/\s+/g, '.'), name: p.name.toLowerCase().replace(/\s+/g, '.'), team_id: TEAM_ID };
}

function channelName(id: string): string {
  const c = Object.values(CHANNELS).find((x) => x.id === id);
  return c ? c.name : 'directmessage';
}

const team = { id: TEAM_ID, domain: 'sandbox' };

function responseUrl(d: InteractionDeps, user: string, channel: string, messageTs?: string): string {
  const id = d.ws.issueResponseUrl({ user, channel, ...(messageTs ? { messageTs } : {}) });
  return `${d.baseUrl}/response-url/${id}`;
}

/** Slack shows "/violation failed with the error …" when the app does not answer in time. */
function late(d: InteractionDeps, user: string, what: string): Answer {
  d.ws.problem(user, `The bot did not acknowledge ${what} within 3 seconds: Slack would show "operation_timeout" and drop the answer.`);
  return { ok: false, error: 'operation_timeout' };
}

/** An ack's message (a string or { text, blocks }) becomes an ephemeral message, as Slack shows it. */
function ackMessage(d: InteractionDeps, user: string, channel: string, response: unknown): void {
  if (response === undefined || response === '') return;
  const r = typeof response === 'string' ? { text: response } : (response as { text?: string; blocks?: unknown[] });
  if (!r.text && !r.blocks) return;
  d.ws.post({ channel, from: BOT_USER_ID, text: r.text ?? '', ...(r.blocks ? { blocks: r.blocks } : {}), ephemeralFor: user });
}

export async function slashCommand(d: InteractionDeps, r: CommandRequest): Promise<Answer> {
  const user = userOf(r.as);
  const channel = d.ws.resolveChannel(r.channel);
  const m = /^\s*(\/\S+)\s*([\s\S]*)$/.exec(r.line);
  if (!m) return { ok: false, error: 'A slash command starts with "/", e.g. /violation report.' };
  const [, command, text] = m as unknown as [string, string, string];
  if (!(SLASH_COMMANDS as readonly string[]).includes(command)) return { ok: false, error: `${command} is not a valid command. In the sandbox, try ${SLASH_COMMANDS.join(' or ')}.` };
  const body = {
    token: 'sandbox',
    team_id: TEAM_ID,
    team_domain: team.domain,
    channel_id: channel,
    channel_name: channelName(channel),
    user_id: user.id,
    user_name: user.name,
    command,
    text: text.trim(),
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl(d, user.id, channel),
    trigger_id: d.ws.issueTrigger(user.id),
  };
  const out = await d.receiver.dispatch(body);
  if (!out.acked) return late(d, user.id, command);
  ackMessage(d, user.id, channel, out.response);
  return { ok: true };
}

export async function blockAction(d: InteractionDeps, r: ActionRequest): Promise<Answer> {
  const user = userOf(r.as);
  const action = { ...r.action, block_id: r.blockId, action_ts: `${Date.now() / 1000}` };
  const common = { type: 'block_actions', user, api_app_id: APP_ID, token: 'sandbox', trigger_id: d.ws.issueTrigger(user.id), team, enterprise: null, is_enterprise_install: false, actions: [action] };
  let body: Record<string, unknown>;
  if (r.source.kind === 'message') {
    const channel = d.ws.resolveChannel(r.source.channel);
    const message = d.ws.find(channel, r.source.ts, user.id);
    if (!message || !d.ws.canRead(user.id, channel)) return { ok: false, error: 'That message is gone.' };
    body = {
      ...common,
      container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: message.ephemeralFor !== undefined },
      channel: { id: channel, name: channelName(channel) },
      // Slack leaves the original out of the payload for an ephemeral message.
      ...(message.ephemeralFor === undefined ? { message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: message.from } } : {}),
      state: { values: {} },
      response_url: responseUrl(d, user.id, channel, message.ts),
    };
  } else if (r.source.kind === 'home') {
    const home = d.ws.homes.get(user.id);
    if (!home) return { ok: false, error: 'App Home is not open.' };
    body = { ...common, container: { type: 'view', view_id: home.id }, view: viewPayload(home) };
  } else {
    const view = ownView(d, user.id, r.source.viewId);
    body = { ...common, container: { type: 'view', view_id: view.id }, view: viewPayload(view, r.source.values) };
  }
  const out = await d.receiver.dispatch(body);
  return out.acked ? { ok: true } : late(d, user.id, `the click on "${r.action.action_id}"`);
}

function ownView(d: InteractionDeps, user: string, viewId: string): OpenView {
  const view = d.ws.stackOf(user).find((v) => v.id === viewId);
  if (!view) throw new SlackRefusal('view_not_found');
  return view;
}

export async function viewSubmission(d: InteractionDeps, r: SubmitRequest): Promise<Answer> {
  const user = userOf(r.as);
  const view = ownView(d, user.id, r.viewId);
  const body = {
    type: 'view_submission',
    team,
    user,
    api_app_id: APP_ID,
    token: 'sandbox',
    trigger_id: d.ws.issueTrigger(user.id),
    view: viewPayload(view, r.values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  const out = await d.receiver.dispatch(body);
  if (!out.acked) return late(d, user.id, 'the form');
  return applyViewResponse(d, user.id, view, out.response);
}

/** Slack's response_action: errors (shown under inputs), update, push, clear; none closes the view. */
function applyViewResponse(d: InteractionDeps, user: string, view: OpenView, response: unknown): Answer {
  const r = (response ?? {}) as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> };
  switch (r.response_action) {
    case undefined:
      d.ws.closeTop(user, view.id);
      return { ok: true };
    case 'errors': {
      const known = blockIds(view.view);
      const unknown = Object.keys(r.errors ?? {}).filter((b) => !known.has(b));
      if (unknown.length > 0) return refused(d, user, `errors name blocks the view does not have: ${unknown.join(', ')}`);
      d.ws.setErrors(view, r.errors ?? {});
      return { ok: true, errors: r.errors ?? {} };
    }
    case 'update':
    case 'push': {
      const next = r.view ?? {};
      const problems = viewErrors(next);
      if (problems.length > 0) return refused(d, user, slackMessages(problems).join('; '));
      if (r.response_action === 'update') d.ws.replaceView(view, next);
      else d.ws.pushModal(user, next);
      return { ok: true };
    }
    case 'clear':
      d.ws.closeAll(user);
      return { ok: true };
    default:
      return refused(d, user, `unknown response_action "${r.response_action}"`);
  }
}

function refused(d: InteractionDeps, user: string, why: string): Answer {
  d.ws.problem(user, `Slack would refuse the bot's answer to the form (${why}) and show "We had some trouble connecting".`);
  return { ok: false, error: 'We had some trouble connecting. Try again?' };
}

function blockIds(view: Record<string, unknown>): Set<string> {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as { block_id?: unknown }[]) : [];
  return new Set(blocks.map((b) => b.block_id).filter((id): id is string => typeof id === 'string'));
}

export async function viewClosed(d: InteractionDeps, r: CloseRequest): Promise<Answer> {
  const user = userOf(r.as);
  const view = ownView(d, user.id, r.viewId);
  d.ws.closeTop(user.id, view.id);
  if (view.view.notify_on_close === true) {
    const out = await d.receiver.dispatch({ type: 'view_closed', team, user, api_app_id: APP_ID, token: 'sandbox', view: viewPayload(view), is_cleared: false, is_enterprise_install: false });
    if (!out.acked) return late(d, user.id, 'the closed form');
  }
  return { ok: true };
}

export async function blockSuggestion(d: InteractionDeps, r: SuggestRequest): Promise<Answer> {
  const user = userOf(r.as);
  const view = ownView(d, user.id, r.viewId);
  const body = { type: 'block_suggestion', user, container: { type: 'view', view_id: view.id }, api_app_id: APP_ID, token: 'sandbox', action_id: r.actionId, block_id: r.blockId, value: r.value, team, view: viewPayload(view) };
  const out = await d.receiver.dispatch(body);
  if (!out.acked) return late(d, user.id, 'the search');
  const options = (out.response as { options?: unknown[]; option_groups?: { options?: unknown[] }[] } | undefined) ?? {};
  return { ok: true, options: options.options ?? (options.option_groups ?? []).flatMap((g) => g.options ?? []) };
}

export async function homeOpened(d: InteractionDeps, as: string): Promise<Answer> {
  const user = userOf(as);
  const home = d.ws.homes.get(user.id);
  const event = { type: 'app_home_opened', user: user.id, channel: Workspace.dmOf(user.id), tab: 'home', event_ts: `${Date.now() / 1000}`, ...(home ? { view: viewPayload(home) } : {}) };
  const out = await d.receiver.dispatch({ token: 'sandbox', team_id: TEAM_ID, api_app_id: APP_ID, event, type: 'event_callback', event_id: `Ev${randomBytes(6).toString('hex')}`, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: TEAM_ID, user_id: user.id, is_bot: true }] });
  return out.acked ? { ok: true } : late(d, user.id, 'App Home');
}

/**
 * A POST to a response_url: an ephemeral message by default, `in_channel` for
 * everyone; replace_original / delete_original act on the clicked message.
 */
export function responseUrlPost(d: InteractionDeps, id: string, body: Record<string, unknown>): { status: number; body: unknown } {
  try {
    const r = d.ws.useResponseUrl(id);
    const original = r.messageTs ? d.ws.find(r.channel, r.messageTs, r.user) : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) d.ws.remove(original);
      return { status: 200, body: { ok: true } };
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const errors = messageErrors(text, blocks);
    if (errors.length > 0) throw new SlackRefusal('invalid_blocks', slackMessages(errors));
    if (!text && !blocks) throw new SlackRefusal('no_text');
    if ((body.replace_original === true || body.replace_original === 'true') && original) {
      d.ws.update(original, text, blocks);
      return { status: 200, body: { ok: true } };
    }
    const ephemeral = body.response_type !== 'in_channel';
    d.ws.post({ channel: r.channel, from: BOT_USER_ID, text, ...(blocks ? { blocks } : {}), ...(ephemeral ? { ephemeralFor: r.user } : {}) });
    return { status: 200, body: { ok: true } };
  } catch (e) {
    if (!(e instanceof SlackRefusal)) throw e;
    d.ws.problem(null, `Slack would refuse a response_url post: ${e.error}${e.messages.length ? ` — ${e.messages.join('; ')}` : ''}`);
    return { status: e.error === 'invalid_blocks' || e.error === 'no_text' ? 400 : 404, body: { ok: false, error: e.error } };
  }
}

