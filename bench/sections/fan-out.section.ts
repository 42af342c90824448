import { and, eq, like, ne, count } from 'drizzle-orm';
import { outbox } from '../../src/db/schema/index.ts';
import type { CaseView, DecisionView, Notification } from '../../src/domain/notifications/notification.ts';
import { startJobs } from '../../src/jobs/pg-boss-jobs.ts';
import { silentLogger } from '../../src/logger.ts';
import { enqueue, notifyPartner } from '../../src/service/outbox/enqueue.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import { CASE, DECISION } from '../../test/slack/render/samples.ts';
import { startRateLimitedSlack } from '../../test/support/rate-limited-slack.ts';
import { startBotProcess } from '../support/bot-process.ts';
import type { Measurement } from '../support/report.ts';
import type { BenchSection } from './section.ts';

/** 2,500 partners with two contacts each: 5,000 partner contacts. */
const PARTNERS = Number(process.env.FANOUT_PARTNERS ?? 2_500);
const CONTACTS_PER_PARTNER = 2;
/** One case in ten reaches its formal decision in the same run: a DM to each contact and a public notice. */
const DECIDED_EVERY = 10;
/** The fake Web API's rate, per method, in calls per second. */
const RATE = Number(process.env.FANOUT_RATE ?? 50);
const LIMITED = ['chat.postMessage', 'conversations.open', 'users.info'];
const TARGET_RATIO = 1.1;
const SAMPLE_MS = 500;

/**
 * Issue 10's fan-out: the bot, started as in production (`node src/main.ts`
 * on PostgreSQL), delivers deadline reminders to 5,000 partner contacts, and
 * the formal decisions and public notices of one case in ten, through a fake
 * Slack Web API that answers 429 + Retry-After past RATE calls a second per
 * method. The rows are written as the deadline sweep writes them (one
 * transaction per case, `notifyPartner`, jobs enqueued in it); the bot's own
 * pg-boss workers, SlackNotifier and WebClient deliver them.
 */
