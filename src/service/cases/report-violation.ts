import { sql } from 'drizzle-orm';
import { caseEvidence, cases, commandLog, partners } from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert-rows.ts';
import type { Tx } from '../../db/database.ts';
import { firstRow } from '../../db/rows.ts';
import { mayPickPartner } from '../../domain/access/case-visibility.ts';
import { reportsAs } from '../../domain/access/reporting-as.ts';
import { requireRole } from '../../domain/access/roles.ts';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import { parseLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { actorKey, loadAccess, type Access, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { today } from '../clock.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseViewOf } from './case-record.ts';
import { runCommand } from './run-command.ts';
import { announceSuspectedViolation, noticeSent, replyWindow } from './suspected-violation-notice.ts';
import { evidenceSchema, FACTS_MAX, type EvidenceInput } from './evidence.ts';
import { notSuspended, suspendedColumns } from './suspension.ts';

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
  const report = vetInput(deps, input);
  return runCommand(deps, { key: input.key, action: 'case.report', actor: actorKey(input.actor) }, async (tx) => {
    // Who reports, and on whom, in one round trip; what is refused throws and the transaction leaves nothing behind.
    const [access, partner] = await Promise.all([loadAccess(tx, input.actor), partnerWithNewCaseId(tx, input.partnerId, input.key)]);
    // Already filed under this key: runCommand answers with the first result.
    if (partner?.caseId === null) throw new Error(`report ${input.key} is a repeat`);
    return fileReport(tx, deps, vetReporter(input, report, access, partner));
  });
}

/** What the form says, checked before anything is read: a case number is drawn only for a report that can stand. */
interface ReportForm {
  item: CatalogItem;
  occurredOn: LocalDate;
  facts: string;
  evidence: EvidenceInput[];
  suspend: boolean;
}

interface VettedReport extends ReportForm {
  caseId: string;
  access: Access;
  partner: { id: string; name: string };
  asStaff: boolean;
  /** R-EVIDENCE: the partner a contact reports for; null for staff. */
  reporterPartner: string | null;
}

function vetInput(deps: CaseDeps, input: ReportInput): ReportForm {
  const occurredOn = parseLocalDate(input.occurredOn.trim(), 'The violation date');
  const facts = input.facts.trim();
  const evidence = input.evidence.map((e) => evidenceSchema.parse(e));
  if (occurredOn > today(deps.clock)) throw new DomainError('report.date_in_future', `The violation date ${occurredOn} is in the future.`, { field: 'occurred_on' });
  if (facts === '') throw new DomainError('report.facts_empty', 'Describe the facts of the violation.', { field: 'facts' });
  if (facts.length > FACTS_MAX) throw new DomainError('report.facts_too_long', `The facts are limited to ${FACTS_MAX} characters.`, { field: 'facts' });
  const item = findCatalogItem(policyInForce(deps.policies, occurredOn).catalog, input.itemId);
  if (!item) throw new DomainError('catalog.unknown_item', `No catalog item "${input.itemId}".`, { field: 'item' });
  return { item, occurredOn, facts, evidence, suspend: input.suspend ?? false };
}

function vetReporter(input: ReportInput, form: ReportForm, access: Access, partner: NewCaseOf | undefined): VettedReport {
  const as = reportsAs(access);
  if (as === null) requireRole(access.roles, 'case.report', `<@${input.actor.userId}>`);
  const asStaff = as === 'staff';
  if (!partner) throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`, { field: 'partner' });
  if (!asStaff) {
    // The same test as the partner picker, so what it offers is never refused here.
    if (!mayPickPartner(access, input.partnerId)) throw new DomainError('report.own_partner', 'A partner cannot report itself; choose the partner you are reporting.', { field: 'partner' });
    if (form.evidence.length === 0) throw new DomainError('report.evidence_required', 'A partner’s report on another partner needs evidence (R-EVIDENCE, §5.4.5): add a link or a file.', { field: 'evidence' });
  }
  // R-SUSPEND: staff's decision, once the partner is told; a partner's report waits for screening, so it cannot carry one.
  if (form.suspend && !asStaff) {
    throw new DomainError('report.partner_cannot_suspend', 'A partner’s report cannot suspend incentive payouts: staff decide that once the notice has gone out (R-SUSPEND).', { field: 'suspend' });
  }
  const { caseId, ...named } = partner;
  return { ...form, caseId: caseId!, access, partner: named, asStaff, reporterPartner: asStaff ? null : access.partnerIds[0]! };
}

interface NewCaseOf {
  id: string;
  name: string;
  /** Null when the report's key is already on record (a repeat draws no number). */
  caseId: string | null;
}

/**
 * The partner reported on, with the new case's number drawn in the same
 * statement, so that the case and everything hanging off it can be written in
 * one round trip. The number is drawn only when the partner exists and the
 * key is not on record yet. A report refused after this (the reporter's role),
 * or a twin still in flight, leaves a gap in the numbering, as a rolled-back
 * sequence value always does.
 */
async function partnerWithNewCaseId(tx: Tx, partnerId: string, key: string): Promise<NewCaseOf | undefined> {
  const result = await tx.execute(sql`
    select id, name,
      case when exists (select 1 from ${commandLog} where key = ${key}) then null else case_id_of(nextval('case_number_seq')) end as "caseId"
    from ${partners} where id = ${partnerId}`);
  return firstRow<NewCaseOf>(result);
}

async function fileReport(tx: Tx, deps: CaseDeps, r: VettedReport): Promise<ReportResult> {
  const now = deps.clock.now();
  const by = r.access.key;
  // Staff: the notice goes out with the report, so the case is written as it stands after it.
  const notice = r.asStaff ? await replyWindow(tx, deps, r.occurredOn) : null;
  const c = {
    id: r.caseId, partnerId: r.partner.id, itemId: r.item.id, occurredOn: r.occurredOn, facts: r.facts, reportedBy: by, reporterPartnerId: r.reporterPartner,
    ...(r.suspend ? suspendedColumns(now, by) : notSuspended), createdAt: now, updatedAt: now, ...(notice ? noticeSent(notice) : { state: 'reported' as const }),
  };
  const added = r.evidence.map((e) => ({ caseId: c.id, kind: e.kind, ref: e.ref, purpose: 'report' as const, addedBy: by, addedAt: now }));
  await appendAudit(tx, {
    actor: by, action: 'case.reported', subject: c.id,
    payload: { partnerId: r.partner.id, itemId: r.item.id, occurredOn: r.occurredOn, evidence: added.length, byPartner: r.reporterPartner, suspend: r.suspend },
    at: now,
  });
  // Everything the messages show is in hand: the case is not read back. The case goes first: the
  // statements below are sent together, in this order, and run in it.
  const view = caseViewOf(deps.policies, c, r.partner.name, added);
  const writeCase = insertRows(tx, cases, [c], { returning: false });
  const storeEvidence = insertRows(tx, caseEvidence, added, { returning: false });
  if (!notice) {
    const toApprovers = enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, c.id, { type: 'channel', channel: 'approvals' }, { kind: 'partner_report_received', case: view, reportedBy: by });
    await Promise.all([writeCase, storeEvidence, toApprovers]);
    return { caseId: c.id, state: 'reported', replyDue: null, provisional: false };
  }
  const [, , sent] = await Promise.all([writeCase, storeEvidence, announceSuspectedViolation(tx, deps, c, notice, by, view)]);
  return { caseId: c.id, state: 'awaiting_reply', replyDue: sent.replyDue, provisional: sent.provisional };
}
