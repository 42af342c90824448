import type { Deduction } from '../../domain/collection/deduction.ts';
import { formatAmount } from '../../domain/money.ts';
import type { Restriction } from '../../domain/restrictions/restriction.ts';
import type { SanctionStep } from '../../domain/sanctions/judge-sanction.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import type { Judgement } from './judge-for-partner.ts';

/** The wire form of a decision's parts: snake_case, amounts as 2-decimal strings. */
export function stepsToJson(steps: SanctionStep[]) {
  return steps.map((s) => ({
    rule: s.rule,
    from_class: s.fromClass,
    to_class: s.toClass,
    counted: s.counted,
    amount: s.amount === null ? null : formatAmount(s.amount),
    reason: s.reason,
  }));
}

export function restrictionsToJson(list: Restriction[]) {
  return list.map((r) => ({ kind: r.kind, from: r.from, until: r.until, rule: r.rule, ...(r.caseId !== undefined ? { case_id: r.caseId } : {}) }));
}

export function deductionToJson(d: Deduction) {
  return { deposit: formatAmount(d.deposit), prepayment: formatAmount(d.prepayment), service_fee: formatAmount(d.serviceFee), owed: formatAmount(d.owed) };
}

/** The decision as messages, proposals and the case record carry it (a DecisionView). */
export function decisionView(j: Judgement): DecisionView {
  const d = j.decision;
  const months = j.policy.params.restrictionMonths[d.finalClass];
  return {
    baseClass: d.baseClass,
    finalClass: d.finalClass,
    amount: formatAmount(d.amount),
    terminated: d.terminated,
    policyVersion: d.policyVersion,
    policyNote: j.policyNote,
    steps: stepsToJson(d.steps),
    consumes: d.consumes,
    restrictions: restrictionsToJson(d.restrictions).map((r) => ({ ...r, months })),
    deduction: deductionToJson(j.deduction),
    notes: d.notes,
    readings: d.readings,
    judgedOn: j.on,
  };
}
