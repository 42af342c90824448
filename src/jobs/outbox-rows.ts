import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { outbox } from '../db/schema/index.ts';
import type { Recipient } from '../domain/notifications/notification.ts';

/**
 * What the outbox worker needs to know beyond delivering one row: an update
 * edits a message sent earlier, so it waits while that message is still on
 * its way, and is woken when it lands.
 */

/** The original an update row still waits for (pending, not yet delivered), or null when it can go now. */
export async function awaitedOriginal(db: Db, outboxId: number): Promise<number | null> {
  const [row] = await db.select({ status: outbox.status, recipient: outbox.recipient }).from(outbox).where(eq(outbox.id, outboxId));
  const r = row?.recipient as Recipient | undefined;
  if (!row || row.status !== 'pending' || r?.type !== 'update') return null;
  const [orig] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, r.outboxId));
  // A failed (or missing) original never lands: the update is tried, and fails with the reason kept.
  return orig?.status === 'pending' ? r.outboxId : null;
}

/** Pending updates of a message that has just been delivered. */
export async function updatesWaitingOn(db: Db, originalId: number): Promise<number[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), sql`${outbox.recipient}->>'type' = 'update'`, sql`(${outbox.recipient}->>'outboxId')::bigint = ${originalId}`))
    .orderBy(asc(outbox.id));
  return rows.map((r) => r.id);
}

export interface IdleRow {
  id: number;
  attempts: number;
}

const idle = (now: Date) => and(eq(outbox.status, 'pending'), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)));

/** Pending rows nobody holds right now, oldest first: candidates for a job if they have none. */
export async function idlePendingRows(db: Db, now: Date, limit: number): Promise<IdleRow[]> {
  return db.select({ id: outbox.id, attempts: outbox.attempts }).from(outbox).where(idle(now)).orderBy(asc(outbox.id)).limit(limit);
}

/** Still as it was listed: no worker has claimed or tried it since (a job that was running then has not finished). */
export async function stillIdle(db: Db, row: IdleRow, now: Date): Promise<boolean> {
  const [r] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), idle(now)));
  return r !== undefined;
}
