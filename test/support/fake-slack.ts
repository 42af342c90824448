// A local stand-in for Slack's Web API and for response_url webhooks, for
// end-to-end tests of the Bolt app. It answers the way @slack/web-api 8 expects
// (HTTP 200 + JSON `{ ok }`, 429 + Retry-After) and records every request.
// Facts it relies on are in docs/notes/bolt.md.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { keepIdleSocketsOpen } from './keep-alive.ts';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '@slack/bolt';

export interface RecordedCall {
  method: string;
  /** Decoded arguments: JSON-stringified form values (blocks, view, …) are objects again. */
  args: Record<string, unknown>;
  at: Date;
  /** Bearer token the client sent (WebClient sends it in the Authorization header). */
  token: string | undefined;
  contentType: string;
  raw: string;
  /** HTTP status the fake answered with (429 when rate limited). */
  status: number;
}

/** A message posted to a person's DM with the app: by their user id (as the notifier does) or by the DM's id. */
export function isDmTo(call: RecordedCall, userId: string): boolean {
  return call.args.channel === userId || call.args.channel === `D${userId}`;
}

export interface ResponseUrlPost {
  id: string;
  body: unknown;
  at: Date;
  status: number;
}

/** A reply with an explicit status and headers; a plain object reply means HTTP 200 with that JSON body. */
export class HttpReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const httpReply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpReply =>
  new HttpReply(status, body, headers);

/** Slack's own 429 answer; WebClient waits Retry-After seconds before it retries. */
export const rateLimited = (retryAfterSec = 1): HttpReply =>
  httpReply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(retryAfterSec) });

export type Reply = HttpReply | Record<string, unknown>;
export type ReplyHandler = (args: Record<string, unknown>, call: RecordedCall) => Reply | Promise<Reply>;

/** A file the app uploaded through files.getUploadURLExternal → POST → files.completeUploadExternal. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length the app announced in files.getUploadURLExternal. */
  length: number;
  /** The bytes POSTed to the upload URL; undefined until they arrive. */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal: where it was shared, with which title and comment. */
  completed?: { channelId: string | undefined; title: string | undefined; initialComment: string | undefined };
}

export interface FakeSlackOptions {
  /** users.info locale per user id; others get 'en-US'. */
  userLocales?: Record<string, string>;
}

export interface FakeSlack {
  /** Base URL ending in `/api/`, for WebClient's `slackApiUrl`. */
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly responseUrlPosts: ResponseUrlPost[];
  /** Files by id, in the order their upload URLs were asked for. */
  readonly files: UploadedFile[];
  /** Resolves with the first completed upload that matches. */
  waitForFile(predicate?: (f: UploadedFile) => boolean, timeoutMs?: number): Promise<UploadedFile>;
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first recorded call (already made or still to come) that matches. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Replace the answer to `method` until reset(). */
  respond(method: string, reply: Reply | ReplyHandler): void;
  /** Answer the next call to `method` this way, then fall back (queued, first in first out). */
  respondOnce(method: string, reply: Reply | ReplyHandler): void;
  setUserLocale(userId: string, locale: string): void;
  /** A URL on this server that records what is POSTed to it, like a payload's `response_url`. */
  responseUrl(id: string): string;
  respondToResponseUrl(id: string, reply: HttpReply): void;
  waitForResponseUrlPost(id: string, predicate?: (post: ResponseUrlPost) => boolean, timeoutMs?: number): Promise<ResponseUrlPost>;
  /** Forget calls, posts, scripted replies and counters (ts, view ids); locales go back to those given in options. */
  reset(): void;
  close(): Promise<void>;
}

/** WebClient sends form fields; objects and arrays arrive JSON-stringified. */
function decodeFormValue(value: string): unknown {
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? parsed : value;
  } catch {
    return value;
  }
}

