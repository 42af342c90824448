// Issue 10: a fan-out through a Web API that answers 429 + Retry-After loses nothing and sends nothing twice.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contacts, outbox, partners } from '../../src/db/schema/index.ts';
import type { Notification } from '../../src/domain/notifications/notification.ts';
import { notifyPartner, enqueue } from '../../src/service/outbox/enqueue.ts';
import { LocaleResolver } from '../../src/slack/locale/locale-resolver.ts';
import { notifierClient } from '../../src/slack/notifier/notifier-client.ts';
import { SlackNotifier } from '../../src/slack/notifier/slack-notifier.ts';
import { WebClient } from '@slack/web-api';
import { caseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { startRateLimitedSlack } from '../support/rate-limited-slack.ts';
import { CASE, DECISION } from '../slack/render/samples.ts';
import { startTestJobs, waitFor } from './job-fixtures.ts';

const PARTNERS = 60;
const CONTACTS = 3;
/** Low enough that the fan-out runs into the limit many times. */
const RATE = 25;

describeEachBackend('a fan-out at Slack rate limits', (getDb) => {
  it(`delivers reminders and decisions to ${PARTNERS * CONTACTS} contacts through 429s, each exactly once`, { timeout: 90_000 }, async () => {
    const w = await caseWorld(getDb());
    await w.db.insert(partners).values(Array.from({ length: PARTNERS }, (_, i) => ({ id: `FP${i}`, name: `Fan-out ${i}` })));
    await w.db.insert(contacts).values(Array.from({ length: PARTNERS * CONTACTS }, (_, i) => ({ partnerId: `FP${i % PARTNERS}`, userId: `UF${i}` })));
    const slack = await startRateLimitedSlack({ perSecond: { 'chat.postMessage': RATE, 'conversations.open': RATE, 'users.info': RATE } });
    const notifier = new SlackNotifier({
      client: notifierClient('xoxb-test', { slackApiUrl: slack.url }),
      channels: { notices: 'CNOTICES', approvals: 'CAPPROVALS' },
      locales: new LocaleResolver({ client: new WebClient('xoxb-test', { slackApiUrl: slack.url }), defaultLocale: 'en' }),
      defaultLocale: 'en',
    });
    const jobs = await startTestJobs(getDb(), w.cases, notifier, { sweep: false });
    try {
      let expected = 0;
      for (let p = 0; p < PARTNERS; p++) {
        const c = { ...CASE, caseId: `V-F${p}`, partnerId: `FP${p}` };
        await w.db.transaction(async (tx) => {
          const writer = { tx, clock: w.clock, jobs: jobs.scheduler };
          const reminder: Notification = { kind: 'deadline_reminder', case: c, deadline: 'reply', due: '2026-06-04T23:59:59+08:00', when: 'day_before' };
          expected += (await notifyPartner(writer, c.partnerId, c.caseId, reminder)).length;
          if (p % 5 === 0) {
            expected += (await notifyPartner(writer, c.partnerId, c.caseId, { kind: 'formal_decision', case: c, decision: DECISION, noticeDate: '2026-06-01', paymentDue: '2026-09-01', owed: '3000.00' })).length;
            await enqueue(writer, c.caseId, { type: 'channel', channel: 'notices' }, { kind: 'public_notice', case: c, decision: DECISION, noticeDate: '2026-06-01' });
            expected++;
          }
        });
      }
      const delivered = async () => (await w.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'delivered'))).length;
      await waitFor(`${expected} deliveries`, async () => (await delivered()) === expected, 80_000);
      // A moment more: a late retry of a message already posted would show as a duplicate.
      await new Promise((r) => setTimeout(r, 1500));

      expect(slack.refused.get('chat.postMessage') ?? 0).toBeGreaterThan(0);
      const rows = await w.db.select({ id: outbox.id, recipient: outbox.recipient, status: outbox.status }).from(outbox);
      expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
      // Every row posted once, to its own recipient (a DM's user, or the notices channel).
      const want = new Map(rows.map((r) => {
        const to = r.recipient as { type: string; userId?: string };
        return [`${to.type === 'user' ? to.userId : 'CNOTICES'}|${r.id}`, 1];
      }));
      expect(new Map(slack.posted)).toEqual(want);
      expect(slack.duplicates()).toBe(0);
      expect(slack.accepted.get('chat.postMessage')).toBe(expected);
    } finally {
      await jobs.stop();
      await slack.close();
    }
  });
});
