import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
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

/** What an event's hash covers, besides the hash before it. */
function auditContent(e: AuditEntry): string {
  return canonicalJson({ at: e.at.toISOString(), actor: e.actor, action: e.action, subject: e.subject, payload: e.payload });
}

/** sha256(prev hash, newline, content): the same link the database function `append_audit_events` writes. */
export function auditHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(auditContent(e)).digest('hex');
}

/** What a transaction opened by `auditedTransaction` writes at its end: its events, and writes put off till then. */
interface Tail {
  events: AuditEntry[];
  writes: (() => Promise<unknown>)[];
}
const tails = new WeakMap<object, Tail>();

/**
 * Appends one event to the hash chain inside the caller's transaction. In an
 * `auditedTransaction` the event waits until the step's work is done, so the
 * chain's lock is held only for the last statements before commit and steps
 * on different cases run side by side; otherwise it is written at once.
 */
export async function appendAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  const tail = tails.get(tx);
  if (tail) tail.events.push(entry);
  else await writeChain(tx, [entry]);
}

/**
 * A write that nothing in the step reads back (waking the job queue) goes out
 * with the step's last statements, in one round trip with them; outside an
 * `auditedTransaction` it is written at once.
 */
export async function beforeCommit(tx: Tx, write: () => Promise<unknown>): Promise<void> {
  const tail = tails.get(tx);
  if (tail) tail.writes.push(write);
  else await write();
}

/**
 * A transaction whose audit events are chained at its end (one lock, held
 * briefly). `alongside` writes whatever else belongs to the end of the step
 * (the command log). The end goes out as one batch: the put-off writes, then
 * `alongside`, then the chain, in that order.
 */
export async function auditedTransaction<R>(db: Db, work: (tx: Tx) => Promise<R>, alongside?: (tx: Tx, result: R) => Promise<unknown>): Promise<R> {
  return db.transaction(async (tx) => {
    const tail: Tail = { events: [], writes: [] };
    tails.set(tx, tail);
    const result = await work(tx);
    tails.delete(tx);
    await Promise.all([...tail.writes.map((write) => write()), alongside?.(tx, result), writeChain(tx, tail.events)]);
    return result;
  });
}

/**
 * The database links the events (migration 0010, `append_audit_events`): it
 * takes the chain's transaction-scoped lock, held until commit, reads the last
 * hash and inserts, all in one round trip, so two writers can never link to the
 * same predecessor.
 */
async function writeChain(tx: Tx | Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const events = entries.map((entry) => {
    // Postgres keeps microseconds, JS milliseconds: store what the hash saw.
    const at = new Date(entry.at.getTime());
    return { at: at.toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload, content: auditContent({ ...entry, at }) };
  });
  await tx.execute(sql`select append_audit_events(${JSON.stringify(events)}::jsonb)`);
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
