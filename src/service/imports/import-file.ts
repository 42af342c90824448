import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../db/database.ts';
import { imports } from '../../db/schema/index.ts';
import { byLine, readCsvTable, type CsvRow, type CsvRowError } from '../../domain/csv/csv-table.ts';
import { DomainError } from '../../domain/errors.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { Clock } from '../clock.ts';

export type ImportKind = 'partners' | 'ledger' | 'sanctions' | 'assessments' | 'programs' | 'contracts';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportDeps {
  db: Db;
  clock: Clock;
  actor: string;
}

export interface ImportResult {
  kind: ImportKind;
  file: string;
  rows: number;
  /** False when this exact file was imported before: nothing was written. */
  imported: boolean;
  /** Rows that changed something (new ledger entries, new or changed partners, new sanctions). */
  changed: number;
  details?: Record<string, unknown>;
}

/**
 * One thing wrong with a row, by the column it is about: the CSV import joins
 * the reasons into its line's error; the `/partner` modals show each under
 * the input that column came from (issue 11: one set of rules for both).
 */
export interface RowProblem {
  column: string;
  reason: string;
}

export function rowError(line: number, problems: readonly RowProblem[]): CsvRowError {
  return { line, reason: problems.map((p) => p.reason).join('; ') };
}

/** The whole file is refused: every bad row with its line and reason. */
export function badRows(file: string, errors: CsvRowError[]): DomainError {
  const sorted = byLine(errors);
  return new DomainError('import.bad_rows', `${file}: ${sorted.length} bad row(s); nothing was imported`, { errors: sorted });
}

export function readImportTable(file: ImportFile, header: readonly string[]): { rows: CsvRow[]; errors: CsvRowError[] } {
  const table = readCsvTable(file.text, header);
  if (!table.ok) throw badRows(file.name, table.errors);
  return { rows: table.rows, errors: table.errors };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Runs `write` in one transaction unless this exact file (by SHA-256) was
 * imported before (or is being imported at this moment), and records the
 * file and an audit event with it.
 */
export async function importOnce(
  deps: ImportDeps,
  kind: ImportKind,
  file: ImportFile,
  rowCount: number,
  write: (tx: Tx) => Promise<{ changed: number; details?: Record<string, unknown> }>,
): Promise<ImportResult> {
  const digest = sha256(file.text);
  return deps.db.transaction(async (tx) => {
    // The file is claimed first: the same file imported at the same moment
    // waits here for the first to commit, then finds it on record.
    const claimed = await tx.insert(imports).values({ kind, fileSha256: digest, fileName: file.name, rowCount, actor: deps.actor }).onConflictDoNothing().returning({ id: imports.id });
    if (claimed.length === 0) return { kind, file: file.name, rows: rowCount, imported: false, changed: 0 };
    const { changed, details } = await write(tx);
    await appendAudit(tx, {
      actor: deps.actor,
      action: `import.${kind}`,
      subject: file.name,
      payload: { sha256: digest, rows: rowCount, changed, ...(details ?? {}) },
      at: deps.clock.now(),
    });
    return { kind, file: file.name, rows: rowCount, imported: true, changed, ...(details ? { details } : {}) };
  });
}
