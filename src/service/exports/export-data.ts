import { and, asc, gte, inArray, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { cases, ledgerEntries, sanctions, type LedgerEntryKind } from '../../db/schema/index.ts';
import { caseStageOf } from '../../domain/access/case-visibility.ts';
import { writeCsv } from '../../domain/csv/csv-write.ts';
import { addDays, shanghaiDateOf, startOfShanghaiDay } from '../../domain/dates.ts';
import { CASE_EXPORT_HEADER, caseExportRow, ruleIdsOf } from '../../domain/exports/case-export.ts';
import type { ExportFormat, ExportKind, ExportRange } from '../../domain/exports/export-request.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import { formatAmount, money } from '../../domain/money.ts';
import { LEDGER_HEADER } from '../imports/import-ledger.ts';
import { SANCTIONS_HEADER } from '../imports/import-sanctions.ts';

/**
 * Data out (issue 11): one kind of record over a range of days, as the rows
 * of a table. Sanctions and ledger use the very headers and cell formats of
 * `import sanctions` and `import ledger`, so an export can be imported into
 * another database and exported again unchanged. Read-only: one snapshot.
 */
export interface ExportTable {
  kind: ExportKind;
  header: readonly string[];
  rows: string[][];
}

export interface ExportRequest extends ExportRange {
  kind: ExportKind;
  /** Ledger only: the entry kinds to take (default: every kind). */
  ledgerKinds?: readonly LedgerEntryKind[];
}

export async function exportTable(db: Db, req: ExportRequest): Promise<ExportTable> {
  const rows = req.kind === 'cases' ? await caseRows(db, req) : req.kind === 'sanctions' ? await sanctionRows(db, req) : await ledgerRows(db, req);
  const header = req.kind === 'cases' ? CASE_EXPORT_HEADER : req.kind === 'sanctions' ? SANCTIONS_HEADER : LEDGER_HEADER;
  return { kind: req.kind, header, rows };
}

/** The table as a file's text: CSV (formula-guarded, src/domain/csv/csv-write.ts) or a JSON array of objects, amounts as strings. */
export function renderExport(t: ExportTable, format: ExportFormat): string {
  if (format === 'csv') return writeCsv(t.header, t.rows);
  return `${JSON.stringify(exportObjects(t), null, 2)}\n`;
}

export function exportObjects(t: ExportTable): Record<string, string>[] {
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ''])));
}

/** `cases-2026-05-01_2026-05-31.csv` */
export function exportFileName(kind: ExportKind, range: ExportRange, format: ExportFormat): string {
  return `${kind}-${range.from}_${range.to}.${format}`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dayOf = (d: Date | null) => (d ? shanghaiDateOf(d) : '');
const bool = (b: boolean) => (b ? 'true' : 'false');

/** Filed (created) between the start of `from` and the start of the day after `to`, Shanghai time. */
async function caseRows(db: Db, r: ExportRange): Promise<string[][]> {
  const list = await db
    .select()
    .from(cases)
    .where(and(gte(cases.createdAt, startOfShanghaiDay(r.from)), lt(cases.createdAt, startOfShanghaiDay(addDays(r.to, 1)))))
    .orderBy(asc(cases.createdAt), asc(cases.id));
  return list.map((c) => {
    // The decision as the processing notice issued it (R-NOTICE); before that there is no class or penalty to report.
    const d = c.processingNoticeDate ? (c.decision as DecisionView | null) : null;
    const cells = {
      case_id: c.id, partner_id: c.partnerId, item_id: c.itemId, state: c.state, occurred_on: c.occurredOn, filed_on: dayOf(c.createdAt),
      notice_sent_on: dayOf(c.noticeSentAt), suspended: bool(c.suspended), processing_notice_date: c.processingNoticeDate ?? '',
      policy_version: d?.policyVersion ?? '', base_class: d ? String(d.baseClass) : '', final_class: d ? String(d.finalClass) : '',
      terminated: d ? bool(d.terminated) : '', penalty: d ? formatAmount(money(d.amount)) : '', rule_ids: ruleIdsOf(d),
      decided_on: dayOf(c.decidedAt), closed_on: dayOf(c.closedAt),
    };
    return caseExportRow(cells, caseStageOf(c));
  });
}

/** `case_id,partner_id,item_id,occurred_on,notice_date,terminated`, by notice date: the order `import sanctions` replays them in. */
async function sanctionRows(db: Db, r: ExportRange): Promise<string[][]> {
  const list = await db
    .select()
    .from(sanctions)
    .where(and(gte(sanctions.noticeDate, r.from), lte(sanctions.noticeDate, r.to)))
    .orderBy(asc(sanctions.noticeDate), asc(sanctions.caseId));
  return list
    .map((s) => [s.caseId, s.partnerId, s.itemId, s.occurredOn, s.noticeDate, bool(s.terminated)])
    // The database's collation may differ between back ends; code-point order does not.
    .sort((a, b) => byText(a[4]!, b[4]!) || byText(a[0]!, b[0]!));
}

/**
 * `partner_id,date,kind,amount`. Sorted by every column it shows (then the
 * id), so the same entries give the same file whatever order they were
 * written in, here or after an import elsewhere.
 */
async function ledgerRows(db: Db, r: ExportRequest): Promise<string[][]> {
  const inDays = and(gte(ledgerEntries.entryDate, r.from), lte(ledgerEntries.entryDate, r.to));
  const list = await db
    .select({ partnerId: ledgerEntries.partnerId, entryDate: ledgerEntries.entryDate, kind: ledgerEntries.kind, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .where(r.ledgerKinds ? and(inDays, inArray(ledgerEntries.kind, [...r.ledgerKinds])) : inDays)
    .orderBy(asc(ledgerEntries.id));
  return list
    .map((e) => [e.partnerId, e.entryDate, e.kind, formatAmount(money(e.amount))])
    .sort((a, b) => byText(a[1]!, b[1]!) || byText(a[0]!, b[0]!) || byText(a[2]!, b[2]!) || money(a[3]!).comparedTo(money(b[3]!)));
}
