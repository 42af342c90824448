import { reportsAs } from '../../../domain/access/reporting-as.ts';
import { requireRole } from '../../../domain/access/roles.ts';
import { assertCanDo } from '../../../domain/cases/case-state.ts';
import { policyInForce } from '../../../domain/policy/choose-policy.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { caseDetail, staffState } from '../../../service/cases/case-queries.ts';
import { today } from '../../../service/clock.ts';
import { decisionView } from '../../../service/rules/decision-json.ts';
import { previewSanction } from '../../../service/rules/preview-sanction.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { actorOf, rulesOf, type SlackContext } from '../../slack-context.ts';
import { answerModal } from '../../render/modals/answer-modal.ts';
import { determineModal } from '../../render/modals/determine-modal.ts';
import { reportModalJson } from '../../render/modals/report-modal-cache.ts';
import { disputeModal, objectionModal } from '../../render/modals/reply-modals.ts';
import { rejectModal } from '../../render/modals/reject-modal.ts';
import { formatActor } from '../../render/actor.ts';
import { catalogItemOn, itemLabelOn } from '../../render/catalog-text.ts';
import type { Fmt } from '../../render/views/format.ts';
import { formatDateTime } from '../../render/format.ts';
import { dismissModal } from '../../render/modals/dismiss-modal.ts';
import type { SlackClient } from './reply.ts';

/**
 * Opening a modal: load what it shows, refuse early what the use case would
 * refuse anyway (missing role, wrong state: the same domain checks), then
 * views.open within the trigger's 3 seconds.
 */
export interface Opener {
  ctx: SlackContext;
  client: SlackClient;
  triggerId: string;
  userId: string;
  f: Fmt;
}

export async function openReportModal(o: Opener): Promise<void> {
  const access = await loadAccess(o.ctx.cases.db, actorOf(o.userId));
  // R-EVIDENCE: a partner's contact may report another partner; anyone else needs the officer role.
  const as = reportsAs(access);
  if (as === null) requireRole(access.roles, 'case.report', `<@${o.userId}>`);
  const asStaff = as === 'staff';
  const on = today(o.ctx.cases.clock);
  const view = reportModalJson(o.f.locale, { catalog: policyInForce(o.ctx.cases.policies, on).catalog, asStaff, today: on });
  // Already JSON, as Slack takes `view` (a JSON-encoded string): apiCall sends it as it is, where
  // views.open would have the client walk the 58 options again to redact and stringify them.
  await o.client.apiCall('views.open', { trigger_id: o.triggerId, view });
}

export async function openDetermineModal(o: Opener, caseId: string): Promise<void> {
  const access = await loadAccess(o.ctx.cases.db, actorOf(o.userId));
  requireRole(access.roles, 'determination.propose', `<@${o.userId}>`);
  const d = await caseDetail(o.ctx.cases.db, access, caseId);
  assertCanDo(d.case.id, staffState(d), 'propose_determination');
  const view = determineModal(o.f, {
    caseId: d.case.id,
    partnerName: d.partnerName,
    partnerId: d.case.partnerId,
    itemLine: itemLabelOn(o.ctx.cases.policies, d.case.itemId, d.case.occurredOn, o.f.locale),
    facts: d.case.facts ?? '',
    replies: d.replies.map((r) => `${o.f.t(`show.reply.${r.kind}`)} · ${formatActor(r.by ?? 'system', o.f.t)} · ${formatDateTime(r.at, o.f.locale)}`),
    fastTrack: staffState(d) === 'awaiting_reply',
    preview: await preview(o, d.case.partnerId, d.case.itemId, d.case.occurredOn),
  });
  await o.client.views.open({ trigger_id: o.triggerId, view });
}

/** What the engine would decide today, for the proposer to see; nothing when it cannot judge. */
async function preview(o: Opener, partnerId: string, itemId: string, occurredOn: string): Promise<DecisionView | null> {
  try {
    return decisionView(await previewSanction(rulesOf(o.ctx), { partnerId, itemId, on: today(o.ctx.cases.clock), occurred: occurredOn }));
  } catch (e) {
    o.ctx.logger.warn('no preview for the determination modal', { partnerId, itemId, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

export async function openAnswerModal(o: Opener, caseId: string): Promise<void> {
  const access = await loadAccess(o.ctx.cases.db, actorOf(o.userId));
  requireRole(access.roles, 'objection.answer', `<@${o.userId}>`);
  const d = await caseDetail(o.ctx.cases.db, access, caseId);
  assertCanDo(d.case.id, staffState(d), 'propose_objection_answer');
  const view = answerModal(o.f, {
    caseId: d.case.id,
    grounds: d.objections.map((x) => x.grounds),
    decision: (d.case.decision as DecisionView | null) ?? null,
    catalog: policyInForce(o.ctx.cases.policies, d.case.occurredOn).catalog,
    currentItem: catalogItemOn(o.ctx.cases.policies, d.case.itemId, d.case.occurredOn),
  });
  await o.client.views.open({ trigger_id: o.triggerId, view });
}

/** The partner's modals open at once; who may reply is the use case's check, shown inline on submission. */
export async function openDisputeModal(o: Opener, caseId: string): Promise<void> {
  await o.client.views.open({ trigger_id: o.triggerId, view: disputeModal(o.f, caseId) });
}

export async function openObjectionModal(o: Opener, caseId: string): Promise<void> {
  await o.client.views.open({ trigger_id: o.triggerId, view: objectionModal(o.f, caseId) });
}

/** A non-approver is told at once; the proposer and a late second approver are told on submission (the use case's checks). */
export async function openRejectModal(o: Opener, determinationId: number): Promise<void> {
  const access = await loadAccess(o.ctx.cases.db, actorOf(o.userId));
  requireRole(access.roles, 'determination.decide', `<@${o.userId}>`);
  await o.client.views.open({ trigger_id: o.triggerId, view: rejectModal(o.f, determinationId) });
}

/** R-SCREEN: an officer dismisses a partner's report with a reason; refused early when the case is past screening. */
export async function openDismissModal(o: Opener, caseId: string): Promise<void> {
  const access = await loadAccess(o.ctx.cases.db, actorOf(o.userId));
  requireRole(access.roles, 'case.notice', `<@${o.userId}>`);
  const d = await caseDetail(o.ctx.cases.db, access, caseId);
  assertCanDo(d.case.id, staffState(d), 'dismiss_report');
  await o.client.views.open({ trigger_id: o.triggerId, view: dismissModal(o.f, d.case.id) });
}
