import type { DecisionPart, DecisionView } from '../../domain/notifications/notification.ts';
import type { Locale, Translate } from '../i18n.ts';
import { context, fields, paragraph, type DocBlock, type Fields } from './document.ts';
import { formatClass, formatDate, formatRestrictionKind } from '../format.ts';
import { formatCny } from '../amount.ts';
import { cat, isEmpty, join, tr, user, type Inline } from '../inline.ts';

const STEPS_SHOWN = 12;
const COUNTED_SHOWN = 12;

/** Class after cascade, penalty, termination and the policy version used (R-NOTICE, R-POLICY). */
export function decisionFields(d: DecisionView, locale: Locale, t: Translate): Fields {
  return fields([
    [t('notification.decision.class'), classText(d, t)],
    [t('notification.decision.penalty'), [formatCny(d.amount, locale)]],
    [t('notification.decision.termination'), [terminationText(d, t)]],
    [t('notification.decision.policy'), [user(d.policyVersion)]],
  ]);
}

function classText(d: DecisionView, t: Translate): Inline {
  return d.baseClass === d.finalClass
    ? [formatClass(d.finalClass, t)]
    : tr(t, 'notification.decision.cascaded', { from: formatClass(d.baseClass, t), to: formatClass(d.finalClass, t) });
}

function terminationText(d: DecisionView, t: Translate): string {
  return d.terminated ? t('notification.decision.terminated') : t('notification.decision.notTerminated');
}

/** Each restriction with its first day and its end (R-RESTRICT); `until` is the first free day. */
export function restrictionsSection(restrictions: DecisionView['restrictions'], locale: Locale, t: Translate): DocBlock {
  const label = `*${t('notification.decision.restrictions')}*`;
  if (restrictions.length === 0) return paragraph([`${label}\n_${t('notification.common.none')}_`]);
  const lines = restrictions.map((r) =>
    cat('• ', tr(t, 'notification.decision.restrictionLine', {
      kind: formatRestrictionKind(r.kind, t),
      from: formatDate(r.from, locale),
      until: liftedText(r.until, locale, t),
      rule: user(r.rule),
    })),
  );
  return paragraph(cat(`${label}\n`, join(lines, '\n')));
}

/** `until` is the first day a restriction no longer applies; null = until the penalty is paid (R-LATE). */
export function liftedText(until: string | null, locale: Locale, t: Translate): string {
  return until === null ? t('notification.decision.untilPaid') : t('notification.decision.liftedOn', { date: formatDate(until, locale) });
}

/**
 * R-CASCADE: every step of the engine with its rule id, the cases it
 * counted and the amount, so the reader sees why the figure is what it is.
 */
export function explanationSection(d: DecisionView, locale: Locale, t: Translate): DocBlock {
  const label = `*${t('notification.decision.explanation')}*`;
  if (d.steps.length === 0) return paragraph([`${label}\n_${t('notification.common.none')}_`]);
  const lines = d.steps.slice(0, STEPS_SHOWN).map((s) => cat('• ', stepText(s, locale, t), '\n   _', user(s.reason, 400), '_'));
  if (d.steps.length > STEPS_SHOWN) lines.push(['…']);
  // Issue #8 item 7: the explanation names the readings of the policy it applied.
  if (d.readings && d.readings.length > 0) lines.push(cat(`_${t('notification.decision.readings')}_ `, join(d.readings.map((r) => [user(r, 200)]), ' · ')));
  return paragraph(cat(`${label}\n`, join(lines, '\n')));
}

/** One step: rule, classes, the cases it counted, its amount. */
function stepText(s: DecisionView['steps'][number], locale: Locale, t: Translate): Inline {
  return join([
    ['*', user(s.rule), '*'],
    tr(t, 'notification.decision.stepClass', { from: formatClass(s.from_class, t), to: formatClass(s.to_class, t) }),
    tr(t, 'notification.decision.stepCounted', { n: s.counted.length, cases: caseList(s.counted) }),
    [s.amount === null ? t('notification.decision.stepNoAmount') : t('notification.decision.stepAmount', { amount: formatCny(s.amount, locale) })],
  ], ' · ');
}

