import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { ledgerSummary } from '../../db/repositories/ledger.repository.ts';
import { existingPartnerIds, lockPartner } from '../../db/repositories/partners.repository.ts';
import { insertRestrictions } from '../../db/repositories/restrictions.repository.ts';
import { findSanctions, latestCaseNotice, latestSanction, sanctionHistory } from '../../db/repositories/sanctions.repository.ts';
import { partners, sanctions } from '../../db/schema/index.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatAmount } from '../../domain/money.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { LedgerSummary } from '../../domain/sanctions/ledger-summary.ts';
import { replayHistory, type HistoricalSanction } from '../../domain/sanctions/replay-history.ts';
import { today } from '../clock.ts';
import { stepsToJson } from '../rules/decision-json.ts';
import { badRows, importOnce, readImportTable, type ImportDeps, type ImportFile, type ImportResult } from './import-file.ts';

export const SANCTIONS_HEADER = ['case_id', 'partner_id', 'item_id', 'occurred_on', 'notice_date', 'terminated'] as const;
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}$/;
const BOOLEAN: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false, '': false };

interface Row extends HistoricalSanction {
  partnerId: string;
  line: number;
}

/**
 * `case_id,partner_id,item_id,occurred_on,notice_date,terminated`: sanctions
 * issued before the bot. Replayed in notice-date order so cascades and
 * consumption are recomputed (R-CASCADE); they count for ranks and
 * restrictions but carry no collection. A case id already on record with the
 * same data is skipped; with other data it is an error.
 */
export async function importSanctions(deps: ImportDeps & { policies: readonly PolicyVersion[] }, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, SANCTIONS_HEADER);
  const todayIs = today(deps.clock);
  const known = await existingPartnerIds(deps.db, [...new Set(rows.map((r) => r.cells.partner_id!))]);
  const onRecord = new Map((await findSanctions(deps.db, rows.map((r) => r.cells.case_id!))).map((s) => [s.caseId, s]));
  const seen = new Map<string, number>();
  const fresh: Row[] = [];
  for (const { line, cells } of rows) {
    const why = sanctionRowErrors(cells, { known, todayIs, policies: deps.policies, seenOnLine: seen.get(cells.case_id!) });
    seen.set(cells.case_id!, line);
    const existing = onRecord.get(cells.case_id!);
    if (why.length === 0 && existing) {
      const same = existing.partnerId === cells.partner_id && existing.itemId === cells.item_id!.toUpperCase() &&
        existing.occurredOn === cells.occurred_on && existing.noticeDate === cells.notice_date && existing.terminated === BOOLEAN[cells.terminated!.toLowerCase()];
      if (!same) why.push(`case ${cells.case_id} is already on record with other data`);
      else continue;
    }
    if (why.length > 0) {
      errors.push({ line, reason: why.join('; ') } satisfies CsvRowError);
      continue;
    }
    fresh.push({
      line,
      caseId: cells.case_id!,
      partnerId: cells.partner_id!,
      itemId: cells.item_id!.toUpperCase(),
      occurredOn: cells.occurred_on!,
      noticeDate: cells.notice_date!,
      terminated: BOOLEAN[cells.terminated!.toLowerCase()]!,
    });
  }
  if (errors.length > 0) throw badRows(file.name, errors);

  return importOnce(deps, 'sanctions', file, rows.length, async (tx) => {
    const byPartner = Map.groupBy(fresh, (r) => r.partnerId);
    const replayErrors: CsvRowError[] = [];
    // Partners in id order: two imports that lock several partners take them in the same order.
    for (const partnerId of [...byPartner.keys()].sort()) {
      replayErrors.push(...(await replayForPartner(tx, deps.policies, partnerId, byPartner.get(partnerId)!)));
    }
    if (replayErrors.length > 0) throw badRows(file.name, replayErrors);
    return { changed: fresh.length, details: { partners: byPartner.size } };
  });
}

