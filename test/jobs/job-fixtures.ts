import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../../src/db/database.ts';
import { deadlines, outbox, type DeadlineRow, type OutboxRow } from '../../src/db/schema/index.ts';
import { startJobs, type Jobs, type JobsOptions } from '../../src/jobs/pg-boss-jobs.ts';
import { silentLogger } from '../../src/logger.ts';
import type { CaseDeps } from '../../src/service/cases/case-deps.ts';
import type { Clock } from '../../src/service/clock.ts';
import type { DeliveredMessage, Notifier, OutgoingMessage } from '../../src/service/outbox/notifier.ts';
import { databaseUrlOf, type Backend } from '../support/databases.ts';

/**
 * pg-boss waits by the wall clock, so these tests run on one: the real clock
 * shifted to a chosen instant, which then runs on second by second.
 */
export function shiftedClock(at: Date | string): Clock & { jump(to: Date | string): void } {
  let offset = new Date(at).getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jump: (to) => {
      offset = new Date(to).getTime() - Date.now();
    },
  };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Short retries so a test sees several: about 1 s, then 2–3 s, capped at 3 s. */
export const FAST_RETRY = { delaySeconds: 1, maxDelaySeconds: 3 } as const;

/** The app's job queue on a test database (PGlite: its own instance; PostgreSQL: the fresh database's URL). */
export function startTestJobs(database: Database, deps: Omit<CaseDeps, 'jobs'>, notifier: Notifier, opts: JobsOptions = {}, url = databaseUrlOf(database)): Promise<Jobs> {
  return startJobs(database, deps, { slack: notifier }, silentLogger, { outboxRetry: FAST_RETRY, ...opts, databaseUrl: url });
}

/** Attempt `n` (from 1) of each message fails while `fails(message, n)` says so; every call is recorded. */
export class FlakyNotifier implements Notifier {
  readonly calls: { outboxId: number; at: number; ok: boolean; message: OutgoingMessage }[] = [];
  private readonly tries = new Map<number, number>();
  private readonly fails: (m: OutgoingMessage, attempt: number) => boolean;
  constructor(fails: (m: OutgoingMessage, attempt: number) => boolean) {
    this.fails = fails;
  }

  async deliver(message: OutgoingMessage): Promise<DeliveredMessage> {
    const attempt = (this.tries.get(message.outboxId) ?? 0) + 1;
    this.tries.set(message.outboxId, attempt);
    const ok = !this.fails(message, attempt);
    this.calls.push({ outboxId: message.outboxId, at: Date.now(), ok, message });
    if (!ok) throw new Error(`chat platform down (attempt ${attempt})`);
    return { channel: 'C-test', ts: `ts-${message.outboxId}-${attempt}` };
  }

  callsFor(outboxId: number) {
    return this.calls.filter((c) => c.outboxId === outboxId);
  }
}

export async function outboxRow(db: Db, id: number): Promise<OutboxRow> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

export async function deadlineOf(db: Db, caseId: string, kind: string): Promise<DeadlineRow> {
  const [row] = await db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, kind)));
  if (!row) throw new Error(`no ${kind} deadline for ${caseId}`);
  return row;
}

/**
 * The same data opened again by a new "process": a file-backed PGlite data
 * dir (opened with the app's own openDatabase, lock included), or the fresh
 * PostgreSQL database by URL.
 */
export async function reopenable(backend: Backend, fresh: Database): Promise<{ open(): Promise<Database>; url?: string; cleanup(): Promise<void> }> {
  if (backend === 'postgres') {
    const url = databaseUrlOf(fresh)!;
    return { url, open: () => openDatabase({ databaseUrl: url }), cleanup: async () => {} };
  }
  // The fresh in-memory database (migrated) copied into a folder: a first initdb there takes 5–15 s.
  const dir = await mkdtemp(join(tmpdir(), 'vt-jobs-'));
  const dataDir = join(dir, 'data');
  const seeded = await PGlite.create(dataDir, { loadDataDir: await fresh.pglite!.dumpDataDir('none') });
  await seeded.close();
  return { open: () => openDatabase({ dataDir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
