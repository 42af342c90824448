import type { CaseAct } from '../../../domain/access/case-visibility.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { CaseDetail, CaseSeen } from '../../../service/cases/case-queries.ts';
import { ACTIONS } from '../../action-ids.ts';
import { actions, button, context, fields, header, section, type Block, type Button, type PrivateReply } from './blocks.ts';
import { decisionText } from './decision.ts';
import { decisionComparison } from '../../../messages/notifications/decision-parts.ts';
import { renderBlocks } from '../render-document.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { dueText } from './case-list.ts';
import { formatActor } from '../actor.ts';
import { formatClass, itemLabelOn } from '../catalog-text.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { stateText, type Fmt } from './format.ts';
import { formatDateTime } from '../format.ts';
import { partnerText } from '../partner-text.ts';
import { escapeAndClip } from '../mrkdwn.ts';

/** Deadlines a reader cares about; reminders are the bot's own business. */
const SHOWN_DEADLINES = new Set(['reply_lapse', 'objection_close', 'payment_late', 'restriction_lift']);

export interface CaseDetailInput {
  /** Already cut to what the viewer may see (R-CONFIDENTIAL, service caseDetail): the view shows what it is given. */
  detail: CaseDetail;
  policies: readonly PolicyVersion[];
}

/** `/violation show CASE`: what the viewer may see of a case, in at most ~15 blocks. */
export function caseDetailReply(f: Fmt, m: CaseDetailInput): PrivateReply {
  const { t } = f;
  const { detail: d } = m;
  const c = d.case;
  const due = dueText(f, c);
  const blocks: Block[] = [
    header(t('show.title', { caseId: c.id })),
    fields([
      [t('common.partner'), partnerText(d.partnerName, c.partnerId)],
      [t('common.state'), `${stateText(f, c.state)}${due ? `\n${due}` : ''}`],
      [t('common.item'), itemLabelOn(m.policies, c.itemId, c.occurredOn, f.locale)],
      [t('common.occurredOn'), c.occurredOn],
      ...(c.reportedBy !== null ? [[t('show.reportedBy'), `${formatActor(c.reportedBy, f.t)} · ${formatDateTime(c.createdAt, f.locale)}`] as const] : []),
      ...(c.suspended !== null ? [[t('show.suspended'), c.suspended ? t('common.yes') : t('common.no')] as const] : []),
    ]),
  ];
  if (c.facts !== null) blocks.push(section(`*${t('common.facts')}*\n${escapeAndClip(c.facts, 2500)}`));
  if (c.screening) blocks.push(section(`*${t('show.screening')}*\n${escapeAndClip(t(`show.screened.${c.screening.outcome}`, { reason: c.screening.reason ?? '' }), 2500)}`));
  if (d.evidence.length > 0) {
    const by = (addedBy: string | null) => (addedBy === null ? '' : ` · ${formatActor(addedBy, f.t)}`);
    const lines = d.evidence.slice(0, 20).map((e) => `• ${e.kind === 'link' ? escapeAndClip(e.ref, 300) : t('common.file', { id: escapeAndClip(e.ref, 40) })} · ${t(`show.purpose.${e.purpose}`)}${by(e.addedBy)}`);
    if (d.evidence.length > 20) lines.push(t('common.more', { count: d.evidence.length - 20 }));
    blocks.push(section(`*${t('common.evidence')}*\n${lines.join('\n')}`));
  }
  if (d.replies.length > 0) {
    const lines = d.replies.slice(-5).map((r) => `• ${t(`show.reply.${r.kind}`)} · ${formatActor(r.by ?? 'system', f.t)} · ${formatDateTime(r.at, f.locale)}${r.text ? `\n> ${escapeAndClip(r.text, 400).replace(/\n/g, '\n> ')}` : ''}`);
    blocks.push(section(`*${t('show.replies')}*\n${lines.join('\n')}`));
  }
  for (const det of d.determinations.slice(-3)) {
    const status = det.status === 'proposed' ? t('show.status.proposed') : t(`show.status.${det.status}`) + ` · ${formatActor(det.decidedBy ?? 'system', f.t)} · ${formatDateTime(det.decidedAt, f.locale)}`;
    const head = t('show.determination', { id: det.id, purpose: t(`show.purposeOf.${det.purpose}`), by: formatActor(det.proposedBy ?? 'system', f.t), at: formatDateTime(det.proposedAt, f.locale) });
    blocks.push(section(`*${head}*\n${status}\n${t('show.established', { value: det.established ? t('common.yes') : t('common.no') })}\n> ${escapeAndClip(det.reasons, 600).replace(/\n/g, '\n> ')}`));
    // R-DETERMINE: a superseded proposal shows what the engine decided at the approval beside what was proposed.
    if (det.rejudged && det.decision) blocks.push(...renderBlocks(decisionComparison(det.decision as DecisionView, det.rejudged, det.changes, f.locale, f.t)));
  }
  for (const o of d.objections.slice(-2)) {
    blocks.push(section(`*${t('show.objection', { by: formatActor(o.by ?? 'system', f.t), at: formatDateTime(o.at, f.locale) })}*\n> ${escapeAndClip(o.grounds, 800).replace(/\n/g, '\n> ')}`));
  }
  if (c.decision) blocks.push(section(`*${t('show.decision')}*\n${decisionText(f, c.decision)}`));
  else if (c.outcome) blocks.push(section(`*${t('show.outcome')}*\n${outcomeText(f, c.outcome)}`));
  else if (c.state === 'dismissed' && c.screening?.outcome === 'taken_up') blocks.push(section(`*${t('show.outcome')}*\n${t('show.notEstablished')}`));
  const open = d.openDeadlines.filter((x) => SHOWN_DEADLINES.has(x.kind)).slice(0, 5);
  if (open.length > 0) blocks.push(context(open.map((x) => `${t(`deadline.${x.kind}`)}: ${formatDateTime(x.dueAt, f.locale)}`).join(' · ')));
  const buttons = caseButtons(f, c.id, d.acts);
  if (buttons.length > 0) blocks.push(actions(buttons, 'case_actions'));
  return { text: t('show.title', { caseId: c.id }), blocks };
}

