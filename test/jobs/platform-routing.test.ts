// Issue 12: one outbox, Slack, DingTalk or both. A DM goes to the platform of
// its person's id; a channel message to every platform served; an edit to
// wherever its original landed. A platform that fails is retried alone: the
// one that worked is never sent to twice (each landing is kept at once).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { contacts, outbox } from '../../src/db/schema/index.ts';
import type { Notification, Recipient } from '../../src/domain/notifications/notification.ts';
import { deliverOutboxMessage } from '../../src/service/outbox/deliver.ts';
import { enqueue, notifyPartner, notifyPerson } from '../../src/service/outbox/enqueue.ts';
import { noJobScheduler } from '../../src/service/jobs-port.ts';
import { caseWorld, type CaseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { FlakyNotifier, outboxRow } from './job-fixtures.ts';

const NOTE: Notification = { kind: 'calendar_provisional', years: [2027], caseId: 'V-000001', due: '2027-01-05T23:59:59+08:00' };

const queue = (w: CaseWorld, to: Recipient) => w.db.transaction((tx) => enqueue({ tx, clock: w.clock, jobs: noJobScheduler }, null, to, NOTE));

describeEachBackend('the outbox delivers on each platform served (issue 12)', (getDb) => {
  it('a channel message goes to both platforms; when one fails, the retry sends only there', async () => {
    const w = await caseWorld(getDb());
    const slack = new FlakyNotifier(() => false);
    const dingtalk = new FlakyNotifier((_m, attempt) => attempt === 1);
    const deps = { db: w.db, clock: w.clock, notifiers: { slack, dingtalk } };
    const id = await queue(w, { type: 'channel', channel: 'approvals' });

    expect(await deliverOutboxMessage(deps, id)).toBe('retry');
    expect((await outboxRow(w.db, id)).result).toEqual({ slack: { channel: 'C-test', ts: `ts-${id}-1` } });
    expect(await deliverOutboxMessage(deps, id)).toBe('delivered');

    expect(slack.callsFor(id)).toHaveLength(1);
    expect(dingtalk.callsFor(id).map((c) => c.ok)).toEqual([false, true]);
    expect((await outboxRow(w.db, id)).result).toEqual({ slack: { channel: 'C-test', ts: `ts-${id}-1` }, dingtalk: { channel: 'C-test', ts: `ts-${id}-2` } });
  });

  it('a DM goes only to the platform of its person; an edit to each platform its original landed on, with that platform’s message', async () => {
    const w = await caseWorld(getDb());
    const slack = new FlakyNotifier(() => false);
    const dingtalk = new FlakyNotifier(() => false);
    const deps = { db: w.db, clock: w.clock, notifiers: { slack, dingtalk } };
    const toSlack = await queue(w, { type: 'user', platform: 'slack', userId: 'U0ADMIN' });
    const toDingtalk = await queue(w, { type: 'user', platform: 'dingtalk', userId: '0123' });
    for (const id of [toSlack, toDingtalk]) expect(await deliverOutboxMessage(deps, id)).toBe('delivered');
    expect(slack.calls.map((c) => c.outboxId)).toEqual([toSlack]);
    expect(dingtalk.calls.map((c) => c.outboxId)).toEqual([toDingtalk]);

    const edit = await queue(w, { type: 'update', outboxId: toDingtalk });
    expect(await deliverOutboxMessage(deps, edit)).toBe('delivered');
    expect(slack.callsFor(edit)).toHaveLength(0);
    expect(dingtalk.callsFor(edit)[0]!.message.original).toEqual({ channel: 'C-test', ts: `ts-${toDingtalk}-1` });
  });

  it('a DM to a platform this deployment does not serve fails at once with the reason, and is not retried', async () => {
    const w = await caseWorld(getDb());
    const slack = new FlakyNotifier(() => false);
    const id = await queue(w, { type: 'user', platform: 'dingtalk', userId: '0123' });
    expect(await deliverOutboxMessage({ db: w.db, clock: w.clock, notifiers: { slack } }, id)).toBe('failed');
    const row = await outboxRow(w.db, id);
    expect({ status: row.status, attempts: row.attempts }).toEqual({ status: 'failed', attempts: 1 });
    expect(row.lastError).toBe('no dingtalk adapter is configured for this message to dingtalk:0123');
    expect(slack.calls).toHaveLength(0);
  });

  it('a partner’s notice reaches each contact on their own platform; a person is told on the platform of their actor key, the CLI never', async () => {
    const w = await caseWorld(getDb());
    await w.db.insert(contacts).values({ partnerId: 'P1', platform: 'dingtalk', userId: '0456' });
    const recipients = await w.db.transaction(async (tx) => {
      const writer = { tx, clock: w.clock, jobs: noJobScheduler };
      const ids = await notifyPartner(writer, 'P1', 'V-000001', NOTE);
      await notifyPerson(writer, 'dingtalk:0789', null, NOTE);
      await notifyPerson(writer, 'cli:root', null, NOTE);
      return ids;
    });
    expect(recipients).toHaveLength(2);
    const rows = await w.db.select({ recipient: outbox.recipient }).from(outbox).orderBy(outbox.id);
    const contactsOfP1 = await w.db.select().from(contacts).where(eq(contacts.partnerId, 'P1'));
    const slackContact = contactsOfP1.find((c) => c.platform === 'slack')!.userId;
    expect(rows.map((r) => r.recipient)).toEqual([
      { type: 'user', platform: 'dingtalk', userId: '0456' },
      { type: 'user', platform: 'slack', userId: slackContact },
      { type: 'user', platform: 'dingtalk', userId: '0789' },
    ]);
  });

  it('the migration makes rows written before it Slack’s: a DM names its platform, a landing is filed under slack', async () => {
    const { db } = getDb();
    const at = new Date('2026-06-01T00:00:00Z');
    const payload = { kind: 'x' };
    await db.insert(outbox).values([
      { recipient: { type: 'user', userId: 'U1' }, kind: 'x', payload, createdAt: at, status: 'delivered', result: { channel: 'D1', ts: '1.1' } },
      { recipient: { type: 'channel', channel: 'notices' }, kind: 'x', payload, createdAt: at },
      { recipient: { type: 'user', platform: 'dingtalk', userId: '0123' }, kind: 'x', payload, createdAt: at, status: 'delivered', result: { dingtalk: { channel: 'c', ts: 't' } } },
    ]);
    const file = (await readdir(MIGRATIONS_FOLDER)).find((f) => f.includes('_outbox_platforms'))!;
    const statements = (await readFile(join(MIGRATIONS_FOLDER, file), 'utf8')).split('--> statement-breakpoint');
    for (const s of statements) await db.execute(sql.raw(s));
    const rows = await db.select({ recipient: outbox.recipient, result: outbox.result }).from(outbox).orderBy(outbox.id);
    expect(rows).toEqual([
      { recipient: { type: 'user', platform: 'slack', userId: 'U1' }, result: { slack: { channel: 'D1', ts: '1.1' } } },
      { recipient: { type: 'channel', channel: 'notices' }, result: null },
      { recipient: { type: 'user', platform: 'dingtalk', userId: '0123' }, result: { dingtalk: { channel: 'c', ts: 't' } } },
    ]);
  });
});
