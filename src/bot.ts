import type { Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SharedConfig } from './config/run-mode.ts';
import type { DingTalkConfig } from './config/dingtalk-config.ts';
import { ConfigError, type SlackConfig } from './config/slack-config.ts';
import { dingtalkLocaleOf } from './db/repositories/dingtalk.repository.ts';
import { dingtalkHandlers } from './dingtalk/handlers.ts';
import { DINGTALK_EVENTS_PATH, dingtalkEventsHandler, startDingTalkHttpServer } from './dingtalk/http-server.ts';
import { DingTalkInbound } from './dingtalk/inbound.ts';
import { DingTalkNotifier } from './dingtalk/notifier/dingtalk-notifier.ts';
import { DingTalkOpenApi } from './dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from './dingtalk/robot-api.ts';
import { DingTalkStreamClient } from './dingtalk/stream-client.ts';
import { DbUsageMeter } from './dingtalk/usage-meter.ts';
import { partnerPickerParts } from './dingtalk/h5/h5-parts.ts';
import type { ChatNotifiers } from './service/outbox/notifier.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { livePolicies } from './service/policy/live-policies.ts';
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
 * reference data, policies, the job queue with a notifier per platform
 * served (Slack, DingTalk or both, issue 12), then the Bolt app and/or
 * DingTalk's Stream connection or HTTP route; `stop` takes them down in
 * reverse.
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

/** What to serve: Slack, DingTalk or both, on one database and one PORT. */
export interface ServeConfig extends SharedConfig {
  slack?: SlackConfig;
  dingtalk?: DingTalkConfig;
}

/** A SlackConfig alone (the sandbox, the Slack tests) is Slack served alone. */
function serveConfigOf(config: SlackConfig | ServeConfig): ServeConfig {
  if ('botToken' in config) return { slack: config, databaseUrl: config.databaseUrl, dataDir: config.dataDir, port: config.port };
  return config;
}