export const fanOutSection: BenchSection = {
  name: 'fan-out',
  async run(ctx, log) {
    const out: Measurement[] = [];
    const prefix = `F${ctx.runId}`;
    const sql = ctx.database.sql;
    if (!sql) throw new Error('the fan-out bench runs on PostgreSQL');
    await sql.begin(async (tx) => {
      await tx`insert into partners (id, name) select ${prefix} || '-P' || g, 'Fan-out partner ' || g from generate_series(1, ${PARTNERS}::int) g`;
      await tx`insert into contacts (partner_id, platform, user_id)
        select ${prefix} || '-P' || g, 'slack', 'U' || ${prefix} || 'P' || g || 'C' || c
        from generate_series(1, ${PARTNERS}::int) g, generate_series(1, ${CONTACTS_PER_PARTNER}::int) c`;
    });

    const slack = await startRateLimitedSlack({ perSecond: Object.fromEntries(LIMITED.map((m) => [m, RATE])) });
    const bot = await startBotProcess({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: slack.url,
      NOTICES_CHANNEL: 'CNOTICES',
      APPROVALS_CHANNEL: 'CAPPROVALS',
      DEFAULT_LOCALE: 'en',
      DATABASE_URL: ctx.databaseUrl,
    });
    // The producer: the service's own enqueue, with a queue that only sends (as a replica serving requests would).
    const producer = await startJobs(ctx.database, ctx.rules, { slack: new RecordingNotifier() }, silentLogger, { databaseUrl: ctx.databaseUrl, workers: false });
    const samples: { at: number; rss: number; delivered: number }[] = [];
    try {
      await new Promise((r) => setTimeout(r, 3000));
      const idleRss = await bot.rssMb();
      log(`  bot pid ${bot.pid} (node src/main.ts, PostgreSQL): idle RSS ${idleRss.toFixed(0)} MB`);

      let delivered = 0;
      const countDelivered = async () => {
        const [r] = await ctx.db.select({ n: count() }).from(outbox).where(and(like(outbox.caseId, `${prefix}-%`), eq(outbox.status, 'delivered')));
        return r!.n;
      };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          delivered = await countDelivered();
          samples.push({ at: Date.now(), rss: await bot.rssMb(), delivered });
          await new Promise((r) => setTimeout(r, SAMPLE_MS));
        }
      })();

      const start = Date.now();
      let expected = 0;
      const w = (tx: Parameters<Parameters<typeof ctx.db.transaction>[0]>[0]) => ({ tx, clock: ctx.clock, jobs: producer.scheduler });
      for (let g = 1; g <= PARTNERS; g++) {
        const partnerId = `${prefix}-P${g}`;
        const c: CaseView = { ...CASE, caseId: `${prefix}-${g}`, partnerId, partnerName: `Fan-out partner ${g}` };
        await ctx.db.transaction(async (tx) => {
          const reminder: Notification = { kind: 'deadline_reminder', case: c, deadline: 'reply', due: '2026-06-04T23:59:59+08:00', when: 'day_before' };
          expected += (await notifyPartner(w(tx), partnerId, c.caseId, reminder)).length;
          if (g % DECIDED_EVERY === 0) {
            const d: DecisionView = DECISION;
            expected += (await notifyPartner(w(tx), partnerId, c.caseId, { kind: 'formal_decision', case: c, decision: d, noticeDate: '2026-06-01', paymentDue: '2026-09-01', owed: '3000.00' })).length;
            await enqueue(w(tx), c.caseId, { type: 'channel', channel: 'notices' }, { kind: 'public_notice', case: c, decision: d, noticeDate: '2026-06-01' });
            expected++;
          }
        });
      }
      const enqueuedMs = Date.now() - start;
      log(`  ${expected.toLocaleString('en-US')} messages to ${(PARTNERS * CONTACTS_PER_PARTNER).toLocaleString('en-US')} contacts and the notices channel enqueued in ${(enqueuedMs / 1000).toFixed(1)} s (one transaction per case)`);

      const ideal = expected / RATE;
      const giveUpAt = start + Math.max(60_000, ideal * 1000 * 4);
      let lastLog = Date.now();
      while ((await countDelivered()) < expected && Date.now() < giveUpAt) {
        await new Promise((r) => setTimeout(r, 250));
        if (Date.now() - lastLog >= 10_000) {
          lastLog = Date.now();
          log(`  … ${((lastLog - start) / 1000).toFixed(0)} s: ${delivered} delivered; ${LIMITED.map((m) => `${m} ${slack.accepted.get(m) ?? 0}/${slack.refused.get(m) ?? 0}×429`).join(', ')}`);
        }
      }
      const end = slack.lastPostAt ?? Date.now();
      // A moment more, so a late duplicate would still be counted.
      await new Promise((r) => setTimeout(r, 2000));
      sampling = false;
      await sampler;
      const totalS = (end - start) / 1000;

      const [notDelivered] = await ctx.db.select({ n: count() }).from(outbox).where(and(like(outbox.caseId, `${prefix}-%`), ne(outbox.status, 'delivered')));
      const posts = slack.accepted.get('chat.postMessage') ?? 0;
      const lost = expected - slack.posted.size;
      const dups = slack.duplicates();
      const perMethod = LIMITED.map((m) => `${m} ${slack.accepted.get(m) ?? 0} ok / ${slack.refused.get(m) ?? 0} × 429`).join('; ');
      const idealS = Math.max(...LIMITED.map((m) => (slack.accepted.get(m) ?? 0) / RATE));
      const localeFallbacks = bot.log.filter((l) => l.includes('locale lookup failed')).length;
      log(`  delivered ${expected - notDelivered!.n} of ${expected} in ${totalS.toFixed(1)} s; ideal (busiest method's calls ÷ ${RATE}/s) ${idealS.toFixed(1)} s: ${(totalS / idealS).toFixed(2)}×`);
      log(`  Web API: ${perMethod}`);
      log(`  locale look-ups that fell back to the default language: ${localeFallbacks}`);

      const during = samples.filter((s) => s.delivered > 0 && s.delivered < expected);
      const rssAt = (fraction: number) => during.find((s) => s.delivered >= expected * fraction)?.rss ?? Number.NaN;
      const peak = Math.max(...samples.map((s) => s.rss));
      const after = await bot.rssMb();
      log(`  bot RSS: idle ${idleRss.toFixed(0)} MB; at 10% delivered ${rssAt(0.1).toFixed(0)} MB, 50% ${rssAt(0.5).toFixed(0)} MB, 90% ${rssAt(0.9).toFixed(0)} MB; peak ${peak.toFixed(0)} MB; after ${after.toFixed(0)} MB`);
      log(`  RSS samples (s, MB, delivered): ${samples.filter((_, i) => i % 20 === 0).map((s) => `${((s.at - start) / 1000).toFixed(0)}:${s.rss.toFixed(0)}:${s.delivered}`).join(' ')}`);
      out.push(
        { section: 'fan-out', name: `${expected} messages: total time ÷ ideal (${RATE}/s per method)`, value: totalS / idealS, unit: '×', target: { kind: 'max', value: TARGET_RATIO } },
        { section: 'fan-out', name: 'total time', value: totalS, unit: 's' },
        { section: 'fan-out', name: 'chat.postMessage calls', value: posts, unit: '' },
        { section: 'fan-out', name: 'messages lost', value: lost, unit: '', target: { kind: 'max', value: 1 } },
        { section: 'fan-out', name: 'messages duplicated', value: dups, unit: '', target: { kind: 'max', value: 1 } },
        // From half way: the first seconds are warm-up (heap and connection pools grow to their working size).
        { section: 'fan-out', name: 'bot RSS growth, 50% → 90% delivered', value: rssAt(0.9) - rssAt(0.5), unit: 'MB', target: { kind: 'max', value: 20 } },
        { section: 'memory', name: 'bot idle RSS, PostgreSQL (node src/main.ts)', value: idleRss, unit: 'MB', target: { kind: 'max', value: 200 } },
        { section: 'memory', name: `bot RSS after the fan-out, PostgreSQL`, value: after, unit: 'MB', target: { kind: 'max', value: 200 } },
      );
    } finally {
      await producer.stop();
      await bot.stop();
      await slack.close();
    }
    return out;
  },
};
