// kill -9 of the bot in the middle of a fan-out, then a restart (issue #10).
// The bot is a real child process (node running `src/main.ts`) on
// PostgreSQL with Slack's Web API at a fake that records every call. One
// case filed against a partner with N contacts fans out N DMs through the
// outbox; the bot is killed with SIGKILL once a share of them went out, and
// started again. Nothing may be lost; a DM may go out twice only if it was
// in flight at the kill (claimed, sent, not yet marked delivered).
// Run by `npm run faults -- kill`: recovery waits out the outbox's 2-minute
// claim on what was in flight, too long for the test suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/database.ts';
import { grantRole } from '../../src/service/access/manage-roles.ts';
import { systemClock } from '../../src/service/clock.ts';
import { importPartners } from '../../src/service/imports/import-partners.ts';
import { OUTBOX_EVENT_TYPE } from '../../src/slack/notifier/slack-notifier.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { partnersCsv } from '../support/service-fixtures.ts';
import { CHANNELS, eventually, OFFICER_ID, openReportModal, SECRET, submitReport } from './fault-bot.ts';
import { freePort } from '../support/ports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// One process, tsx as a loader: a SIGKILL must land on the bot itself (tsx's CLI runs it as its own child).
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface KillFigures {
  dms: number;
  /** DMs Slack had received when the kill landed. */
  postedBeforeKill: number;
  /** Outbox rows claimed and not marked delivered at the kill: the sends in flight. */
  inFlightAtKill: number;
  delivered: number;
  /** Outbox rows never delivered: expected 0. */
  lost: number;
  /** DMs Slack received more than once: expected ≤ inFlightAtKill. */
  duplicates: number;
  /** From the restart until the last DM was delivered. */
  recoveryMs: number;
}

interface Bot {
  child: ChildProcess;
  stderr: string[];
  exit: Promise<number | null>;
}

function startBotProcess(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr, exit };
}


async function waitHealthy(baseUrl: string, bot: Bot): Promise<void> {
  await eventually('the bot answers /healthz', async () => {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited: ${bot.stderr.join('').slice(-2000)}`);
    return fetch(`${baseUrl}/healthz`).then((r) => r.status === 200, () => false);
  }, 120_000);
}

/** outbox_id → how many times Slack received it. */
function postsPerOutboxId(fake: FakeSlack): Map<number, number> {
  const per = new Map<number, number>();
  for (const c of fake.callsTo('chat.postMessage')) {
    const m = c.args.metadata as { event_type?: string; event_payload?: { outbox_id?: number } } | undefined;
    if (m?.event_type !== OUTBOX_EVENT_TYPE || c.status !== 200) continue;
    const id = Number(m.event_payload?.outbox_id);
    per.set(id, (per.get(id) ?? 0) + 1);
  }
  return per;
}

export async function runKill(databaseUrl: string, opts: { dms: number; killAfter?: number; postDelayMs?: number; log?: (line: string) => void }): Promise<KillFigures> {
  const log = opts.log ?? (() => {});
  const fake = await startFakeSlack();
  // Each chat.postMessage takes a while, as Slack's do, so sends are in flight when the kill lands.
  let ts = 0;
  fake.respond('chat.postMessage', async (args) => {
    await new Promise((r) => setTimeout(r, opts.postDelayMs ?? 50));
    return { ok: true, channel: String(args.channel), ts: `1700000000.${String(++ts).padStart(6, '0')}` };
  });
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-kill-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    NOTICES_CHANNEL: CHANNELS.notices,
    APPROVALS_CHANNEL: CHANNELS.approvals,
    DEFAULT_LOCALE: 'en',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
  };
  let bot = startBotProcess(env);
  try {
    await waitHealthy(baseUrl, bot);
    // A partner with N contacts, and an officer to report it.
    const database = await openDatabase({ databaseUrl });
    try {
      const contacts = Array.from({ length: opts.dms }, (_, i) => `U0C${String(i).padStart(5, '0')}`).join(';');
      await importPartners({ db: database.db, clock: systemClock, actor: 'test:seed' }, partnersCsv([['PBIG', 'Partner Big', 'consulting_sales', 'gold', contacts]], 'big.csv'));
      await grantRole({ db: database.db, clock: systemClock }, { userId: OFFICER_ID, role: 'officer', by: 'test' });
    } finally {
      await database.close();
    }

    const opened = await openReportModal(fake, baseUrl);
    const filed = await submitReport(baseUrl, opened, 'VKILL1', 'PBIG');
    if ((filed.json as { response_action?: string } | undefined)?.response_action !== 'update') throw new Error(`the report was not filed: ${filed.body.slice(0, 300)}`);
    const [{ n: rows } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from outbox`;
    log(`case filed: ${rows} outbox rows (one DM per contact)`);

    const killAfter = opts.killAfter ?? Math.floor(opts.dms * 0.3);
    await eventually(`${killAfter} DMs sent`, async () => postsPerOutboxId(fake).size >= killAfter, 600_000, 20);
    bot.child.kill('SIGKILL');
    await bot.exit;
    // The whole bot is gone (no child of it left serving or sending).
    if (await fetch(`${baseUrl}/healthz`).then(() => true, () => false)) throw new Error('the bot still answers after SIGKILL');
    const postedBeforeKill = postsPerOutboxId(fake).size;
    const [{ n: inFlightAtKill } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where status = 'pending' and claimed_until > now()`;
    log(`killed (SIGKILL) after ${postedBeforeKill} DMs; ${inFlightAtKill} sends in flight (claimed, not marked delivered)`);

    const restarted = Date.now();
    bot = startBotProcess(env);
    await waitHealthy(baseUrl, bot);
    log('restarted; waiting for every DM (in-flight ones after their 2-minute claim expires, picked up by the minute sweep)');
    await eventually('every DM delivered', async () => {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where status <> 'delivered'`;
      return r!.n === 0;
    }, 600_000, 500);
    const recoveryMs = Date.now() - restarted;
    for (const r of await sql<{ id: number; attempts: number; delivered_at: Date }[]>`select id::int, attempts, delivered_at from outbox where attempts > 1 order by id`) {
      log(`outbox ${r.id}: delivered on attempt ${r.attempts}, at ${r.delivered_at.toISOString()} (restart at ${new Date(restarted).toISOString()})`);
    }

    const per = postsPerOutboxId(fake);
    const delivered = (await sql<{ id: number }[]>`select id::int as id from outbox where status = 'delivered'`).map((r) => r.id);
    return {
      dms: rows,
      postedBeforeKill,
      inFlightAtKill,
      delivered: delivered.length,
      lost: delivered.filter((id) => !per.has(id)).length + (rows - delivered.length),
      duplicates: [...per.values()].filter((n) => n > 1).length,
      recoveryMs,
    };
  } finally {
    if (bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exit;
    }
    await sql.end({ timeout: 5 });
    await fake.close();
  }
}
