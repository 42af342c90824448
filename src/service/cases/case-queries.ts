import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { caseEvidence, caseReplies, cases, deadlines, determinations, objections, outbox, partners, type DeterminationRow } from '../../db/schema/index.ts';
import {
  caseActs, caseStageOf, mayAct, relationTo, stateShownTo, visibleParts,
  type CaseAct, type CasePart, type CaseRelation, type CaseStage, type CaseViewer, type ShownState,
} from '../../domain/access/case-visibility.ts';
import { conflictOfInterest, type Conflict } from '../../domain/access/conflict-of-interest.ts';
import { canDo, describeState, type CaseAction, type CaseState } from '../../domain/cases/case-state.ts';
import { DomainError } from '../../domain/errors.ts';
import { publicDecision, type DecisionPart, type DecisionView, type PublicDecision } from '../../domain/notifications/notification.ts';
import { decisionChanges } from '../../domain/sanctions/decision-changes.ts';
import type { Access } from '../access/actor.ts';
import { isStaff } from '../access/actor.ts';
import { findCase, type CaseRecord } from './case-record.ts';

export type CaseFilter =
  | { kind: 'open' }
  | { kind: 'all' }
  | { kind: 'mine'; actorKey: string }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'state'; state: CaseState }
  | { kind: 'awaiting_approval' };

export interface CaseSummary {
  id: string;
  partnerId: string;
  partnerName: string;
  itemId: string;
  /** As the viewer may know it (R-CONFIDENTIAL): a reporter sees "taken up", never the accused's steps. */
  state: ShownState;
  occurredOn: string;
  /** Null where the viewer may not see the case's deadlines. */
  replyDueAt: Date | null;
  objectionDueAt: Date | null;
  createdAt: Date;
  relation: CaseRelation;
  /** Actions this viewer may be offered now (the relation allows them and the state takes them). */
  acts: CaseAct[];
}

const CLOSED: CaseState[] = ['closed', 'dismissed'];

/** Who a viewer is to every case: the CLI operator is staff (they can already reach the database). */
export function caseViewer(viewer: Access | 'operator'): CaseViewer {
  if (viewer === 'operator') return { key: 'cli:operator', staff: true, partnerIds: [] };
  return { key: viewer.key, staff: isStaff(viewer), partnerIds: viewer.partnerIds };
}

const actStep: Record<CaseAct, CaseAction[]> = {
  reply: ['reply'],
  object: ['object'],
  determine: ['propose_determination'],
  approve: ['decide_determination', 'decide_objection_answer'],
  send_notice: ['send_notice'],
  dismiss: ['dismiss_report'],
  suspend: ['suspend'],
  answer_objection: ['propose_objection_answer'],
};

function actsNow(relation: CaseRelation, state: CaseState): CaseAct[] {
  return caseActs.filter((a) => mayAct(relation, a) && actStep[a].some((step) => canDo(state, step)));
}

/**
 * Cases a person may see (R-CONFIDENTIAL): staff see all; a partner contact
 * sees its own partner's cases once the notice is out, and the reports its
 * partner filed. Newest first, paginated; each row as the viewer may know it.
 */
export async function listCases(db: Db, viewer: Access | 'operator', filter: CaseFilter, page = { limit: 20, offset: 0 }): Promise<{ rows: CaseSummary[]; total: number }> {
  const who = caseViewer(viewer);
  const where: (SQL | undefined)[] = [];
  if (filter.kind === 'open') where.push(notInArray(cases.state, CLOSED));
  if (filter.kind === 'mine') where.push(eq(cases.reportedBy, filter.actorKey));
  if (filter.kind === 'partner') where.push(eq(cases.partnerId, filter.partnerId));
  if (filter.kind === 'state') where.push(eq(cases.state, filter.state));
  if (filter.kind === 'awaiting_approval') where.push(inArray(cases.state, ['determination_proposed', 'objection_answer_proposed']));
  if (!who.staff) {
    // The accused only once told (R-SCREEN: a dismissed report never reaches them); the reporter always.
    const ids = [...who.partnerIds];
    const accused = ids.length > 0 ? and(inArray(cases.partnerId, ids), isNotNull(cases.noticeSentAt)) : undefined;
    const reporter = and(isNotNull(cases.reporterPartnerId), ids.length > 0 ? or(eq(cases.reportedBy, who.key), inArray(cases.reporterPartnerId, ids)) : eq(cases.reportedBy, who.key));
    where.push(or(accused, reporter));
  }
  const cond = and(...where);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: cases.id, partnerId: cases.partnerId, partnerName: partners.name, itemId: cases.itemId, state: cases.state, occurredOn: cases.occurredOn,
        replyDueAt: cases.replyDueAt, objectionDueAt: cases.objectionDueAt, createdAt: cases.createdAt,
        reportedBy: cases.reportedBy, reporterPartnerId: cases.reporterPartnerId, noticeSentAt: cases.noticeSentAt, decidedAt: cases.decidedAt,
      })
      .from(cases)
      .innerJoin(partners, eq(partners.id, cases.partnerId))
      .where(cond)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(cases).where(cond),
  ]);
  return { rows: rows.map((r) => summaryFor(who, r as typeof r & { state: CaseState })), total: count?.n ?? 0 };
}

