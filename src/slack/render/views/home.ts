import type { Conflict } from '../../../domain/access/conflict-of-interest.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { CaseSummary } from '../../../service/cases/case-queries.ts';
import type { Standing } from '../../../service/rules/partner-standing.ts';
import { ACTIONS } from '../../action-ids.ts';
import { LIMITS } from '../limits.ts';
import { actions, button, context, divider, header, section, type Block, type HomeView } from './blocks.ts';
import { caseButtons } from './case-detail.ts';
import { caseLine } from './case-list.ts';
import type { Fmt } from './format.ts';
import { partnerText } from '../partner-text.ts';
import { standingBlocks } from './standing.ts';

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface StaffHomeInput {
  kind: 'staff';
  page: number;
  pageSize: number;
  /** null when the viewer holds no approver role. `conflict`: why the viewer may not decide it (R-DETERMINE), so another approver must. */
  approvals: Page<{ summary: CaseSummary; determinationId: number | null; conflict: Conflict | null }> | null;
  needsAction: Page<CaseSummary>;
  awaitingReplies: Page<CaseSummary>;
  overdue: Page<CaseSummary>;
}

export interface ContactHomeInput {
  kind: 'contact';
  page: number;
  pageSize: number;
  cases: Page<CaseSummary>;
  standings: Standing[];
}

export type HomeInput = StaffHomeInput | ContactHomeInput | { kind: 'none' };

/** App Home: staff see their queue, partner contacts their cases and standing; long lists paginate. */
export function homeView(f: Fmt, policies: readonly PolicyVersion[], m: HomeInput): HomeView {
  const blocks = m.kind === 'staff' ? staffHome(f, policies, m) : m.kind === 'contact' ? contactHome(f, policies, m) : noRoleHome(f);
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

function staffHome(f: Fmt, policies: readonly PolicyVersion[], m: StaffHomeInput): Block[] {
  const { t } = f;
  const blocks: Block[] = [header(t('home.titleStaff')), actions([button(t('buttons.report'), ACTIONS.reportOpen, 'report', { style: 'primary' })], 'home_top')];
  if (m.approvals) {
    blocks.push(divider(), section(`*${t('home.awaitingApproval')}*`));
    if (m.approvals.rows.length === 0) blocks.push(context(t('home.empty')));
    for (const a of m.approvals.rows) {
      const barred = a.conflict === null ? '' : a.conflict === 'proposer' ? t('home.yourProposal') : t('home.conflicted', { why: t(`conflict.${a.conflict}`) });
      blocks.push(section(`${caseLine(f, policies, a.summary)}${barred ? `\n_${barred}_` : ''}`));
      if (a.conflict === null && a.determinationId !== null) {
        const id = String(a.determinationId);
        blocks.push(actions([button(t('buttons.approve'), ACTIONS.determinationApprove, id, { style: 'primary' }), button(t('buttons.reject'), ACTIONS.determinationReject, id, { style: 'danger' })]));
      }
    }
    more(f, blocks, m.approvals, m);
  }
  listSection(f, policies, blocks, t('home.needsAction'), m.needsAction, m, true);
  listSection(f, policies, blocks, t('home.awaitingReplies'), m.awaitingReplies, m, false);
  listSection(f, policies, blocks, t('home.overdue'), m.overdue, m, false);
  const totals = [m.approvals?.total ?? 0, m.needsAction.total, m.awaitingReplies.total, m.overdue.total];
  blocks.push(...nav(f, m.page, totals.some((n) => n > (m.page + 1) * m.pageSize)));
  return blocks;
}

function contactHome(f: Fmt, policies: readonly PolicyVersion[], m: ContactHomeInput): Block[] {
  const { t } = f;
  const blocks: Block[] = [header(t('home.titlePartner')), actions([button(t('buttons.reportOther'), ACTIONS.reportOpen, 'report')], 'home_top')];
  for (const s of m.standings.slice(0, 3)) {
    blocks.push(divider(), section(`*${t('home.standingOf', { partner: partnerText(s.partner.name, s.partner.id) })}*`), ...standingBlocks(f, policies, s, { withHeader: false }));
  }
  listSection(f, policies, blocks, t('home.yourCases'), m.cases, m, true);
  blocks.push(...nav(f, m.page, m.cases.total > (m.page + 1) * m.pageSize));
  return blocks;
}

function noRoleHome(f: Fmt): Block[] {
  const { t } = f;
  return [header(t('home.titleNone')), section(t('home.noRole')), context(t('home.helpHint'))];
}

function listSection(f: Fmt, policies: readonly PolicyVersion[], blocks: Block[], title: string, page: Page<CaseSummary>, m: { page: number; pageSize: number }, withButtons: boolean): void {
  blocks.push(divider(), section(`*${title}*`));
  if (page.rows.length === 0) blocks.push(context(f.t('home.empty')));
  // At most 10 rows a section keeps the whole tab within Slack's 100 blocks.
  const shown = page.rows.slice(0, 10);
  for (const c of shown) {
    // Only what this viewer may do now (R-CONFIDENTIAL: the service's acts).
    const buttons = withButtons ? caseButtons(f, c.id, c.acts) : [];
    // One button fits beside the text; more go in their own row.
    if (buttons.length === 1) blocks.push(section(caseLine(f, policies, c), buttons[0]));
    else {
      blocks.push(section(caseLine(f, policies, c)));
      if (buttons.length > 1) blocks.push(actions(buttons));
    }
  }
  more(f, blocks, { rows: shown, total: page.total }, m);
}

function more(f: Fmt, blocks: Block[], page: Page<unknown>, m: { page: number; pageSize: number }): void {
  const shown = m.page * m.pageSize + page.rows.length;
  if (page.total > shown) blocks.push(context(f.t('home.moreOnNextPage', { count: page.total - shown })));
}

function nav(f: Fmt, page: number, hasNext: boolean): Block[] {
  const buttons = [];
  if (page > 0) buttons.push(button(f.t('common.previous'), ACTIONS.homePagePrev, String(page - 1)));
  if (hasNext) buttons.push(button(f.t('common.next'), ACTIONS.homePage, String(page + 1)));
  return buttons.length > 0 ? [divider(), actions(buttons, 'home_nav')] : [];
}
