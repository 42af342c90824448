import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { caseEvidence, caseReplies, cases, deadlines, determinations, objections, outbox, partners } from '../../db/schema/index.ts';
import { describeState, type CaseState } from '../../domain/cases/case-state.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Access } from '../access/actor.ts';
import { isStaff } from '../access/actor.ts';
import { findCase } from './case-record.ts';

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
  state: CaseState;
  occurredOn: string;
  replyDueAt: Date | null;
  objectionDueAt: Date | null;
  createdAt: Date;
}

const CLOSED: CaseState[] = ['closed', 'dismissed'];

/**
 * Cases a person may see: staff see all; a partner contact sees only their
 * own partner's (issue #3: roles). Newest first, paginated.
 */
export async function listCases(db: Db, viewer: Access | 'operator', filter: CaseFilter, page = { limit: 20, offset: 0 }): Promise<{ rows: CaseSummary[]; total: number }> {
  const where: (SQL | undefined)[] = [];
  if (filter.kind === 'open') where.push(notInArray(cases.state, CLOSED));
  if (filter.kind === 'mine') where.push(eq(cases.reportedBy, filter.actorKey));
  if (filter.kind === 'partner') where.push(eq(cases.partnerId, filter.partnerId));
  if (filter.kind === 'state') where.push(eq(cases.state, filter.state));
  if (filter.kind === 'awaiting_approval') where.push(inArray(cases.state, ['determination_proposed', 'objection_answer_proposed']));
  if (viewer !== 'operator' && !isStaff(viewer)) {
    // A partner contact sees its own partner's cases and the reports it filed (R-EVIDENCE).
    const own = viewer.partnerIds.length > 0 ? inArray(cases.partnerId, [...viewer.partnerIds]) : undefined;
    where.push(or(own, eq(cases.reportedBy, viewer.key)));
  }
  const cond = and(...where);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: cases.id, partnerId: cases.partnerId, partnerName: partners.name, itemId: cases.itemId, state: cases.state, occurredOn: cases.occurredOn,
        replyDueAt: cases.replyDueAt, objectionDueAt: cases.objectionDueAt, createdAt: cases.createdAt,
      })
      .from(cases)
      .innerJoin(partners, eq(partners.id, cases.partnerId))
      .where(cond)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(cases).where(cond),
  ]);
  return { rows: rows as CaseSummary[], total: count?.n ?? 0 };
}

/** Everything on record about a case, for `cli cases show` and `/violation show`. */
export async function caseDetail(db: Db, viewer: Access | 'operator', caseId: string) {
  const c = await findCase(db, caseId);
  const hidden = c && viewer !== 'operator' && !isStaff(viewer) && !viewer.partnerIds.includes(c.partnerId) && c.reportedBy !== viewer.key;
  if (!c || hidden) throw new DomainError('case.not_found', `No case ${caseId}.`, { caseId });
  const [evidence, replies, dets, objs, open, messages, [partner]] = await Promise.all([
    db.select().from(caseEvidence).where(eq(caseEvidence.caseId, caseId)).orderBy(asc(caseEvidence.id)),
    db.select().from(caseReplies).where(eq(caseReplies.caseId, caseId)).orderBy(asc(caseReplies.id)),
    db.select().from(determinations).where(eq(determinations.caseId, caseId)).orderBy(asc(determinations.id)),
    db.select().from(objections).where(eq(objections.caseId, caseId)).orderBy(asc(objections.id)),
    db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt))).orderBy(asc(deadlines.dueAt)),
    db.select({ id: outbox.id, kind: outbox.kind, status: outbox.status }).from(outbox).where(eq(outbox.caseId, caseId)).orderBy(asc(outbox.id)),
    db.select({ name: partners.name }).from(partners).where(eq(partners.id, c.partnerId)),
  ]);
  return {
    case: c,
    partnerName: partner?.name ?? c.partnerId,
    stateText: describeState(c.state),
    evidence,
    replies,
    determinations: dets,
    objections: objs,
    openDeadlines: open,
    messages,
  };
}

export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;