function caseList(ids: readonly string[]): Inline {
  const run = cat(join(ids.slice(0, COUNTED_SHOWN).map((id) => [user(id)]), ', '), ids.length > COUNTED_SHOWN ? ', …' : '');
  return isEmpty(run) ? ['–'] : run;
}

/**
 * R-DETERMINE: an approval refused because the engine now decides
 * differently shows, part by part, what was proposed beside what it decides
 * now; a changed part is marked. Dates that follow the notice day are left
 * out: only what the approver approves is compared.
 */
export function decisionComparison(proposed: DecisionView, now: DecisionView, changes: readonly DecisionPart[], locale: Locale, t: Translate): Fields[] {
  const none: Inline = [`_${t('notification.common.none')}_`];
  const orNone = (run: Inline): Inline => (run.length === 0 ? none : run);
  const rows: [label: string, parts: DecisionPart[], value: (d: DecisionView) => Inline][] = [
    [t('notification.decision.class'), ['class'], (d) => classText(d, t)],
    [t('notification.decision.penalty'), ['amount'], (d) => [formatCny(d.amount, locale)]],
    [t('notification.decision.termination'), ['termination'], (d) => [terminationText(d, t)]],
    [t('notification.decision.policy'), ['policyVersion'], (d) => [user(d.policyVersion)]],
    [t('notification.decision.cascade'), ['steps', 'consumes'], (d) => orNone(join([
      ...(d.steps ?? []).slice(0, STEPS_SHOWN).map((s) => stepText(s, locale, t)),
      ...((d.consumes ?? []).length > 0 ? [tr(t, 'notification.decision.consumes', { cases: caseList(d.consumes) })] : []),
    ], '\n'))],
    [t('notification.decision.restrictions'), ['restrictions'], (d) => orNone(join((d.restrictions ?? []).map((r) =>
      tr(t, 'notification.decision.restrictionLength', { kind: formatRestrictionKind(r.kind, t), months: r.months ?? '?', rule: user(r.rule) }),
    ), '\n'))],
  ];
  const column = (which: 'proposed' | 'now', d: DecisionView) =>
    t(`notification.determination_superseded.${which}`, { day: d.judgedOn ? formatDate(d.judgedOn, locale) : '–' });
  const pairs = rows.flatMap(([label, parts, value]): [string, Inline][] => {
    const mark = parts.some((p) => changes.includes(p)) ? ':warning: ' : '';
    return [[`${label} · ${column('proposed', proposed)}`, value(proposed)], [`${mark}${label} · ${column('now', now)}`, value(now)]];
  });
  const blocks: Fields[] = [];
  for (let i = 0; i < pairs.length; i += 10) blocks.push(fields(pairs.slice(i, i + 10)));
  return blocks;
}

/** R-DEDUCT: deposit first, then prepayments, then unpaid service fees; the rest is owed. */
export function deductionSection(d: DecisionView, locale: Locale, t: Translate): Fields {
  const x = d.deduction;
  return fields([
    [t('notification.decision.deposit'), [formatCny(x.deposit, locale)]],
    [t('notification.decision.prepayment'), [formatCny(x.prepayment, locale)]],
    [t('notification.decision.serviceFee'), [formatCny(x.service_fee, locale)]],
    [t('notification.decision.owed'), [formatCny(x.owed, locale)]],
  ]);
}

/** The engine's notes and the policy choice (R-POLICY), as small print. */
export function notesContext(d: DecisionView): DocBlock[] {
  const notes = [...d.notes, d.policyNote].filter((n) => n.trim() !== '');
  return notes.length === 0 ? [] : [context(join(notes.map((n) => [user(n, 600)]), '\n'))];
}

/** The whole decision: figures, restrictions, explanation, deduction, notes. */
export function decisionBlocks(d: DecisionView, locale: Locale, t: Translate): DocBlock[] {
  return [
    decisionFields(d, locale, t),
    restrictionsSection(d.restrictions, locale, t),
    explanationSection(d, locale, t),
    paragraph([`*${t('notification.decision.deduction')}*`]),
    deductionSection(d, locale, t),
    ...notesContext(d),
  ];
}
