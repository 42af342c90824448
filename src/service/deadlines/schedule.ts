import { and, eq, isNull, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { deadlines } from '../../db/schema/index.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';

export type DeadlineKind =
  | 'reply_lapse'
  | 'objection_close'
  | 'deadline_reminder'
  | 'approval_waiting'
  | 'payment_reminder'
  | 'payment_late'
  | 'late_fee_reminder'
  | 'restriction_lift';

export interface DeadlineSpec {
  caseId: string | null;
  kind: DeadlineKind;
  dueAt: Date;
  provisional?: boolean;
  payload?: Record<string, unknown>;
}

/** Records the deadline and wakes the job queue for it, in the caller's transaction. */
export async function scheduleDeadline(tx: Tx, deps: { clock: Clock; jobs: JobScheduler }, spec: DeadlineSpec): Promise<number> {
  const [row] = await tx
    .insert(deadlines)
    .values({
      caseId: spec.caseId,
      kind: spec.kind,
      dueAt: spec.dueAt,
      provisional: spec.provisional ?? false,
      payload: spec.payload ?? {},
      createdAt: deps.clock.now(),
    })
    .returning({ id: deadlines.id });
  await deps.jobs.deadlineDue(tx, row!.id, spec.dueAt);
  return row!.id;
}

/** Open deadlines of a case that a step made moot (a fast-tracked reply window, a dismissed case). */
export async function cancelDeadlines(tx: Tx, caseId: string, kinds: DeadlineKind[], now: Date, outcome = 'moot'): Promise<void> {
  await tx
    .update(deadlines)
    .set({ doneAt: now, outcome })
    .where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt), inArray(deadlines.kind, kinds)));
}
