import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { caseDetail, type CaseDetail } from '../../../service/cases/case-queries.ts';
import { decisionBlocks } from '../../../messages/notifications/decision-parts.ts';
import { formatActor, formatClass, formatDateTime, partnerLabel } from '../../../messages/format.ts';
import { cat, tr, user, type Inline } from '../../../messages/inline.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { answerPrivately } from '../reply.ts';
import { blocksMarkdown } from '../../render/document-markdown.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { caseRef, itemLabelOn } from '../../render/words.ts';

/**
 * `违规 查看 V-…`/`violation show V-…`: what this person may see of the case
 * (R-CONFIDENTIAL: the service has cut it, e.g. a reporting partner never
 * gets the defence); the view shows what it is given. A case they may not
 * know of does not exist for them.
 */
export async function showCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt, caseId: string): Promise<void> {
  await answerPrivately(deps, userId, f, { command: 'show', userId, caseId }, async () => {
    const access = await loadAccess(deps.cases.db, actorOf(userId));
    const detail = await caseDetail(deps.cases.db, access, caseId);
    return { title: f.t('show.title', { caseId: detail.case.id }), markdown: caseMarkdown(f, deps.cases.policies, detail) };
  });
}

export function caseMarkdown(f: Fmt, policies: readonly PolicyVersion[], d: CaseDetail): string {
  const { t, locale } = f;
  const c = d.case;
  const line = (label: string, value: Inline) => `**${toMarkdown(label)}**: ${toMarkdown(value)}`;
  const head: string[] = [
    line(t('common.partner'), partnerLabel(d.partnerName, c.partnerId)),
    line(t('common.state'), [t(`state.${c.state}`)]),
    line(t('common.item'), itemLabelOn(policies, c.itemId, c.occurredOn, locale)),
    line(t('common.occurredOn'), [c.occurredOn]),
  ];
  if (c.reportedBy !== null) head.push(line(t('show.reportedBy'), cat(formatActor(c.reportedBy, t), ' · ', formatDateTime(c.createdAt, locale))));
  if (c.suspended !== null) head.push(line(t('show.suspended'), [c.suspended ? t('common.yes') : t('common.no')]));
  if (c.replyDueAt && c.state === 'awaiting_reply') head.push(toMarkdown(tr(t, 'list.replyDue', { due: formatDateTime(c.replyDueAt, locale) })));
  if (c.objectionDueAt && c.state === 'awaiting_objection') head.push(toMarkdown(tr(t, 'list.objectionDue', { due: formatDateTime(c.objectionDueAt, locale) })));
  const out: string[] = [`#### ${toMarkdown(tr(t, 'show.title', { caseId: caseRef(c.id) }))}`, head.join('  \n')];
  if (c.facts !== null) out.push(`**${t('common.facts')}**  \n${toMarkdown([user(c.facts, 2500)])}`);
  if (c.screening) out.push(`**${t('show.screening')}**  \n${toMarkdown(tr(t, `show.screened.${c.screening.outcome}`, { reason: user(c.screening.reason ?? '', 2500) }))}`);
  if (d.evidence.length > 0) {
    const lines = d.evidence.slice(0, 20).map((e) =>
      toMarkdown(cat('- ', e.kind === 'link' ? [user(e.ref, 300)] : tr(t, 'common.file', { id: user(e.ref, 40) }), ' · ', t(`show.purpose.${e.purpose}`), e.addedBy === null ? [] : cat(' · ', formatActor(e.addedBy, t)))),
    );
    out.push(`**${t('common.evidence')}**\n\n${lines.join('\n')}`);
  }
  if (d.replies.length > 0) {
    const lines = d.replies.slice(-5).map((r) => toMarkdown(cat('- ', t(`show.reply.${r.kind}`), ' · ', formatActor(r.by ?? 'system', t), ' · ', formatDateTime(r.at, locale), r.text ? cat(': ', user(r.text, 400)) : [])));
    out.push(`**${t('show.replies')}**\n\n${lines.join('\n')}`);
  }
  for (const det of d.determinations.slice(-3)) {
    const headLine = tr(t, 'show.determination', { id: det.id, purpose: t(`show.purposeOf.${det.purpose}`), by: formatActor(det.proposedBy ?? 'system', t), at: formatDateTime(det.proposedAt, locale) });
    const status = det.status === 'proposed' ? [t('show.status.proposed')] : cat(t(`show.status.${det.status}`), ' · ', formatActor(det.decidedBy ?? 'system', t), ' · ', formatDateTime(det.decidedAt, locale));
    out.push(`**${toMarkdown(headLine)}**  \n${toMarkdown(status)}  \n${toMarkdown(tr(t, 'show.established', { value: det.established ? t('common.yes') : t('common.no') }))}  \n${toMarkdown([user(det.reasons, 600)])}`);
  }
  for (const o of d.objections.slice(-2)) {
    out.push(`**${toMarkdown(tr(t, 'show.objection', { by: formatActor(o.by ?? 'system', t), at: formatDateTime(o.at, locale) }))}**  \n${toMarkdown([user(o.grounds, 800)])}`);
  }
  if (c.decision) out.push(`**${t('show.decision')}**\n\n${blocksMarkdown(decisionBlocks(c.decision as DecisionView, locale, t))}`);
  else if (c.outcome) {
    const sanction = isZeroAmount(c.outcome.amount) ? t('show.warning') : formatCny(c.outcome.amount, locale);
    out.push(`**${t('show.outcome')}**  \n${toMarkdown(tr(t, 'show.outcomeLine', { class: formatClass(c.outcome.finalClass, t), sanction }))}`);
  } else if (c.state === 'dismissed' && c.screening?.outcome === 'taken_up') out.push(`**${t('show.outcome')}**  \n${t('show.notEstablished')}`);
  return out.join('\n\n');
}
