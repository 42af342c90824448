import type { CatalogItem, ViolationClass } from '../catalog/catalog-item.ts';
import { fiscalYearOf, type LocalDate } from '../dates.ts';
import { formatAmount, maxMoney, money, toCents, ZERO, type Money } from '../money.ts';
import type { PolicyVersion } from '../policy/policy-version.ts';
import { readingLabel } from '../policy/readings.ts';
import { sanctionRestrictions, type Restriction } from '../restrictions/restriction.ts';
import type { LedgerSummary } from './ledger-summary.ts';
import { validSanctions, type PastSanction } from './sanction-history.ts';

export type RuleId = 'R-P1' | 'R-P2' | 'R-P3' | 'R-CASCADE' | 'R-POLICY';

/** One step of the decision, so the approver sees why the figure is what it is (R-CASCADE). */
export interface SanctionStep {
  rule: RuleId;
  fromClass: ViolationClass;
  toClass: ViolationClass;
  /** Case ids of the sanctions this step counted, the new case last. */
  counted: string[];
  /** The penalty this step sets, or null when it only moves the class. */
  amount: Money | null;
  reason: string;
}

export interface NewViolation {
  caseId: string;
  item: CatalogItem;
  /** The processing-notice day: windows and restrictions count from it. */
  noticeDate: LocalDate;
  /** R-P1 reading: the fiscal year of this day is "the current fiscal year". */
  determinationDate: LocalDate;
  /** The determiner's choice for class 1 (R-P1); meaningless for classes 2 and 3. */
  terminate: boolean;
}

export interface SanctionDecision {
  policyVersion: string;
  baseClass: ViolationClass;
  finalClass: ViolationClass;
  amount: Money;
  terminated: boolean;
  steps: SanctionStep[];
  /** Earlier sanctions this one consumes by cascading (R-P2/R-P3 reading). */
  consumes: string[];
  restrictions: Restriction[];
  /** Notes that are not steps: an ignored termination request, the policy choice. */
  notes: string[];
  /** The policy version's readings this decision applied, named (RULES.md "Reading" lines). */
  readings: string[];
}

/**
 * The rules engine: (policy version, partner history, ledger, new violation) →
 * decision. Pure: everything it needs is in its arguments.
 */
export function judgeSanction(
  policy: PolicyVersion,
  history: readonly PastSanction[],
  ledger: LedgerSummary,
  violation: NewViolation,
): SanctionDecision {
  const p = policy.params;
  const { caseId, noticeDate } = violation;
  const steps: SanctionStep[] = [];
  const consumes: string[] = [];
  const notes: string[] = [];
  const r = p.readings;
  // R-PERIOD counts the restrictions every decision carries.
  const readings = [readingLabel(r, 'period')];
  let cls: ViolationClass = violation.item.class;
  let amount: Money = ZERO;

  if (cls === 2 || cls === 3) readings.push(readingLabel(r, 'validityWindow'), readingLabel(r, 'cascadeConsumes'));
  // R-P2/R-P3 reading: what produced a cascade stays on the record; consumed, it no longer counts.
  const consume = (used: string[]): void => {
    if (r.cascadeConsumes) consumes.push(...used);
  };
  const consumedNote = r.cascadeConsumes ? '; they are consumed' : '; they keep counting (cascadeConsumes=false)';

  if (cls === 3) {
    const valid = validSanctions(history, 3, noticeDate, p.class3.validityMonths, r);
    const count = valid.length + 1;
    if (count >= p.class3.cascadeAtCount) {
      const used = valid.slice(0, p.class3.cascadeAtCount - 1).map((s) => s.caseId);
      consume(used);
      steps.push({
        rule: 'R-P3', fromClass: 3, toClass: 2, counted: [...used, caseId], amount: null,
        reason: `${p.class3.cascadeAtCount} valid class-3 sanctions within ${p.class3.validityMonths} months count as one class 2 (R-CASCADE)${consumedNote}`,
      });
      cls = 2;
    } else {
      steps.push({
        rule: 'R-P3', fromClass: 3, toClass: 3, counted: [...valid.map((s) => s.caseId), caseId], amount: ZERO,
        reason: `a warning: class-3 sanction ${count} of ${p.class3.cascadeAtCount} within ${p.class3.validityMonths} months`,
      });
    }
  }

  if (cls === 2) {
    const valid = validSanctions(history, 2, noticeDate, p.class2.validityMonths, r);
    const rank = valid.length + 1;
    if (rank >= p.class2.cascadeAtRank) {
      const used = valid.slice(0, p.class2.cascadeAtRank - 1).map((s) => s.caseId);
      consume(used);
      steps.push({
        rule: 'R-P2', fromClass: 2, toClass: 1, counted: [...used, caseId], amount: null,
        reason: `the ${ordinal(p.class2.cascadeAtRank)} valid class-2 sanction within ${p.class2.validityMonths} months counts as one class 1 (R-CASCADE)${consumedNote}`,
      });
      cls = 1;
    } else {
      amount = money(p.class2.penaltiesByRank[rank - 1]!);
      steps.push({
        rule: 'R-P2', fromClass: 2, toClass: 2, counted: [...valid.map((s) => s.caseId), caseId], amount,
        reason: `the ${ordinal(rank)} valid class-2 sanction within ${p.class2.validityMonths} months: CNY ${formatAmount(amount)}`,
      });
    }
  }

  if (cls === 1) {
    readings.push(readingLabel(r, 'class1FiscalYear'));
    const fy = fiscalYearOf(violation.determinationDate);
    const share = toCents(ledger.serviceFeesPaidThisFiscalYear.times(p.class1.serviceFeeRate));
    amount = maxMoney(money(p.class1.minimumPenalty), share);
    steps.push({
      rule: 'R-P1', fromClass: 1, toClass: 1, counted: [caseId], amount,
      reason:
        `max(CNY ${formatAmount(money(p.class1.minimumPenalty))}, ${percent(p.class1.serviceFeeRate)} × CNY ` +
        `${formatAmount(ledger.serviceFeesPaidThisFiscalYear)} service fees paid in ${fy.name} ` +
        `${fy.start}…${violation.determinationDate} = CNY ${formatAmount(share)})`,
    });
  }

  const terminated = cls === 1 && violation.terminate;
  if (violation.terminate && cls !== 1) {
    notes.push(`R-P1: termination is decided only for class 1; this sanction is class ${cls}, so the request is ignored`);
  }

  return {
    policyVersion: policy.id,
    baseClass: violation.item.class,
    finalClass: cls,
    amount,
    terminated,
    steps,
    consumes,
    restrictions: sanctionRestrictions(cls, terminated, noticeDate, p),
    notes,
    readings,
  };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function percent(rate: string): string {
  return `${money(rate).times(100).toString()}%`;
}
