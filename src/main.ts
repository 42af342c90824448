import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebClient } from '@slack/web-api';
import { ConfigError, loadSlackConfig, type SlackConfig } from './config/slack-config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadPolicyVersions } from './db/repositories/policy.repository.ts';
import { isDomainError } from './domain/errors.ts';
import { startJobs, type Jobs } from './jobs/pg-boss-jobs.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { CalendarCache } from './service/calendar/calendar-cache.ts';
import { systemClock, type Clock } from './service/clock.ts';
import { ensureReferenceData } from './service/reference-data.ts';
import { boltLogger, createSlackApp, databaseCheck, LISTENER_RETRY, startSlackApp } from './slack/app.ts';
import { LocaleResolver } from './slack/locale/locale-resolver.ts';
import { SlackNotifier } from './slack/notifier/slack-notifier.ts';
import type { SlackContext } from './slack/slack-context.ts';

/**
 * The bot (`npm start`): settings, database (embedded PGlite unless
 * DATABASE_URL), migrations, reference data, policies, the job queue with
 * Slack as its notifier, then the Bolt app. SIGINT/SIGTERM stop it in reverse.
 */
export interface RunningBot {
  port: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Overrides the configured PORT (0: any free port). */
  port?: number;
  host?: string;
}

export async function startBot(config: SlackConfig, opts: StartOptions = {}): Promise<RunningBot> {
  const logger = opts.logger ?? jsonLogger();
  const clock = opts.clock ?? systemClock;
  const stack: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stack.splice(0).reverse()) {
      await step().catch((e: unknown) => logger.error('error while stopping', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  try {
    const database: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    stack.push(() => database.close());
    logger.info('database open', { backend: database.backend });
    await migrateDatabase(database);
    const seeded = await ensureReferenceData(database.db, clock);
    const policies = await loadPolicyVersions(database.db);
    logger.info('reference data ready', { policies: policies.map((p) => p.id), policyAdded: seeded.policyAdded, calendarYearsAdded: seeded.yearsAdded });

    // The outbox retries a failed delivery itself; the client's own retries must end well within the
    // outbox claim (2 minutes), or a slow retry and the next attempt could both post the message.
    const client = new WebClient(config.botToken, {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      logger: boltLogger(logger),
      retryConfig: { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 15_000 },
    });
    // People's languages are looked up while they wait (a modal opens within 3 s): quick retries only.
    const locales = new LocaleResolver({
      client: new WebClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), logger: boltLogger(logger), retryConfig: LISTENER_RETRY }),
      defaultLocale: config.defaultLocale,
      onError: (userId, e) => logger.warn('locale lookup failed', { userId, error: e instanceof Error ? e.message : String(e) }),
    });
    const notifier = new SlackNotifier({ client, channels: config.channels, locales, defaultLocale: config.defaultLocale, now: () => clock.now() });
    const calendar = new CalendarCache();
    const jobs: Jobs = await startJobs(database, { db: database.db, policies, clock, calendar }, notifier, logger, { databaseUrl: config.databaseUrl });
    stack.push(() => jobs.stop());

    const ctx: SlackContext = {
      config,
      cases: { db: database.db, policies, clock, calendar, jobs: jobs.scheduler },
      locales,
      logger,
      checkDatabase: databaseCheck(database.db),
    };
    const app = createSlackApp(ctx);
    const started = await startSlackApp(app, ctx, { port: opts.port ?? config.port, ...(opts.host ? { host: opts.host } : {}) });
    stack.push(async () => {
      await app.stop();
    });
    logger.info('bot started', { mode: started.mode, port: started.port, backend: database.backend, defaultLocale: config.defaultLocale });
    return { port: started.port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One line a person can act on: what is wrong and how to fix it, never a stack trace. */
export function startupFailure(e: unknown): string {
  if (e instanceof ConfigError) return e.message;
  if (isDomainError(e)) return e.message;
  const data = (e as { data?: { error?: string } } | null)?.data;
  if (data?.error === 'invalid_auth' || data?.error === 'not_authed' || data?.error === 'account_inactive') {
    return `Slack refused SLACK_BOT_TOKEN (${data.error}): copy the Bot User OAuth Token again from your app's "OAuth & Permissions" page; see docs/notes/slack-install.md.`;
  }
  const code = (e as { code?: string } | null)?.code;
  if (code === 'slack_webapi_request_error') {
    return `Could not reach Slack's Web API (${e instanceof Error ? e.message : String(e)}): check the network, or SLACK_API_URL if it is set.`;
  }
  if (code === 'EADDRINUSE') return 'The port is already in use: stop the other process or set PORT to a free port.';
  return `The bot could not start: ${e instanceof Error ? e.message : String(e)}`;
}

async function main(): Promise<void> {
  const logger = jsonLogger();
  let config: SlackConfig;
  try {
    config = loadSlackConfig(process.env);
  } catch (e) {
    process.stderr.write(`${startupFailure(e)}\n`);
    process.exit(1);
  }
  // Signals are heard from the start: a stop asked for while starting waits for the start, then stops.
  const starting = startBot(config, { logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    starting
      .then((bot) => bot.stop(), () => undefined)
      .then(() => {
        logger.info('stopped', { signal });
        process.exit(0);
      })
      .catch(() => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  try {
    await starting;
  } catch (e) {
    logger.error('start failed', { reason: startupFailure(e) });
    process.stderr.write(`${startupFailure(e)}\n`);
    process.exit(1);
  }
}

// Run only as the entry point (`npm start`), not when a test imports startBot.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
