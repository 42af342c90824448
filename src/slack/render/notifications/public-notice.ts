import type { KnownBlock } from '@slack/types';
import type { CaseView, DecisionView } from '../../../domain/notifications/notification.ts';
import { locales, translator, type Locale } from '../../../messages/i18n.ts';
import { context, divider, fields, header, message, section } from '../blocks.ts';
import { partnerLabel, violationLabel } from '../case-blocks.ts';
import { liftedText } from '../decision-blocks.ts';
import { formatDate, formatRestrictionKind } from '../format.ts';
import { formatClass } from '../catalog-text.ts';
import { formatCny, isZeroAmount } from '../../../messages/amount.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * 通报 (§5.3.2): every sanction is announced to all partners, naming the
 * partner, the violation, its class and the sanction. Always in both
 * languages, whatever the reader's locale: the channel is shared. Chinese
 * first, since the Chinese policy text is the binding one.
 */
export const renderPublicNotice: Renderer<'public_notice'> = (n) => {
  const both: Locale[] = ['zh-CN', ...locales.filter((l) => l !== 'zh-CN')];
  const caseId = escapeMrkdwn(n.case.caseId);
  const blocks: KnownBlock[] = [header(both.map((l) => translator(l)('notification.public_notice.title')).join(' / '))];
  both.forEach((l, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(...noticeIn(l, n.case, n.decision, n.noticeDate));
  });
  const text = both.map((l) => translator(l)('notification.public_notice.text', { partner: escapeMrkdwn(n.case.partnerName), caseId })).join(' / ');
  return message(text, blocks, both.map((l) => translator(l)('notification.common.shortened', { caseId })).join(' / '));
};

function noticeIn(locale: Locale, c: CaseView, d: DecisionView, noticeDate: string): KnownBlock[] {
  const t = translator(locale);
  const restrictions = d.restrictions.map((r) =>
    t('notification.public_notice.restriction', {
      kind: formatRestrictionKind(r.kind, t),
      until: liftedText(r.until, locale, t),
    }),
  );
  return [
    section(t('notification.public_notice.intro', { partner: partnerLabel(c), noticeDate: formatDate(noticeDate, locale) })),
    fields([
      [t('notification.common.partner'), partnerLabel(c)],
      [t('notification.common.violation'), violationLabel(c, locale)],
      [t('notification.decision.class'), formatClass(d.finalClass, t)],
      [t('notification.public_notice.sanction'), sanctionText(d, locale)],
      [t('notification.common.case'), escapeMrkdwn(c.caseId)],
    ]),
    ...(restrictions.length > 0 ? [section(`*${t('notification.decision.restrictions')}*\n${restrictions.map((r) => `• ${r}`).join('\n')}`)] : []),
    context(t('notification.public_notice.footer')),
  ];
}

/** Warning for a class-3 sanction without penalty; penalty and termination otherwise. */
function sanctionText(d: DecisionView, locale: Locale): string {
  const t = translator(locale);
  const parts: string[] = [];
  const noPenalty = isZeroAmount(d.amount);
  parts.push(noPenalty ? t('notification.public_notice.warning') : t('notification.public_notice.penalty', { amount: formatCny(d.amount, locale) }));
  if (d.terminated) parts.push(t('notification.decision.terminated'));
  return parts.join(t('notification.public_notice.and'));
}
