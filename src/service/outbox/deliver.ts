import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { outbox, type OutboxRow } from '../../db/schema/index.ts';
import { chatPlatforms, type ChatPlatform, type Notification, type Recipient } from '../../domain/notifications/notification.ts';
import { redactSecrets } from '../../config/database-config.ts';
import type { Clock } from '../clock.ts';
import { UndeliverableMessage, type ChatNotifiers, type DeliveredOn } from './notifier.ts';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  /** The notifier of each platform the deployment serves (Slack, DingTalk or both). */
  notifiers: ChatNotifiers;
}

/** After this many failed attempts a row is kept as failed, with its error, for `cli outbox`. */
export const MAX_ATTEMPTS = 6;
const CLAIM_MS = 120_000;

export class RetryLater extends Error {}

export type DeliveryOutcome = 'delivered' | 'not_pending' | 'failed' | 'retry';

/**
 * Delivers one outbox row. The row is claimed first (no transaction stays
 * open while the chat platform answers, which may take a Retry-After), then
 * sent on each platform it goes to, then marked delivered, or its error kept.
 * A retry is for the job queue to schedule with backoff; `throwOnRetry` lets
 * it see one.
 */
export async function deliverOutboxMessage(deps: DeliveryDeps, id: number, opts: { throwOnRetry?: boolean } = {}): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(outbox)
    .set({ claimedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending'), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now))))
    .returning();
  if (!row) return 'not_pending';
  try {
    const result = await sendOnEachPlatform(deps, row);
    await deps.db.update(outbox).set({ status: 'delivered', result, deliveredAt: deps.clock.now(), claimedUntil: null, lastError: null }).where(eq(outbox.id, row.id));
    return 'delivered';
  } catch (e) {
    const error = redactSecrets(e instanceof Error ? e.message : String(e)).slice(0, 500);
    const failed = e instanceof UndeliverableMessage || row.attempts >= MAX_ATTEMPTS;
    await deps.db.update(outbox).set({ status: failed ? 'failed' : 'pending', lastError: error, claimedUntil: null }).where(eq(outbox.id, row.id));
    if (failed) return 'failed';
    if (opts.throwOnRetry) throw new RetryLater(`outbox ${row.id}: ${error}`);
    return 'retry';
  }
}

/**
 * A channel message goes to every platform served, a DM to its person's
 * platform, an edit to wherever its original landed. Each landing is kept as
 * soon as it happens, so a retry after one platform failed never sends twice
 * on the one that worked.
 */
async function sendOnEachPlatform(deps: DeliveryDeps, row: OutboxRow): Promise<DeliveredOn> {
  const recipient = row.recipient as Recipient;
  const original = await originalOf(deps.db, row);
  const landed: DeliveredOn = { ...((row.result as DeliveredOn | null) ?? {}) };
  for (const platform of platformsOf(recipient, original, deps.notifiers)) {
    if (landed[platform]) continue;
    const notifier = deps.notifiers[platform];
    if (!notifier) throw new UndeliverableMessage(`no ${platform} adapter is configured for this message to ${platform}:${recipient.type === 'user' ? recipient.userId : ''}`);
    const message = { outboxId: row.id, recipient, notification: row.payload as Notification, ...(original?.[platform] ? { original: original[platform] } : {}) };
    landed[platform] = await notifier.deliver(message);
    await deps.db.update(outbox).set({ result: { ...landed } }).where(eq(outbox.id, row.id));
  }
  return landed;
}

function platformsOf(r: Recipient, original: DeliveredOn | undefined, notifiers: ChatNotifiers): ChatPlatform[] {
  if (r.type === 'user') return [r.platform];
  // An edit follows its original; a platform no longer served has nothing to edit.
  if (r.type === 'update') return chatPlatforms.filter((p) => original?.[p] && notifiers[p]);
  return chatPlatforms.filter((p) => notifiers[p]);
}

/** An update edits the message its original row produced; until that is delivered, wait. */
async function originalOf(db: Db, row: OutboxRow): Promise<DeliveredOn | undefined> {
  const r = row.recipient as Recipient;
  if (r.type !== 'update') return undefined;
  const [orig] = await db.select().from(outbox).where(eq(outbox.id, r.outboxId));
  if (!orig?.result || orig.status !== 'delivered') throw new RetryLater(`the message to update (outbox ${r.outboxId}) is not delivered yet`);
  return orig.result as DeliveredOn;
}

/** Every pending row, oldest first: after an outage, or in place of a queue (`cli outbox deliver`). */
export async function deliverPending(deps: DeliveryDeps, limit = 1000): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { delivered: 0, not_pending: 0, failed: 0, retry: 0 };
  const rows = await deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).orderBy(asc(outbox.id)).limit(limit);
  for (const { id } of rows) counts[await deliverOutboxMessage(deps, id)]++;
  return counts;
}
