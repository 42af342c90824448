import type { Money } from '../money.ts';

/**
 * What the engine needs from the partner's ledger (R-LEDGER: imported back-office
 * figures only), summed by the caller on the dates the domain names.
 */
export interface LedgerSummary {
  /** R-P1: settled service-fee payouts in the fiscal year of the determination date, up to and including it. */
  serviceFeesPaidThisFiscalYear: Money;
  /** R-DEDUCT sources, as balances on the notice date. */
  deposit: Money;
  prepayment: Money;
  serviceFeeUnpaid: Money;
}
