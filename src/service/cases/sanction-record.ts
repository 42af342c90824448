import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { insertRestrictions } from '../../db/repositories/restrictions.repository.ts';
import { restrictions, sanctions } from '../../db/schema/index.ts';
import type { LocalDate } from '../../domain/dates.ts';
import { formatAmount } from '../../domain/money.ts';
import { stepsToJson } from '../rules/decision-json.ts';
import { judgeForPartner, type Judgement } from '../rules/judge-for-partner.ts';
import type { CaseDeps } from './case-deps.ts';
import type { CaseRecord } from './case-record.ts';

/**
 * R-NOTICE: the sanction takes its place on the partner's record on the
 * processing-notice day, so later cases rank against it (R-P2/R-P3), with its
 * cascade consumption and restrictions (R-RESTRICT).
 */
export async function recordSanction(
  tx: Tx,
  deps: CaseDeps,
  c: CaseRecord,
  opts: { itemId: string; noticeDate: LocalDate; terminate: boolean },
): Promise<Judgement> {
  const j = await judgeForPartner(tx, deps.policies, {
    partnerId: c.partnerId, itemId: opts.itemId, caseId: c.id, occurredOn: c.occurredOn, on: opts.noticeDate, terminate: opts.terminate,
  });
  const d = j.decision;
  await tx.insert(sanctions).values({
    caseId: c.id, partnerId: c.partnerId, itemId: opts.itemId, policyVersion: d.policyVersion, occurredOn: c.occurredOn,
    noticeDate: opts.noticeDate, baseClass: d.baseClass, finalClass: d.finalClass, terminated: d.terminated,
    amount: formatAmount(d.amount), explanation: { steps: stepsToJson(d.steps), notes: [...d.notes, j.policyNote], readings: d.readings }, source: 'case',
  });
  if (d.consumes.length > 0) await tx.update(sanctions).set({ consumedBy: c.id }).where(inArray(sanctions.caseId, d.consumes));
  await insertRestrictions(tx, c.partnerId, c.id, d.restrictions);
  return j;
}

/** Before the formal decision a sanction can still be adjusted: take it off the record entirely. */
export async function withdrawSanction(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(restrictions).where(eq(restrictions.caseId, caseId));
  await tx.update(sanctions).set({ consumedBy: null }).where(eq(sanctions.consumedBy, caseId));
  await tx.delete(sanctions).where(eq(sanctions.caseId, caseId));
}

