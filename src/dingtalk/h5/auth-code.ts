import type { DingTalkOpenApi } from '../openapi-client.ts';
import { noMeter, type ApiMeter } from '../usage-meter.ts';

/**
 * DingTalk's silent login for an H5 page (issue 12): the page asks the
 * DingTalk client for a one-time auth code (JSAPI
 * `dd.runtime.permission.requestAuthCode`), the bot exchanges it for the
 * user's userId on the server:
 *   POST {oapi}/topapi/v2/user/getuserinfo?access_token=… {"code": …}
 *   → {"errcode":0,"errmsg":"ok","result":{"userid":…}}
 * with the same app access token as the v1.0 API (oauth2/accessToken). A
 * code lives 5 minutes and works once; anything but errcode 0 is refused.
 * Codes already seen are also refused here, before DingTalk is asked: a
 * replayed request never costs a call.
 */
export const USER_BY_CODE_API = 'POST topapi/v2/user/getuserinfo';

/** DingTalk's own limit: an auth code is valid 5 minutes. */
const CODE_LIFETIME_MS = 5 * 60_000;

/** oapi errcodes of a bad app token (40014 invalid, 42001 expired, 40001 wrong credential): not the code's fault. */
const TOKEN_REFUSED = new Set([40014, 42001, 40001]);

interface UserByCodeAnswer {
  errcode?: number;
  errmsg?: string;
  result?: { userid?: unknown };
}

export class AuthCodeRefused extends Error {
  override readonly name = 'AuthCodeRefused';
}

export interface AuthCodeExchangeOptions {
  /** Base of DingTalk's older server API (DINGTALK_OAPI_URL: https://oapi.dingtalk.com, or the fake). */
  oapiUrl: string;
  api: Pick<DingTalkOpenApi, 'accessToken' | 'invalidate'>;
  meter?: ApiMeter;
  fetch?: typeof fetch;
  now?: () => number;
}

export class AuthCodeExchange {
  private readonly seen = new Map<string, number>();
  private readonly oapiUrl: string;
  private readonly meter: ApiMeter;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  private readonly opts: AuthCodeExchangeOptions;

  constructor(opts: AuthCodeExchangeOptions) {
    this.opts = opts;
    this.oapiUrl = opts.oapiUrl.replace(/\/+$/, '');
    this.meter = opts.meter ?? noMeter;
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  /** The userId the code was issued to; AuthCodeRefused for a malformed, forged, expired or reused code. */
  async userIdOf(code: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(code)) throw new AuthCodeRefused('malformed auth code');
    this.forgetOld();
    if (this.seen.has(code)) throw new AuthCodeRefused('auth code already used');
    this.seen.set(code, this.now());
    const token = await this.opts.api.accessToken();
    let { res, body } = await this.ask(code, token.value);
    if (TOKEN_REFUSED.has(body.errcode ?? 0)) {
      // The app token expired early or was revoked: a new one, and the same code once more (DingTalk did not use it).
      this.opts.api.invalidate(token);
      ({ res, body } = await this.ask(code, (await this.opts.api.accessToken()).value));
    }
    if (!res.ok || body.errcode !== 0 || typeof body.result?.userid !== 'string' || body.result.userid === '') {
      throw new AuthCodeRefused(`DingTalk refused the auth code (HTTP ${res.status}, errcode ${String(body.errcode)}: ${String(body.errmsg ?? '')})`);
    }
    return body.result.userid;
  }

  private async ask(code: string, token: string): Promise<{ res: Response; body: UserByCodeAnswer }> {
    this.meter.count(USER_BY_CODE_API);
    const res = await this.fetchFn(`${this.oapiUrl}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await res.json().catch(() => ({}))) as UserByCodeAnswer;
    return { res, body };
  }

  private forgetOld(): void {
    const cutoff = this.now() - CODE_LIFETIME_MS;
    for (const [code, at] of this.seen) if (at < cutoff) this.seen.delete(code);
  }
}
