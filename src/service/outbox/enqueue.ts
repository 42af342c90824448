import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { contacts, outbox } from '../../db/schema/index.ts';
import type { Notification, Recipient } from '../../domain/notifications/notification.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';

export interface OutboxWriter {
  tx: Tx;
  clock: Clock;
  jobs: JobScheduler;
}

/** Queues one notification in the caller's transaction; returns its outbox id. */
export async function enqueue(w: OutboxWriter, caseId: string | null, recipient: Recipient, n: Notification): Promise<number> {
  const [row] = await w.tx
    .insert(outbox)
    .values({ caseId, recipient, kind: n.kind, payload: n, createdAt: w.clock.now() })
    .returning({ id: outbox.id });
  await w.jobs.outboxPending(w.tx, row!.id);
  return row!.id;
}

/** A direct message to each of the partner's contacts. */
export async function notifyPartner(w: OutboxWriter, partnerId: string, caseId: string, n: Notification): Promise<number[]> {
  const people = await w.tx.select({ userId: contacts.userId }).from(contacts).where(eq(contacts.partnerId, partnerId));
  if (people.length === 0) return [];
  // One statement for all contacts: the notice goes to every one of them (R-REPLY).
  const rows = await w.tx
    .insert(outbox)
    .values(people.map((p) => ({ caseId, recipient: { type: 'user', userId: p.userId } satisfies Recipient, kind: n.kind, payload: n, createdAt: w.clock.now() })))
    .returning({ id: outbox.id });
  const ids = rows.map((r) => r.id);
  for (const id of ids) await w.jobs.outboxPending(w.tx, id);
  return ids;
}

/** A direct message to a person named by an actor key (`slack:U123`); other platforms are skipped. */
export async function notifyPerson(w: OutboxWriter, actorKey: string, caseId: string | null, n: Notification): Promise<void> {
  const [platform, userId] = actorKey.split(':');
  if (platform === 'slack' && userId) await enqueue(w, caseId, { type: 'user', userId }, n);
}
