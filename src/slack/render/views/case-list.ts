import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { CaseSummary } from '../../../service/cases/case-queries.ts';
import { ACTIONS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { actions, button, context, header, section, type Block, type PrivateReply } from './blocks.ts';
import { itemLabelOn } from '../catalog-text.ts';
import { stateText, type Fmt } from './format.ts';
import { formatDateTime } from '../format.ts';
import { partnerText } from '../partner-text.ts';

export const LIST_PAGE_SIZE = 10;

/** The deadline a case is waiting on, if any, in words. */
export function dueText(f: Fmt, c: Pick<CaseSummary, 'state' | 'replyDueAt' | 'objectionDueAt'>): string | undefined {
  if (c.state === 'awaiting_reply' && c.replyDueAt) return f.t('list.replyDue', { due: formatDateTime(c.replyDueAt, f.locale) });
  if (c.state === 'awaiting_objection' && c.objectionDueAt) return f.t('list.objectionDue', { due: formatDateTime(c.objectionDueAt, f.locale) });
  return undefined;
}

export function caseLine(f: Fmt, policies: readonly PolicyVersion[], c: CaseSummary): string {
  const due = dueText(f, c);
  return [`*${c.id}* · ${partnerText(c.partnerName, c.partnerId)}`, `${itemLabelOn(policies, c.itemId, c.occurredOn, f.locale)}`, `${stateText(f, c.state)}${due ? ` · ${due}` : ''}`].join('\n');
}

export interface CaseListInput {
  /** Plain text (a header); escaped where it enters mrkdwn. */
  title: string;
  rows: CaseSummary[];
  total: number;
  page: number;
  /** Opaque to the view: what the page buttons carry back to the list listener. */
  pageValue: (page: number) => string;
}

/** `/violation list`: one page of cases, with previous/next buttons when there are more. */
export function caseListReply(f: Fmt, policies: readonly PolicyVersion[], m: CaseListInput): PrivateReply {
  const { t } = f;
  const from = m.page * LIST_PAGE_SIZE + 1;
  const to = m.page * LIST_PAGE_SIZE + m.rows.length;
  const blocks: Block[] = [header(m.title)];
  if (m.rows.length === 0) {
    blocks.push(section(t('list.empty')));
    return { text: `${escapeMrkdwn(m.title)}: ${t('list.empty')}`, blocks };
  }
  blocks.push(context(t('list.range', { from, to, total: m.total })));
  for (const c of m.rows) blocks.push(section(caseLine(f, policies, c)));
  const nav = [];
  if (m.page > 0) nav.push(button(t('common.previous'), ACTIONS.listPagePrev, m.pageValue(m.page - 1)));
  if (to < m.total) nav.push(button(t('common.next'), ACTIONS.listPage, m.pageValue(m.page + 1)));
  if (nav.length > 0) blocks.push(actions(nav, 'list_nav'));
  return { text: `${escapeMrkdwn(m.title)}: ${t('list.range', { from, to, total: m.total })}`, blocks };
}