type SummaryRow = Omit<CaseSummary, 'state' | 'relation' | 'acts'> & { state: CaseState; reportedBy: string; reporterPartnerId: string | null; noticeSentAt: Date | null; decidedAt: Date | null };

function summaryFor(who: CaseViewer, r: SummaryRow): CaseSummary {
  const relation = relationTo(who, r);
  const stage = caseStageOf(r);
  const parts = visibleParts(relation, stage);
  return {
    id: r.id, partnerId: r.partnerId, partnerName: r.partnerName, itemId: r.itemId, occurredOn: r.occurredOn, createdAt: r.createdAt,
    state: stateShownTo(relation, r.state, stage),
    replyDueAt: parts.has('deadlines') ? r.replyDueAt : null,
    objectionDueAt: parts.has('deadlines') ? r.objectionDueAt : null,
    relation,
    acts: actsNow(relation, r.state),
  };
}

/** The case's record as the viewer may see it: what they may not is null. */
export interface CaseSeen {
  id: string;
  partnerId: string;
  itemId: string;
  occurredOn: string;
  state: ShownState;
  createdAt: Date;
  facts: string | null;
  reportedBy: string | null;
  suspended: boolean | null;
  /** R-SUSPEND: since when and by whom; null where the viewer may not see the suspension or there is none. */
  suspendedAt: Date | null;
  suspendedBy: string | null;
  replyDueAt: Date | null;
  replyDueProvisional: boolean;
  processingNoticeDate: string | null;
  objectionDueAt: Date | null;
  /** The processing notice's decision with its explanation (staff and the accused). */
  decision: DecisionView | null;
  /** What the public notice says of it, once the outcome is announced (reporter, anyone after the 通报). */
  outcome: PublicDecision | null;
  /** R-SCREEN, for staff and the reporter: received, dismissed with the reason, or taken up. */
  screening: { outcome: 'pending' | 'dismissed' | 'taken_up'; reason: string | null } | null;
}

/**
 * A case as the viewer may see it, for `cli cases show`, `/violation show` and
 * whatever chat adapter comes next: the service leaves out what R-CONFIDENTIAL
 * hides, so no surface can forget to. A case the viewer may not know of does
 * not exist for them.
 */
