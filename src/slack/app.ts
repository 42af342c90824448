import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type AppOptions, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { register as registerActions } from './listeners/actions/index.ts';
import { register as registerCommands } from './listeners/commands/index.ts';
import { register as registerEvents } from './listeners/events/index.ts';
import { register as registerFallbacks } from './listeners/fallback/index.ts';
import { register as registerOptions } from './listeners/options/index.ts';
import { register as registerViews } from './listeners/views/index.ts';
import { slackHttpReceiver } from './http-receiver.ts';
import type { SlackContext } from './slack-context.ts';

/** How long /healthz waits for `select 1` before it answers 503. */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * A listener's Web API calls (views.open within a trigger's 3 s, a private
 * answer) are worth a couple of quick retries, not the WebClient's default
 * of ten over half an hour; that also makes a start without Slack fail fast.
 */
export const LISTENER_RETRY = { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 } as const;

/**
 * The Bolt app: HTTP mode (POST /slack/events, GET /healthz) or Socket Mode
 * when an app-level token is configured, or a given receiver (the sandbox's:
 * Bolt's own seam, so no listener knows where requests come from). Every
 * listener acks first and does its work after (issue #4); the outbox delivers
 * notifications separately.
 */
export function createSlackApp(ctx: SlackContext, opts: { receiver?: Receiver; routes?: NonNullable<AppOptions['customRoutes']> } = {}): App {
  const logger = ctx.boltLogger ?? boltLogger(ctx.logger);
  // `routes`: other routes on the same PORT (DingTalk's POST /dingtalk/events, issue 12).
  const customRoutes: AppOptions['customRoutes'] = [{ path: '/healthz', method: ['GET'], handler: (req, res) => void health(ctx, req, res) }, ...(opts.routes ?? [])];
  const common: AppOptions = {
    token: ctx.config.botToken,
    logger,
    // auth.test runs in app.init(), so a bad token is reported by startSlackApp, not thrown from a constructor.
    deferInitialization: true,
    clientOptions: {
      ...(ctx.config.slackApiUrl ? { slackApiUrl: ctx.config.slackApiUrl } : {}),
      retryConfig: ctx.retryConfig ?? LISTENER_RETRY,
    },
  };
  const app = opts.receiver
    ? new App({ ...common, receiver: opts.receiver })
    : ctx.config.appToken
      ? new App({ ...common, customRoutes, appToken: ctx.config.appToken, socketMode: true, port: ctx.config.port })
      : // HTTP: Bolt's receiver behind a guard against signed but malformed bodies (see http-receiver.ts).
        new App({ ...common, receiver: slackHttpReceiver({ signingSecret: ctx.config.signingSecret, customRoutes, logger, log: ctx.logger }) });

  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerOptions(app, ctx);
  registerEvents(app, ctx);
  // Last, and matching only ids none of the above handles (a stale button is acked, not left to 404).
  registerFallbacks(app, ctx);
  app.error(async (e) => {
    // Listeners answer people themselves; what reaches here is logged once, as JSON.
    ctx.logger.error('slack listener error', { code: (e as { code?: string }).code, error: e.message });
  });
  return app;
}

export interface StartedSlackApp {
  /** The HTTP port (/healthz, and /slack/events in HTTP mode). */
  port: number | undefined;
  mode: 'http' | 'socket' | 'sandbox';
}

/** Asks Slack who the bot is (auth.test), then listens. `port: 0` picks a free port (tests). */
export async function startSlackApp(app: App, ctx: SlackContext, opts: { port?: number; host?: string; receiver?: Receiver } = {}): Promise<StartedSlackApp> {
  await app.init();
  if (opts.receiver) {
    await app.start();
    return { port: undefined, mode: 'sandbox' };
  }
  if (ctx.config.appToken) {
    await app.start();
    return { port: ctx.config.port, mode: 'socket' };
  }
  const server = (await app.start({ port: opts.port ?? ctx.config.port, ...(opts.host ? { host: opts.host } : {}) })) as { address(): AddressInfo | string | null };
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : undefined, mode: 'http' };
}

/** GET /healthz: 200 only when the database answers. */
async function health(ctx: SlackContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ctx.checkDatabase(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), HEALTH_TIMEOUT_MS);
      }),
    ]);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  } catch (e) {
    ctx.logger.warn('health check failed', { error: e instanceof Error ? e.message : String(e) });
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('database unavailable');
  } finally {
    clearTimeout(timer);
  }
}

/** `select 1`: what /healthz asks the database. */
export function databaseCheck(db: Db): () => Promise<void> {
  return async () => {
    await db.execute(sql`select 1`);
  };
}

/** Bolt's and the WebClient's log lines, as our JSON lines (debug only when asked for). */
export function boltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let name = 'bolt';
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => {
      if (current === LogLevel.DEBUG) logger.info(text(msg), { source: name, level: 'debug' });
    },
    info: (...msg) => {
      if (current !== LogLevel.WARN && current !== LogLevel.ERROR) logger.info(text(msg), { source: name });
    },
    warn: (...msg) => {
      if (current !== LogLevel.ERROR) logger.warn(text(msg), { source: name });
    },
    error: (...msg) => logger.error(text(msg), { source: name }),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
