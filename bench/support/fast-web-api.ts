import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny, fast stand-in for Slack's Web API for the load benches: every
 * method answers `ok` at once with the fields the bot reads, and calls are
 * only counted, not recorded (the test fake keeps every call, which would
 * grow without bound under load). Runs in the bench process, not the bot's,
 * so it costs the measured server nothing but the network round trip, as
 * Slack would. `response_url` posts land on /respond and are counted too.
 */
export interface FastWebApi {
  /** Base for SLACK_API_URL, ending in '/'. */
  url: string;
  /** Where a response_url should point. */
  respondUrl: string;
  /** Calls per method ('respond' for response_url posts). */
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const ANSWERS: Record<string, unknown> = {
  'auth.test': { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'bot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' },
  'views.open': { ok: true, view: { id: 'VBENCH', type: 'modal' } },
  'chat.postMessage': { ok: true, channel: 'D1', ts: '1700000000.000100' },
};

export async function startFastWebApi(): Promise<FastWebApi> {
  let counts: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    // The body must be read before answering, or the client's keep-alive socket stalls.
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const method = path.startsWith('/api/') ? path.slice(5) : path === '/respond' ? 'respond' : path;
      counts[method] = (counts[method] ?? 0) + 1;
      const answer = method === 'users.info' ? { ok: true, user: { id: 'U', locale: 'en-US' } } : (ANSWERS[method] ?? { ok: true });
      const body = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    respondUrl: `http://127.0.0.1:${port}/respond`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
