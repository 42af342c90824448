import { inArray } from 'drizzle-orm';
import { existingPartnerIds } from '../../db/repositories/partners.repository.ts';
import { partnerContracts } from '../../db/schema/index.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate } from '../../domain/dates.ts';
import { badRows, importOnce, readImportTable, rowError, type ImportDeps, type ImportFile, type ImportResult, type RowProblem } from './import-file.ts';

export const CONTRACTS_HEADER = ['partner_id', 'starts_on', 'ends_on', 'renewal_notice_on'] as const;

interface Contract {
  partnerId: string;
  startsOn: string;
  endsOn: string;
  renewalNoticeOn: string | null;
  line: number;
}

/**
 * `partner_id,starts_on,ends_on,renewal_notice_on`, one row per contract term
 * (R-CAT; the dates R-EXIT-EXPIRY and R-EXIT-RENEWAL read). `ends_on` is the
 * contract's last day; `renewal_notice_on` is empty unless a renewal notice
 * set a date. A partner's terms may not overlap. The file is the truth for
 * each partner it names: its contracts are set to the file's.
 */
export async function importContracts(deps: ImportDeps, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, CONTRACTS_HEADER);
  const known = await existingPartnerIds(deps.db, [...new Set(rows.map((r) => r.cells.partner_id!))]);
  const list: Contract[] = [];
  for (const { line, cells } of rows) {
    const why = contractRowErrors(cells, known);
    const { partner_id: partnerId, starts_on: startsOn, ends_on: endsOn, renewal_notice_on: notice } = cells as Record<(typeof CONTRACTS_HEADER)[number], string>;
    if (why.length > 0) errors.push(rowError(line, why) satisfies CsvRowError);
    else list.push({ partnerId, startsOn, endsOn, renewalNoticeOn: notice || null, line });
  }
  errors.push(...overlaps(list));
  if (errors.length > 0) throw badRows(file.name, errors);
  return importOnce(deps, 'contracts', file, rows.length, async (tx) => {
    const ids = [...new Set(list.map((c) => c.partnerId))];
    await tx.delete(partnerContracts).where(inArray(partnerContracts.partnerId, ids));
    await tx.insert(partnerContracts).values(list.map(({ line: _line, ...c }) => c));
    return { changed: list.length, details: { partners: ids.length } };
  });
}

/** The rules of one `partner_id,starts_on,ends_on,renewal_notice_on` row, for a partner on record (`known`). */
export function contractRowErrors(cells: Record<string, string>, known: ReadonlySet<string>): RowProblem[] {
  const why: RowProblem[] = [];
  const { partner_id: partnerId, starts_on: startsOn, ends_on: endsOn, renewal_notice_on: notice } = cells as Record<(typeof CONTRACTS_HEADER)[number], string>;
  if (!partnerId) why.push({ column: 'partner_id', reason: 'partner_id is empty' });
  else if (!known.has(partnerId)) why.push({ column: 'partner_id', reason: `unknown partner "${partnerId}" (import partners first)` });
  const badDates = [['starts_on', startsOn], ['ends_on', endsOn], ...(notice ? [['renewal_notice_on', notice]] : [])].filter(([, d]) => !isLocalDate(d!));
  for (const [name, d] of badDates) why.push({ column: name!, reason: `${name} "${d}" is not a real date written YYYY-MM-DD` });
  const datesOk = badDates.length === 0;
  if (datesOk && endsOn < startsOn) why.push({ column: 'ends_on', reason: `ends_on ${endsOn} is before starts_on ${startsOn}` });
  if (datesOk && notice && notice < startsOn) why.push({ column: 'renewal_notice_on', reason: `renewal_notice_on ${notice} is before starts_on ${startsOn}` });
  return why;
}

/** A partner's contract terms may not share a day (each is inclusive of both ends). */
export function termsShareADay(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** Terms of one partner that share a day: each later one is named with the line it overlaps. */
function overlaps(list: Contract[]): CsvRowError[] {
  const out: CsvRowError[] = [];
  const byPartner = Map.groupBy(list, (c) => c.partnerId);
  for (const terms of byPartner.values()) {
    const sorted = [...terms].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.line - b.line));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const c = sorted[i]!;
      if (termsShareADay(prev, c)) out.push({ line: c.line, reason: `${c.partnerId}'s contract ${c.startsOn} … ${c.endsOn} overlaps the one on line ${prev.line} (${prev.startsOn} … ${prev.endsOn})` });
    }
  }
  return out;
}
