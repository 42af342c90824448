// A started bot over real HTTP for end-to-end tests: the Bolt app from
// createSlackApp on a random port, its Web API calls going to the fake Slack
// (SLACK_API_URL), every request signed with the signing secret. The outbox is
// delivered by the real SlackNotifier when a test says so (deliver()), and
// deadlines are swept with the world's clock (sweep()).
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/database.ts';
import { jsonLogger, type Logger } from '../../../src/logger.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { deliverPending } from '../../../src/service/outbox/deliver.ts';
import { createSlackApp, databaseCheck, startSlackApp } from '../../../src/slack/app.ts';
import { LocaleResolver } from '../../../src/slack/locale/locale-resolver.ts';
import { SlackNotifier } from '../../../src/slack/notifier/slack-notifier.ts';
import type { SlackContext } from '../../../src/slack/slack-context.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { createTestLogger, startFakeSlack, type FakeSlack, type RecordedCall, type TestLogger } from '../../support/fake-slack.ts';
import { partnersCsv, query } from '../../support/service-fixtures.ts';
import {
  postBlockAction,
  postEvent,
  postOptionsRequest,
  postSlashCommand,
  postViewSubmission,
  type Payload,
  type SendOptions,
  type SlackHttpResponse,
} from '../../support/slack-requests.ts';

export const SECRET = 'e2e-signing-secret';
export const CHANNELS = { notices: 'CNOTICES01', approvals: 'CAPPROVALS1' } as const;
/** Contact of P2, a second partner (reports P1 as a partner would). */
export const P2_CONTACT_ID = 'U0PARTNER2';

export interface Bot {
  w: CaseWorld;
  fake: FakeSlack;
  app: App;
  baseUrl: string;
  ctx: SlackContext;
  /** Our JSON log lines (the bot's own logger). */
  logs: string[];
  boltLogger: TestLogger;
  /** Runs the outbox through the real SlackNotifier against the fake. */
  deliver(): Promise<Record<string, number>>;
  /** Processes every deadline due by the world's clock. */
  sweep(): Promise<{ processed: number; outcomes: Record<string, number> }>;
  command(userId: string, text: string, opts?: { command?: string; responseUrl?: string; send?: SendOptions }): Promise<SlackHttpResponse>;
  click(userId: string, actionId: string, value: string, opts?: { responseUrl?: string; fromHome?: boolean; actionTs?: string; send?: SendOptions }): Promise<SlackHttpResponse>;
  /** Submits a modal the app opened (a recorded views.open), with state values. */
  submit(userId: string, opened: RecordedCall, values: Payload, opts?: { hash?: string; send?: SendOptions }): Promise<SlackHttpResponse>;
  suggest(userId: string, actionId: string, value: string): Promise<SlackHttpResponse>;
  homeOpened(userId: string): Promise<SlackHttpResponse>;
  stop(): Promise<void>;
}

export interface BotOptions {
  at?: string;
  /** users.info locale per user id; others 'en-US'. */
  locales?: Record<string, string>;
  defaultLocale?: 'zh-CN' | 'en';
}

