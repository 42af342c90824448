import type { Tx } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema/index.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { assertCanDo } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SuspensionLiftReason } from '../../domain/notifications/notification.ts';
import { loadAccess } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { notifyPartner } from '../outbox/enqueue.ts';
import type { CaseCommand, CaseDeps } from './case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from './case-record.ts';
import { runCommand } from './run-command.ts';

/** What a suspend or lift step answers; `changed` is false when the case already stood so. */
export interface SuspensionResult {
  caseId: string;
  suspended: boolean;
  /** Since when (ISO, +08:00) while suspended. */
  since: string | null;
  changed: boolean;
}

/** The columns of a case whose incentives are (no longer) held (R-SUSPEND). */
export function suspendedColumns(at: Date, by: string): Pick<CaseRow, 'suspended' | 'suspendedAt' | 'suspendedBy'> {
  return { suspended: true, suspendedAt: at, suspendedBy: by };
}
export const notSuspended = { suspended: false, suspendedAt: null, suspendedBy: null } as const satisfies Pick<CaseRow, 'suspended' | 'suspendedAt' | 'suspendedBy'>;

/**
 * R-SUSPEND: after telling the partner, staff may hold all incentive payouts
 * until the case clears the partner or is fully handled: so never before the
 * notice (`reported`), and still while the penalty is being collected. The
 * partner's contacts are told.
 */
export async function suspendIncentives(deps: CaseDeps, input: CaseCommand): Promise<SuspensionResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'case.suspend', `<@${input.actor.userId}>`);
  return runCommand(deps, { key: input.key, action: 'case.suspend', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    if (c.state === 'reported') {
      throw new DomainError('suspension.before_notice', `Case ${c.id} has not been notified to the partner yet; incentives can be suspended only after the notice is sent (R-SUSPEND).`, { caseId: c.id });
    }
    assertCanDo(c.id, c.state, 'suspend');
    if (c.suspended) return { caseId: c.id, suspended: true, since: formatShanghai(c.suspendedAt!), changed: false };
    const now = deps.clock.now();
    await setCase(tx, c.id, suspendedColumns(now, access.key), now);
    await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, c.partnerId, c.id, { kind: 'incentives_suspended', case: await caseView(tx, deps.policies, c), since: formatShanghai(now) });
    await appendAudit(tx, { actor: access.key, action: 'case.suspended', subject: c.id, payload: {}, at: now });
    return { caseId: c.id, suspended: true, since: formatShanghai(now), changed: true };
  });
}

/** R-SUSPEND: staff lift a suspension by hand before the case is handled; the partner's contacts are told. */
export async function liftSuspension(deps: CaseDeps, input: CaseCommand): Promise<SuspensionResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'case.lift_suspension', `<@${input.actor.userId}>`);
  return runCommand(deps, { key: input.key, action: 'case.lift_suspension', actor: access.key }, async (tx) => {
    const c = await lockCase(tx, input.caseId);
    if (!c.suspended) return { caseId: c.id, suspended: false, since: null, changed: false };
    assertCanDo(c.id, c.state, 'lift_suspension');
    const now = deps.clock.now();
    await setCase(tx, c.id, notSuspended, now);
    await announceSuspensionLifted(tx, deps, c, 'staff', access.key);
    return { caseId: c.id, suspended: false, since: null, changed: true };
  });
}

/**
 * R-SUSPEND: the suspension of a case that the caller has just cleared
 * (its columns set to `notSuspended`) is told to the partner with the
 * reason, and audited. `c` is the case as it stood before; nothing happens
 * when it was not suspended.
 */
export async function announceSuspensionLifted(tx: Tx, deps: CaseDeps, c: CaseRecord, reason: SuspensionLiftReason, actor: string): Promise<void> {
  if (!c.suspended) return;
  const now = deps.clock.now();
  const since = c.suspendedAt ? formatShanghai(c.suspendedAt) : null;
  await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, c.partnerId, c.id, { kind: 'suspension_lifted', case: await caseView(tx, deps.policies, c), reason, on: formatShanghai(now), since });
  await appendAudit(tx, { actor, action: 'case.suspension_lifted', subject: c.id, payload: { reason, since }, at: now });
}
