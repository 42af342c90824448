import type { LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { SanctionDecision } from '../sanctions/judge-sanction.ts';
import type { PolicyVersion } from './policy-version.ts';
import { readingLabel } from './readings.ts';

/** The version in force on a day: the latest whose effective date is on or before it (§5.2.2). */
export function policyInForce(versions: readonly PolicyVersion[], on: LocalDate): PolicyVersion {
  let found: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= on && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  }
  if (!found) {
    throw new DomainError('policy.none_in_force', `No policy version was in force on ${on}; the earliest takes effect later.`);
  }
  return found;
}

export interface PolicyChoice {
  decision: SanctionDecision;
  note: string;
}

/**
 * R-POLICY reading (从旧兼从轻): judge under the version in force on the
 * violation day; where the version in force on the determination day is
 * lighter for the partner, that one applies. `judge` runs the engine under a
 * version, or returns null when the item does not exist in it.
 */
export function chooseLighterPolicy(
  versions: readonly PolicyVersion[],
  occurredOn: LocalDate,
  determinationDate: LocalDate,
  judge: (v: PolicyVersion) => SanctionDecision | null,
): PolicyChoice {
  const then = policyInForce(versions, occurredOn);
  const now = policyInForce(versions, determinationDate);
  // R-POLICY reading `versionChoice`, named in the explanation by the version that decides.
  const named = (v: PolicyVersion, d: SanctionDecision): SanctionDecision => ({ ...d, readings: [readingLabel(v.params.readings, 'versionChoice'), ...d.readings] });
  const judged = (v: PolicyVersion) => {
    const d = judge(v);
    return d && named(v, d);
  };
  const thenDecision = judged(then);
  if (!thenDecision) {
    throw new DomainError('catalog.item_not_in_policy', `The item is not in the catalog of policy ${then.id}, in force on ${occurredOn}.`);
  }
  if (now.id === then.id) {
    return { decision: thenDecision, note: `R-POLICY: judged under ${then.id}, in force on the violation day ${occurredOn}` };
  }
  const nowDecision = judged(now);
  if (nowDecision && isLighter(nowDecision, thenDecision)) {
    return {
      decision: nowDecision,
      note: `R-POLICY: ${now.id} (in force on the determination day ${determinationDate}) is lighter than ${then.id} (in force on the violation day ${occurredOn}), so ${now.id} applies`,
    };
  }
  return {
    decision: thenDecision,
    note: `R-POLICY: judged under ${then.id}, in force on the violation day ${occurredOn}; ${now.id} is not lighter`,
  };
}

/** Lighter = a less serious class (a higher number), then a smaller penalty. */
export function isLighter(a: SanctionDecision, b: SanctionDecision): boolean {
  if (a.finalClass !== b.finalClass) return a.finalClass > b.finalClass;
  return a.amount.lessThan(b.amount);
}
