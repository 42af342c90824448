import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { auditEvents, type AuditEventRow } from '../../db/schema/index.ts';
import { canonicalJson } from './canonical-json.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  payload: Record<string, unknown>;
  at: Date;
}

/** The hash the first event points back to. */
export const GENESIS_HASH = '0'.repeat(64);

// Any fixed number: serialises writers so the chain never forks.
const AUDIT_CHAIN_LOCK = 7_310_522_002;

export function auditHash(prevHash: string, e: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'payload' | 'at'>): string {
  const content = canonicalJson({ at: e.at.toISOString(), actor: e.actor, action: e.action, subject: e.subject, payload: e.payload });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Events of a transaction opened by `auditedTransaction`, written just before it commits. */
const pending = new WeakMap<object, AuditEntry[]>();

/**
 * Appends one event to the hash chain inside the caller's transaction. In an
 * `auditedTransaction` the event waits until the step's work is done, so the
 * chain's lock is held only for the last statements before commit and steps
 * on different cases run side by side; otherwise it is written at once.
 */
export async function appendAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  const queue = pending.get(tx);
  if (queue) queue.push(entry);
  else await writeChain(tx, [entry]);
}

/** A transaction whose audit events are chained at its end (one lock, held briefly). */
export async function auditedTransaction<R>(db: Db, work: (tx: Tx) => Promise<R>): Promise<R> {
  return db.transaction(async (tx) => {
    const queue: AuditEntry[] = [];
    pending.set(tx, queue);
    const result = await work(tx);
    pending.delete(tx);
    await writeChain(tx, queue);
    return result;
  });
}

/**
 * The transaction-scoped advisory lock is held until commit, so two writers
 * can never both link to the same predecessor.
 */
async function writeChain(tx: Tx | Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    // Postgres keeps microseconds, JS milliseconds: store what the hash saw.
    const at = new Date(entry.at.getTime());
    const hash = auditHash(prevHash, { ...entry, at });
    const row = { occurredAt: at, actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(auditEvents).values(rows);
}

export type AuditVerification =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the chain in id order and names the first event whose links or content do not match. */
export async function verifyAuditTrail(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  for (;;) {
    const rows: AuditEventRow[] = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r.prevHash !== prev) return { ok: false, events: count, brokenAt: r.id, reason: 'prev_hash does not match the hash of the event before it' };
      const expected = auditHash(prev, { actor: r.actor, action: r.action, subject: r.subject, payload: r.payload as Record<string, unknown>, at: r.occurredAt });
      if (r.hash !== expected) return { ok: false, events: count, brokenAt: r.id, reason: 'hash does not match the event content' };
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { ok: true, events: count, head: prev };
}
