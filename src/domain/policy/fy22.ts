import { FY22_CATALOG } from '../catalog/fy22-catalog.ts';
import type { PolicyVersion } from './policy-version.ts';

/** The FY22 policy (§7.5: in force from April 2021). Numbers from §5.3.2, §5.5, §5.6. */
export const FY22: PolicyVersion = {
  id: 'FY22',
  effectiveFrom: '2021-04-01',
  publishedOn: null,
  catalog: FY22_CATALOG,
  params: {
    class1: { minimumPenalty: '100000.00', serviceFeeRate: '0.30' },
    class2: { validityMonths: 12, penaltiesByRank: ['5000.00', '10000.00', '50000.00'], cascadeAtRank: 4 },
    class3: { validityMonths: 12, cascadeAtCount: 3 },
    restrictionMonths: { 1: 12, 2: 3, 3: 3 },
    replyWorkingDays: 3,
    objectionWorkingDays: 3,
    paymentTermMonths: 3,
    lateFeeDailyRate: '0.001',
    readings: {
      period: 'civil_code',
      validityWindow: 'notice_to_announcement_period',
      cascadeConsumes: true,
      class1FiscalYear: 'of_determination_date',
      versionChoice: 'occurred_unless_lighter',
      paymentSplit: 'penalty_first',
      deductionDay: 'formal_decision_day',
    },
  },
};
