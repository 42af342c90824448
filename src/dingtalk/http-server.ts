import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Clock } from '../service/clock.ts';
import { handleDingTalkHttpCallback } from './http-callback.ts';
import type { DingTalkInbound } from './inbound.ts';

/** Where DingTalk POSTs robot callbacks in http mode (issue 12), on the bot's one PORT. */
export const DINGTALK_EVENTS_PATH = '/dingtalk/events';

/** DingTalk's robot callbacks are small; anything bigger is refused before it is read whole. */
const BODY_LIMIT = 1024 * 1024;

/**
 * The node:http handler of POST /dingtalk/events: reads the raw body, hands
 * it to the transport-free handleDingTalkHttpCallback and writes its answer.
 * Used as a Bolt custom route (beside Slack) or in the small server below.
 */
export function dingtalkEventsHandler(deps: { appSecret: string; clock: Clock; inbound: DingTalkInbound; logger: Logger }): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      let body: string;
      try {
        body = await readBody(req);
      } catch {
        return send(res, 413, { error: 'body too large' });
      }
      const answer = await handleDingTalkHttpCallback({ headers: req.headers, body }, deps);
      send(res, answer.status, answer.body);
    })().catch((e: unknown) => {
      // Not acked: DingTalk sends the callback again.
      deps.logger.error('DingTalk callback failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) send(res, 500, { error: 'not handled' });
    });
  };
}

/**
 * DingTalk served alone: a small HTTP server on PORT with GET /healthz (200
 * when the database answers), in http mode POST /dingtalk/events, and the
 * H5 partner picker's pages under /dingtalk/h5/ when it is set up.
 */
export async function startDingTalkHttpServer(opts: {
  port: number;
  host?: string;
  checkDatabase: () => Promise<void>;
  events: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  /** The H5 partner picker's routes (src/dingtalk/h5/h5-routes.ts), when DINGTALK_H5_URL is set. */
  h5?: { prefix: string; handler: (req: IncomingMessage, res: ServerResponse) => void };
  logger: Logger;
}): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') {
      opts.checkDatabase().then(
        () => sendText(res, 200, 'ok'),
        (e: unknown) => {
          opts.logger.warn('health check failed', { error: e instanceof Error ? e.message : String(e) });
          sendText(res, 503, 'database unavailable');
        },
      );
      return;
    }
    if (path === DINGTALK_EVENTS_PATH && opts.events) {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      return opts.events(req, res);
    }
    if (opts.h5 && path?.startsWith(opts.h5.prefix)) return opts.h5.handler(req, res);
    send(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}
