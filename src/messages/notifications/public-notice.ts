import { commandArg, platformWords } from '../platform-words.ts';
import type { CaseView, DecisionView } from '../../domain/notifications/notification.ts';
import { locales, translator, type Locale } from '../i18n.ts';
import { formatCny, isZeroAmount } from '../amount.ts';
import { formatClass, formatDate, formatRestrictionKind } from '../format.ts';
import { cat, join, tr, user, type Inline } from '../inline.ts';
import { partnerLabel, violationLabel } from './case-parts.ts';
import { liftedText } from './decision-parts.ts';
import { context, divider, document, fields, paragraph, title, type DocBlock } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * 通报 (§5.3.2): every sanction is announced to all partners, naming the
 * partner, the violation, its class and the sanction. Always in both
 * languages, whatever the reader's locale: the channel is shared. Chinese
 * first, since the Chinese policy text is the binding one.
 */
export const composePublicNotice: Composer<'public_notice'> = (n) => {
  const both: Locale[] = ['zh-CN', ...locales.filter((l) => l !== 'zh-CN')];
  const caseId = user(n.case.caseId);
  const blocks: DocBlock[] = [title(both.map((l) => translator(l)('notification.public_notice.title')).join(' / '))];
  both.forEach((l, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(...noticeIn(l, n.case, n.decision, n.noticeDate));
  });
  const text = join(both.map((l) => tr(translator(l), 'notification.public_notice.text', { partner: user(n.case.partnerName), caseId })), ' / ');
  return document(text, blocks, join(both.map((l) => tr(translator(l), 'notification.common.shortened', { ...platformWords(l), caseId: commandArg(caseId) })), ' / '));
};

function noticeIn(locale: Locale, c: CaseView, d: DecisionView, noticeDate: string): DocBlock[] {
  const t = translator(locale);
  const restrictions = d.restrictions.map((r) =>
    tr(t, 'notification.public_notice.restriction', {
      kind: formatRestrictionKind(r.kind, t),
      until: liftedText(r.until, locale, t),
    }),
  );
  return [
    paragraph(tr(t, 'notification.public_notice.intro', { partner: partnerLabel(c), noticeDate: formatDate(noticeDate, locale) })),
    fields([
      [t('notification.common.partner'), partnerLabel(c)],
      [t('notification.common.violation'), violationLabel(c, locale)],
      [t('notification.decision.class'), [formatClass(d.finalClass, t)]],
      [t('notification.public_notice.sanction'), [sanctionText(d, locale)]],
      [t('notification.common.case'), [user(c.caseId)]],
    ]),
    ...(restrictions.length > 0 ? [paragraph(cat(`*${t('notification.decision.restrictions')}*\n`, join(restrictions.map((r): Inline => cat('• ', r)), '\n')))] : []),
    context(tr(t, 'notification.public_notice.footer')),
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
