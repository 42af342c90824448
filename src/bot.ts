import type { Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { ConfigError, type SlackConfig } from './config/slack-config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadPolicyVersions } from './db/repositories/policy.repository.ts';
import { isDomainError } from './domain/errors.ts';
import type { PolicyVersion } from './domain/policy/policy-version.ts';
import type { CaseDeps } from './service/cases/case-deps.ts';
import { startJobs, type Jobs } from './jobs/pg-boss-jobs.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { CalendarCache } from './service/calendar/calendar-cache.ts';
import { systemClock, type Clock } from './service/clock.ts';
import { deliverPending } from './service/outbox/deliver.ts';
import { ensureReferenceData } from './service/reference-data.ts';
import { boltLogger, createSlackApp, databaseCheck, LISTENER_RETRY, startSlackApp } from './slack/app.ts';
import { LocaleResolver } from './slack/locale/locale-resolver.ts';
import { notifierClient } from './slack/notifier/notifier-client.ts';
import { SlackNotifier } from './slack/notifier/slack-notifier.ts';
import type { SlackContext } from './slack/slack-context.ts';

/**
 * The bot: database (embedded PGlite unless DATABASE_URL), migrations,
 * reference data, policies, the job queue with Slack as its notifier, then
 * the Bolt app; `stop` takes them down in reverse.
 */
export interface RunningBot {
  port: number | undefined;
  /** The service as the listeners use it (the sandbox's clock and case file read through it too). */
  cases: CaseDeps;
  database: Database;
  /** Delivers every pending notification now (what the outbox worker does, in one go): the sandbox settles each step's messages before its clock moves on. */
  deliverOutbox(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Overrides the configured PORT (0: any free port). */
  port?: number;
  host?: string;
  /** Requests come from this receiver instead of HTTP or Socket Mode (the sandbox). */
  receiver?: Receiver;
  /** Runs once the database is migrated and seeded with reference data, before anything is served (the sandbox's demo data). */
  prepare?: (deps: { db: Database['db']; clock: Clock; policies: readonly PolicyVersion[] }) => Promise<void>;
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
    if (opts.prepare) await opts.prepare({ db: database.db, clock, policies });

    const client = notifierClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), logger: boltLogger(logger) });
    // People's languages are looked up while they wait (a modal opens within 3 s): quick retries only.
    const locales = new LocaleResolver({
      client: new WebClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), logger: boltLogger(logger), retryConfig: LISTENER_RETRY }),
      defaultLocale: config.defaultLocale,
      onError: (userId, e) => logger.warn('locale lookup failed', { userId, error: e instanceof Error ? e.message : String(e) }),
    });
    const notifier = new SlackNotifier({ client, channels: config.channels, locales, defaultLocale: config.defaultLocale, now: () => clock.now() });
    const calendar = new CalendarCache();
    const jobs: Jobs = await startJobs(database, { db: database.db, policies, clock, calendar }, { slack: notifier }, logger, { databaseUrl: config.databaseUrl });
    stack.push(() => jobs.stop());

    const ctx: SlackContext = {
      config,
      cases: { db: database.db, policies, clock, calendar, jobs: jobs.scheduler },
      locales,
      logger,
      checkDatabase: databaseCheck(database.db),
    };
    const receiver = opts.receiver ? { receiver: opts.receiver } : {};
    const app = createSlackApp(ctx, receiver);
    const started = await startSlackApp(app, ctx, { port: opts.port ?? config.port, ...(opts.host ? { host: opts.host } : {}), ...receiver });
    stack.push(async () => {
      await app.stop();
    });
    logger.info('bot started', { mode: started.mode, port: started.port, backend: database.backend, defaultLocale: config.defaultLocale });
    const deliverOutbox = async () => {
      await deliverPending({ db: database.db, clock, notifiers: { slack: notifier } });
    };
    return { port: started.port, cases: ctx.cases, database, deliverOutbox, stop };
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
