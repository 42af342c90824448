import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { cls, cny, type Fmt } from './format.ts';

/**
 * The engine's decision in a few lines: class after cascade, penalty, each
 * step with its rule id and the cases it counted (R-CASCADE), restrictions.
 */
export function decisionText(f: Fmt, d: DecisionView): string {
  const { t } = f;
  const lines = [
    t('decision.summary', { class: cls(f, d.finalClass), amount: cny(f, d.amount) }) + (d.terminated ? ` ${t('decision.terminated')}` : ''),
  ];
  if (d.finalClass !== d.baseClass) lines.push(t('decision.cascaded', { from: cls(f, d.baseClass), to: cls(f, d.finalClass) }));
  for (const s of d.steps.slice(0, 6)) {
    const counted = s.counted.length > 0 ? t('decision.counted', { cases: s.counted.map(escapeMrkdwn).join(', ') }) : '';
    lines.push(`• ${escapeMrkdwn(s.rule)}: ${cls(f, s.from_class)} → ${cls(f, s.to_class)}${s.amount ? ` · ${cny(f, s.amount)}` : ''}${counted ? ` · ${counted}` : ''}`);
  }
  if (d.restrictions.length > 0) {
    const until = d.restrictions[0]!.until;
    lines.push(t('decision.restrictions', { kinds: d.restrictions.map((r) => t(`restriction.${r.kind}`)).join(', '), until: until ?? t('common.untilPaid') }));
  }
  lines.push(t('decision.policy', { version: escapeMrkdwn(d.policyVersion) }));
  return lines.join('\n');
}
