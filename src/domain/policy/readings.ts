import type { PolicyReadings } from './policy-version.ts';

/** The rule each reading belongs to, as the explanation cites it. */
const RULE_OF: Record<keyof PolicyReadings, string> = {
  period: 'R-PERIOD',
  validityWindow: 'R-P2/R-P3',
  cascadeConsumes: 'R-P2/R-P3',
  class1FiscalYear: 'R-P1',
  versionChoice: 'R-POLICY',
  paymentSplit: 'R-LATE',
  deductionDay: 'R-DEDUCT',
};

/** A reading as the explanation names it, e.g. "R-P2/R-P3 reading validityWindow=notice_to_announcement_period". */
export function readingLabel<K extends keyof PolicyReadings>(readings: PolicyReadings, key: K): string {
  return `${RULE_OF[key]} reading ${key}=${String(readings[key])}`;
}
