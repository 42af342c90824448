import type { Restriction } from '../restrictions/restriction.ts';

/**
 * §3.1.3: what an assessment decided for one category membership.
 * `keep`: the level stays; `upgrade`/`downgrade`: to `proposed_level`;
 * `remove`: out of the category (解除合作分类). Disqualification (取消资格)
 * is an exit (§6), not an assessment result here.
 */
export const assessmentResults = ['keep', 'upgrade', 'downgrade', 'remove'] as const;
export type AssessmentResult = (typeof assessmentResults)[number];

/** What applying a result did: `held_back` is an upgrade a restriction stopped (R-RESTRICT). */
export type AssessmentOutcome = 'kept' | 'upgraded' | 'held_back' | 'downgraded' | 'removed';

export interface AppliedAssessment {
  outcome: AssessmentOutcome;
  levelBefore: string;
  /** The level after applying; null once removed from the category. */
  levelAfter: string | null;
  /** For `held_back`: the restrictions that stopped it (rule, exclusive `until`; null = until paid). */
  heldBy: { kind: string; rule: string; until: string | null }[];
}

/**
 * R-ASSESS, R-RESTRICT: the level change an assessment result makes. An
 * upgrade while a restriction blocks it on the application day is held back
 * and the level stays; a downgrade or removal is never held back (holding
 * it would favour a sanctioned partner).
 */
export function applyAssessmentResult(
  result: AssessmentResult,
  levelBefore: string,
  proposedLevel: string | null,
  upgradeBlockers: readonly Restriction[],
): AppliedAssessment {
  switch (result) {
    case 'keep':
      return { outcome: 'kept', levelBefore, levelAfter: levelBefore, heldBy: [] };
    case 'upgrade':
      if (upgradeBlockers.length > 0) {
        return { outcome: 'held_back', levelBefore, levelAfter: levelBefore, heldBy: upgradeBlockers.map((r) => ({ kind: r.kind, rule: r.rule, until: r.until })) };
      }
      return { outcome: 'upgraded', levelBefore, levelAfter: proposedLevel!, heldBy: [] };
    case 'downgrade':
      return { outcome: 'downgraded', levelBefore, levelAfter: proposedLevel!, heldBy: [] };
    case 'remove':
      return { outcome: 'removed', levelBefore, levelAfter: null, heldBy: [] };
  }
}
