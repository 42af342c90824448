import type { ViolationClass } from '../../domain/catalog/catalog-item.ts';
import { parseLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { money, sumMoney, type Money } from '../../domain/money.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { restrictionsInForce, type Restriction } from '../../domain/restrictions/restriction.ts';
import { judgeSanction } from '../../domain/sanctions/judge-sanction.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';
import { lastValidDay, validSanctions } from '../../domain/sanctions/sanction-history.ts';
import { ledgerSummary } from '../../db/repositories/ledger.repository.ts';
import { partnerProfile, type PartnerProfile } from '../../db/repositories/partners.repository.ts';
import { restrictionsOf } from '../../db/repositories/restrictions.repository.ts';
import { suspensionsOf, type IncentiveSuspension } from '../../db/repositories/suspensions.repository.ts';
import { sanctionHistory, sanctionsOfPartner } from '../../db/repositories/sanctions.repository.ts';
import { isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { today } from '../clock.ts';
import { latePenalties, penaltiesOwed, type OwedPenalty } from './penalties-owed.ts';
import type { RulesDeps } from './rules-deps.ts';

export interface ValidSanction {
  caseId: string;
  itemId: string;
  noticeDate: LocalDate;
  announcedOn: LocalDate | null;
  /** The last day it counts (inclusive, R-P2/R-P3 by R-PERIOD); null while not yet announced. */
  lastValidDay: LocalDate | null;
  /** Counted from the announcement day. */
  validityMonths: number;
  amount: Money;
}

export type { OwedPenalty } from './penalties-owed.ts';

export interface Standing {
  partner: PartnerProfile;
  on: LocalDate;
  policyVersion: string;
  valid: Record<ViolationClass, ValidSanction[]>;
  /** What one more violation of each class would cost today, before any termination. */
  next: Record<ViolationClass, { finalClass: ViolationClass; amount: Money }>;
  restrictions: Restriction[];
  balances: LedgerSummary;
  owed: OwedPenalty[];
  totalOwed: Money;
  totalLateFees: Money;
  /** R-SUSPEND: the cases holding the partner's incentive payouts now (whatever the `on` day). */
  suspensions: IncentiveSuspension[];
}

/** Where a partner stands on a day: valid sanctions, restrictions in force, balances, what is owed. */
export async function partnerStanding(deps: RulesDeps, input: { partnerId: string; on?: string; viewer: Actor }): Promise<Standing> {
  const on = input.on === undefined ? today(deps.clock) : parseLocalDate(input.on, '--on');
  const [access, partner] = await Promise.all([loadAccess(deps.db, input.viewer), partnerProfile(deps.db, input.partnerId)]);
  // A partner's standing is staff business and its own contacts'; to anyone else the partner does not exist.
  const mayView = isStaff(access) || access.partnerIds.includes(input.partnerId);
  if (!partner || !mayView) throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`);
  const policy = policyInForce(deps.policies, on);
  const p = policy.params;
  // Class 1 has no rank of its own: it shows for as long as its restrictions last.
  const months: Record<ViolationClass, number> = { 1: p.restrictionMonths[1], 2: p.class2.validityMonths, 3: p.class3.validityMonths };
  const [history, rows, ledger, stored, owed, suspensions] = await Promise.all([
    sanctionHistory(deps.db, partner.id, { validOnOrAfter: on, validityMonths: Math.max(...Object.values(months)) }, on),
    sanctionsOfPartner(deps.db, partner.id),
    ledgerSummary(deps.db, partner.id, on),
    restrictionsOf(deps.db, partner.id),
    penaltiesOwed(deps, partner.id, on, p),
    suspensionsOf(deps.db, partner.id),
  ]);
  const byCase = new Map(rows.map((r) => [r.caseId, r]));
  const valid = {} as Record<ViolationClass, ValidSanction[]>;
  for (const cls of [1, 2, 3] as const) {
    valid[cls] = validSanctions(history, cls, on, months[cls], p.readings).map((s) => ({
      caseId: s.caseId,
      itemId: byCase.get(s.caseId)?.itemId ?? '',
      noticeDate: s.noticeDate,
      announcedOn: s.announcedOn,
      lastValidDay: lastValidDay(s, months[cls], p.readings),
      validityMonths: months[cls],
      amount: money(byCase.get(s.caseId)?.amount ?? '0'),
    }));
  }
  const next = {} as Standing['next'];
  for (const cls of [1, 2, 3] as const) {
    const item = policy.catalog.find((i) => i.class === cls)!;
    const d = judgeSanction(policy, history, ledger, { caseId: '(next)', item, noticeDate: on, determinationDate: on, terminate: false });
    next[cls] = { finalClass: d.finalClass, amount: d.amount };
  }
  const lateRestrictions: Restriction[] = latePenalties(owed, on).map((l) => ({
    kind: 'late_payment',
    from: l.lateSince,
    until: null,
    rule: 'R-LATE §5.6',
    caseId: l.caseId,
  }));
  return {
    partner,
    on,
    policyVersion: policy.id,
    valid,
    next,
    restrictions: restrictionsInForce([...stored, ...lateRestrictions], on),
    balances: ledger,
    owed,
    totalOwed: sumMoney(owed.map((o) => o.outstanding)),
    totalLateFees: sumMoney(owed.map((o) => o.lateFee)),
    suspensions,
  };
}
