import { and, asc, isNull, lte } from 'drizzle-orm';
import { deadlines } from '../db/schema/index.ts';
import { atShanghai, shanghaiTimeOf } from '../domain/dates.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import { today } from '../service/clock.ts';
import { sweepDeadlines } from '../service/deadlines/process-deadline.ts';
import type { ClockRequest, ClockView } from './protocol.ts';
import type { SandboxClock } from './sandbox-clock.ts';

/**
 * Moving the sandbox clock: every deadline that falls due on the way is
 * processed at its own due time, in due order, through the real sweep (so a
 * notice sent by one step, and the deadline it sets, are dated as they would
 * be), then the clock stops at the target. Deliveries follow through the job
 * queue, as in production.
 */
export interface TimeTravelResult {
  from: Date;
  to: Date;
  processed: number;
  outcomes: Record<string, number>;
  failed: { id: number; error: string }[];
}

export async function nextOpenDeadline(deps: CaseDeps, notAfter?: Date): Promise<{ dueAt: Date; kind: string; caseId: string | null } | null> {
  const [d] = await deps.db
    .select({ dueAt: deadlines.dueAt, kind: deadlines.kind, caseId: deadlines.caseId })
    .from(deadlines)
    .where(and(isNull(deadlines.doneAt), notAfter ? lte(deadlines.dueAt, notAfter) : undefined))
    .orderBy(asc(deadlines.dueAt), asc(deadlines.id))
    .limit(1);
  return d ?? null;
}

/** Where a request moves the clock to; null when there is nothing to move to. */
export async function targetOf(deps: CaseDeps, req: ClockRequest): Promise<Date | null> {
  if (req.advance === 'next-deadline') {
    const next = await nextOpenDeadline(deps);
    if (!next) return null;
    return new Date(Math.max(next.dueAt.getTime(), deps.clock.now().getTime()) + 1000);
  }
  const calendar = await deps.calendar.get(deps.db);
  const now = deps.clock.now();
  // The same time of day, N working days on (R-WORKDAY's calendar).
  return atShanghai(calendar.addWorkingDays(today(deps.clock), req.days).day, shanghaiTimeOf(now));
}

/**
 * `settle` delivers what a step queued before the clock moves on, so each
 * message is sent (and dated) at its step's time, and no delivery claimed at
 * one time is judged expired at a later one.
 */
export async function travelTo(deps: CaseDeps, clock: SandboxClock, to: Date, settle: () => Promise<void>): Promise<TimeTravelResult> {
  const from = clock.now();
  const result: TimeTravelResult = { from, to, processed: 0, outcomes: {}, failed: [] };
  const record = async (r: Awaited<ReturnType<typeof sweepDeadlines>>) => {
    await settle();
    result.processed += r.processed;
    for (const [k, n] of Object.entries(r.outcomes)) result.outcomes[k] = (result.outcomes[k] ?? 0) + n;
    result.failed.push(...r.failed);
  };
  for (;;) {
    const next = await nextOpenDeadline(deps, to);
    if (!next || next.dueAt.getTime() <= clock.now().getTime()) {
      // Due already (or nothing left before the target): one sweep at the current time takes what is due.
      const r = await sweepDeadlines(deps);
      await record(r);
      if (!next || r.processed === 0) break;
      continue;
    }
    await clock.moveTo(next.dueAt);
    await record(await sweepDeadlines(deps));
  }
  await clock.moveTo(to);
  await record(await sweepDeadlines(deps));
  return result;
}

export async function clockView(deps: CaseDeps, clock: SandboxClock): Promise<ClockView> {
  const calendar = await deps.calendar.get(deps.db);
  const day = today(clock);
  const next = await nextOpenDeadline(deps);
  return {
    now: clock.now().toISOString(),
    today: day,
    workingDay: calendar.isWorkingDay(day),
    nextDeadline: next ? { dueAt: next.dueAt.toISOString(), kind: next.kind, caseId: next.caseId ?? '' } : null,
  };
}
