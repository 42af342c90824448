import { and, eq, isNull, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { beforeCommit } from '../audit/audit-trail.ts';
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
  | 'restriction_lift'
  | 'complaint_reminder'
  | 'complaint_lapse';

export interface DeadlineSpec {
  caseId: string | null;
  kind: DeadlineKind;
  dueAt: Date;
  provisional?: boolean;
  payload?: Record<string, unknown>;
}

/** Records the deadline and wakes the job queue for it, in the caller's transaction (at its end). */
export async function scheduleDeadline(tx: Tx, deps: { clock: Clock; jobs: JobScheduler }, spec: DeadlineSpec): Promise<number> {
  const [id] = await scheduleDeadlines(tx, deps, [spec]);
  return id!;
}

/** Several deadlines in one statement (a notice schedules its lapse and its reminders together). */
export async function scheduleDeadlines(tx: Tx, deps: { clock: Clock; jobs: JobScheduler }, specs: DeadlineSpec[]): Promise<number[]> {
  if (specs.length === 0) return [];
  const now = deps.clock.now();
  const rows = await insertRows(
    tx,
    deadlines,
    specs.map((spec) => ({ caseId: spec.caseId, kind: spec.kind, dueAt: spec.dueAt, provisional: spec.provisional ?? false, payload: spec.payload ?? {}, createdAt: now })),
  );
  await beforeCommit(tx, () => deps.jobs.deadlinesDue(tx, rows.map((r) => ({ deadlineId: r.id, dueAt: r.dueAt }))));
  return rows.map((r) => r.id);
}

/** Open deadlines of a case that a step made moot (a fast-tracked reply window, a dismissed case). */
export async function cancelDeadlines(tx: Tx, caseId: string, kinds: DeadlineKind[], now: Date, outcome = 'moot'): Promise<void> {
  await tx
    .update(deadlines)
    .set({ doneAt: now, outcome })
    .where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt), inArray(deadlines.kind, kinds)));
}