export async function startBot(database: Database, opts: BotOptions = {}): Promise<Bot> {
  const w = await caseWorld(database, opts.at);
  await importPartners(w.deps, partnersCsv([['P2', 'Partner Two', 'service', 'silver', P2_CONTACT_ID]], 'partner-p2.csv'));
  const fake = await startFakeSlack({ userLocales: opts.locales ?? {} });
  const logs: string[] = [];
  const logger: Logger = jsonLogger((l) => logs.push(l));
  const boltLogger = createTestLogger();
  const defaultLocale = opts.defaultLocale ?? 'en';
  const client = new WebClient('xoxb-e2e', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createTestLogger() });
  const locales = new LocaleResolver({ client, defaultLocale });
  const notifier = new SlackNotifier({ client, channels: CHANNELS, locales, defaultLocale, now: () => w.clock.now() });
  const ctx: SlackContext = {
    config: { botToken: 'xoxb-e2e', signingSecret: SECRET, appToken: undefined, slackApiUrl: fake.url, channels: CHANNELS, defaultLocale, port: 0 },
    cases: w.cases,
    locales,
    logger,
    checkDatabase: databaseCheck(w.db),
    boltLogger,
    retryConfig: { retries: 0 },
  };
  const app = createSlackApp(ctx);
  const started = await startSlackApp(app, ctx, { port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${started.port}`;
  let n = 0;
  // Slack gives each opened modal an id; the same opened modal submitted twice keeps it (a retry).
  const viewIds = new WeakMap<RecordedCall, string>();
  const viewIdOf = (c: RecordedCall) => viewIds.get(c) ?? (viewIds.set(c, `VSUB${++n}`), viewIds.get(c)!);
  const responseUrl = (prefix: string) => fake.responseUrl(`${prefix}-${++n}`);

  return {
    w,
    fake,
    app,
    baseUrl,
    ctx,
    logs,
    boltLogger,
    deliver: () => deliverPending({ db: w.db, clock: w.clock, notifiers: { slack: notifier } }),
    sweep: () => sweepDeadlines(w.cases),
    command: (userId, text, o = {}) =>
      postSlashCommand(baseUrl, SECRET, { command: o.command ?? '/violation', text, user_id: userId, response_url: o.responseUrl ?? responseUrl('cmd') }, o.send),
    click: (userId, actionId, value, o = {}) =>
      postBlockAction(baseUrl, SECRET, {
        user_id: userId,
        actions: [{ action_id: actionId, value, ...(o.actionTs ? { action_ts: o.actionTs } : {}) }],
        ...(o.fromHome
          ? { view: { id: 'VHOME', type: 'home', callback_id: '', blocks: [], state: { values: {} } }, container: { type: 'view', view_id: 'VHOME' } }
          : { response_url: o.responseUrl ?? responseUrl('click') }),
      }, o.send),
    submit: (userId, opened, values, o = {}) => {
      const view = opened.args.view as Payload;
      const id = viewIdOf(opened);
      return postViewSubmission(
        baseUrl,
        SECRET,
        {
          user_id: userId,
          view: { id, callback_id: view.callback_id, private_metadata: view.private_metadata ?? '', blocks: view.blocks, hash: o.hash ?? `h-${id}`, state: { values } },
        },
        o.send,
      );
    },
    suggest: (userId, actionId, value) => postOptionsRequest(baseUrl, SECRET, { user_id: userId, action_id: actionId, value, view: { id: 'VREPORT' } }),
    homeOpened: (userId) => postEvent(baseUrl, SECRET, { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' }),
    stop: async () => {
      await app.stop();
      await fake.close();
    },
  };
}

// ---- building submissions the way Slack sends them

export const plainValue = (value: string | null) => ({ type: 'plain_text_input', value });
export const selected = (value: string | undefined) => ({ type: 'static_select', selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value } });
export const externalSelected = (value: string) => ({ type: 'external_select', selected_option: { text: { type: 'plain_text', text: value }, value } });
export const datePicked = (date: string) => ({ type: 'datepicker', selected_date: date });
export const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });
export const checked = (...values: string[]) => ({ type: 'checkboxes', selected_options: values.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) });
export const noFiles = () => ({ type: 'file_input', files: [] });

export interface ReportFields {
  partner?: string;
  item?: string;
  occurredOn?: string;
  facts?: string | null;
  links?: string;
  suspend?: boolean;
}

/** The report modal's state.values. */
export function reportValues(r: ReportFields): Payload {
  return {
    partner: { partner_select: externalSelected(r.partner ?? 'P1') },
    item: { item_select: selected(r.item ?? 'SVC-09') },
    occurred_on: { occurred_on: datePicked(r.occurredOn ?? '2026-05-20') },
    facts: { facts: plainValue(r.facts === undefined ? 'Service ticket answered 9 days late.' : r.facts) },
    evidence: { evidence_links: plainValue(r.links ?? 'https://example.com/ticket/42') },
    evidence_files: { evidence_files: noFiles() },
    ...(r.suspend === undefined ? {} : { suspend: { suspend: r.suspend ? checked('suspend') : checked() } }),
  };
}

// ---- reading what happened

export async function countRows(db: CaseWorld['db'], table: string, where = 'true'): Promise<number> {
  const [row] = await query<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number(row?.n ?? 0);
}

export async function caseState(db: CaseWorld['db'], caseId: string): Promise<string | undefined> {
  const [row] = await query<{ state: string }>(db, sql`select state from cases where id = ${caseId}`);
  return row?.state;
}

/** Every string anywhere inside a value (blocks, views, texts), for scanning what Slack was sent. */
export function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) allStrings(x, out);
  return out;
}

/** The first button with this action id in a message's or view's blocks. */
export function buttonIn(blocks: unknown, actionId: string): { value: string } | undefined {
  const found: { value: string }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'button' && o.action_id === actionId && typeof o.value === 'string') found.push({ value: o.value });
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found[0];
}

/** A private answer posted to a response_url: its text and block texts, joined. */
export function textOf(body: unknown): string {
  return allStrings(body).join('\n');
}
