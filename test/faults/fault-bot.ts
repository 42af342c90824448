// The real bot (src/bot.ts startBot: database, migrations, pg-boss workers,
// the Bolt app over HTTP) on a PostgreSQL URL, with the Web API at a fake
// Slack and an injected clock, for the fault and replica tests and scripts.
// Time is moved for both clocks the bot reads: the service's (the injected
// fixedClock) and pg-boss's (which waits by the wall clock, so the wake-up
// times of its queued jobs are moved back by the same amount).
import postgres from 'postgres';
import { startBot, type RunningBot } from '../../src/bot.ts';
import type { SlackConfig } from '../../src/config/slack-config.ts';
import type { Db } from '../../src/db/database.ts';
import { jsonLogger } from '../../src/logger.ts';
import { grantRole } from '../../src/service/access/manage-roles.ts';
import type { fixedClock } from '../../src/service/clock.ts';
import { importPartners } from '../../src/service/imports/import-partners.ts';
import type { FakeSlack, RecordedCall } from '../support/fake-slack.ts';
import { partnersCsv } from '../support/service-fixtures.ts';
import { postSlashCommand, postViewSubmission, type SlackHttpResponse } from '../support/slack-requests.ts';

export const SECRET = 'faults-signing-secret';
export const CHANNELS = { notices: 'CNOTICES01', approvals: 'CAPPROVALS1' } as const;
export const OFFICER_ID = 'U0OFFICER';
/** Partners P1…Pn, each with one contact U0CONTACTk. */
export const contactOf = (k: number) => `U0CONTACT${k}`;

export type TestClock = ReturnType<typeof fixedClock>;

export interface FaultBot {
  bot: RunningBot;
  baseUrl: string;
  logs: string[];
}

export function slackConfig(fake: FakeSlack, databaseUrl: string): SlackConfig {
  return {
    botToken: 'xoxb-faults',
    signingSecret: SECRET,
    appToken: undefined,
    slackApiUrl: fake.url,
    channels: CHANNELS,
    defaultLocale: 'en',
    port: 0,
    databaseUrl,
    dataDir: '/nonexistent',
  };
}

/** Partners P1…Pn with a contact each, and an officer: what the cases are filed by and against. */
export async function seed(db: Db, clock: TestClock, partners: number): Promise<void> {
  const rows = Array.from({ length: partners }, (_, i) => [`P${i + 1}`, `Partner ${i + 1}`, 'consulting_sales', 'gold', contactOf(i + 1)] as const);
  await importPartners({ db, clock, actor: 'test:seed' }, partnersCsv(rows, 'faults-partners.csv'));
  await grantRole({ db, clock }, { userId: OFFICER_ID, role: 'officer', by: 'test' });
}

export async function startFaultBot(fake: FakeSlack, databaseUrl: string, clock: TestClock, opts: { partners?: number } = {}): Promise<FaultBot> {
  const logs: string[] = [];
  const bot = await startBot(slackConfig(fake, databaseUrl), {
    clock,
    port: 0,
    host: '127.0.0.1',
    logger: jsonLogger((l) => logs.push(l)),
    ...(opts.partners ? { prepare: ({ db }) => seed(db, clock, opts.partners!) } : {}),
  });
  return { bot, baseUrl: `http://127.0.0.1:${bot.port}`, logs };
}

/** The report modal as the bot opened it (views.open), to submit as Slack would. */
export async function openReportModal(fake: FakeSlack, baseUrl: string): Promise<RecordedCall> {
  const before = fake.callsTo('views.open').length;
  const res = await postSlashCommand(baseUrl, SECRET, { command: '/violation', text: 'report', user_id: OFFICER_ID, response_url: fake.responseUrl(`open-${before}`) });
  if (res.status !== 200) throw new Error(`/violation report answered ${res.status}`);
  return fake.waitFor('views.open', (c) => fake.callsTo('views.open').indexOf(c) >= before, 10_000);
}

/** The report modal's state, filled in against partner `partnerId`. */
export function reportValues(partnerId: string, facts = 'Service ticket answered 9 days late.') {
  const sel = (type: string, value: string) => ({ type, selected_option: { text: { type: 'plain_text', text: value }, value } });
  return {
    partner: { partner_select: sel('external_select', partnerId) },
    item: { item_select: sel('static_select', 'SVC-09') },
    occurred_on: { occurred_on: { type: 'datepicker', selected_date: '2026-05-20' } },
    facts: { facts: { type: 'plain_text_input', value: facts } },
    evidence: { evidence_links: { type: 'plain_text_input', value: 'https://example.com/ticket/42' } },
    evidence_files: { evidence_files: { type: 'file_input', files: [] } },
  };
}

/** A signed view_submission of an opened report modal; Slack gives each opened modal its own view id. */
export function submitReport(baseUrl: string, opened: RecordedCall, viewId: string, partnerId: string, hash = `h-${viewId}`): Promise<SlackHttpResponse> {
  const view = opened.args.view as { callback_id: string; private_metadata?: string; blocks: unknown[] };
  return postViewSubmission(baseUrl, SECRET, {
    user_id: OFFICER_ID,
    view: { id: viewId, callback_id: view.callback_id, private_metadata: view.private_metadata ?? '', blocks: view.blocks, hash, state: { values: reportValues(partnerId) } },
  });
}

/**
 * Moves time forward by `ms` for the service (the fixed clock) and for pg-boss:
 * every job still waiting to start wakes `ms` earlier, as if that much wall time had passed.
 */
export async function advanceTime(clock: TestClock, databaseUrl: string, ms: number): Promise<void> {
  clock.advance(ms);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`update pgboss.job set start_after = start_after - ${`${ms} milliseconds`}::interval where state in ('created', 'retry')`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Polls until `check` answers true (the bot's workers run on their own time). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
