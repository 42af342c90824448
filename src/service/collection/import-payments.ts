import { existingPartnerIds } from '../../db/repositories/partners.repository.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate } from '../../domain/dates.ts';
import { isDomainError } from '../../domain/errors.ts';
import { money } from '../../domain/money.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { today } from '../clock.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { runCommand } from '../cases/run-command.ts';
import { badRows, readImportTable, sha256, type ImportFile } from '../imports/import-file.ts';
import { applyPayment, type PaymentResult } from './record-payment.ts';

export const PAYMENTS_HEADER = ['partner_id', 'date', 'amount'] as const;
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;

/**
 * `partner_id,date,amount`: payments finance received, applied in file order
 * like `ledger pay`, all in one transaction. The same file twice pays once.
 */
export async function importPayments(deps: CaseDeps, actor: Actor, file: ImportFile): Promise<{ file: string; rows: number; payments: PaymentResult[] }> {
  const access = await loadAccess(deps.db, actor);
  requireRole(access.roles, 'payment.record', actor.userId);
  const { rows, errors } = readImportTable(file, PAYMENTS_HEADER);
  const known = await existingPartnerIds(deps.db, [...new Set(rows.map((r) => r.cells.partner_id!))]);
  const todayIs = today(deps.clock);
  for (const { line, cells } of rows) {
    const why: string[] = [];
    if (!known.has(cells.partner_id!)) why.push(`unknown partner "${cells.partner_id}"`);
    if (!isLocalDate(cells.date!)) why.push(`date "${cells.date}" is not a real date written YYYY-MM-DD`);
    else if (cells.date! > todayIs) why.push(`date ${cells.date} is in the future`);
    if (!AMOUNT.test(cells.amount!) || !money(AMOUNT.test(cells.amount!) ? cells.amount! : '0').greaterThan(0)) why.push(`amount "${cells.amount}" must be a positive number with at most 2 decimals`);
    if (why.length > 0) errors.push({ line, reason: why.join('; ') } satisfies CsvRowError);
  }
  if (errors.length > 0) throw badRows(file.name, errors);
  const digest = sha256(file.text);
  return runCommand(deps, { key: `import-payments:${digest}`, action: 'payment.import', actor: access.key }, async (tx) => {
    const payments: PaymentResult[] = [];
    const failures: CsvRowError[] = [];
    for (const { line, cells } of rows) {
      try {
        payments.push(await applyPayment(tx, deps, access.key, { partnerId: cells.partner_id!, amount: money(cells.amount!), on: cells.date!, key: `${digest}:${line}` }));
      } catch (e) {
        if (!isDomainError(e)) throw e;
        failures.push({ line, reason: e.message });
      }
    }
    if (failures.length > 0) throw badRows(file.name, failures);
    return { file: file.name, rows: rows.length, payments };
  });
}
