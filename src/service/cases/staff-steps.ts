import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { outbox } from '../../db/schema/index.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { loadAccess } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { tellReporter } from './case-audiences.ts';
import type { CaseCommand, CaseDeps } from './case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { FACTS_MAX } from './evidence.ts';
import { runCommand } from './run-command.ts';
import { notSuspended } from './suspension.ts';
import { sendSuspectedViolationNotice } from './suspected-violation-notice.ts';


/**
 * A partner's report, vetted by staff (R-SCREEN): now the reported partner is
 * told (R-REPLY), and the reporter that the report was taken up.
 */
export async function sendNotice(deps: CaseDeps, input: CaseCommand): Promise<{ caseId: string; replyDue: string; provisional: boolean }> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'case.notice', `<@${input.actor.userId}>`);
  return runCommand(deps, { key: input.key, action: 'case.notice', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    assertCanDo(c.id, c.state, 'send_notice');
    const r = await sendSuspectedViolationNotice(tx, deps, c, access.key);
    await tellReporter({ tx, clock: deps.clock, jobs: deps.jobs }, c, { kind: 'report_screened', case: await caseView(tx, deps.policies, c), outcome: 'taken_up', reason: null });
    await markReportScreened(tx, deps, c, access.key, null);
    return { caseId: c.id, ...r };
  });
}

export interface DismissReportInput extends CaseCommand {
  reason: string;
}

/**
 * R-SCREEN: staff turn a partner's report down with a reason. The reporter is
 * told why; the accused partner never hears of it (no message, no deadline).
 */
export async function dismissReport(deps: CaseDeps, input: DismissReportInput): Promise<{ caseId: string; dismissed: true }> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'case.notice', `<@${input.actor.userId}>`);
  const reason = input.reason.trim();
  if (reason === '') throw new DomainError('screening.reason_empty', 'Say why the report is dismissed; the reporter is told (R-SCREEN).', { field: 'reason' });
  if (reason.length > FACTS_MAX) throw new DomainError('screening.reason_too_long', `A reason is limited to ${FACTS_MAX} characters.`, { field: 'reason' });
  return runCommand(deps, { key: input.key, action: 'case.dismiss_report', actor: access.key }, async (tx) => {
    const now = deps.clock.now();
    const c = await lockCase(tx, input.caseId);
    assertCanDo(c.id, c.state, 'dismiss_report');
    await setCase(tx, c.id, { state: 'dismissed', ...notSuspended, closedAt: now, screeningReason: reason }, now);
    await appendAudit(tx, { actor: access.key, action: 'case.report_dismissed', subject: c.id, payload: { reason }, at: now });
    await tellReporter({ tx, clock: deps.clock, jobs: deps.jobs }, c, { kind: 'report_screened', case: await caseView(tx, deps.policies, c), outcome: 'dismissed', reason });
    await markReportScreened(tx, deps, c, access.key, reason);
    return { caseId: c.id, dismissed: true as const };
  });
}

/**
 * R-SCREEN: the approvals message that asked staff to screen the report is
 * edited in place to say who screened it, when and how (the dismissal reason
 * included: that channel is staff only), with no buttons left to click.
 */
async function markReportScreened(tx: Tx, deps: CaseDeps, c: CaseRecord, by: string, reason: string | null): Promise<void> {
  const [asked] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.caseId, c.id), eq(outbox.kind, 'partner_report_received')))
    .orderBy(asc(outbox.id))
    .limit(1);
  if (!asked) return;
  await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, c.id, { type: 'update', outboxId: asked.id }, {
    kind: 'partner_report_screened', case: await caseView(tx, deps.policies, c), reportedBy: c.reportedBy,
    screenedBy: by, screenedAt: formatShanghai(deps.clock.now()), outcome: reason === null ? 'taken_up' : 'dismissed', reason,
  });
}
