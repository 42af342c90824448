import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SlackConfig } from '../config/slack-config.ts';
import { jsonLogger, type Logger } from '../logger.ts';
import { startBot, type RunningBot } from '../bot.ts';
import { databaseCheck } from '../slack/app.ts';
import { caseFile, listCaseFiles } from './case-file.ts';
import { seedDemoData } from './demo-data.ts';
import { blockAction, blockSuggestion, homeOpened, responseUrlPost, slashCommand, viewClosed, viewSubmission, type InteractionDeps } from './interactions.ts';
import { stateFor } from './page-state.ts';
import { CHANNELS, personById } from './people.ts';
import type { ActionRequest, ClockRequest, CloseRequest, CommandRequest, SeenRequest, SubmitRequest, SuggestRequest } from './protocol.ts';
import { SandboxClock } from './sandbox-clock.ts';
import { SandboxReceiver } from './sandbox-receiver.ts';
import { HttpError, listen, type SandboxRoutes } from './sandbox-server.ts';
import { clockView, targetOf, travelTo } from './time-travel.ts';
import { callWebApi, SANDBOX_BOT_TOKEN } from './web-api.ts';
import { SlackRefusal, Workspace } from './workspace.ts';

/**
 * The sandbox (issue #9): the real bot — the same App, listeners, use cases
 * and database code — with Slack played by an in-process workspace, on its
 * own embedded database in `<dataDir>`, served to a browser on loopback.
 * Requests reach Bolt through a custom receiver; the bot's Web API calls go
 * to this server's `/api/` (slackApiUrl). Nothing below src/slack knows.
 */
export interface SandboxOptions {
  dataDir: string;
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  logger?: Logger;
  /** The environment, checked so the sandbox never starts where a Slack token is set. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningSandbox {
  url: string;
  stop(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const env = opts.env ?? process.env;
  if (env.SLACK_BOT_TOKEN?.trim()) throw new Error('SLACK_BOT_TOKEN is set: the sandbox never starts beside a real Slack token (unset it, or start the bot for Slack).');
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.includes(host)) throw new Error(`The sandbox listens on loopback only (127.0.0.1), not ${host}.`);
  const logger = opts.logger ?? jsonLogger();
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });

  let clock = await SandboxClock.open(dataDir);
  const ws = new Workspace(() => clock.now());
  const receiver = new SandboxReceiver((e) => logger.error('sandbox event failed', { error: e instanceof Error ? e.message : String(e) }));
  let bot: RunningBot | undefined;
  // Requests wait while the bot (re)starts; a reset waits for requests in flight.
  let ready: Promise<RunningBot> = new Promise(() => {});

  const running = async (): Promise<RunningBot> => ready;
  // Clock moves and resets run one after the other: a double click moves the clock twice, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const routes: SandboxRoutes = {
    subscribe: (fn) => ws.subscribe(fn),
    version: () => ws.version,
    health: async () => {
      if (!bot) return false;
      return databaseCheck(bot.database.db)().then(() => true, () => false);
    },
    webApi: async (method, token, args) => callWebApi(ws, { method, token, args }),
    responseUrl: async (id, body) => responseUrlPost(deps, id, body),
    upload: async (id, bytes) => {
      try {
        ws.receiveFile(id, bytes);
      } catch (e) {
        if (e instanceof SlackRefusal) {
          ws.problem(null, `Slack would refuse the file upload ${id}: ${e.error}${e.messages.length > 0 ? ` — ${e.messages.join('; ')}` : ''}`);
          throw new HttpError(400, e.error);
        }
        throw e;
      }
    },
    download: async (id, as) => {
      const file = ws.fileFor(as, id);
      return file?.bytes ? { name: file.name, bytes: file.bytes } : undefined;
    },
    ui: async (method, path, query, body) => {
      try {
        return await ui(method, path, query, body);
      } catch (e) {
        if (e instanceof SlackRefusal) throw new HttpError(400, e.error);
        throw e;
      }
    },
  };

  /** What a person does on the page; each names who they are (`as`). */
  const personRoutes: Record<string, (as: string, b: Record<string, unknown>, r: RunningBot) => Promise<unknown>> = {
    'GET /ui/state': async (as, _b, r) => stateFor(ws, as, await clockView(r.cases, clock)),
    'POST /ui/command': async (_as, b) => slashCommand(deps, b as unknown as CommandRequest),
    'POST /ui/action': async (_as, b) => blockAction(deps, b as unknown as ActionRequest),
    'POST /ui/submit': async (_as, b) => viewSubmission(deps, b as unknown as SubmitRequest),
    'POST /ui/close': async (_as, b) => viewClosed(deps, b as unknown as CloseRequest),
    'POST /ui/suggest': async (_as, b) => blockSuggestion(deps, b as unknown as SuggestRequest),
    'POST /ui/home': async (as) => homeOpened(deps, as),
    'POST /ui/seen': async (as, b) => {
      ws.markSeen(as, ws.resolveChannel(String((b as unknown as SeenRequest).channel)));
      return { ok: true };
    },
  };

