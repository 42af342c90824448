import type { Db } from '../../db/database.ts';
import { ledgerSummary } from '../../db/repositories/ledger.repository.ts';
import { findPartner } from '../../db/repositories/partners.repository.ts';
import { sanctionHistory } from '../../db/repositories/sanctions.repository.ts';
import { findCatalogItem } from '../../domain/catalog/catalog.ts';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import { deductPenalty, type Deduction } from '../../domain/collection/deduction.ts';
import type { LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { chooseLighterPolicy, policyInForce } from '../../domain/policy/choose-policy.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import { judgeSanction, type SanctionDecision } from '../../domain/sanctions/judge-sanction.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';

export interface JudgeRequest {
  partnerId: string;
  itemId: string;
  caseId: string;
  occurredOn: LocalDate;
  /** The processing-notice (and determination) day. */
  on: LocalDate;
  terminate: boolean;
}

export interface Judgement {
  decision: SanctionDecision;
  /** The version the decision was judged under, and the day (R-POLICY, R-DETERMINE). */
  policy: PolicyVersion;
  on: LocalDate;
  item: CatalogItem;
  policyNote: string;
  ledger: LedgerSummary;
  deduction: Deduction;
}

/**
 * Loads what the engine needs for one partner and runs it under R-POLICY's
 * choice of version. Stores nothing: preview and determination both use it.
 */
export async function judgeForPartner(db: Db, policies: readonly PolicyVersion[], req: JudgeRequest): Promise<Judgement> {
  if (req.occurredOn > req.on) {
    throw new DomainError('input.occurred_after_notice', `The violation date ${req.occurredOn} is after the notice date ${req.on}.`);
  }
  if (!(await findPartner(db, req.partnerId))) {
    throw new DomainError('partner.not_found', `No partner with id "${req.partnerId}". Import it first (cli import partners).`);
  }
  const then = policyInForce(policies, req.occurredOn);
  const item = findCatalogItem(then.catalog, req.itemId);
  if (!item) {
    throw new DomainError('catalog.unknown_item', `No catalog item "${req.itemId}" in policy ${then.id}. Items look like SVC-01, MKT-15, OTH-25 (cli catalog).`);
  }
  const widest = Math.max(...policies.flatMap((p) => [p.params.class2.validityMonths, p.params.class3.validityMonths]));
  const [recorded, ledger] = await Promise.all([
    sanctionHistory(db, req.partnerId, { validOnOrAfter: req.on, validityMonths: widest }, req.on),
    ledgerSummary(db, req.partnerId, req.on),
  ]);
  // R-NOTICE: an objection answer re-judges a case whose sanction is already on
  // the record and will be withdrawn; a case never counts against itself (R-P2/R-P3).
  const history = recorded
    .filter((s) => s.caseId !== req.caseId)
    .map((s) => (s.consumedBy?.caseId === req.caseId ? { ...s, consumedBy: null } : s));
  const choice = chooseLighterPolicy(policies, req.occurredOn, req.on, (v) => {
    const it = findCatalogItem(v.catalog, req.itemId);
    return it
      ? judgeSanction(v, history, ledger, { caseId: req.caseId, item: it, noticeDate: req.on, determinationDate: req.on, terminate: req.terminate })
      : null;
  });
  return {
    decision: choice.decision,
    policy: policies.find((v) => v.id === choice.decision.policyVersion)!,
    on: req.on,
    item,
    policyNote: choice.note,
    ledger,
    deduction: deductPenalty(choice.decision.amount, ledger),
  };
}
