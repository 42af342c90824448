import type { LocalDate } from '../dates.ts';
import type { CatalogItem, ViolationClass } from '../catalog/catalog-item.ts';

/**
 * Every number the engine uses is data of a policy version (R-POLICY): a new
 * version changes these, not the code. Amounts are decimal strings.
 */
export interface PolicyParams {
  /** R-P1: penalty = max(minimumPenalty, serviceFeeRate × service fees paid this fiscal year). */
  class1: { minimumPenalty: string; serviceFeeRate: string };
  /** R-P2: penalty by rank among valid class-2 sanctions; the `cascadeAtRank`-th counts as one class 1. */
  class2: { validityMonths: number; penaltiesByRank: string[]; cascadeAtRank: number };
  /** R-P3: a warning; `cascadeAtCount` valid class-3 sanctions count as one class 2. */
  class3: { validityMonths: number; cascadeAtCount: number };
  /** §5.5.4–§5.5.6 (R-RESTRICT): restriction lengths in months, from the processing-notice day. */
  restrictionMonths: Record<ViolationClass, number>;
  /** R-REPLY, R-NOTICE: working days to reply to a notice and to object to a processing notice. */
  replyWorkingDays: number;
  objectionWorkingDays: number;
  /** R-LATE: months after the notice date before the unpaid rest is late, and the daily rate. */
  paymentTermMonths: number;
  lateFeeDailyRate: string;
  /**
   * The project's readings of ambiguous text (RULES.md "Reading" lines): each
   * is read from here by the code that applies it, and named in the
   * explanation of a decision (`readingLabel`). A literal type is a reading
   * with one implementation: changing it needs code, and the schema refuses
   * a stored value the code does not implement.
   */
  readings: PolicyReadings;
}

export interface PolicyReadings {
  /** R-PERIOD: periods are counted by the PRC Civil Code, arts. 200–204. */
  period: 'civil_code';
  /**
   * R-P2/R-P3: a sanction counts from its notice day through the last day of
   * its validity months counted from its announcement day (R-PERIOD).
   */
  validityWindow: 'notice_to_announcement_period';
  /** R-P2/R-P3: sanctions that produced a cascade no longer count toward later ranks. */
  cascadeConsumes: boolean;
  /** R-P1: the fiscal year whose paid service fees count. */
  class1FiscalYear: 'of_determination_date';
  /** R-POLICY: the version of the violation day, unless the determination day's is lighter. */
  versionChoice: 'occurred_unless_lighter';
  /** R-LATE: a payment settles the penalty first, then its late fee. */
  paymentSplit: 'penalty_first';
  /** R-DEDUCT: balances are taken as they stand on the formal-decision day. */
  deductionDay: 'formal_decision_day';
}

export interface PolicyVersion {
  id: string;
  effectiveFrom: LocalDate;
  publishedOn: LocalDate | null;
  params: PolicyParams;
  catalog: readonly CatalogItem[];
}
