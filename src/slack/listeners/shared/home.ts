import { isStaff, loadAccess, type Access } from '../../../service/access/actor.ts';
import { caseDetail, listCases, type CaseSummary } from '../../../service/cases/case-queries.ts';
import { partnerStanding } from '../../../service/rules/partner-standing.ts';
import { actorOf, fmtFor, rulesOf, type SlackContext } from '../../slack-context.ts';
import { homeView, type HomeInput, type Page } from '../../render/views/home.ts';
import type { SlackClient } from './reply.ts';

const HOME_PAGE_SIZE = 8;

/** App Home, built for this person and published (views.publish replaces what they saw). */
export async function publishHome(ctx: SlackContext, client: SlackClient, userId: string, page = 0): Promise<void> {
  const [f, access] = await Promise.all([fmtFor(ctx, userId), loadAccess(ctx.cases.db, actorOf(userId))]);
  const input = isStaff(access) ? await staffHome(ctx, access, page) : access.partnerIds.length > 0 ? await contactHome(ctx, access, page) : ({ kind: 'none' } as const);
  await client.views.publish({ user_id: userId, view: homeView(f, ctx.cases.policies, input) });
}

async function staffHome(ctx: SlackContext, access: Access, page: number): Promise<HomeInput> {
  const db = ctx.cases.db;
  const window = { limit: HOME_PAGE_SIZE, offset: page * HOME_PAGE_SIZE };
  const now = ctx.cases.clock.now();
  const [approvals, reported, toDetermine, objected, replies, objectionOpen, collecting] = await Promise.all([
    access.roles.has('approver') ? listCases(db, access, { kind: 'awaiting_approval' }, window) : null,
    listCases(db, access, { kind: 'state', state: 'reported' }, window),
    listCases(db, access, { kind: 'state', state: 'awaiting_determination' }, window),
    listCases(db, access, { kind: 'state', state: 'objection_raised' }, window),
    listCases(db, access, { kind: 'state', state: 'awaiting_reply' }, window),
    listCases(db, access, { kind: 'state', state: 'awaiting_objection' }, window),
    listCases(db, access, { kind: 'state', state: 'collecting' }, window),
  ]);
  const overdueRows = [
    ...replies.rows.filter((c) => c.replyDueAt !== null && c.replyDueAt < now),
    ...objectionOpen.rows.filter((c) => c.objectionDueAt !== null && c.objectionDueAt < now),
    ...collecting.rows,
  ];
  return {
    kind: 'staff',
    page,
    pageSize: HOME_PAGE_SIZE,
    approvals: approvals ? { rows: await Promise.all(approvals.rows.map((c) => approvalRow(ctx, access, c))), total: approvals.total } : null,
    needsAction: merge([reported, toDetermine, objected]),
    awaitingReplies: replies,
    overdue: { rows: overdueRows, total: overdueRows.length + Math.max(0, collecting.total - collecting.rows.length) },
  };
}

/** The determination waiting on this case, and whether the viewer proposed it (then another approver must decide). */
async function approvalRow(ctx: SlackContext, access: Access, summary: CaseSummary) {
  const d = await caseDetail(ctx.cases.db, access, summary.id);
  const waiting = d.determinations.filter((x) => x.status === 'proposed').at(-1);
  return { summary, determinationId: waiting?.id ?? null, mine: waiting?.proposedBy === access.key };
}

function merge(pages: Page<CaseSummary>[]): Page<CaseSummary> {
  return { rows: pages.flatMap((p) => p.rows), total: pages.reduce((n, p) => n + p.total, 0) };
}

async function contactHome(ctx: SlackContext, access: Access, page: number): Promise<HomeInput> {
  const [cases, standings] = await Promise.all([
    listCases(ctx.cases.db, access, { kind: 'all' }, { limit: HOME_PAGE_SIZE, offset: page * HOME_PAGE_SIZE }),
    Promise.all(access.partnerIds.slice(0, 3).map((partnerId) => partnerStanding(rulesOf(ctx), { partnerId, viewer: access.actor }))),
  ]);
  return { kind: 'contact', page, pageSize: HOME_PAGE_SIZE, cases, standings };
}
