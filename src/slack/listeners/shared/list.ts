import { isStaff, loadAccess } from '../../../service/access/actor.ts';
import { listCases, type CaseFilter } from '../../../service/cases/case-queries.ts';
import { actorOf, type SlackContext } from '../../slack-context.ts';
import type { PrivateReply } from '../../render/views/blocks.ts';
import { caseListReply, LIST_PAGE_SIZE } from '../../render/views/case-list.ts';
import type { Fmt } from '../../render/views/format.ts';
import { listPageValue, type ListFilter } from './parse.ts';

/** One page of `/violation list` (the command and its page buttons): the use case decides what this person may see. */
export async function caseListPage(ctx: SlackContext, f: Fmt, userId: string, filter: ListFilter, page: number): Promise<PrivateReply> {
  const access = await loadAccess(ctx.cases.db, actorOf(userId));
  const query: CaseFilter = filter.kind === 'mine' ? { kind: 'mine', actorKey: access.key } : filter.kind === 'partner' ? { kind: 'partner', partnerId: filter.partnerId } : { kind: 'open' };
  const { rows, total } = await listCases(ctx.cases.db, access, query, { limit: LIST_PAGE_SIZE, offset: page * LIST_PAGE_SIZE });
  const title =
    filter.kind === 'partner'
      ? f.t('list.titlePartner', { partner: `${rows[0]?.partnerName ?? filter.partnerId} (${filter.partnerId})` })
      : f.t(filter.kind === 'mine' ? (isStaff(access) ? 'list.titleMine' : 'list.titleMinePartner') : 'list.titleOpen');
  return caseListReply(f, ctx.cases.policies, { title, rows, total, page, pageValue: (p) => listPageValue(filter, p) });
}
