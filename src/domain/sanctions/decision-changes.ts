import type { DecisionPart, DecisionView } from '../notifications/notification.ts';

/**
 * R-DETERMINE: what is approved is issued. The parts of a decision the
 * approver approves: policy version, class, cascade steps (rule, classes,
 * counted cases, amount), consumed sanctions, amount, termination, and the
 * restrictions' kinds, lengths and rules. Restriction dates, the day judged
 * on, reasons' wording (which embeds that day), notes and the deduction
 * preview follow from the notice day and are not compared. A part missing
 * from a stored decision (written before it was kept) counts as changed.
 */
export function decisionChanges(approved: DecisionView, now: DecisionView): DecisionPart[] {
  const changed: DecisionPart[] = [];
  if (approved.policyVersion !== now.policyVersion) changed.push('policyVersion');
  if (approved.baseClass !== now.baseClass || approved.finalClass !== now.finalClass) changed.push('class');
  if (approved.amount !== now.amount) changed.push('amount');
  if (!same(stepsOf(approved), stepsOf(now))) changed.push('steps');
  if (!same(approved.consumes ?? null, now.consumes)) changed.push('consumes');
  if (approved.terminated !== now.terminated) changed.push('termination');
  if (!same(restrictionsOf(approved), restrictionsOf(now))) changed.push('restrictions');
  return changed;
}

function stepsOf(d: DecisionView) {
  return (d.steps ?? []).map((s) => [s.rule, s.from_class, s.to_class, s.counted, s.amount]);
}

function restrictionsOf(d: DecisionView) {
  return (d.restrictions ?? [])
    .map((r) => [r.kind, r.months ?? null, r.rule] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
