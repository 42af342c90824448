import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { commandLog } from '../../db/schema/index.ts';
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
 * when two requests with one key race, the loser's insert of the key fails
 * and it reads the winner's result.
 */
export async function runCommand<R extends object>(deps: CaseDeps, meta: CommandMeta, step: (tx: Tx) => Promise<R>): Promise<R> {
  const first = await storedResult<R>(deps, meta.key);
  if (first) return first;
  try {
    return await deps.db.transaction(async (tx) => {
      const again = await tx.select({ result: commandLog.result }).from(commandLog).where(eq(commandLog.key, meta.key));
      if (again[0]) return again[0].result as R;
      const result = await step(tx);
      await tx.insert(commandLog).values({ key: meta.key, action: meta.action, actor: meta.actor, result, createdAt: deps.clock.now() });
      return result;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winner = await storedResult<R>(deps, meta.key);
      if (winner) return winner;
    }
    throw e;
  }
}

async function storedResult<R>(deps: CaseDeps, key: string): Promise<R | undefined> {
  const [row] = await deps.db.select({ result: commandLog.result }).from(commandLog).where(eq(commandLog.key, key));
  return row?.result as R | undefined;
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e; cur && typeof cur === 'object'; cur = (cur as { cause?: unknown }).cause) {
    if ((cur as { code?: string }).code === '23505') return true;
  }
  return false;
}
