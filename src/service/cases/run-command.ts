import { eq } from 'drizzle-orm';
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
 * commit together or not at all. The key's primary key is the referee: a
 * repeat, or a twin in flight at once (a double click arrives twice), fails on
 * inserting the key (a twin waits there until the first commits) and returns
 * the first's result; so does a twin that failed on the state the first left
 * behind (e.g. "already decided"). Repeats are rare, so the first run pays no
 * look-up for them.
 */
export async function runCommand<R extends object>(deps: Pick<CaseDeps, 'db' | 'clock'>, meta: CommandMeta, step: (tx: Tx) => Promise<R>): Promise<R> {
  try {
    return await auditedTransaction(deps.db, step, (result) => ({ key: meta.key, action: meta.action, actor: meta.actor, result, createdAt: deps.clock.now() }));
  } catch (e) {
    const first = await storedResult<R>(deps, meta.key);
    if (first) return first;
    throw e;
  }
}

async function storedResult<R>(deps: Pick<CaseDeps, 'db'>, key: string): Promise<R | undefined> {
  const [row] = await deps.db.select({ result: commandLog.result }).from(commandLog).where(eq(commandLog.key, key));
  return row?.result as R | undefined;
}
