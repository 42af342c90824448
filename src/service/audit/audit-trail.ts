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

/** sha256(prev hash, newline, content): the same link the deferred trigger of migration 0011 writes. */
export function auditHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(auditContent(e)).digest('hex');
}

/** A command as `command_log` keeps it: its key, and the result a repeat gets. */
export interface CommandRecord {
  key: string;
  action: string;
  actor: string;
  result: object;
  createdAt: Date;
}

/** What a transaction opened by `auditedTransaction` writes at its end: its events, and writes put off till then. */
interface Tail {
  events: AuditEntry[];
  writes: (() => Promise<unknown>)[];
}
const tails = new WeakMap<object, Tail>();

/**
 * Appends one event to the hash chain inside the caller's transaction: it is
 * staged, and the database links it as the transaction commits (migration
 * 0011), taking the chain's lock only then, so steps on different cases run
 * side by side. In an `auditedTransaction` the event is staged with the
 * step's last statement; otherwise at once.
 */
export async function appendAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  const tail = tails.get(tx);
  if (tail) tail.events.push(entry);
  else await recordStep(tx, null, [entry]);
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
 * A transaction whose audit events are staged at its end, with the command
 * that ran it (`commandOf`, for its key and result). The end goes out as one
 * batch: the put-off writes, and the step's record (command and events, one
 * statement). The events are linked into the chain as it commits.
 */
export async function auditedTransaction<R>(db: Db, work: (tx: Tx) => Promise<R>, commandOf?: (result: R) => CommandRecord): Promise<R> {
  return db.transaction(async (tx) => {
    const tail: Tail = { events: [], writes: [] };
    tails.set(tx, tail);
    const result = await work(tx);
    tails.delete(tx);
    await Promise.all([...tail.writes.map((write) => write()), recordStep(tx, commandOf?.(result) ?? null, tail.events)]);
    return result;
  });
}

/**
 * One statement (migration 0011, `record_step`): the command's key (a repeat
 * or a twin fails there) and the events, staged; a deferred trigger links them
 * at commit under the chain's lock, so two writers can never link to the same
 * predecessor and the lock is never held across a round trip.
 */
async function recordStep(tx: Tx | Db, command: CommandRecord | null, entries: AuditEntry[]): Promise<void> {
  if (!command && entries.length === 0) return;
  const events = JSON.stringify(entries.map(auditContent));
  await tx.execute(sql`select record_step(${command && JSON.stringify(command)}::jsonb, ${events}::jsonb)`);
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
