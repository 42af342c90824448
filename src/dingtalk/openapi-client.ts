import PQueue from 'p-queue';
import { noMeter, type ApiMeter } from './usage-meter.ts';

/**
 * A thin client of DingTalk's OpenAPI (api.dingtalk.com/v1.0), our own rather
 * than an SDK's so the base URL can point at a local fake in tests (issue 12).
 * It owns what every call needs: the app access token (cached, single-flight,
 * refreshed early, and once more when DingTalk says it is invalid), per-API
 * pacing at DingTalk's 20 QPS per app per API with bounded back-off on
 * `QpsLimit…`, and metering of every call for the monthly quota.
 */
export interface OpenApiOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  meter?: ApiMeter;
  /** Calls started per second per API (DingTalk: 20). */
  qps?: number;
  /** Refresh this long before the token's stated expiry (default 5 min). */
  refreshEarlyMs?: number;
  /** Retries after a 403 QpsLimit before giving up (default 5). */
  maxQpsRetries?: number;
  /** First back-off after a QpsLimit; doubled each time (default 250 ms). */
  backoffMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export class DingTalkApiError extends Error {
  override readonly name = 'DingTalkApiError';
  readonly status: number;
  readonly code: string;
  readonly api: string;
  constructor(api: string, status: number, code: string, message: string) {
    super(`DingTalk ${api} failed (HTTP ${status} ${code}): ${message}`);
    this.api = api;
    this.status = status;
    this.code = code;
  }
}

export const TOKEN_API = 'POST oauth2/accessToken';

interface Token {
  value: string;
  /** Epoch ms after which it is no longer used. */
  refreshAt: number;
}

export class DingTalkOpenApi {
  private readonly opts: Required<Omit<OpenApiOptions, 'meter' | 'fetch' | 'now'>>;
  private readonly meter: ApiMeter;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly queues = new Map<string, PQueue>();
  private token: Token | undefined;
  private tokenInFlight: Promise<Token> | undefined;

  constructor(opts: OpenApiOptions) {
    this.opts = {
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      qps: opts.qps ?? 20,
      refreshEarlyMs: opts.refreshEarlyMs ?? 5 * 60_000,
      maxQpsRetries: opts.maxQpsRetries ?? 5,
      backoffMs: opts.backoffMs ?? 250,
    };
    this.meter = opts.meter ?? noMeter;
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  /**
   * One OpenAPI call with the app token. `path` is below /v1.0/, e.g.
   * `robot/groupMessages/send`. An expired token (400 InvalidAuthentication)
   * is refreshed and the call repeated once; anything else not 2xx throws.
   */
  async call<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
    const api = `${method} ${path}`;
    const token = await this.accessToken();
    const first = await this.paced(api, () => this.send(method, path, body, token.value));
    if (first.status === 400 && first.code === 'InvalidAuthentication') {
      this.invalidate(token);
      const fresh = await this.accessToken();
      const second = await this.paced(api, () => this.send(method, path, body, fresh.value));
      return this.result<T>(api, second);
    }
    return this.result<T>(api, first);
  }

  /** The current app access token, fetched once however many callers wait for it. */
  async accessToken(): Promise<Token> {
    if (this.token && this.now() < this.token.refreshAt) return this.token;
    this.tokenInFlight ??= this.fetchToken().finally(() => {
      this.tokenInFlight = undefined;
    });
    return this.tokenInFlight;
  }

  /** Drops a token DingTalk said is invalid, so the next call fetches a new one (also for calls made outside `call`, e.g. the oapi). */
  invalidate(used: Token): void {
    // Another caller may already have replaced it: keep theirs.
    if (this.token === used) this.token = undefined;
  }

  private async fetchToken(): Promise<Token> {
    const res = await this.paced(TOKEN_API, () => this.send('POST', 'oauth2/accessToken', { appKey: this.opts.clientId, appSecret: this.opts.clientSecret }));
    const body = this.result<{ accessToken?: string; expireIn?: number }>(TOKEN_API, res);
    if (typeof body.accessToken !== 'string' || typeof body.expireIn !== 'number') {
      throw new DingTalkApiError(TOKEN_API, res.status, 'BadResponse', 'no accessToken/expireIn in the answer');
    }
    const lifetimeMs = body.expireIn * 1000;
    // Refresh early, but never sooner than half its life (a short-lived token in tests).
    const early = Math.min(this.opts.refreshEarlyMs, lifetimeMs / 2);
    this.token = { value: body.accessToken, refreshAt: this.now() + lifetimeMs - early };
    return this.token;
  }

  /** Runs `attempt` at the API's pace; a 403 QpsLimit waits (doubling) and tries again, a bounded number of times. */
  private async paced(api: string, attempt: () => Promise<RawAnswer>): Promise<RawAnswer> {
    const queue = this.queueOf(api);
    for (let retry = 0; ; retry++) {
      const answer = (await queue.add(attempt))!;
      if (!(answer.status === 403 && /QpsLimit/i.test(answer.code)) || retry >= this.opts.maxQpsRetries) return answer;
      await sleep(this.opts.backoffMs * 2 ** retry);
    }
  }

  private queueOf(api: string): PQueue {
    let q = this.queues.get(api);
    if (!q) {
      // strict: a sliding window, so no burst of 2×QPS across a window boundary.
      q = new PQueue({ intervalCap: this.opts.qps, interval: 1000, strict: true });
      this.queues.set(api, q);
    }
    return q;
  }

  private async send(method: string, path: string, body: unknown, token?: string): Promise<RawAnswer> {
    const api = `${method} ${path}`;
    this.meter.count(api);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token !== undefined) headers['x-acs-dingtalk-access-token'] = token;
    const res = await this.fetchFn(`${this.opts.baseUrl}/v1.0/${path}`, { method, headers, body: JSON.stringify(body) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      json = { message: text.slice(0, 200) };
    }
    const err = json as { code?: unknown; message?: unknown };
    return { status: res.status, code: typeof err.code === 'string' ? err.code : '', message: typeof err.message === 'string' ? err.message : '', json };
  }

  private result<T>(api: string, answer: RawAnswer): T {
    if (answer.status >= 200 && answer.status < 300) return answer.json as T;
    throw new DingTalkApiError(api, answer.status, answer.code || 'Unknown', answer.message || 'no message');
  }

  /** Waits for every paced call to finish (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.onIdle()));
  }
}

interface RawAnswer {
  status: number;
  code: string;
  message: string;
  json: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
