// A fake Slack Web API that enforces a rate per method the way Slack does
// (HTTP 429 + `Retry-After` in whole seconds) and counts what it accepted per
// recipient and outbox message, so a fan-out can be checked for lost and
// duplicated messages. Used by the fan-out test and `npm run bench -- fan-out`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { keepIdleSocketsOpen } from './keep-alive.ts';

export interface RateLimitedSlackOptions {
  /** Calls per second each method accepts (a sliding one-second window); methods not named are unlimited. */
  perSecond: Record<string, number>;
  /** users.info's locale for everyone (default en-US). */
  locale?: string;
}

export interface RateLimitedSlack {
  /** Base URL ending in `/api/`, for WebClient's `slackApiUrl`. */
  readonly url: string;
  /** Accepted calls per method. */
  readonly accepted: Map<string, number>;
  /** 429 answers per method. */
  readonly refused: Map<string, number>;
  /** `recipient|outbox_id` → how many messages were posted for it (a DM's recipient is the user, a channel post's the channel). */
  readonly posted: Map<string, number>;
  /** Times of the first and last accepted chat.postMessage. */
  readonly firstPostAt: number | undefined;
  readonly lastPostAt: number | undefined;
  duplicates(): number;
  close(): Promise<void>;
}

/** The DM channel id the fake gives a user (conversations.open); a post to it is counted for that user. */
const dmOf = (user: string) => `D${user}`;

export async function startRateLimitedSlack(opts: RateLimitedSlackOptions): Promise<RateLimitedSlack> {
  const windows = new Map<string, number[]>();
  const accepted = new Map<string, number>();
  const refused = new Map<string, number>();
  const posted = new Map<string, number>();
  const dms = new Map<string, string>();
  let firstPostAt: number | undefined;
  let lastPostAt: number | undefined;
  let ts = 0;
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  /** True when the call fits the method's rate; the window keeps the accepted calls of the last second. */
  function admit(method: string, now: number): boolean {
    const limit = opts.perSecond[method];
    if (limit === undefined) return true;
    const w = windows.get(method) ?? [];
    while (w.length > 0 && w[0]! <= now - 1000) w.shift();
    windows.set(method, w);
    if (w.length >= limit) return false;
    w.push(now);
    return true;
  }

  function answer(method: string, args: Record<string, string>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      case 'users.info':
        return { ok: true, user: { id: args.user, locale: opts.locale ?? 'en-US' } };
      case 'conversations.open': {
        const user = String(args.users ?? '');
        const id = dmOf(user);
        dms.set(id, user);
        return { ok: true, channel: { id } };
      }
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        const meta = args.metadata ? (JSON.parse(args.metadata) as { event_payload?: { outbox_id?: number } }) : {};
        const recipient = dms.get(channel) ?? channel;
        bump(posted, `${recipient}|${meta.event_payload?.outbox_id ?? '?'}`);
        const now = Date.now();
        firstPostAt ??= now;
        lastPostAt = now;
        const dm = channel.startsWith('U') ? dmOf(channel) : channel;
        return { ok: true, channel: dm, ts: `${Math.floor(now / 1000)}.${String(++ts).padStart(6, '0')}` };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const now = Date.now();
      if (!admit(method, now)) {
        bump(refused, method);
        // Slack answers in whole seconds; the window frees a slot within one.
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      bump(accepted, method);
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = String(req.headers['content-type'] ?? '');
      const args = type.includes('application/json')
        ? (JSON.parse(raw || '{}') as Record<string, string>)
        : (Object.fromEntries(Object.entries(parseQuery(raw)).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : (v ?? '')])) as Record<string, string>);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(method, args)));
    });
  });
  keepIdleSocketsOpen(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    accepted,
    refused,
    posted,
    get firstPostAt() {
      return firstPostAt;
    },
    get lastPostAt() {
      return lastPostAt;
    },
    duplicates: () => [...posted.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
