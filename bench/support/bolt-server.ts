// A server under load, in its own process so that the load generator (and
// the fake Web API) do not share its event loop: `ours` is the real bot as
// `npm start` runs it (startBot: database, migrations, pg-boss jobs, the Bolt
// app); `bare` is the least a Bolt app can do for the same requests.
// Started by bench/support/server-process.ts; prints `READY {"port":…}` once
// it listens and stops cleanly on SIGTERM (so `--cpu-prof` is written).
import { App, LogLevel } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { jsonLogger, type Logger } from '../../src/logger.ts';
import { grantRole } from '../../src/service/access/manage-roles.ts';
import { importPartners, PARTNERS_HEADER } from '../../src/service/imports/import-partners.ts';

export interface ServerSpec {
  app: 'ours' | 'bare';
  /** PostgreSQL when set, else embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  slackApiUrl: string;
  signingSecret: string;
  /** Slack user ids given the officer role (ours). */
  officers: string[];
  /** Partner to report on (ours), with its contact. */
  partnerId: string;
}

/** Warnings and errors are counted and the first few printed (to stderr): a bench that fails quietly measures nothing. */
function countingLogger(): { logger: Logger; counts: { warn: number; error: number } } {
  const counts = { warn: 0, error: 0 };
  const print = jsonLogger();
  const keep = (level: 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    counts[level]++;
    if (counts[level] <= 3) print[level](message, fields);
  };
  return { logger: { info: () => {}, warn: keep('warn'), error: keep('error') }, counts };
}

async function startOurs(spec: ServerSpec, logger: Logger): Promise<{ port: number; stop(): Promise<void> }> {
  const bot: RunningBot = await startBot(
    {
      botToken: 'xoxb-bench',
      signingSecret: spec.signingSecret,
      appToken: undefined,
      slackApiUrl: spec.slackApiUrl,
      channels: { notices: 'CNOTICES01', approvals: 'CAPPROVALS1' },
      defaultLocale: 'en',
      port: 0,
      databaseUrl: spec.databaseUrl,
      dataDir: spec.dataDir,
    },
    {
      logger,
      port: 0,
      host: '127.0.0.1',
      prepare: async ({ db, clock }) => {
        for (const userId of spec.officers) await grantRole({ db, clock }, { userId, role: 'officer', by: 'bench' });
        await importPartners(
          { db, clock, actor: 'bench' },
          { name: 'bench-partners.csv', text: `${PARTNERS_HEADER.join(',')}\n${spec.partnerId},Bench Partner,consulting_sales,gold,U0BENCHCONTACT\n` },
        );
      },
    },
  );
  return { port: bot.port!, stop: bot.stop };
}

/** Bolt 5 with its HTTP receiver: `/violation` acks and opens a small modal; a submission does one INSERT and acks. */
async function startBare(spec: ServerSpec): Promise<{ port: number; stop(): Promise<void> }> {
  const database: Database = await openDatabase(spec.databaseUrl ? { databaseUrl: spec.databaseUrl } : { dataDir: spec.dataDir });
  await database.db.execute(sql`create table if not exists bench_bare_filings (key text primary key, at timestamptz not null default now())`);
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: spec.signingSecret,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: spec.slackApiUrl },
  });
  app.command('/violation', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'bare_report',
        title: { type: 'plain_text', text: 'Report' },
        submit: { type: 'plain_text', text: 'Submit' },
        blocks: [{ type: 'input', block_id: 'facts', label: { type: 'plain_text', text: 'Facts' }, element: { type: 'plain_text_input', action_id: 'facts' } }],
      },
    });
  });
  app.view(/.*/, async ({ ack, view }) => {
    await database.db.execute(sql`insert into bench_bare_filings (key) values (${`${view.id}:${view.hash}`}) on conflict do nothing`);
    await ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'Filed' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Filed.' } }] } });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): { port: number } };
  return {
    port: server.address().port,
    stop: async () => {
      await app.stop();
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_SERVER_SPEC ?? '{}') as ServerSpec;
  const { logger, counts } = countingLogger();
  const server = spec.app === 'ours' ? await startOurs(spec, logger) : await startBare(spec);
  process.stdout.write(`READY ${JSON.stringify({ port: server.port })}\n`);
  process.once('SIGTERM', () => {
    void server
      .stop()
      .then(() => {
        process.stdout.write(`STOPPED ${JSON.stringify(counts)}\n`);
        process.exit(0);
      })
      .catch(() => process.exit(1));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench server failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
