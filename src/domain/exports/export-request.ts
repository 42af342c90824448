import { isLocalDate, type LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';

/**
 * Data out (issue 11): what finance and audit may take out of the bot, over
 * which days. Each kind filters on one date, inclusive at both ends, days in
 * Asia/Shanghai (R-FY):
 * - cases: the day the case was filed (reported);
 * - sanctions: `notice_date`, the processing-notice day the sanction counts
 *   from (R-NOTICE, R-P2) and the date `import sanctions` takes, so an export
 *   imported elsewhere and exported again over the same days gives the same rows;
 * - ledger: the entry's date (`date` in `import ledger`).
 */
export const exportKinds = ['cases', 'sanctions', 'ledger'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRange {
  from: LocalDate;
  to: LocalDate;
}

export function isExportKind(s: string): s is ExportKind {
  return (exportKinds as readonly string[]).includes(s);
}

export function parseExportKind(s: string | undefined): ExportKind {
  if (s !== undefined && isExportKind(s)) return s;
  throw new DomainError('export.bad_kind', `What to export must be one of ${exportKinds.join(', ')}, got "${s ?? ''}"`, { kinds: exportKinds.join(', ') });
}

export function parseExportFormat(s: string | undefined): ExportFormat {
  if (s === undefined) return 'csv';
  if ((exportFormats as readonly string[]).includes(s)) return s as ExportFormat;
  throw new DomainError('export.bad_format', `--format must be csv or json, got "${s}"`);
}

/** Both days real, the first not after the last; the range may be one day. */
export function parseExportRange(from: string, to: string): ExportRange {
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (!isLocalDate(v)) throw new DomainError('export.bad_date', `the ${name} date must be a real date written YYYY-MM-DD, got "${v}"`, { field: name, value: v });
  }
  if (from > to) throw new DomainError('export.bad_range', `the from date ${from} is after the to date ${to} (both days are included, so they may be equal)`, { from, to });
  return { from, to };
}

export function inRange(d: LocalDate, r: ExportRange): boolean {
  return d >= r.from && d <= r.to;
}
