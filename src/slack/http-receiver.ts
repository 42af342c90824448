import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, isValidSlackRequest, type HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from '../logger.ts';

/** Bolt's one path for Slack's requests (commands, interactivity, events). */
const EVENTS_PATH = '/slack/events';

/**
 * Bolt's HTTPReceiver with one guard in front of POST /slack/events (found by
 * test/security/fuzz.test.ts): Bolt reads fields of the body outside any
 * try before a listener runs, so a correctly signed body that is not shaped
 * like Slack's — JSON `null` (an unhandled rejection that ends the process
 * and leaves the request hanging), an `event` that is a string, a
 * `block_actions` without a user (both a 500) — is answered 400 here, and
 * Bolt never sees it. Unsigned requests still reach Bolt, which answers 401.
 * A timestamp more than 5 minutes ahead is answered 401 here too: Bolt
 * refuses only the stale, so a signed request dated ahead could be replayed
 * until it became stale.
 */
export function slackHttpReceiver(opts: HTTPReceiverOptions & { signingSecret: string; log: Logger }): HTTPReceiver {
  const { log, ...options } = opts;
  const receiver = new HTTPReceiver(options);
  const bolt = receiver.requestListener;
  const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  receiver.requestListener = (req, res) => {
    if (req.method?.toUpperCase() !== 'POST' || pathOf(req) !== EVENTS_PATH) return bolt(req, res);
    void guard(req, res).catch((e: unknown) => {
      log.error('could not read a Slack request', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) answer(res, 400);
    });
  };
  return receiver;

  async function guard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
    } catch (e) {
      return answer(res, HTTPModuleFunctions.isRawBodyError(e) && e.statusCode === 413 ? 413 : 400);
    }
    // Bolt refuses only the stale (verify-request.js checks `ts < now - 5 min`): a request signed with a
    // timestamp far ahead would stay valid until then, so one captured copy could be replayed for as long.
    const ahead = secondsAhead(buffered);
    if (ahead > MAX_SKEW_SEC) {
      log.warn('Slack request from the future refused', { secondsAhead: ahead });
      return answer(res, 401);
    }
    const problem = shapeProblem(buffered);
    // Bolt answers the unsigned (401) and the unparsable (400) itself, and reads the buffered body again.
    if (problem === undefined || !signed(buffered, options.signingSecret)) return bolt(buffered, res);
    log.warn('malformed Slack request refused', { problem });
    answer(res, 400);
  }
}

/** Slack's window for a request's timestamp, either way (https://api.slack.com/authentication/verifying-requests-from-slack). */
const MAX_SKEW_SEC = 5 * 60;

/** How far ahead of our clock the request says it was sent (0 or less: not ahead, or no number to read; Bolt judges those). */
function secondsAhead(req: IncomingMessage): number {
  const header = req.headers['x-slack-request-timestamp'];
  const ts = Number(typeof header === 'string' ? header : NaN);
  return Number.isFinite(ts) ? ts - Math.floor(Date.now() / 1000) : 0;
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function signed(req: IncomingMessage & { rawBody: Buffer }, signingSecret: string): boolean {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : '';
  };
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: { 'x-slack-signature': header('x-slack-signature'), 'x-slack-request-timestamp': Number(header('x-slack-request-timestamp')) },
  });
}

/** Whether any string in a parsed body, keys included, holds U+0000 (bounded: Slack's bodies are shallow). */
function holdsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 32 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => holdsNul(x, depth + 1));
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || holdsNul(x, depth + 1));
}

/** The `type`s by which Bolt knows an interaction without `actions` (helpers.ts getTypeAndConversation). */
const INTERACTION_TYPES = ['block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed'];

/** Slack's user ids (U…, W…): letters and digits. A NUL or a list in one would fail or widen the SQL that looks it up. */
const isUserId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(v);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectOrAbsent = (v: unknown) => v === undefined || isObject(v);
const objectNullOrAbsent = (v: unknown) => v === undefined || v === null || isObject(v);

/**
 * What Bolt reads before any listener, and how Slack always sends it; a body
 * that parses but breaks one of these is named (undefined: fine, or not
 * parsable at all, which Bolt refuses itself).
 */
function shapeProblem(req: IncomingMessage & { rawBody: Buffer }): string | undefined {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req as Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]);
  } catch {
    return undefined;
  }
  if (!isObject(body)) return 'body is not an object';
  // PostgreSQL's text cannot hold a NUL, so one in any field (an action_ts that becomes a command key)
  // would fail the listener's first query; Slack never sends one.
  if (holdsNul(body)) return 'a text holds a NUL character';
  if (body.event !== undefined) {
    if (!isObject(body.event)) return 'event is not an object';
    for (const key of ['item', 'subteam']) if (!objectOrAbsent(body.event[key])) return `event.${key} is not an object`;
    for (const key of ['user', 'channel']) if (!(typeof body.event[key] === 'string' || objectOrAbsent(body.event[key]))) return `event.${key} is neither an id nor an object`;
    if (body.authorizations !== undefined && !(Array.isArray(body.authorizations) && body.authorizations.every(isObject))) return 'authorizations is not a list of objects';
    return undefined;
  }
  // A slash command comes as form fields: all text, and always who typed it.
  if (body.command !== undefined) return Object.values(body).every((v) => typeof v === 'string') && isUserId(body.user_id) ? undefined : 'command fields are not text';
  if (body.ssl_check !== undefined || body.type === 'url_verification') return undefined;
  // Bolt finds no listener for a body of no kind it knows, and leaves it unanswered for 3 s.
  const interactive = body.actions !== undefined || body.name !== undefined || INTERACTION_TYPES.includes(String(body.type));
  if (!interactive) return 'no command, event, action or view';
  // Interactivity: Bolt reads the user (its team), the team, the channel, the view and the first action.
  // Every listener takes the user's id as given (a list here would reach SQL as a list).
  if (!isObject(body.user) || !isUserId(body.user.id)) return 'user is not an object with an id';
  if (!objectNullOrAbsent(body.team)) return 'team is not an object';
  if (!objectNullOrAbsent(body.enterprise)) return 'enterprise is not an object';
  if (!objectOrAbsent(body.channel)) return 'channel is not an object';
  if (!objectOrAbsent(body.view)) return 'view is not an object';
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view)) return 'view is missing';
  if (body.actions !== undefined && !(Array.isArray(body.actions) && body.actions.length > 0 && body.actions.every(isObject))) return 'actions is not a list of objects';
  return undefined;
}
