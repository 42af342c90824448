import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { formatCny } from '../../../messages/amount.ts';
import { formatClass } from '../catalog-text.ts';
import { formatRestrictionKind } from '../format.ts';
import type { Fmt } from './format.ts';

/**
 * The engine's decision in a few lines: class after cascade, penalty, each
 * step with its rule id and the cases it counted (R-CASCADE), restrictions.
 */
export function decisionText(f: Fmt, d: DecisionView): string {
  const { t } = f;
  const lines = [
    t('decision.summary', { class: formatClass(d.finalClass, t), amount: formatCny(d.amount, f.locale) }) + (d.terminated ? ` ${t('decision.terminated')}` : ''),
  ];
  if (d.finalClass !== d.baseClass) lines.push(t('decision.cascaded', { from: formatClass(d.baseClass, t), to: formatClass(d.finalClass, t) }));
  for (const s of d.steps.slice(0, 6)) {
    const counted = s.counted.length > 0 ? t('decision.counted', { cases: s.counted.map(escapeMrkdwn).join(', ') }) : '';
    lines.push(`• ${escapeMrkdwn(s.rule)}: ${formatClass(s.from_class, t)} → ${formatClass(s.to_class, t)}${s.amount ? ` · ${formatCny(s.amount, f.locale)}` : ''}${counted ? ` · ${counted}` : ''}`);
  }
  if (d.restrictions.length > 0) {
    const until = d.restrictions[0]!.until;
    lines.push(t('decision.restrictions', { kinds: d.restrictions.map((r) => formatRestrictionKind(r.kind, t)).join(', '), until: until ?? t('common.untilPaid') }));
  }
  lines.push(t('decision.policy', { version: escapeMrkdwn(d.policyVersion) }));
  return lines.join('\n');
}
