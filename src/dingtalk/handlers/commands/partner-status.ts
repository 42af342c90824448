import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import { formatCny } from '../../../messages/amount.ts';
import { formatClass, formatDateTime, formatRestrictionKind, partnerLabel } from '../../../messages/format.ts';
import { cat, tr, user } from '../../../messages/inline.ts';
import { partnerStanding, type Standing } from '../../../service/rules/partner-standing.ts';
import { actorOf, rulesOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { answerPrivately } from '../reply.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { caseRef, itemLabelOn } from '../../render/words.ts';

/** `伙伴 状态 P001`/`partner status P001`: standing for staff and the partner's own contacts (who may see it is the service's). */
export async function partnerStatusCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt, partnerId: string): Promise<void> {
  await answerPrivately(deps, userId, f, { command: 'partner-status', userId, partnerId }, async () => {
    const s = await partnerStanding(rulesOf(deps), { partnerId, viewer: actorOf(userId) });
    return { title: f.t('standing.title', { partner: `${s.partner.name} (${s.partner.id})` }), markdown: standingMarkdown(f, deps.cases.policies, s) };
  });
}

export function standingMarkdown(f: Fmt, policies: readonly PolicyVersion[], s: Standing): string {
  const { t, locale } = f;
  const p = s.partner;
  const out: string[] = [
    `#### ${toMarkdown(tr(t, 'standing.title', { partner: partnerLabel(p.name, p.id) }))}`,
    toMarkdown(tr(t, 'standing.asOf', { on: s.on, status: t(`standing.status.${p.status}`), version: user(s.policyVersion) })),
  ];
  const valid = ([1, 2, 3] as const).flatMap((c) => s.valid[c].map((v) => ({ c, v })));
  const validLines = valid.slice(0, 15).map(({ c, v }) =>
    toMarkdown(
      cat(
        '- ',
        tr(t, 'standing.validLine', {
          class: formatClass(c, t),
          caseId: caseRef(v.caseId),
          item: v.itemId ? itemLabelOn(policies, v.itemId, v.noticeDate, locale) : '—',
          date: v.noticeDate,
          until: v.lastValidDay ?? t('standing.notYetAnnounced', { months: v.validityMonths }),
          amount: formatCny(v.amount, locale),
        }),
      ),
    ),
  );
  out.push(`**${t('standing.valid')}**\n\n${validLines.length > 0 ? validLines.join('\n') : t('standing.noneValid')}`);
  const next = ([1, 2, 3] as const).map((c) => {
    const n = s.next[c];
    // R-P3: a class-3 sanction is a warning, not a zero penalty.
    const what = n.amount.isZero() ? tr(t, 'standing.nextWarning', { final: formatClass(n.finalClass, t) }) : tr(t, 'standing.nextLine', { final: formatClass(n.finalClass, t), amount: formatCny(n.amount, locale) });
    return `**${toMarkdown(tr(t, 'standing.nextOf', { class: formatClass(c, t) }))}**: ${toMarkdown(what)}`;
  });
  out.push(next.join('  \n'));
  const restrictions = s.restrictions.map((r) => toMarkdown(cat('- ', formatRestrictionKind(r.kind, t), ' · ', r.until ? t('standing.until', { date: r.until }) : t('common.untilPaid'))));
  out.push(`**${t('standing.restrictions')}**\n\n${restrictions.length > 0 ? restrictions.join('\n') : t('standing.noRestrictions')}`);
  // R-SUSPEND: the suspension shows case by case, with since when.
  const suspended = s.suspensions.slice(0, 10).map((x) => toMarkdown(cat('- ', tr(t, 'standing.suspendedLine', { caseId: caseRef(x.caseId), since: formatDateTime(x.since, locale) }))));
  out.push(`**${toMarkdown(t('standing.incentives'))}**\n\n${suspended.length > 0 ? suspended.join('\n') : t('standing.notSuspended')}`);
  const owed = s.owed.slice(0, 10).map((o) => toMarkdown(cat('- ', tr(t, 'standing.owedLine', { caseId: caseRef(o.caseId), amount: formatCny(o.outstanding, locale), due: o.dueDate, fee: formatCny(o.lateFee, locale) }))));
  out.push(`**${t('standing.owed')}**  \n${toMarkdown(tr(t, 'standing.owedTotal', { amount: formatCny(s.totalOwed, locale), fees: formatCny(s.totalLateFees, locale) }))}${owed.length > 0 ? `\n\n${owed.join('\n')}` : ''}`);
  out.push(toMarkdown(tr(t, 'standing.balances', { deposit: formatCny(s.balances.deposit, locale), prepayment: formatCny(s.balances.prepayment, locale), unpaid: formatCny(s.balances.serviceFeeUnpaid, locale) })));
  return out.join('\n\n');
}
