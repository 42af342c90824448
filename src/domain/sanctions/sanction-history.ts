import { addMonths, type LocalDate } from '../dates.ts';
import type { ViolationClass } from '../catalog/catalog-item.ts';

/** A sanction already on the partner's record, as the engine needs to see it. */
export interface PastSanction {
  caseId: string;
  noticeDate: LocalDate;
  /** The class it was finally issued as, after any cascade (R-CASCADE). */
  finalClass: ViolationClass;
  /** Set when a later cascade consumed it (R-P2/R-P3 reading); it stays on the record. */
  consumedBy: { caseId: string; noticeDate: LocalDate } | null;
}

/**
 * R-P2/R-P3 reading: valid on `on` = noticed within the 12 months before, as a
 * half-open window (noticed exactly 12 months earlier no longer counts), and
 * not consumed by a cascade noticed on or before `on`. Oldest first.
 */
export function validSanctions(
  history: readonly PastSanction[],
  cls: ViolationClass,
  on: LocalDate,
  validityMonths: number,
): PastSanction[] {
  const windowStart = addMonths(on, -validityMonths);
  return history
    .filter(
      (s) =>
        s.finalClass === cls &&
        s.noticeDate > windowStart &&
        s.noticeDate <= on &&
        !(s.consumedBy && s.consumedBy.noticeDate <= on),
    )
    .sort((a, b) => (a.noticeDate === b.noticeDate ? a.caseId.localeCompare(b.caseId) : a.noticeDate < b.noticeDate ? -1 : 1));
}
