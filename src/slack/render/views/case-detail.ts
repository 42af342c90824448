import { canDo } from '../../../domain/cases/case-state.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { CaseDetail } from '../../../service/cases/case-queries.ts';
import { ACTIONS } from '../../action-ids.ts';
import { actions, button, context, esc, fields, header, section, type Block, type Button, type PrivateReply } from './blocks.ts';
import { decisionText } from './decision.ts';
import { dueText } from './case-list.ts';
import { itemLine, partnerText, stateText, when, who, type Fmt } from './format.ts';

/** Deadlines a reader cares about; reminders are the bot's own business. */
const SHOWN_DEADLINES = new Set(['reply_lapse', 'objection_close', 'payment_late', 'restriction_lift']);

export interface CaseDetailInput {
  detail: CaseDetail;
  policies: readonly PolicyVersion[];
  /** Staff see the staff buttons; a partner's contact sees the reply buttons. */
  viewer: 'staff' | 'contact' | 'other';
}

/** `/violation show CASE`: everything on record about a case, in at most ~15 blocks. */
export function caseDetailReply(f: Fmt, m: CaseDetailInput): PrivateReply {
  const { t } = f;
  const { detail: d } = m;
  const c = d.case;
  const due = dueText(f, c);
  const blocks: Block[] = [
    header(t('show.title', { caseId: c.id })),
    fields([
      `*${t('common.partner')}*\n${partnerText(d.partnerName, c.partnerId)}`,
      `*${t('common.state')}*\n${stateText(f, c.state)}${due ? `\n${due}` : ''}`,
      `*${t('common.item')}*\n${itemLine(f, m.policies, c.itemId, c.occurredOn)}`,
      `*${t('common.occurredOn')}*\n${c.occurredOn}`,
      `*${t('show.reportedBy')}*\n${who(f, c.reportedBy)} · ${when(f, c.createdAt)}`,
      `*${t('show.suspended')}*\n${c.suspended ? t('common.yes') : t('common.no')}`,
    ]),
    section(`*${t('common.facts')}*\n${esc(c.facts, 2500)}`),
  ];
  if (d.evidence.length > 0) {
    const lines = d.evidence.slice(0, 20).map((e) => `• ${e.kind === 'link' ? esc(e.ref, 300) : t('common.file', { id: esc(e.ref, 40) })} · ${t(`show.purpose.${e.purpose}`)} · ${who(f, e.addedBy)}`);
    if (d.evidence.length > 20) lines.push(t('common.more', { count: d.evidence.length - 20 }));
    blocks.push(section(`*${t('common.evidence')}*\n${lines.join('\n')}`));
  }
  if (d.replies.length > 0) {
    const lines = d.replies.slice(-5).map((r) => `• ${t(`show.reply.${r.kind}`)} · ${who(f, r.by)} · ${when(f, r.at)}${r.text ? `\n> ${esc(r.text, 400).replace(/\n/g, '\n> ')}` : ''}`);
    blocks.push(section(`*${t('show.replies')}*\n${lines.join('\n')}`));
  }
  for (const det of d.determinations.slice(-3)) {
    const status = det.status === 'proposed' ? t('show.status.proposed') : t(`show.status.${det.status}`) + ` · ${who(f, det.decidedBy)} · ${when(f, det.decidedAt)}`;
    const head = t('show.determination', { id: det.id, purpose: t(`show.purposeOf.${det.purpose}`), by: who(f, det.proposedBy), at: when(f, det.proposedAt) });
    blocks.push(section(`*${head}*\n${status}\n${t('show.established', { value: det.established ? t('common.yes') : t('common.no') })}\n> ${esc(det.reasons, 600).replace(/\n/g, '\n> ')}`));
  }
  for (const o of d.objections.slice(-2)) {
    blocks.push(section(`*${t('show.objection', { by: who(f, o.by), at: when(f, o.at) })}*\n> ${esc(o.grounds, 800).replace(/\n/g, '\n> ')}`));
  }
  if (c.decision) blocks.push(section(`*${t('show.decision')}*\n${decisionText(f, c.decision as DecisionView)}`));
  const open = d.openDeadlines.filter((x) => SHOWN_DEADLINES.has(x.kind)).slice(0, 5);
  if (open.length > 0) blocks.push(context(open.map((x) => `${t(`deadline.${x.kind}`)}: ${when(f, x.dueAt)}`).join(' · ')));
  const buttons = caseButtons(f, c.id, c.state, m.viewer);
  if (buttons.length > 0) blocks.push(actions(buttons, 'case_actions'));
  return { text: t('show.title', { caseId: c.id }), blocks };
}

/** The next step's buttons, offered only in the states that allow it (the use case still decides). */
export function caseButtons(f: Fmt, caseId: string, state: CaseDetail['case']['state'], viewer: CaseDetailInput['viewer']): Button[] {
  const { t } = f;
  const out: Button[] = [];
  if (viewer === 'staff') {
    if (canDo(state, 'send_notice')) out.push(button(t('buttons.sendNotice'), ACTIONS.noticeSend, caseId, 'primary'));
    if (canDo(state, 'propose_determination')) out.push(button(t('buttons.determine'), ACTIONS.determineOpen, caseId, 'primary'));
    if (canDo(state, 'propose_objection_answer')) out.push(button(t('buttons.answer'), ACTIONS.answerOpen, caseId, 'primary'));
  }
  if (viewer === 'contact') {
    if (canDo(state, 'reply')) out.push(button(t('buttons.accept'), ACTIONS.replyAccept, caseId, 'primary'), button(t('buttons.dispute'), ACTIONS.replyDispute, caseId));
    if (canDo(state, 'object')) out.push(button(t('buttons.object'), ACTIONS.objectOpen, caseId));
  }
  return out;
}
