import type { IncomingMessage, ServerResponse } from 'node:http';
import { translator, toLocale, type Locale } from '../../messages/i18n.ts';
import { choosePartner, PickerRefused, searchPage, signIn, type PartnerPickerDeps, type PickerRefusal } from './partner-picker.ts';
import { PICKER_SCRIPT, pickerPage, pickerPagePolicy } from './picker-page.ts';

/**
 * The H5 partner picker over HTTP (issue 12), on the bot's one PORT beside
 * /healthz and POST /dingtalk/events:
 *   GET  /dingtalk/h5/partners?card=…&lang=…   the page
 *   GET  /dingtalk/h5/partners.js              its script
 *   POST /dingtalk/h5/session                  {code, card} → {session}
 *   GET  /dingtalk/h5/partners/search?q=&page= (Bearer session) → a page of partners
 *   POST /dingtalk/h5/partners/choose          (Bearer session) {partnerId} → the card is updated
 * A refusal is a JSON {error, message} in the page's language, and changes nothing.
 */
export const H5_PREFIX = '/dingtalk/h5/';
export const H5_ROUTES = [
  { path: '/dingtalk/h5/partners', method: 'GET' },
  { path: '/dingtalk/h5/partners.js', method: 'GET' },
  { path: '/dingtalk/h5/session', method: 'POST' },
  { path: '/dingtalk/h5/partners/search', method: 'GET' },
  { path: '/dingtalk/h5/partners/choose', method: 'POST' },
] as const;

export interface H5RouteDeps extends PartnerPickerDeps {
  corpId: string;
  clientId: string;
  jsapiUrl: string;
  defaultLocale: Locale;
}

const STATUS: Record<PickerRefusal, number> = { signInFailed: 401, expired: 401, notYourCard: 403, notReporter: 403, notChoosable: 403 };
const BODY_LIMIT = 16 * 1024;

/** One node:http handler for every H5 route: a Bolt custom route (beside Slack) or in the DingTalk-only server. */
export function dingtalkH5Handler(deps: H5RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      deps.logger.error('DingTalk H5 request failed', { path: pathOf(req), error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) json(res, 500, { error: 'failed', message: translator(deps.defaultLocale)('dingtalkH5.failed') });
    });
  };
}

async function handle(deps: H5RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bot.invalid');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const lang = toLocale(url.searchParams.get('lang'), deps.defaultLocale);
  switch (route) {
    case 'GET /dingtalk/h5/partners': {
      const card = url.searchParams.get('card') ?? '';
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': pickerPagePolicy(deps.jsapiUrl),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
      res.end(pickerPage({ locale: lang, corpId: deps.corpId, clientId: deps.clientId, card: card.slice(0, 4096), jsapiUrl: deps.jsapiUrl }));
      return;
    }
    case 'GET /dingtalk/h5/partners.js':
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      res.end(PICKER_SCRIPT);
      return;
    case 'POST /dingtalk/h5/session': {
      const body = await jsonBody(req);
      const locale = toLocale(str(body.lang), deps.defaultLocale);
      return answer(res, locale, () => signIn(deps, { code: str(body.code), card: str(body.card) }));
    }
    case 'GET /dingtalk/h5/partners/search':
      return answer(res, lang, () => searchPage(deps, bearer(req), url.searchParams.get('q') ?? '', Number(url.searchParams.get('page') ?? '1')));
    case 'POST /dingtalk/h5/partners/choose': {
      const body = await jsonBody(req);
      const locale = toLocale(str(body.lang), deps.defaultLocale);
      return answer(res, locale, async () => ({ chosen: await choosePartner(deps, bearer(req), str(body.partnerId), locale) }));
    }
    default:
      json(res, url.pathname.startsWith(H5_PREFIX) && H5_ROUTES.some((r) => r.path === url.pathname) ? 405 : 404, { error: 'not found' });
  }
}

async function answer(res: ServerResponse, locale: Locale, work: () => Promise<unknown>): Promise<void> {
  try {
    json(res, 200, await work());
  } catch (e) {
    if (!(e instanceof PickerRefused)) throw e;
    json(res, STATUS[e.reason], { error: e.reason, message: translator(locale)(`dingtalkH5.${e.reason}`) });
  }
}

function bearer(req: IncomingMessage): string {
  const m = /^Bearer (\S{1,4096})$/.exec(String(req.headers.authorization ?? ''));
  return m ? m[1]! : '';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > BODY_LIMIT) return {};
    chunks.push(c as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