export async function startBot(given: SlackConfig | ServeConfig, opts: StartOptions = {}): Promise<RunningBot> {
  const config = serveConfigOf(given);
  if (!config.slack && !config.dingtalk) throw new Error('startBot needs Slack or DingTalk to serve');
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
    // R-POLICY: kept current while the bot runs; a version loaded by `cli policy load` is picked up without a restart.
    const live = await livePolicies(database, (e) => logger.error('policy versions not re-read', { error: e instanceof Error ? e.message : String(e) }));
    stack.push(() => live.stop());
    const policies = live.versions;
    logger.info('reference data ready', { policies: policies.map((p) => p.id), policyAdded: seeded.policyAdded, calendarYearsAdded: seeded.yearsAdded });
    if (opts.prepare) await opts.prepare({ db: database.db, clock, policies });

    const notifiers: ChatNotifiers = {};
    const slack = config.slack ? slackNotifier(config.slack, logger, clock) : undefined;
    if (slack) notifiers.slack = slack.notifier;
    const dingtalk = config.dingtalk ? dingtalkParts(config.dingtalk, database, logger, clock) : undefined;
    if (dingtalk) {
      // Closed after everything that calls DingTalk has stopped, before the database: its counts are written.
      stack.push(() => dingtalk.meter.close());
      notifiers.dingtalk = dingtalk.notifier;
    }
    const calendar = new CalendarCache();
    const jobs: Jobs = await startJobs(database, { db: database.db, policies, clock, calendar }, notifiers, logger, { databaseUrl: config.databaseUrl });
    stack.push(() => jobs.stop());
    const cases: CaseDeps = { db: database.db, policies, clock, calendar, jobs: jobs.scheduler };
    const checkDatabase = databaseCheck(database.db);

    // DingTalk's inbound side: the Stream connection, or the route on the shared PORT.
    let dingtalkRoute: { path: string; method: string[]; handler: ReturnType<typeof dingtalkEventsHandler> } | undefined;
    // The report card's H5 partner picker, on the same PORT in either mode (DINGTALK_H5_URL).
    const dingtalkConfig = config.dingtalk;
    const picker = dingtalkConfig?.h5 && dingtalk ? partnerPickerParts({ ...dingtalkConfig, h5: dingtalkConfig.h5 }, { db: database.db, api: dingtalk.api, robot: dingtalk.robot, meter: dingtalk.meter, logger, clock }) : undefined;
    if (config.dingtalk && dingtalk) {
      const inbound = new DingTalkInbound(database.db, clock, dingtalkHandlers({
        db: database.db,
        clock,
        cases,
        robot: dingtalk.robot,
        logger,
        reportCardTemplateId: config.dingtalk.reportCardTemplateId,
        callbackType: config.dingtalk.mode === 'stream' ? 'STREAM' : 'HTTP',
        ...(picker ? { partnerPicker: picker.link } : {}),
      }));
      if (config.dingtalk.mode === 'stream') {
        const stream = new DingTalkStreamClient({
          gatewayUrl: config.dingtalk.streamUrl,
          clientId: config.dingtalk.clientId,
          clientSecret: config.dingtalk.clientSecret,
          onCallback: (topic, data, messageId) => inbound.handle(topic, data, messageId),
          logger,
        });
        await stream.start();
        stack.push(() => stream.stop());
        logger.info('DingTalk Stream connected', { gateway: config.dingtalk.streamUrl });
      } else {
        dingtalkRoute = { path: DINGTALK_EVENTS_PATH, method: ['POST'], handler: dingtalkEventsHandler({ appSecret: config.dingtalk.clientSecret, clock, inbound, logger }) };
        // Card clicks reach POST /dingtalk/events only through a registered callbackRouteKey (README, DingTalk http mode).
        if (!config.dingtalk.cardCallbackRouteKey) logger.warn('DINGTALK_MODE=http without DINGTALK_CARD_CALLBACK_ROUTE_KEY: card buttons and forms will not call back');
      }
    }

    let port: number | undefined;
    if (config.slack && slack) {
      const ctx: SlackContext = { config: config.slack, cases, locales: slack.locales, logger, checkDatabase };
      const receiver = opts.receiver ? { receiver: opts.receiver } : {};
      const routes = [...(dingtalkRoute ? [dingtalkRoute] : []), ...(picker ? picker.routes : [])];
      const app = createSlackApp(ctx, { ...receiver, ...(routes.length > 0 ? { routes } : {}) });
      const started = await startSlackApp(app, ctx, { port: opts.port ?? config.port, ...(opts.host ? { host: opts.host } : {}), ...receiver });
      stack.push(async () => {
        await app.stop();
      });
      port = started.port;
      logger.info('serving Slack', { mode: started.mode, port: started.port, defaultLocale: config.slack.defaultLocale });
    } else {
      // DingTalk alone: a small server for /healthz (and the callbacks in http mode).
      const server = await startDingTalkHttpServer({ port: opts.port ?? config.port, ...(opts.host ? { host: opts.host } : {}), checkDatabase, events: dingtalkRoute?.handler, ...(picker ? { h5: { prefix: picker.prefix, handler: picker.handler } } : {}), logger });
      stack.push(() => server.stop());
      port = server.port;
    }
    if (config.dingtalk) logger.info('serving DingTalk', { mode: config.dingtalk.mode, port, cards: config.dingtalk.cardTemplateId ? 'template' : 'markdown only', defaultLocale: config.dingtalk.defaultLocale });
    const platforms = [...(config.slack ? ['slack'] : []), ...(config.dingtalk ? ['dingtalk'] : [])];
    logger.info('bot started', { platforms, mode: platforms.join('+'), port, backend: database.backend });
    const deliverOutbox = async () => {
      await deliverPending({ db: database.db, clock, notifiers });
    };
    return { port, cases, database, deliverOutbox, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function slackNotifier(config: SlackConfig, logger: Logger, clock: Clock): { notifier: SlackNotifier; locales: LocaleResolver } {
  const client = notifierClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), logger: boltLogger(logger) });
  // People's languages are looked up while they wait (a modal opens within 3 s): quick retries only.
  const locales = new LocaleResolver({
    client: new WebClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), logger: boltLogger(logger), retryConfig: LISTENER_RETRY }),
    defaultLocale: config.defaultLocale,
    onError: (userId, e) => logger.warn('locale lookup failed', { userId, error: e instanceof Error ? e.message : String(e) }),
  });
  const notifier = new SlackNotifier({ client, channels: config.channels, locales, defaultLocale: config.defaultLocale, now: () => clock.now() });
  return { notifier, locales };
}

/** DingTalk's OpenAPI client (metered: one meter for the process), robot API and notifier. */
function dingtalkParts(config: DingTalkConfig, database: Database, logger: Logger, clock: Clock): { meter: DbUsageMeter; api: DingTalkOpenApi; robot: DingTalkRobotApi; notifier: DingTalkNotifier } {
  const meter = new DbUsageMeter(database.db, { clock, logger });
  const api = new DingTalkOpenApi({ baseUrl: config.apiUrl, clientId: config.clientId, clientSecret: config.clientSecret, meter });
  const robot = new DingTalkRobotApi(api, config.robotCode, { callbackRouteKey: config.cardCallbackRouteKey });
  const notifier = new DingTalkNotifier({
    robot,
    conversations: config.conversations,
    cardTemplateId: config.cardTemplateId,
    callbackType: config.mode === 'stream' ? 'STREAM' : 'HTTP',
    localeOf: (userId) => dingtalkLocaleOf(database.db, userId),
    defaultLocale: config.defaultLocale,
    now: () => clock.now(),
  });
  return { meter, api, robot, notifier };
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
  const message = e instanceof Error ? e.message : String(e);
  if (message.startsWith('DingTalk Stream gateway refused')) {
    return `${message}: check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (developer console → your app → Credentials) and that the app uses Stream mode, or set DINGTALK_MODE=http.`;
  }
  if (e instanceof TypeError && message === 'fetch failed') return `Could not reach DingTalk (${String((e as { cause?: unknown }).cause ?? message)}): check the network, or DINGTALK_API_URL / DINGTALK_STREAM_URL if they are set.`;
  if (code === 'EADDRINUSE') return 'The port is already in use: stop the other process or set PORT to a free port.';
  return `The bot could not start: ${e instanceof Error ? e.message : String(e)}`;
}