export async function caseDetail(db: Db, viewer: Access | 'operator', caseId: string) {
  const who = caseViewer(viewer);
  const c = await findCase(db, caseId);
  const relation = c ? relationTo(who, c) : 'other';
  const stage = c ? caseStageOf(c) : null;
  const parts = stage ? visibleParts(relation, stage) : new Set<CasePart>();
  if (!c || !stage || !parts.has('existence')) throw new DomainError('case.not_found', `No case ${caseId}.`, { caseId });
  const see = (p: CasePart) => parts.has(p);
  const [evidence, replies, dets, objs, open, messages, [partner]] = await Promise.all([
    db.select().from(caseEvidence).where(eq(caseEvidence.caseId, caseId)).orderBy(asc(caseEvidence.id)),
    see('replies') ? db.select().from(caseReplies).where(eq(caseReplies.caseId, caseId)).orderBy(asc(caseReplies.id)) : [],
    see('grounds') || see('proposals') || see('rejected') ? db.select().from(determinations).where(eq(determinations.caseId, caseId)).orderBy(asc(determinations.id)) : [],
    see('objections') ? db.select().from(objections).where(eq(objections.caseId, caseId)).orderBy(asc(objections.id)) : [],
    see('deadlines') ? db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt))).orderBy(asc(deadlines.dueAt)) : [],
    see('deliveries') ? db.select({ id: outbox.id, kind: outbox.kind, status: outbox.status }).from(outbox).where(eq(outbox.caseId, caseId)).orderBy(asc(outbox.id)) : [],
    db.select({ name: partners.name }).from(partners).where(eq(partners.id, c.partnerId)),
  ]);
  const pending = dets.find((d) => d.status === 'proposed');
  const evidencePart: Record<(typeof evidence)[number]['purpose'], CasePart> = { report: 'facts', dispute: 'replies', objection: 'objections' };
  return {
    case: caseSeen(c, relation, stage, parts),
    relation,
    /** Actions this viewer may be offered now; the use case still decides. */
    acts: actsNow(relation, c.state),
    /** R-DETERMINE: why this (staff) viewer may not decide the waiting determination, if so. */
    approvalConflict: relation === 'staff' && pending ? conflictOfInterest(who, c, pending.proposedBy) : (null as Conflict | null),
    partnerName: partner?.name ?? c.partnerId,
    stateText: relation === 'staff' ? describeState(c.state) : stateShownTo(relation, c.state, stage).replaceAll('_', ' '),
    evidence: evidence
      .filter((e) => see(evidencePart[e.purpose]))
      .map((e) => ({ ...e, addedBy: e.purpose === 'report' && !see('reporter') ? null : e.addedBy })),
    replies,
    determinations: dets
      // A superseded proposal is an internal step, like a rejected one (R-CONFIDENTIAL).
      .filter((d) => (d.status === 'proposed' ? see('proposals') : d.status === 'approved' ? see('grounds') : see('rejected')))
      .map((d) => ({ ...d, decisionNote: see('rejected') ? d.decisionNote : null, ...rejudgedOf(d) })),
    objections: objs,
    openDeadlines: open,
    messages,
  };
}

/**
 * R-DETERMINE: a superseded proposal with what the engine decided at the
 * approval beside what was proposed, and the parts that differ.
 */
function rejudgedOf(d: DeterminationRow): { rejudged: DecisionView | null; changes: DecisionPart[] } {
  const proposed = d.decision as DecisionView | null;
  const rejudged = d.status === 'superseded' ? (d.rejudged as DecisionView | null) : null;
  return { rejudged, changes: proposed && rejudged ? decisionChanges(proposed, rejudged) : [] };
}

function caseSeen(c: CaseRecord, relation: CaseRelation, stage: CaseStage, parts: ReadonlySet<CasePart>): CaseSeen {
  const see = (p: CasePart) => parts.has(p);
  const decision = (c.decision as DecisionView | null) ?? null;
  return {
    id: c.id, partnerId: c.partnerId, itemId: c.itemId, occurredOn: c.occurredOn, createdAt: c.createdAt,
    state: stateShownTo(relation, c.state, stage),
    facts: see('facts') ? c.facts : null,
    reportedBy: see('reporter') ? c.reportedBy : null,
    suspended: see('suspension') ? c.suspended : null,
    suspendedAt: see('suspension') ? c.suspendedAt : null,
    suspendedBy: see('suspension') ? c.suspendedBy : null,
    replyDueAt: see('notice') ? c.replyDueAt : null,
    replyDueProvisional: see('notice') && c.replyDueProvisional,
    processingNoticeDate: see('processingNotice') ? c.processingNoticeDate : null,
    objectionDueAt: see('processingNotice') ? c.objectionDueAt : null,
    decision: see('processingNotice') ? decision : null,
    outcome: see('outcome') && decision && stage.published ? publicDecision(decision) : null,
    screening: see('screening') && c.reporterPartnerId !== null ? screeningOf(c) : null,
  };
}

function screeningOf(c: CaseRecord): NonNullable<CaseSeen['screening']> {
  if (c.noticeSentAt !== null) return { outcome: 'taken_up', reason: null };
  if (c.state === 'dismissed') return { outcome: 'dismissed', reason: c.screeningReason };
  return { outcome: 'pending', reason: null };
}

export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

/** The state as it is, for staff-only steps (a modal's early check); anyone else is refused as the use case would. */
export function staffState(d: CaseDetail): CaseState {
  if (d.relation !== 'staff') throw new DomainError('access.missing_role', 'Only staff can take this step.', { role: 'officer', permission: 'case.notice' });
  return d.case.state as CaseState;
}