async function decodeArgs(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') {
    return raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
  }
  if (mediaType === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const out: Record<string, unknown> = {};
    for (const [k, v] of form) out[k] = typeof v === 'string' ? decodeFormValue(v) : v;
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseQuery(raw.toString('utf8')))) {
    out[k] = Array.isArray(v) ? v.map(decodeFormValue) : decodeFormValue(v ?? '');
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function waitUntil<T>(
  find: () => T | undefined,
  subscribers: Set<() => void>,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const found = find();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const check = (): void => {
      const hit = find();
      if (hit === undefined) return;
      cleanup();
      resolve(hit);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${describe()}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscribers.delete(check);
    };
    subscribers.add(check);
  });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responseUrlPosts: ResponseUrlPost[] = [];
  const persistent = new Map<string, Reply | ReplyHandler>();
  const once = new Map<string, (Reply | ReplyHandler)[]>();
  const responseUrlReplies = new Map<string, HttpReply>();
  const locales = new Map(Object.entries(options.userLocales ?? {}));
  const subscribers = new Set<() => void>();
  const files: UploadedFile[] = [];
  let messageCount = 0;
  let viewCount = 0;
  // Known once the server listens; upload URLs are handed out only after that.
  let base = '';

  // Slack message timestamps are strings that sort in posting order.
  const nextTs = (): string => {
    messageCount += 1;
    const micros = messageCount * 100;
    return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  };
  const nextViewId = (): string => `V${String(++viewCount).padStart(8, '0')}`;
  const viewReply = (args: Record<string, unknown>, id?: string): Reply => {
    const view = typeof args.view === 'object' && args.view !== null ? args.view : {};
    return { ok: true, view: { ...view, id: id ?? nextViewId() } };
  };

  const defaults: Record<string, ReplyHandler> = {
    'auth.test': () => ({ ok: true, url: 'https://fake.slack.test/', team: 'Test', user: 'bot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' }),
    'conversations.open': (a) => {
      const user = str(a.users)?.split(',')[0];
      return user ? { ok: true, channel: { id: `D${user}` } } : { ok: false, error: 'user_not_found' };
    },
    'chat.postMessage': (a) => {
      const channel = str(a.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!str(a.text) && a.blocks === undefined && a.attachments === undefined) return { ok: false, error: 'no_text' };
      const ts = nextTs();
      // Given a user id, Slack posts to that person's DM with the app and answers with its D… id.
      const posted = /^[UW]/.test(channel) ? `D${channel}` : channel;
      return { ok: true, channel: posted, ts, message: { type: 'message', text: a.text ?? '', blocks: a.blocks, ts, bot_id: 'BBOT', user: 'UBOT' } };
    },
    'chat.update': (a) => {
      const channel = str(a.channel);
      const ts = str(a.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'message_not_found' };
      return { ok: true, channel, ts, text: a.text ?? '', message: { text: a.text ?? '', blocks: a.blocks } };
    },
    'chat.postEphemeral': (a) =>
      str(a.channel) && str(a.user) ? { ok: true, message_ts: nextTs() } : { ok: false, error: 'channel_not_found' },
    'views.open': (a) => (str(a.trigger_id) ? viewReply(a) : { ok: false, error: 'invalid_arguments' }),
    'views.push': (a) => (str(a.trigger_id) ? viewReply(a) : { ok: false, error: 'invalid_arguments' }),
    'views.update': (a) => (str(a.view_id) || str(a.external_id) ? viewReply(a, str(a.view_id)) : { ok: false, error: 'invalid_arguments' }),
    'views.publish': (a) => (str(a.user_id) ? viewReply(a) : { ok: false, error: 'invalid_arguments' }),
    // Slack's upload flow (what WebClient.filesUploadV2 does): ask for a URL, POST the bytes there, then complete.
    'files.getUploadURLExternal': (a) => {
      const filename = str(a.filename);
      const length = Number(a.length);
      if (!filename || !Number.isInteger(length) || length < 1) return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(files.length + 1).padStart(8, '0')}`;
      files.push({ id, filename, length });
      return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (a) => {
      const listed = Array.isArray(a.files) ? (a.files as { id?: string; title?: string }[]) : [];
      if (listed.length === 0) return { ok: false, error: 'invalid_arguments' };
      const found = listed.map((f) => ({ f, file: files.find((x) => x.id === f.id) }));
      // Slack refuses to complete a file whose bytes never arrived, or arrived short.
      if (found.some(({ file }) => !file?.bytes || file.bytes.length !== file.length)) return { ok: false, error: 'file_upload_not_found' };
      const channelId = str(a.channel_id);
      for (const { f, file } of found) file!.completed = { channelId, title: f.title, initialComment: str(a.initial_comment) };
      return { ok: true, files: found.map(({ f, file }) => ({ id: file!.id, name: file!.filename, title: f.title ?? file!.filename, size: file!.length })) };
    },
    'users.info': (a) => {
      const id = str(a.user);
      if (!id) return { ok: false, error: 'user_not_found' };
      // Real Slack only includes `locale` when asked with include_locale=true.
      const wantsLocale = a.include_locale === true || a.include_locale === 'true';
      return { ok: true, user: { id, team_id: 'T1', name: id.toLowerCase(), ...(wantsLocale ? { locale: locales.get(id) ?? 'en-US' } : {}) } };
    },
  };

  const notify = (): void => {
    for (const s of [...subscribers]) s();
  };

  const send = (res: ServerResponse, reply: HttpReply): void => {
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
  };

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  const handleApi = async (method: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const args = await decodeArgs(raw, contentType);
    const auth = req.headers.authorization;
    const call: RecordedCall = {
      method,
      args,
      at: new Date(),
      token: auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : str(args.token),
      contentType,
      raw: raw.toString('utf8'),
      status: 200,
    };
    const queued = once.get(method);
    const scripted = queued && queued.length > 0 ? queued.shift() : persistent.get(method);
    const chosen = scripted ?? defaults[method] ?? { ok: false, error: 'unknown_method' };
    const out = typeof chosen === 'function' ? await chosen(args, call) : chosen;
    const reply = out instanceof HttpReply ? out : new HttpReply(200, out);
    call.status = reply.status;
    calls.push(call);
    send(res, reply);
    notify();
  };

  const handleResponseUrl = async (id: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const reply = responseUrlReplies.get(id) ?? new HttpReply(200, { ok: true });
    let body: unknown = raw.toString('utf8');
    try {
      body = JSON.parse(body as string);
    } catch {
      // keep the text as sent
    }
    responseUrlPosts.push({ id, body, at: new Date(), status: reply.status });
    send(res, reply);
    notify();
  };

  /**
   * The upload URL takes the bytes raw or, as WebClient sends them, as the
   * one file field of a multipart form; Slack answers 200 with `OK - <length>`.
   */
  const handleUpload = async (id: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const file = files.find((f) => f.id === id);
    if (!file) return send(res, new HttpReply(404, 'unknown upload'));
    const contentType = req.headers['content-type'] ?? '';
    let bytes = raw;
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((v): v is File => typeof v !== 'string');
      bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    file.bytes = bytes;
    send(res, new HttpReply(200, `OK - ${bytes.length}`));
    notify();
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const hook = /^\/response-url\/([^/]+)$/.exec(path);
    const upload = /^\/upload\/(F\d+)$/.exec(path);
    const work = api && req.method === 'POST'
      ? handleApi(api[1]!, req, res)
      : hook && req.method === 'POST'
        ? handleResponseUrl(decodeURIComponent(hook[1]!), req, res)
        : upload && req.method === 'POST'
          ? handleUpload(upload[1]!, req, res)
          : Promise.resolve(send(res, new HttpReply(404, { ok: false, error: 'not_found' })));
    work.catch((err: unknown) => {
      if (!res.headersSent) send(res, new HttpReply(500, { ok: false, error: `fake_slack_error: ${String(err)}` }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    keepIdleSocketsOpen(server);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    calls,
    responseUrlPosts,
    files,
    waitForFile: (predicate = () => true, timeoutMs = 2000) =>
      waitUntil(
        () => files.find((f) => f.completed !== undefined && predicate(f)),
        subscribers,
        timeoutMs,
        () => `a completed file upload; files so far: ${files.map((f) => `${f.id} ${f.filename}${f.completed ? ' (completed)' : ''}`).join(', ') || 'none'}`,
      ),
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 2000) =>
      waitUntil(
        () => calls.find((c) => c.method === method && predicate(c)),
        subscribers,
        timeoutMs,
        () => `${method}; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`,
      ),
    respond: (method, reply) => {
      persistent.set(method, reply);
    },
    respondOnce: (method, reply) => {
      once.set(method, [...(once.get(method) ?? []), reply]);
    },
    setUserLocale: (userId, locale) => {
      locales.set(userId, locale);
    },
    responseUrl: (id) => `${base}/response-url/${encodeURIComponent(id)}`,
    respondToResponseUrl: (id, reply) => {
      responseUrlReplies.set(id, reply);
    },
    waitForResponseUrlPost: (id, predicate = () => true, timeoutMs = 2000) =>
      waitUntil(
        () => responseUrlPosts.find((p) => p.id === id && predicate(p)),
        subscribers,
        timeoutMs,
        () => `a POST to response_url ${id}; posts so far: ${responseUrlPosts.map((p) => p.id).join(', ') || 'none'}`,
      ),
    reset: () => {
      calls.length = 0;
      responseUrlPosts.length = 0;
      files.length = 0;
      persistent.clear();
      once.clear();
      responseUrlReplies.clear();
      messageCount = 0;
      viewCount = 0;
      locales.clear();
      for (const [k, v] of Object.entries(options.userLocales ?? {})) locales.set(k, v);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

export interface TestLogger extends Logger {
  readonly lines: { level: 'debug' | 'info' | 'warn' | 'error'; text: string }[];
}

/** A Bolt/WebClient logger that keeps lines in memory instead of printing, so tests can assert on them. */
export function createTestLogger(): TestLogger {
  const lines: TestLogger['lines'] = [];
  let level = 'debug' as ReturnType<Logger['getLevel']>;
  const at = (l: TestLogger['lines'][number]['level']) => (...msg: unknown[]) => {
    lines.push({ level: l, text: msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : String(m))).join(' ') });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