async function replayForPartner(tx: Tx, policies: readonly PolicyVersion[], partnerId: string, list: Row[]): Promise<CsvRowError[]> {
  // R-DETERMINE: one partner judged at a time; an approval may be recording a sanction for it right now.
  await lockPartner(tx, partnerId);
  // R-DETERMINE: an issued decision is immutable, so history may not be slipped in before one.
  const latestIssued = await latestCaseNotice(tx, partnerId);
  const tooEarly = latestIssued ? list.filter((r) => r.noticeDate < latestIssued) : [];
  if (tooEarly.length > 0) {
    return tooEarly.map((r) => ({
      line: r.line,
      reason: `notice_date ${r.noticeDate} is before ${latestIssued}, when this bot issued a sanction to ${partnerId}; importing it would change an issued decision`,
    }));
  }
  // R-CASCADE: history is replayed forward. A row noticed before a sanction
  // already on record would change that sanction's rank and consumption, which
  // a forward replay cannot redo, so it is refused rather than judged wrongly.
  const latest = await latestSanction(tx, partnerId);
  const behind = latest ? list.filter((r) => r.noticeDate < latest.noticeDate) : [];
  if (latest && behind.length > 0) {
    return behind.map((r) => ({
      line: r.line,
      reason:
        `notice_date ${r.noticeDate} is before ${latest.noticeDate}, the notice date of ${latest.caseId} already on record for ${partnerId}; ` +
        'history is replayed in notice-date order, so import older sanctions before newer ones (or in the same file)',
    }));
  }
  const existing = await sanctionHistory(tx, partnerId, null);
  const ledgers = new Map<LocalDate, LedgerSummary>();
  for (const d of new Set(list.map((r) => r.noticeDate))) ledgers.set(d, await ledgerSummary(tx, partnerId, d));
  let replay;
  try {
    replay = replayHistory(policies, existing, list, (d) => ledgers.get(d)!);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const caseId = (e.details as { caseId?: string } | undefined)?.caseId;
    return [{ line: list.find((r) => r.caseId === caseId)?.line ?? list[0]!.line, reason: e.message }];
  }
  for (const r of replay.replayed) {
    const d = r.decision;
    await tx.insert(sanctions).values({
      caseId: r.caseId, partnerId, itemId: r.itemId, policyVersion: d.policyVersion, occurredOn: r.occurredOn, noticeDate: r.noticeDate,
      // R-P2 reading: imported history's one date is its notice day and its announcement day.
      announcedOn: r.noticeDate,
      baseClass: d.baseClass, finalClass: d.finalClass, terminated: d.terminated, amount: formatAmount(d.amount),
      explanation: { steps: stepsToJson(d.steps), notes: [...d.notes, r.policyNote], readings: d.readings }, source: 'import',
    });
    if (d.consumes.length > 0) await tx.update(sanctions).set({ consumedBy: r.caseId }).where(inArray(sanctions.caseId, d.consumes));
    await insertRestrictions(tx, partnerId, r.caseId, d.restrictions);
    // R-EXIT-REMOVAL: a class-1 termination removes the partner.
    if (d.terminated) await tx.update(partners).set({ status: 'terminated' }).where(eq(partners.id, partnerId));
  }
  return [];
}

function sanctionRowErrors(
  cells: Record<string, string>,
  ctx: { known: Set<string>; todayIs: LocalDate; policies: readonly PolicyVersion[]; seenOnLine: number | undefined },
): string[] {
  const why: string[] = [];
  if (!CASE_ID.test(cells.case_id!)) why.push(`case_id "${cells.case_id}" must be letters, digits, "_", "-", "." or "/" (at most 64)`);
  else if (ctx.seenOnLine !== undefined) why.push(`case_id ${cells.case_id} is already on line ${ctx.seenOnLine}`);
  if (!ctx.known.has(cells.partner_id!)) why.push(`unknown partner "${cells.partner_id}" (import partners first)`);
  const datesOk = [['occurred_on', cells.occurred_on!], ['notice_date', cells.notice_date!]].every(([name, v]) => {
    if (isLocalDate(v!)) return true;
    why.push(`${name} "${v}" is not a real date written YYYY-MM-DD`);
    return false;
  });
  if (datesOk) {
    if (cells.occurred_on! > cells.notice_date!) why.push(`occurred_on ${cells.occurred_on} is after notice_date ${cells.notice_date}`);
    if (cells.notice_date! > ctx.todayIs) why.push(`notice_date ${cells.notice_date} is in the future`);
    try {
      const policy = policyInForce(ctx.policies, cells.occurred_on!);
      if (!policy.catalog.some((i) => i.id === cells.item_id!.toUpperCase())) why.push(`unknown catalog item "${cells.item_id}" in policy ${policy.id}`);
    } catch (e) {
      why.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (!(cells.terminated!.toLowerCase() in BOOLEAN)) why.push(`terminated "${cells.terminated}" must be true or false`);
  return why;
}
