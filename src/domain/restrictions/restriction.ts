import type { LocalDate } from '../dates.ts';
import { dayAfterPeriod } from '../period.ts';
import type { ViolationClass } from '../catalog/catalog-item.ts';
import type { PolicyParams } from '../policy/policy-version.ts';

export const restrictionKinds = ['no_upgrade', 'no_onboarding', 'no_new_program', 'late_payment'] as const;
export type RestrictionKind = (typeof restrictionKinds)[number];

export interface Restriction {
  kind: RestrictionKind;
  from: LocalDate;
  /** The first day it no longer applies; null = until the penalty is paid (R-LATE). */
  until: LocalDate | null;
  rule: string;
  /** The case that imposed it, when one did (imported history has one too). */
  caseId?: string | null;
}

/**
 * §5.5.4–§5.5.6 (R-RESTRICT): in force from the processing-notice day through
 * the last day of the period counted by R-PERIOD (never moved to a working
 * day); `until` is the day after that last day (exclusive).
 * class 1 terminated → no onboarding, no new programs (an upgrade is moot);
 * class 1 kept → also no upgrade; class 2 or 3 → all three, for a shorter time.
 */
export function sanctionRestrictions(
  finalClass: ViolationClass,
  terminated: boolean,
  noticeDate: LocalDate,
  params: PolicyParams,
): Restriction[] {
  const until = dayAfterPeriod(noticeDate, { months: params.restrictionMonths[finalClass] });
  const rule = finalClass === 1 ? (terminated ? '§5.5.4' : '§5.5.5') : '§5.5.6';
  const kinds: RestrictionKind[] =
    finalClass === 1 && terminated ? ['no_onboarding', 'no_new_program'] : ['no_upgrade', 'no_onboarding', 'no_new_program'];
  return kinds.map((kind) => ({ kind, from: noticeDate, until, rule: `R-RESTRICT ${rule}` }));
}

/**
 * R-RESTRICT: restrictions overlap; what is in force on a day is their union,
 * one entry per kind, ending when the last of that kind ends.
 */
export function restrictionsInForce(all: readonly Restriction[], on: LocalDate): Restriction[] {
  const byKind = new Map<RestrictionKind, Restriction>();
  for (const r of all) {
    if (r.from > on || (r.until !== null && r.until <= on)) continue;
    const seen = byKind.get(r.kind);
    if (!seen || later(r.until, seen.until)) byKind.set(r.kind, r);
  }
  return restrictionKinds.flatMap((k) => (byKind.has(k) ? [byKind.get(k)!] : []));
}

function later(a: LocalDate | null, b: LocalDate | null): boolean {
  if (a === null) return b !== null;
  if (b === null) return false;
  return a > b;
}
