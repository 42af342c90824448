import type { KnownBlock } from '@slack/types';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import type { Locale, Translate } from '../i18n/i18n.ts';
import { context, fields, section } from './blocks.ts';
import { formatDate, formatRestrictionKind } from './format.ts';
import { formatClass } from './catalog-text.ts';
import { formatCny } from './amount.ts';
import { escapeAndClip, escapeMrkdwn } from './mrkdwn.ts';

const STEPS_SHOWN = 12;
const COUNTED_SHOWN = 12;

/** Class after cascade, penalty, termination and the policy version used (R-NOTICE, R-POLICY). */
export function decisionFields(d: DecisionView, locale: Locale, t: Translate): KnownBlock {
  const cls = d.baseClass === d.finalClass
    ? formatClass(d.finalClass, t)
    : t('notification.decision.cascaded', { from: formatClass(d.baseClass, t), to: formatClass(d.finalClass, t) });
  return fields([
    [t('notification.decision.class'), cls],
    [t('notification.decision.penalty'), formatCny(d.amount, locale)],
    [t('notification.decision.termination'), d.terminated ? t('notification.decision.terminated') : t('notification.decision.notTerminated')],
    [t('notification.decision.policy'), escapeMrkdwn(d.policyVersion)],
  ]);
}

/** Each restriction with its first day and its end (R-RESTRICT); `until` is the first free day. */
export function restrictionsSection(restrictions: DecisionView['restrictions'], locale: Locale, t: Translate): KnownBlock {
  const label = `*${t('notification.decision.restrictions')}*`;
  if (restrictions.length === 0) return section(`${label}\n_${t('notification.common.none')}_`);
  const lines = restrictions.map((r) =>
    `• ${t('notification.decision.restrictionLine', {
      kind: formatRestrictionKind(r.kind, t),
      from: formatDate(r.from, locale),
      until: liftedText(r.until, locale, t),
      rule: escapeMrkdwn(r.rule),
    })}`,
  );
  return section(`${label}\n${lines.join('\n')}`);
}

/** `until` is the first day a restriction no longer applies; null = until the penalty is paid (R-LATE). */
export function liftedText(until: string | null, locale: Locale, t: Translate): string {
  return until === null ? t('notification.decision.untilPaid') : t('notification.decision.liftedOn', { date: formatDate(until, locale) });
}

/**
 * R-CASCADE: every step of the engine with its rule id, the cases it
 * counted and the amount, so the reader sees why the figure is what it is.
 */
export function explanationSection(d: DecisionView, locale: Locale, t: Translate): KnownBlock {
  const label = `*${t('notification.decision.explanation')}*`;
  if (d.steps.length === 0) return section(`${label}\n_${t('notification.common.none')}_`);
  const lines = d.steps.slice(0, STEPS_SHOWN).map((s) => {
    const counted = s.counted.slice(0, COUNTED_SHOWN).map(escapeMrkdwn).join(', ') + (s.counted.length > COUNTED_SHOWN ? ', …' : '');
    const parts = [
      `*${escapeMrkdwn(s.rule)}*`,
      t('notification.decision.stepClass', { from: formatClass(s.from_class, t), to: formatClass(s.to_class, t) }),
      t('notification.decision.stepCounted', { n: s.counted.length, cases: counted || '–' }),
      s.amount === null ? t('notification.decision.stepNoAmount') : t('notification.decision.stepAmount', { amount: formatCny(s.amount, locale) }),
    ];
    return `• ${parts.join(' · ')}\n   _${escapeAndClip(s.reason, 400)}_`;
  });
  if (d.steps.length > STEPS_SHOWN) lines.push('…');
  return section(`${label}\n${lines.join('\n')}`);
}

/** R-DEDUCT: deposit first, then prepayments, then unpaid service fees; the rest is owed. */
export function deductionSection(d: DecisionView, locale: Locale, t: Translate): KnownBlock {
  const x = d.deduction;
  return fields([
    [t('notification.decision.deposit'), formatCny(x.deposit, locale)],
    [t('notification.decision.prepayment'), formatCny(x.prepayment, locale)],
    [t('notification.decision.serviceFee'), formatCny(x.service_fee, locale)],
    [t('notification.decision.owed'), formatCny(x.owed, locale)],
  ]);
}

/** The engine's notes and the policy choice (R-POLICY), as small print. */
export function notesContext(d: DecisionView): KnownBlock[] {
  const notes = [...d.notes, d.policyNote].filter((n) => n.trim() !== '');
  return notes.length === 0 ? [] : [context(notes.map((n) => escapeAndClip(n, 600)).join('\n'))];
}

/** The whole decision: figures, restrictions, explanation, deduction, notes. */
export function decisionBlocks(d: DecisionView, locale: Locale, t: Translate): KnownBlock[] {
  return [
    decisionFields(d, locale, t),
    restrictionsSection(d.restrictions, locale, t),
    explanationSection(d, locale, t),
    section(`*${t('notification.decision.deduction')}*`),
    deductionSection(d, locale, t),
    ...notesContext(d),
  ];
}
