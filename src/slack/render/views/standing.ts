import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { Standing } from '../../../service/rules/partner-standing.ts';
import { context, fields, header, section, type Block, type PrivateReply } from './blocks.ts';
import { formatCny } from '../../../messages/amount.ts';
import { formatClass, itemLabelOn } from '../catalog-text.ts';
import { formatRestrictionKind } from '../format.ts';
import type { Fmt } from './format.ts';
import { formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { partnerText } from '../partner-text.ts';

/** The standing as blocks, for `/partner status` and a partner contact's Home tab. */
export function standingBlocks(f: Fmt, policies: readonly PolicyVersion[], s: Standing, opts: { withHeader: boolean } = { withHeader: true }): Block[] {
  const { t } = f;
  const p = s.partner;
  const blocks: Block[] = [];
  if (opts.withHeader) blocks.push(header(t('standing.title', { partner: `${p.name} (${p.id})` })));
  blocks.push(context(t('standing.asOf', { on: s.on, status: t(`standing.status.${p.status}`), version: escapeMrkdwn(s.policyVersion) })));

  const valid = ([1, 2, 3] as const).flatMap((c) => s.valid[c].map((v) => ({ c, v })));
  const validLines = valid.slice(0, 15).map(({ c, v }) =>
    t('standing.validLine', { class: formatClass(c, t), caseId: v.caseId, item: v.itemId ? itemLabelOn(policies, v.itemId, v.noticeDate, f.locale) : '—', date: v.noticeDate, until: v.lastValidDay ?? t('standing.notYetAnnounced', { months: v.validityMonths }), amount: formatCny(v.amount, f.locale) }),
  );
  if (valid.length > 15) validLines.push(t('common.more', { count: valid.length - 15 }));
  blocks.push(section(`*${t('standing.valid')}*\n${validLines.length > 0 ? validLines.map((l) => `• ${l}`).join('\n') : t('standing.noneValid')}`));

  blocks.push(
    fields(
      ([1, 2, 3] as const).map((c) => {
        const n = s.next[c];
        // R-P3: a class-3 sanction is a warning, not a zero penalty.
        const line = n.amount.isZero() ? t('standing.nextWarning', { final: formatClass(n.finalClass, t) }) : t('standing.nextLine', { final: formatClass(n.finalClass, t), amount: formatCny(n.amount, f.locale) });
        return [t('standing.nextOf', { class: formatClass(c, t) }), line] as const;
      }),
    ),
  );
  const restrictionLines = s.restrictions.map((r) => `• ${formatRestrictionKind(r.kind, t)} · ${r.until ? t('standing.until', { date: r.until }) : t('common.untilPaid')}`);
  blocks.push(section(`*${t('standing.restrictions')}*\n${restrictionLines.length > 0 ? restrictionLines.join('\n') : t('standing.noRestrictions')}`));
  // R-SUSPEND: the suspension shows in the partner's standing, case by case, with since when.
  const suspendedLines = s.suspensions.slice(0, 10).map((x) => `• ${t('standing.suspendedLine', { caseId: escapeMrkdwn(x.caseId), since: formatDateTime(x.since, f.locale) })}`);
  if (s.suspensions.length > 10) suspendedLines.push(t('common.more', { count: s.suspensions.length - 10 }));
  blocks.push(section(`*${t('standing.incentives')}*\n${suspendedLines.length > 0 ? suspendedLines.join('\n') : t('standing.notSuspended')}`));

  const owedLines = s.owed.slice(0, 10).map((o) => `• ${t('standing.owedLine', { caseId: o.caseId, amount: formatCny(o.outstanding, f.locale), due: o.dueDate, fee: formatCny(o.lateFee, f.locale) })}`);
  const owedHead = t('standing.owedTotal', { amount: formatCny(s.totalOwed, f.locale), fees: formatCny(s.totalLateFees, f.locale) });
  blocks.push(section(`*${t('standing.owed')}*\n${owedHead}${owedLines.length > 0 ? `\n${owedLines.join('\n')}` : ''}`));
  blocks.push(
    context(
      t('standing.balances', {
        deposit: formatCny(s.balances.deposit, f.locale),
        prepayment: formatCny(s.balances.prepayment, f.locale),
        unpaid: formatCny(s.balances.serviceFeeUnpaid, f.locale),
      }),
    ),
  );
  return blocks;
}

/** `/partner status PARTNER`: valid sanctions, the next one's cost, restrictions with end dates, what is owed. */
export function standingReply(f: Fmt, policies: readonly PolicyVersion[], s: Standing): PrivateReply {
  return { text: f.t('standing.title', { partner: partnerText(s.partner.name, s.partner.id) }), blocks: standingBlocks(f, policies, s) };
}