  async function ui(method: 'GET' | 'POST', path: string, query: URLSearchParams, body: unknown): Promise<unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    const r = await running();
    const route = `${method} ${path}`;
    const forPerson = personRoutes[route];
    if (forPerson) {
      const as = String(method === 'GET' ? (query.get('as') ?? '') : (b.as ?? ''));
      if (!personById(as)) throw new HttpError(400, `no such person in the sandbox: "${as}"`);
      return forPerson(as, b, r);
    }
    switch (route) {
      case 'POST /ui/clock':
        return oneAtATime(() => moveClock(r, b as unknown as ClockRequest));
      case 'POST /ui/reset':
        await oneAtATime(reset);
        return { ok: true };
      case 'GET /ui/cases':
        return listCaseFiles(r.cases);
      default: {
        const m = /^\/ui\/cases\/([^/]+)$/.exec(path);
        if (method === 'GET' && m) {
          const file = await caseFile(r.cases, decodeURIComponent(m[1]!), query.get('locale') === 'zh-CN' ? 'zh-CN' : 'en');
          if (!file) throw new HttpError(404, 'no such case');
          return file;
        }
        throw new HttpError(404, 'not found');
      }
    }
  }

  async function moveClock(r: RunningBot, req: ClockRequest): Promise<unknown> {
    if (req.advance === 'working-days' && !(Number.isInteger(req.days) && req.days >= 1 && req.days <= 60)) {
      return { ok: false, error: 'Advance by a whole number of working days, from 1 to 60.' };
    }
    if (req.advance !== 'working-days' && req.advance !== 'next-deadline') return { ok: false, error: 'Unknown clock request.' };
    const to = await targetOf(r.cases, req);
    if (!to) return { ok: false, error: 'No deadline is pending.' };
    // What is already queued goes out at the current time, before the clock moves.
    await r.deliverOutbox();
    const result = await travelTo(r.cases, clock, to, () => r.deliverOutbox());
    for (const f of result.failed) ws.problem(null, `Deadline ${f.id} failed when the clock moved: ${f.error}`);
    ws.changed();
    return { ok: true, now: clock.now().toISOString(), processed: result.processed, outcomes: result.outcomes };
  }

  const { server, url } = await listen(routes, logger, opts.port ?? 3000, host);
  ws.origin = url;
  const deps: InteractionDeps = { ws, receiver, baseUrl: url };

  const config: SlackConfig = {
    botToken: SANDBOX_BOT_TOKEN,
    signingSecret: 'sandbox-requests-are-not-signed',
    appToken: undefined,
    slackApiUrl: `${url}/api/`,
    channels: { notices: CHANNELS.notices.id, approvals: CHANNELS.approvals.id },
    defaultLocale: 'en',
    port: 0,
    databaseUrl: undefined,
    dataDir: join(dataDir, 'db'),
  };

  async function boot(): Promise<RunningBot> {
    bot = await startBot(config, {
      clock,
      logger,
      receiver,
      prepare: async (d) => {
        const seeded = await seedDemoData(d);
        logger.info('sandbox demo data ready', { ...seeded });
      },
    });
    return bot;
  }

  async function reset(): Promise<void> {
    const previous = bot;
    ready = new Promise(() => {});
    bot = undefined;
    await previous?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    clock = await SandboxClock.open(dataDir);
    ws.clear();
    ready = boot();
    await ready;
  }

  try {
    ready = boot();
    await ready;
  } catch (e) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    throw e;
  }
  logger.info('sandbox started', { url, dataDir });

  return {
    url,
    stop: async () => {
      await bot?.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
