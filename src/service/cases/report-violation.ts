import { caseEvidence, cases } from '../../db/schema/index.ts';
import { findPartner } from '../../db/repositories/partners.repository.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import { parseLocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { today } from '../clock.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, type CaseRecord } from './case-record.ts';
import { runCommand } from './run-command.ts';
import { sendSuspectedViolationNotice } from './suspected-violation-notice.ts';
import { evidenceSchema, FACTS_MAX, type EvidenceInput } from './evidence.ts';

export interface ReportInput {
  key: string;
  actor: Actor;
  partnerId: string;
  itemId: string;
  occurredOn: string;
  facts: string;
  evidence: EvidenceInput[];
  /** R-SUSPEND: hold incentive payouts from the notice on (staff only). */
  suspend?: boolean;
}

export interface ReportResult {
  caseId: string;
  state: string;
  replyDue: string | null;
  provisional: boolean;
}

/**
 * Staff file a suspected violation and the notice goes out at once (R-REPLY).
 * A partner contact reports another partner only with evidence (R-EVIDENCE);
 * that report waits for staff to send the notice.
 */
export async function reportViolation(deps: CaseDeps, input: ReportInput): Promise<ReportResult> {
  const access = await loadAccess(deps.db, input.actor);
  const asStaff = access.roles.has('officer');
  const occurredOn = parseLocalDate(input.occurredOn.trim(), 'The violation date');
  const facts = input.facts.trim();
  const evidence = input.evidence.map((e) => evidenceSchema.parse(e));
  if (!asStaff && access.partnerIds.length === 0) requireRole(access.roles, 'case.report', `<@${input.actor.userId}>`);
  if (occurredOn > today(deps.clock)) throw new DomainError('report.date_in_future', `The violation date ${occurredOn} is in the future.`, { field: 'occurred_on' });
  if (facts === '') throw new DomainError('report.facts_empty', 'Describe the facts of the violation.', { field: 'facts' });
  if (facts.length > FACTS_MAX) throw new DomainError('report.facts_too_long', `The facts are limited to ${FACTS_MAX} characters.`, { field: 'facts' });
  if (!(await findPartner(deps.db, input.partnerId))) throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`, { field: 'partner' });
  const item = findCatalogItem(policyInForce(deps.policies, occurredOn).catalog, input.itemId);
  if (!item) throw new DomainError('catalog.unknown_item', `No catalog item "${input.itemId}".`, { field: 'item' });
  const reporterPartner = asStaff ? null : access.partnerIds[0]!;
  if (!asStaff) {
    if (access.partnerIds.includes(input.partnerId)) throw new DomainError('report.own_partner', 'A partner cannot report itself; choose the partner you are reporting.', { field: 'partner' });
    if (evidence.length === 0) throw new DomainError('report.evidence_required', 'A partner’s report on another partner needs evidence (R-EVIDENCE, §5.4.5): add a link or a file.', { field: 'evidence' });
  }
  if (input.suspend && !asStaff) requireRole(access.roles, 'case.suspend', `<@${input.actor.userId}>`);

  return runCommand(deps, { key: input.key, action: 'case.report', actor: access.key }, async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .insert(cases)
      .values({
        partnerId: input.partnerId, itemId: item.id, occurredOn, facts, reportedBy: access.key, reporterPartnerId: reporterPartner,
        state: 'reported', suspended: input.suspend ?? false, createdAt: now, updatedAt: now,
      })
      .returning();
    const caseId = row!.id;
    if (evidence.length > 0) {
      await tx.insert(caseEvidence).values(evidence.map((e) => ({ caseId, kind: e.kind, ref: e.ref, purpose: 'report' as const, addedBy: access.key, addedAt: now })));
    }
    await appendAudit(tx, {
      actor: access.key, action: 'case.reported', subject: caseId,
      payload: { partnerId: input.partnerId, itemId: item.id, occurredOn, evidence: evidence.length, byPartner: reporterPartner, suspend: input.suspend ?? false },
      at: now,
    });
    const c = row as CaseRecord;
    if (!asStaff) {
      await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, caseId, { type: 'channel', channel: 'approvals' }, {
        kind: 'partner_report_received', case: await caseView(tx, deps.policies, c), reportedBy: access.key,
      });
      return { caseId, state: 'reported', replyDue: null, provisional: false };
    }
    const notice = await sendSuspectedViolationNotice(tx, deps, c, access.key);
    return { caseId, state: 'awaiting_reply', replyDue: notice.replyDue, provisional: notice.provisional };
  });
}
