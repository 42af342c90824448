import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { commandLog } from '../../db/schema/index.ts';
import { auditedTransaction } from '../audit/audit-trail.ts';
import type { CaseDeps } from './case-deps.ts';

export interface CommandMeta {
  /** The chat platform's view or action id; the same key twice acts once. */
  key: string;
  action: string;
  actor: string;
}

/**
 * One step = one transaction: state change, audit event, outbox rows and jobs
 * commit together or not at all. A repeated key returns the first result;
 * requests with one key are serialised by a lock on the key, and should one
 * still slip past, the loser's insert of the key fails and it reads the
 * winner's result.
 */
export async function runCommand<R extends object>(deps: CaseDeps, meta: CommandMeta, step: (tx: Tx) => Promise<R>): Promise<R> {
  try {
    return await auditedTransaction(deps.db, async (tx) => {
      // Requests with one key take turns (a double click arrives twice at once):
      // the second waits here, then finds the first's result instead of acting
      // on the state the first left behind and failing (e.g. "already decided").
      // The read is a statement of its own: its snapshot is taken after the lock
      // is granted, so it sees what the twin committed.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${meta.key}))`);
      const [again] = await tx.select({ result: commandLog.result }).from(commandLog).where(eq(commandLog.key, meta.key));
      if (again) return again.result as R;
      const result = await step(tx);
      await tx.insert(commandLog).values({ key: meta.key, action: meta.action, actor: meta.actor, result, createdAt: deps.clock.now() });
      return result;
    });
  } catch (e) {
    // Should a twin still slip past (PGlite, or a key written by another path),
    // whatever it ran into, once the key is on record the winner's result is the answer.
    const winner = await storedResult<R>(deps, meta.key);
    if (winner) return winner;
    throw e;
  }
}

async function storedResult<R>(deps: CaseDeps, key: string): Promise<R | undefined> {
  const [row] = await deps.db.select({ result: commandLog.result }).from(commandLog).where(eq(commandLog.key, key));
  return row?.result as R | undefined;
}
