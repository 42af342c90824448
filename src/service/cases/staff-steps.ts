import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import type { CaseDeps } from './case-deps.ts';
import { lockCase } from './case-record.ts';
import { runCommand } from './run-command.ts';
import { sendSuspectedViolationNotice } from './suspected-violation-notice.ts';

export interface CaseCommand {
  key: string;
  actor: Actor;
  caseId: string;
}

/** A partner's report, vetted by staff: now the reported partner is told (R-REPLY). */
export async function sendNotice(deps: CaseDeps, input: CaseCommand): Promise<{ caseId: string; replyDue: string; provisional: boolean }> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'case.notice', `<@${input.actor.userId}>`);
  return runCommand(deps, { key: input.key, action: 'case.notice', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    assertCanDo(c.id, c.state, 'send_notice');
    const r = await sendSuspectedViolationNotice(tx, deps, c, access.key);
    return { caseId: c.id, ...r };
  });
}
