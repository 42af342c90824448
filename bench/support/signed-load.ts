import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';

/** One round of load: latency percentiles of the acks (ms) and completed requests per second. */
export interface LoadRound {
  p50: number;
  p99: number;
  perSecond: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts: any of them makes the round suspect. */
  failed: number;
}

/**
 * Autocannon against Bolt's `/slack/events`, each request built and signed
 * as it goes out (`v0=` HMAC-SHA256 of `v0:{ts}:{body}`, the timestamp fresh,
 * as Slack signs), so every request passes Bolt's signature check and each
 * body can be unique (trigger ids, view ids).
 */
export async function signedLoad(opts: { baseUrl: string; secret: string; connections: number; seconds: number; body: (n: number) => string; refused?: (body: string) => boolean }): Promise<LoadRound> {
  let n = 0;
  let refused = 0;
  const result = await autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (req) => {
          const body = opts.body(++n);
          const ts = Math.floor(Date.now() / 1000);
          const signature = `v0=${createHmac('sha256', opts.secret).update(`v0:${ts}:${body}`).digest('hex')}`;
          return {
            ...req,
            body,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
          };
        },
        // A 200 can still carry a refusal (a submission's inline errors): counted as failed.
        onResponse: (_status, body) => {
          if (opts.refused?.(body)) refused++;
        },
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts + refused,
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
