import { insertLedgerEntries } from '../../db/repositories/ledger.repository.ts';
import { existingPartnerIds } from '../../db/repositories/partners.repository.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate, type LocalDate } from '../../domain/dates.ts';
import { formatAmount, money } from '../../domain/money.ts';
import { today } from '../clock.ts';
import { badRows, importOnce, readImportTable, sha256, type ImportDeps, type ImportFile, type ImportResult } from './import-file.ts';

export const LEDGER_HEADER = ['partner_id', 'date', 'kind', 'amount'] as const;
/** R-LEDGER: the back-office figures that may be imported; deductions and payments come from cases. */
export const IMPORTED_LEDGER_KINDS = ['deposit', 'prepayment', 'service_fee_paid', 'service_fee_unpaid'] as const;
const AMOUNT = /^-?\d{1,14}(\.\d{1,2})?$/;

interface LedgerRow {
  partnerId: string;
  entryDate: LocalDate;
  kind: (typeof IMPORTED_LEDGER_KINDS)[number];
  amount: string;
  entryKey: string;
}

/**
 * `partner_id,date,kind,amount`. Each row gets a key from its content and
 * its occurrence in the file, so importing the same rows again adds nothing.
 */
export async function importLedger(deps: ImportDeps, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, LEDGER_HEADER);
  const known = await existingPartnerIds(deps.db, [...new Set(rows.map((r) => r.cells.partner_id!))]);
  const todayIs = today(deps.clock);
  // A ledger export repeats a few hundred days over many rows: check each day once.
  const realDays = new Map<string, boolean>();
  const isRealDay = (d: string) => realDays.get(d) ?? realDays.set(d, isLocalDate(d)).get(d)!;
  const occurrences = new Map<string, number>();
  const entries: LedgerRow[] = [];
  for (const { line, cells } of rows) {
    const why = ledgerRowErrors(cells, known, todayIs, isRealDay);
    if (why.length > 0) {
      errors.push({ line, reason: why.join('; ') } satisfies CsvRowError);
      continue;
    }
    const amount = formatAmount(money(cells.amount!));
    const content = `${cells.partner_id}|${cells.date}|${cells.kind}|${amount}`;
    const n = (occurrences.get(content) ?? 0) + 1;
    occurrences.set(content, n);
    entries.push({
      partnerId: cells.partner_id!,
      entryDate: cells.date!,
      kind: cells.kind as LedgerRow['kind'],
      amount,
      entryKey: `import:${sha256(`${content}|${n}`)}`,
    });
  }
  if (errors.length > 0) throw badRows(file.name, errors);
  return importOnce(deps, 'ledger', file, rows.length, async (tx) => ({ changed: await insertLedgerEntries(tx, entries) }));
}

function ledgerRowErrors(cells: Record<string, string>, known: Set<string>, todayIs: LocalDate, isRealDay: (d: string) => boolean): string[] {
  const why: string[] = [];
  if (!cells.partner_id) why.push('partner_id is empty');
  else if (!known.has(cells.partner_id)) why.push(`unknown partner "${cells.partner_id}" (import partners first)`);
  if (!isRealDay(cells.date!)) why.push(`date "${cells.date}" is not a real date written YYYY-MM-DD`);
  else if (cells.date! > todayIs) why.push(`date ${cells.date} is in the future`);
  if (!(IMPORTED_LEDGER_KINDS as readonly string[]).includes(cells.kind!)) {
    why.push(`kind "${cells.kind}" must be one of ${IMPORTED_LEDGER_KINDS.join(', ')}`);
  }
  if (!AMOUNT.test(cells.amount!)) why.push(`amount "${cells.amount}" must be a number with at most 2 decimals, like 1234.50`);
  return why;
}
