import { ledgerEntryKinds, type LedgerEntryKind } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseExportFormat, parseExportKind, parseExportRange } from '../../domain/exports/export-request.ts';
import { exportObjects, exportTable, renderExport } from '../../service/exports/export-data.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'export cases|sanctions|ledger --from DATE --to DATE [--format csv|json] [--kind K[,K…]]';

/**
 * Data out for finance and audit (issue 11), to stdout. Every argument is
 * checked before anything is read, so a mistake prints one line on stderr,
 * exits 1 and prints no data.
 */
export const exportCommand: Command = {
  name: 'export',
  usage,
  summary: 'cases (by filed date), sanctions (by notice date) or ledger entries (by date) over inclusive Shanghai days, as CSV or JSON',
  async run(ctx, args) {
    const { values, positionals } = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, kind: { type: 'string' } }, usage);
    if (positionals.length !== 1) throw new DomainError('cli.usage', `expected one of cases, sanctions, ledger. Usage: ${usage}`);
    const kind = parseExportKind(positionals[0]);
    const range = parseExportRange(requireOption(values.from, '--from', usage), requireOption(values.to, '--to', usage));
    const format = parseExportFormat(values.format);
    const ledgerKinds = values.kind === undefined ? undefined : parseLedgerKinds(values.kind, kind);
    const table = await exportTable(ctx.database.db, { kind, ...range, ledgerKinds });
    // runCli adds the last line break.
    return { json: exportObjects(table), text: renderExport(table, format).replace(/\n$/, '') };
  },
};

function parseLedgerKinds(text: string, kind: string): LedgerEntryKind[] {
  if (kind !== 'ledger') throw new DomainError('cli.usage', `--kind selects ledger entry kinds; it does not apply to ${kind}. Usage: ${usage}`);
  const list = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const bad = list.filter((k) => !(ledgerEntryKinds as readonly string[]).includes(k));
  if (list.length === 0 || bad.length > 0) {
    throw new DomainError('cli.usage', `--kind must list ledger kinds among ${ledgerEntryKinds.join(', ')}, got "${text}". Usage: ${usage}`);
  }
  return list as LedgerEntryKind[];
}
