// Drives a Bolt HTTP app the way Slack does: signed POSTs to /slack/events with
// Slack's content types (slash commands: form fields; interactivity: form field
// `payload=<json>`; Events API: JSON). See docs/notes/bolt.md.
import { createHmac, randomUUID } from 'node:crypto';

export interface SlackHttpResponse {
  status: number;
  /** Raw response text ('' for a bare ack). */
  body: string;
  /** The parsed body when Bolt answered with JSON (ack with an object), else undefined. */
  json: unknown;
  headers: Headers;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with; default now. Older than 5 minutes → Bolt answers 401. */
  timestampSec?: number;
  /** Replaces the computed `x-slack-signature` (to test bad signatures). */
  signature?: string;
  /** Default '/slack/events', the only path Bolt's HTTPReceiver serves Slack traffic on. */
  path?: string;
  headers?: Record<string, string>;
}

/** Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}`. */
export function signRequest(
  body: string,
  secret: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${digest}` };
}

// Bolt compares the content type for equality, so no `; charset=` suffix here.
const FORM = 'application/x-www-form-urlencoded';

export async function postSigned(
  baseUrl: string,
  secret: string,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<SlackHttpResponse> {
  const signed = signRequest(body, secret, options.timestampSec);
  if (options.signature !== undefined) signed['x-slack-signature'] = options.signature;
  const res = await fetch(new URL(options.path ?? '/slack/events', baseUrl), {
    method: 'POST',
    headers: { 'content-type': contentType, ...signed, ...options.headers },
    body,
  });
  const text = await res.text();
  let json: unknown;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, body: text, json, headers: res.headers };
}

/** Where respond() would go if a test gave no response_url: a closed local port, so it fails fast and offline. */
export const NO_RESPONSE_URL = 'http://127.0.0.1:1/no-response-url';

const triggerId = (): string => `${Date.now()}.1.${randomUUID().replaceAll('-', '')}`;

const team = { id: 'T1', domain: 'test' };

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
  [field: string]: string | undefined;
}

/** The form fields Slack posts for a slash command (all strings). */
export function slashCommandFields(input: SlashCommandInput): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    token: 'verification-token',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'user1',
    text: '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: NO_RESPONSE_URL,
    trigger_id: triggerId(),
    ...input,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}

export function postSlashCommand(
  baseUrl: string,
  secret: string,
  input: SlashCommandInput,
  options?: SendOptions,
): Promise<SlackHttpResponse> {
  return postSigned(baseUrl, secret, new URLSearchParams(slashCommandFields(input)).toString(), FORM, options);
}

export type Payload = Record<string, unknown>;

function postPayload(baseUrl: string, secret: string, payload: Payload, options?: SendOptions): Promise<SlackHttpResponse> {
  return postSigned(baseUrl, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, options);
}

const userOf = (id: string): Payload => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T1' });

/** Fields every interactivity payload carries; `user_id` is a shorthand for `user`. */
function interactionBase(input: Payload): Payload {
  const { user_id, ...rest } = input;
  return {
    api_app_id: 'A1',
    token: 'verification-token',
    team,
    enterprise: null,
    is_enterprise_install: false,
    user: userOf(typeof user_id === 'string' ? user_id : 'U1'),
    ...rest,
  };
}

export interface BlockActionInput extends Payload {
  /** Each needs at least action_id; type/block_id/action_ts get defaults. */
  actions: Payload[];
  user_id?: string;
  response_url?: string;
}

/** A block_actions payload (button click, select, …) from a message unless `view` or `container` says otherwise. */
export function blockActionPayload(input: BlockActionInput): Payload {
  const fromView = input.view !== undefined;
  return interactionBase({
    type: 'block_actions',
    trigger_id: triggerId(),
    container: fromView
      ? { type: 'view', view_id: (input.view as Payload).id ?? 'V1' }
      : { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: false },
    ...(fromView ? {} : { channel: { id: 'C1', name: 'general' }, response_url: NO_RESPONSE_URL }),
    ...input,
    actions: input.actions.map((a) => ({ type: 'button', block_id: 'b1', action_ts: `${Date.now() / 1000}`, ...a })),
  });
}

export function postBlockAction(baseUrl: string, secret: string, input: BlockActionInput, options?: SendOptions): Promise<SlackHttpResponse> {
  return postPayload(baseUrl, secret, blockActionPayload(input), options);
}

export interface ViewSubmissionInput extends Payload {
  /** Merged over a default modal; give callback_id, state.values, private_metadata as needed. */
  view: Payload;
  user_id?: string;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Payload {
  return interactionBase({
    type: 'view_submission',
    trigger_id: triggerId(),
    response_urls: [],
    ...input,
    view: {
      id: 'V1',
      team_id: 'T1',
      type: 'modal',
      callback_id: '',
      private_metadata: '',
      state: { values: {} },
      hash: '1700000000.abcdef',
      blocks: [],
      app_id: 'A1',
      bot_id: 'BBOT',
      ...input.view,
    },
  });
}

export function postViewSubmission(baseUrl: string, secret: string, input: ViewSubmissionInput, options?: SendOptions): Promise<SlackHttpResponse> {
  return postPayload(baseUrl, secret, viewSubmissionPayload(input), options);
}

export interface OptionsRequestInput extends Payload {
  action_id: string;
  /** What the user has typed so far. */
  value?: string;
  block_id?: string;
  user_id?: string;
}

/** A block_suggestion payload: an external_select asking for options. */
export function blockSuggestionPayload(input: OptionsRequestInput): Payload {
  const fromView = input.view !== undefined;
  return interactionBase({
    type: 'block_suggestion',
    block_id: 'b1',
    value: '',
    container: fromView ? { type: 'view', view_id: (input.view as Payload).id ?? 'V1' } : { type: 'message', channel_id: 'C1' },
    ...(fromView ? {} : { channel: { id: 'C1', name: 'general' } }),
    ...input,
  });
}

export function postOptionsRequest(baseUrl: string, secret: string, input: OptionsRequestInput, options?: SendOptions): Promise<SlackHttpResponse> {
  return postPayload(baseUrl, secret, blockSuggestionPayload(input), options);
}

export interface EventOptions extends SendOptions {
  event_id?: string;
  team_id?: string;
  /** Sent as X-Slack-Retry-Num; Bolt exposes it as context.retryNum. */
  retryNum?: number;
  /** X-Slack-Retry-Reason; default 'http_timeout' when retryNum is given. */
  retryReason?: string;
}

/** The Events API envelope around `event`. */
export function eventCallbackBody(event: Payload, options: EventOptions = {}): Payload {
  const teamId = options.team_id ?? 'T1';
  return {
    token: 'verification-token',
    team_id: teamId,
    api_app_id: 'A1',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: options.event_id ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function postEvent(baseUrl: string, secret: string, event: Payload, options: EventOptions = {}): Promise<SlackHttpResponse> {
  const retryHeaders: Record<string, string> =
    options.retryNum === undefined
      ? {}
      : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': options.retryReason ?? 'http_timeout' };
  return postSigned(baseUrl, secret, JSON.stringify(eventCallbackBody(event, options)), 'application/json', {
    ...options,
    headers: { ...retryHeaders, ...options.headers },
  });
}
