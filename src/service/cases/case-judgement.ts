import type { Tx } from '../../db/database.ts';
import { lockPartner } from '../../db/repositories/partners.repository.ts';
import type { DeterminationRow } from '../../db/schema/index.ts';
import { shanghaiDateOf, type LocalDate } from '../../domain/dates.ts';
import type { DecisionPart, DecisionView, StoredDecision } from '../../domain/notifications/notification.ts';
import { decisionChanges } from '../../domain/sanctions/decision-changes.ts';
import { decisionView } from '../rules/decision-json.ts';
import { judgeForPartner } from '../rules/judge-for-partner.ts';
import type { CaseDeps } from './case-deps.ts';
import type { CaseRecord } from './case-record.ts';

/** What the engine decides for the case on a day, as a proposal shows and stores it. */
export async function judgeCase(tx: Tx, deps: CaseDeps, c: CaseRecord, opts: { itemId: string; terminate: boolean; on: LocalDate }): Promise<DecisionView> {
  return decisionView(await judgeForPartner(tx, deps.policies, {
    partnerId: c.partnerId, itemId: opts.itemId, caseId: c.id, occurredOn: c.occurredOn, on: opts.on, terminate: opts.terminate,
  }));
}

/**
 * The day a proposal is judged on: a determination on the day it is approved,
 * which is its processing-notice day (R-P2 reading); an objection answer on
 * the processing-notice day already sent (R-NOTICE).
 */
export function judgementDay(c: CaseRecord, purpose: DeterminationRow['purpose'], now: Date): LocalDate {
  return purpose === 'objection_answer' ? c.processingNoticeDate! : shanghaiDateOf(now);
}

export interface ApprovalCheck {
  /** The decision as proposed and stored: what is issued when nothing changed. */
  proposed: StoredDecision;
  rejudged: DecisionView;
  changes: DecisionPart[];
}

/**
 * R-DETERMINE: at the moment of approval the engine judges the case again,
 * inside the approval's transaction, holding the partner's lock (taken after
 * the determination's and the case's, before the history is read) so that
 * decisions on one partner are judged one at a time, in approval order. The
 * caller issues `proposed` when `changes` is empty and refuses otherwise.
 */
export async function rejudgeAtApproval(tx: Tx, deps: CaseDeps, c: CaseRecord, det: DeterminationRow, now: Date): Promise<ApprovalCheck> {
  const proposed = det.decision as StoredDecision;
  await lockPartner(tx, c.partnerId);
  const rejudged = await judgeCase(tx, deps, c, { itemId: proposed.itemId ?? c.itemId, terminate: det.terminate, on: judgementDay(c, det.purpose, now) });
  return { proposed, rejudged, changes: decisionChanges(proposed, rejudged) };
}
