import type { Tx } from '../../db/database.ts';
import { deadlines } from '../../db/schema/index.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-trail.ts';
import { notifyPartner } from '../outbox/enqueue.ts';
import { tellReporter } from './case-audiences.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, setCase, type CaseRecord } from './case-record.ts';
import { withdrawSanction } from './sanction-record.ts';
import { announceSuspensionLifted, notSuspended } from './suspension.ts';

/**
 * Not established: the case closes, any suspension lifts (R-SUSPEND), the
 * partner is told with the reasons, and a reporting partner only of the outcome (R-CONFIDENTIAL).
 */
export async function dismissCase(tx: Tx, deps: CaseDeps, c: CaseRecord, reasons: string, actor: string): Promise<void> {
  const now = deps.clock.now();
  await withdrawSanction(tx, c.id);
  await setCase(tx, c.id, { state: 'dismissed', ...notSuspended, closedAt: now, decision: null }, now);
  await tx.update(deadlines).set({ doneAt: now, outcome: 'moot' }).where(and(eq(deadlines.caseId, c.id), isNull(deadlines.doneAt)));
  const w = { tx, clock: deps.clock, jobs: deps.jobs };
  const view = await caseView(tx, deps.policies, c);
  await notifyPartner(w, c.partnerId, c.id, { kind: 'case_dismissed', case: view, reasons });
  await tellReporter(w, { ...c, state: 'dismissed' }, { kind: 'report_outcome', case: view, established: false, decision: null, noticeDate: null });
  await appendAudit(tx, { actor, action: 'case.dismissed', subject: c.id, payload: { reasons }, at: now });
  await announceSuspensionLifted(tx, deps, c, 'dismissed', actor);
}
