import type { LocalDate } from '../dates.ts';
import { restrictionsInForce, type Restriction, type RestrictionKind } from '../restrictions/restriction.ts';

/** What a partner may ask for and a restriction may stop (R-RESTRICT, §5.5.4 – §5.5.6). */
export const requestKinds = ['upgrade', 'onboarding', 'program'] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * Which restriction blocks which request: R-RESTRICT's table, one column per
 * request kind ("no upgrade", "no new onboarding (incl. adding partner admin
 * accounts)", "no joining new programs").
 * **Reading (R-LATE):** RULES.md §4 says the late-payment restriction limits
 * sales and shuts console functions until paid, and does not name these
 * requests; issue 11 says it blocks them too. Here it blocks all three: a
 * partner in arrears is neither upgraded, nor onboards, nor joins a program.
 */
export const BLOCKED_BY: Record<RequestKind, readonly RestrictionKind[]> = {
  upgrade: ['no_upgrade', 'late_payment'],
  onboarding: ['no_onboarding', 'late_payment'],
  program: ['no_new_program', 'late_payment'],
};

/** What stops a request: a restriction in force, or a partnership that has ended. */
export interface Block {
  kind: RestrictionKind | 'terminated' | 'exited';
  caseId: string | null;
  rule: string;
  /** The first day the block no longer holds (exclusive, as `preview` prints it); null = until paid, or for good. */
  until: LocalDate | null;
}

export type RequestDecision = { granted: true; blockedBy: [] } | { granted: false; blockedBy: Block[] };

/** A penalty still unpaid after its last day to pay (R-LATE): restricted from the day after. */
export interface LatePenalty {
  caseId: string;
  lateSince: LocalDate;
}

export interface RequestFacts {
  kind: RequestKind;
  on: LocalDate;
  partner: { status: 'active' | 'terminated' | 'exited'; terminatedBy?: string | null };
  /** Every restriction imposed on the partner and not lifted (any day). */
  restrictions: readonly Restriction[];
  late: readonly LatePenalty[];
}

/**
 * R-RESTRICT: a request is granted unless a restriction that blocks its kind
 * is in force on the day; restrictions overlap and what holds is their union,
 * so each kind is named once, with the latest day it lifts.
 * **Reading (§5.5.4, R-EXIT-*):** "no upgrade" is moot for a terminated
 * partner because it has no partnership left to upgrade; the same holds for
 * joining a program. Both are refused for a partner that is terminated or has
 * exited, for good (`until` null); onboarding anew is the way back, and it is
 * held only by the restrictions (a terminated class-1 partner: one year).
 */
export function decideRequest(f: RequestFacts): RequestDecision {
  const late: Restriction[] = f.late.map((p) => ({ kind: 'late_payment', from: p.lateSince, until: null, rule: 'R-LATE §5.6', caseId: p.caseId }));
  const blocks: Block[] = restrictionsInForce([...f.restrictions, ...late], f.on)
    .filter((r) => BLOCKED_BY[f.kind].includes(r.kind))
    .map((r) => ({ kind: r.kind, caseId: r.caseId ?? null, rule: r.rule, until: r.until }));
  if (f.kind !== 'onboarding' && f.partner.status !== 'active') {
    const rule = f.partner.status === 'terminated' ? 'R-RESTRICT §5.5.4' : 'R-EXIT';
    blocks.unshift({ kind: f.partner.status, caseId: f.partner.terminatedBy ?? null, rule, until: null });
  }
  return blocks.length === 0 ? { granted: true, blockedBy: [] } : { granted: false, blockedBy: blocks };
}