/** What the public notice says (§5.3.2): class and sanction, no explanation. */
function outcomeText(f: Fmt, o: NonNullable<CaseSeen['outcome']>): string {
  const sanction = isZeroAmount(o.amount) ? f.t('show.warning') : formatCny(o.amount, f.locale);
  return f.t('show.outcomeLine', { class: formatClass(o.finalClass, f.t), sanction });
}

/** The buttons for what the viewer may do now (the service's `acts`: relation and state); the use case still decides. */
export function caseButtons(f: Fmt, caseId: string, acts: readonly CaseAct[]): Button[] {
  const { t } = f;
  const out: Button[] = [];
  const may = (a: CaseAct) => acts.includes(a);
  if (may('send_notice')) out.push(button(t('buttons.sendNotice'), ACTIONS.noticeSend, caseId, { style: 'primary' }));
  if (may('dismiss')) out.push(button(t('buttons.dismiss'), ACTIONS.dismissOpen, caseId, { style: 'danger' }));
  if (may('determine')) out.push(button(t('buttons.determine'), ACTIONS.determineOpen, caseId, { style: 'primary' }));
  if (may('answer_objection')) out.push(button(t('buttons.answer'), ACTIONS.answerOpen, caseId, { style: 'primary' }));
  if (may('reply')) out.push(button(t('buttons.accept'), ACTIONS.replyAccept, caseId, { style: 'primary' }), button(t('buttons.dispute'), ACTIONS.replyDispute, caseId));
  if (may('object')) out.push(button(t('buttons.object'), ACTIONS.objectOpen, caseId));
  return out;
}
