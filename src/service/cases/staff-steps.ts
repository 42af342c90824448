import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { DomainError } from '../../domain/errors.ts';
import { loadAccess } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { tellReporter } from './case-audiences.ts';
import type { CaseCommand, CaseDeps } from './case-deps.ts';
import { caseView, lockCase, setCase } from './case-record.ts';
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
    return { caseId: c.id, dismissed: true as const };
  });
}
