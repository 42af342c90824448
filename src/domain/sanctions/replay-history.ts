import type { LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { chooseLighterPolicy } from '../policy/choose-policy.ts';
import type { PolicyVersion } from '../policy/policy-version.ts';
import { judgeSanction, type SanctionDecision } from './judge-sanction.ts';
import type { LedgerSummary } from './ledger-summary.ts';
import type { PastSanction } from './sanction-history.ts';

export interface HistoricalSanction {
  caseId: string;
  itemId: string;
  occurredOn: LocalDate;
  noticeDate: LocalDate;
  terminated: boolean;
}

export interface ReplayedSanction extends HistoricalSanction {
  decision: SanctionDecision;
  policyNote: string;
}

/**
 * Sanctions issued elsewhere are replayed in notice-date order on top of the
 * partner's record, so that cascades and consumption come out as if the bot
 * had issued them (R-CASCADE). Returns the replayed sanctions and the record
 * with every consumption applied.
 */
export function replayHistory(
  versions: readonly PolicyVersion[],
  existing: readonly PastSanction[],
  incoming: readonly HistoricalSanction[],
  ledgerOn: (day: LocalDate) => LedgerSummary,
): { replayed: ReplayedSanction[]; record: PastSanction[] } {
  const record = existing.map((s) => ({ ...s }));
  const ordered = [...incoming].sort((a, b) =>
    a.noticeDate === b.noticeDate ? a.caseId.localeCompare(b.caseId) : a.noticeDate < b.noticeDate ? -1 : 1,
  );
  const replayed: ReplayedSanction[] = [];
  for (const s of ordered) {
    const choice = chooseLighterPolicy(versions, s.occurredOn, s.noticeDate, (v) => {
      const item = v.catalog.find((i) => i.id === s.itemId);
      if (!item) return null;
      return judgeSanction(v, record, ledgerOn(s.noticeDate), {
        caseId: s.caseId, item, noticeDate: s.noticeDate, determinationDate: s.noticeDate, terminate: s.terminated,
      });
    });
    const decision = choice.decision;
    if (s.terminated && decision.finalClass !== 1) {
      throw new DomainError(
        'sanction.terminated_not_class1',
        `${s.caseId}: only a class-1 sanction can terminate the partnership; this one is class ${decision.finalClass}`,
        { caseId: s.caseId },
      );
    }
    for (const consumed of decision.consumes) {
      const entry = record.find((r) => r.caseId === consumed);
      if (entry) entry.consumedBy = { caseId: s.caseId, noticeDate: s.noticeDate };
    }
    // R-P2 reading: imported history has one date, its notice day and its announcement day alike.
    record.push({ caseId: s.caseId, noticeDate: s.noticeDate, announcedOn: s.noticeDate, finalClass: decision.finalClass, consumedBy: null });
    replayed.push({ ...s, decision, policyNote: choice.note });
  }
  return { replayed, record };
}
