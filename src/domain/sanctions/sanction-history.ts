import type { LocalDate } from '../dates.ts';
import type { ViolationClass } from '../catalog/catalog-item.ts';
import { lastDayOfPeriod } from '../period.ts';
import type { PolicyReadings } from '../policy/policy-version.ts';

/** A sanction already on the partner's record, as the engine needs to see it. */
export interface PastSanction {
  caseId: string;
  /** The processing-notice day: from it the sanction counts toward later ranks. */
  noticeDate: LocalDate;
  /**
   * The announcement day (处分公告, = the formal-decision day in this procedure;
   * imported history: its notice date). Null while the objection window runs.
   */
  announcedOn: LocalDate | null;
  /** The class it was finally issued as, after any cascade (R-CASCADE). */
  finalClass: ViolationClass;
  /** Set when a later cascade consumed it (R-P2/R-P3 reading); it stays on the record. */
  consumedBy: { caseId: string; noticeDate: LocalDate } | null;
}

/**
 * R-P2/R-P3 reading (`validityWindow`): the last day a sanction counts, the
 * last day of its validity months counted from its announcement day by
 * R-PERIOD (announced 2025-03-10, 12 months → 2026-03-10). Null while it is
 * not yet announced: it counts, and its end is not yet known.
 */
export function lastValidDay(s: Pick<PastSanction, 'announcedOn'>, validityMonths: number, readings: PolicyReadings): LocalDate | null {
  switch (readings.validityWindow) {
    case 'notice_to_announcement_period':
      return s.announcedOn === null ? null : lastDayOfPeriod(s.announcedOn, { months: validityMonths });
  }
}

/**
 * R-P2/R-P3 reading: valid on `on` = noticed on or before `on`, `on` no later
 * than its last valid day, and (with `cascadeConsumes`) not consumed by a
 * cascade noticed on or before `on`. Counted forward from each sanction, never
 * backward from the day asked about. Oldest first.
 */
export function validSanctions(
  history: readonly PastSanction[],
  cls: ViolationClass,
  on: LocalDate,
  validityMonths: number,
  readings: PolicyReadings,
): PastSanction[] {
  return history
    .filter((s) => {
      if (s.finalClass !== cls || s.noticeDate > on) return false;
      const last = lastValidDay(s, validityMonths, readings);
      if (last !== null && last < on) return false;
      return !(readings.cascadeConsumes && s.consumedBy && s.consumedBy.noticeDate <= on);
    })
    .sort((a, b) => (a.noticeDate === b.noticeDate ? a.caseId.localeCompare(b.caseId) : a.noticeDate < b.noticeDate ? -1 : 1));
}
