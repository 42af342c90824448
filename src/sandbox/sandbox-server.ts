import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';
import { MAX_FILE_BYTES } from './workspace.ts';

/**
 * The sandbox's one HTTP server, on loopback only: the page and its files,
 * the page's JSON endpoints and events, the Slack-compatible Web API
 * (`/api/<method>`) and response URLs. It refuses other Host headers (a web
 * page elsewhere cannot drive it through DNS rebinding) and JSON endpoints
 * take only `application/json` (a cross-site form cannot post one).
 */

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');
const PAGE_FILE = /^[a-z0-9-]+\.(js|css|html|png|svg)$/;
const TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', html: 'text/html', png: 'image/png', svg: 'image/svg+xml' };
const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface SandboxRoutes {
  /** GET /ui/… and POST /ui/… (JSON in, JSON out). */
  ui(method: 'GET' | 'POST', path: string, query: URLSearchParams, body: unknown): Promise<unknown>;
  /** POST /api/<method>: Slack's Web API. */
  webApi(method: string, token: string | undefined, args: Record<string, unknown>): Promise<unknown>;
  /** POST /upload/<file id>: the bytes of a file the bot uploads (the URL files.getUploadURLExternal gave). */
  upload(fileId: string, bytes: Buffer): Promise<void>;
  /** GET /files/<file id>?as=<person>: a shared file, for a person who can read where it was shared. */
  download(fileId: string, as: string): Promise<{ name: string; bytes: Buffer } | undefined>;
  /** POST /response-url/<id>. */
  responseUrl(id: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** Subscribe to changes; returns the unsubscribe. */
  subscribe(fn: () => void): () => void;
  version(): number;
  health(): Promise<boolean>;
}

export async function listen(routes: SandboxRoutes, logger: Logger, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handle(routes, req, res, server).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) logger.error('sandbox request failed', { path: req.url, error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) json(res, status, { ok: false, error: status === 500 ? 'The sandbox could not do that; see the bot log.' : (e as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host}:${bound}` };
}

async function handle(routes: SandboxRoutes, req: IncomingMessage, res: ServerResponse, server: Server): Promise<void> {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = req.headers.host ?? '';
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host)) throw new HttpError(403, 'The sandbox answers on 127.0.0.1 only.');
  const url = new URL(req.url ?? '/', `http://${host}`);
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (method === 'GET' && (path === '/' || path === '/index.html')) return file(res, 'index.html');
  if (method === 'GET' && path.startsWith('/page/')) return file(res, path.slice('/page/'.length));
  if (method === 'GET' && path === '/healthz') {
    const ok = await routes.health();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
    return void res.end(ok ? 'ok' : 'database unavailable');
  }
  if (method === 'GET' && path === '/ui/events') return events(routes, req, res);
  if (path.startsWith('/ui/') && (method === 'GET' || method === 'POST')) {
    const body = method === 'POST' ? await jsonBody(req) : undefined;
    return json(res, 200, await routes.ui(method, path, url.searchParams, body));
  }
  const api = /^\/api\/([\w.]+)$/.exec(path);
  if (api && method === 'POST') {
    const raw = await readBody(req);
    const args = decodeArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : undefined;
    return json(res, 200, await routes.webApi(api[1]!, token, args));
  }
  const upload = /^\/upload\/(F\d+)$/.exec(path);
  if (upload && method === 'POST') {
    await routes.upload(upload[1]!, await uploadedBytes(req));
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end('OK');
  }
  const download = /^\/files\/(F\d+)$/.exec(path);
  if (download && method === 'GET') {
    const found = await routes.download(download[1]!, url.searchParams.get('as') ?? '');
    if (!found) throw new HttpError(404, 'no such file');
    return attachment(res, found.name, found.bytes);
  }
  const hook = /^\/response-url\/([0-9a-f]+)$/.exec(path);
  if (hook && method === 'POST') {
    const answer = await routes.responseUrl(hook[1]!, (await jsonBody(req)) as Record<string, unknown>);
    return json(res, answer.status, answer.body);
  }
  throw new HttpError(404, 'not found');
}

async function file(res: ServerResponse, name: string): Promise<void> {
  if (!PAGE_FILE.test(name)) throw new HttpError(404, 'not found');
  const body = await readFile(join(PAGE_DIR, name)).catch(() => {
    throw new HttpError(404, 'not found');
  });
  res.writeHead(200, {
    'content-type': `${TYPES[name.split('.').pop()!]}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Only the page's own files run; links the bot sends open elsewhere, images may come from https.
    'content-security-policy': "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(body);
}

/**
 * A file the bot shared, as a download and never as a page: attachment,
 * CSV as text/csv (anything else as bytes), no sniffing, and a CSP sandbox
 * in case a browser renders it anyway. Only this origin serves it.
 */
function attachment(res: ServerResponse, name: string, bytes: Buffer): void {
  const ascii = name.replace(/[^\w.-]/g, '_');
  res.writeHead(200, {
    'content-type': /\.csv$/i.test(name) ? 'text/csv; charset=utf-8' : 'application/octet-stream',
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  res.end(bytes);
}

/** The upload URL takes the bytes raw or, as WebClient sends them, as the one file field of a multipart form. */
async function uploadedBytes(req: IncomingMessage): Promise<Buffer> {
  // Room for the multipart envelope around the largest file the sandbox keeps.
  const raw = await readBody(req, MAX_FILE_BYTES + 64 * 1024);
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData().catch(() => {
    throw new HttpError(400, 'invalid multipart body');
  });
  const part = [...form.values()].find((v): v is File => typeof v !== 'string');
  if (!part) throw new HttpError(400, 'no file in the multipart body');
  return Buffer.from(await part.arrayBuffer());
}

function events(routes: SandboxRoutes, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const send = () => res.write(`data: ${JSON.stringify({ version: routes.version() })}\n\n`);
  send();
  // Changes come in bursts (a step posts several messages): one event per burst is enough.
  let pending: NodeJS.Timeout | undefined;
  const unsubscribe = routes.subscribe(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      send();
    }, 30);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(pending);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new HttpError(413, 'request too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw new HttpError(415, 'send JSON (content-type: application/json)');
  const raw = await readBody(req);
  try {
    return raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** The WebClient posts form fields, with objects (blocks, view) as JSON strings. */
function decodeArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.toLowerCase().startsWith('application/json')) {
    try {
      return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new HttpError(400, 'invalid_json');
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseQuery(text))) {
    const value = Array.isArray(v) ? v[v.length - 1]! : (v ?? '');
    const first = value.trimStart()[0];
    if (first === '{' || first === '[') {
      try {
        out[k] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[k] = value;
  }
  return out;
}
