import type { DecisionView } from '../../domain/notifications/notification.ts';
import { formatCny } from '../../messages/amount.ts';
import { formatClass, formatRestrictionKind } from '../../messages/format.ts';
import { cat, join, tr, user, type Inline } from '../../messages/inline.ts';
import type { Locale, Translate } from '../../messages/i18n.ts';

const STEPS_SHOWN = 6;

/**
 * The engine's decision in a few lines, as Slack's determination and
 * objection-answer modals show it (src/slack/render/views/decision.ts) and
 * from the same `decision.*` texts: class after cascade, penalty, each step
 * with its rule id and the cases it counted (R-CASCADE), restrictions, the
 * policy version (R-POLICY). Rule ids and case ids come from the engine's
 * stored JSON, so they are user parts (escaped by the renderer).
 */
export function decisionLines(d: DecisionView, t: Translate, locale: Locale): Inline {
  const lines: Inline[] = [
    cat(tr(t, 'decision.summary', { class: formatClass(d.finalClass, t), amount: formatCny(d.amount, locale) }), d.terminated ? ` ${t('decision.terminated')}` : ''),
  ];
  if (d.finalClass !== d.baseClass) lines.push(tr(t, 'decision.cascaded', { from: formatClass(d.baseClass, t), to: formatClass(d.finalClass, t) }));
  for (const s of d.steps.slice(0, STEPS_SHOWN)) {
    const counted = s.counted.length > 0 ? cat(' · ', tr(t, 'decision.counted', { cases: join(s.counted.map((c) => [user(c)]), ', ') })) : [];
    lines.push(cat('• ', user(s.rule), ': ', formatClass(s.from_class, t), ' → ', formatClass(s.to_class, t), s.amount ? ` · ${formatCny(s.amount, locale)}` : '', counted));
  }
  if (d.restrictions.length > 0) {
    const until = d.restrictions[0]!.until;
    lines.push(tr(t, 'decision.restrictions', { kinds: join(d.restrictions.map((r) => [formatRestrictionKind(r.kind, t)]), ', '), until: until ?? t('common.untilPaid') }));
  }
  lines.push(tr(t, 'decision.policy', { version: user(d.policyVersion) }));
  return join(lines, '\n');
}
