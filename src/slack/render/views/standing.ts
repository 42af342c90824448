import { formatAmount } from '../../../domain/money.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import type { Standing } from '../../../service/rules/partner-standing.ts';
import { context, fields, header, section, type Block, type PrivateReply } from './blocks.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { cls, cny, itemLine, partnerText, when, type Fmt } from './format.ts';

/** The standing as blocks, for `/partner status` and a partner contact's Home tab. */
export function standingBlocks(f: Fmt, policies: readonly PolicyVersion[], s: Standing, opts: { withHeader: boolean } = { withHeader: true }): Block[] {
  const { t } = f;
  const p = s.partner;
  const blocks: Block[] = [];
  if (opts.withHeader) blocks.push(header(t('standing.title', { partner: `${p.name} (${p.id})` })));
  blocks.push(context(t('standing.asOf', { on: s.on, status: t(`standing.status.${p.status}`), version: s.policyVersion })));

  const valid = ([1, 2, 3] as const).flatMap((c) => s.valid[c].map((v) => ({ c, v })));
  const validLines = valid.slice(0, 15).map(({ c, v }) =>
    t('standing.validLine', { class: cls(f, c), caseId: v.caseId, item: v.itemId ? itemLine(f, policies, v.itemId, v.noticeDate) : '—', date: v.noticeDate, until: v.validUntil, amount: cny(f, formatAmount(v.amount)) }),
  );
  if (valid.length > 15) validLines.push(t('common.more', { count: valid.length - 15 }));
  blocks.push(section(`*${t('standing.valid')}*\n${validLines.length > 0 ? validLines.map((l) => `• ${l}`).join('\n') : t('standing.noneValid')}`));

  blocks.push(
    fields(
      ([1, 2, 3] as const).map((c) => {
        const n = s.next[c];
        // R-P3: a class-3 sanction is a warning, not a zero penalty.
        const line = n.amount.isZero() ? t('standing.nextWarning', { final: cls(f, n.finalClass) }) : t('standing.nextLine', { final: cls(f, n.finalClass), amount: cny(f, formatAmount(n.amount)) });
        return `*${t('standing.nextOf', { class: cls(f, c) })}*\n${line}`;
      }),
    ),
  );
  const restrictionLines = s.restrictions.map((r) => `• ${t(`restriction.${r.kind}`)} · ${r.until ? t('standing.until', { date: r.until }) : t('common.untilPaid')}`);
  blocks.push(section(`*${t('standing.restrictions')}*\n${restrictionLines.length > 0 ? restrictionLines.join('\n') : t('standing.noRestrictions')}`));
  // R-SUSPEND: the suspension shows in the partner's standing, case by case, with since when.
  const suspendedLines = s.suspensions.slice(0, 10).map((x) => `• ${t('standing.suspendedLine', { caseId: escapeMrkdwn(x.caseId), since: when(f, x.since) })}`);
  if (s.suspensions.length > 10) suspendedLines.push(t('common.more', { count: s.suspensions.length - 10 }));
  blocks.push(section(`*${t('standing.incentives')}*\n${suspendedLines.length > 0 ? suspendedLines.join('\n') : t('standing.notSuspended')}`));

  const owedLines = s.owed.slice(0, 10).map((o) => `• ${t('standing.owedLine', { caseId: o.caseId, amount: cny(f, formatAmount(o.outstanding)), due: o.dueDate, fee: cny(f, formatAmount(o.lateFee)) })}`);
  const owedHead = t('standing.owedTotal', { amount: cny(f, formatAmount(s.totalOwed)), fees: cny(f, formatAmount(s.totalLateFees)) });
  blocks.push(section(`*${t('standing.owed')}*\n${owedHead}${owedLines.length > 0 ? `\n${owedLines.join('\n')}` : ''}`));
  blocks.push(
    context(
      t('standing.balances', {
        deposit: cny(f, formatAmount(s.balances.deposit)),
        prepayment: cny(f, formatAmount(s.balances.prepayment)),
        unpaid: cny(f, formatAmount(s.balances.serviceFeeUnpaid)),
      }),
    ),
  );
  return blocks;
}

/** `/partner status PARTNER`: valid sanctions, the next one's cost, restrictions with end dates, what is owed. */
export function standingReply(f: Fmt, policies: readonly PolicyVersion[], s: Standing): PrivateReply {
  return { text: f.t('standing.title', { partner: partnerText(s.partner.name, s.partner.id) }), blocks: standingBlocks(f, policies, s) };
}
