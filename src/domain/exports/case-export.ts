import { maySee, type CasePart, type CaseStage } from '../access/case-visibility.ts';

/**
 * The cases export (issue 11) for finance and audit: what each case is, where
 * it stands, and what it cost. R-CONFIDENTIAL: an export leaves the bot as a
 * file, so it carries the parts staff see that are facts about the case,
 * never anything a party wrote: no facts, replies, objections, evidence,
 * reasons or notes, and never who reported. Each column names the case part
 * (src/domain/access/case-visibility.ts) it shows, and is filled only where
 * the policy lets staff see that part.
 */
export const CASE_EXPORT_COLUMNS = [
  ['case_id', 'existence'],
  ['partner_id', 'summary'],
  ['item_id', 'summary'],
  ['state', 'summary'],
  ['occurred_on', 'summary'],
  ['filed_on', 'summary'],
  ['notice_sent_on', 'notice'],
  ['suspended', 'suspension'],
  ['processing_notice_date', 'processingNotice'],
  ['policy_version', 'processingNotice'],
  ['base_class', 'processingNotice'],
  ['final_class', 'processingNotice'],
  ['terminated', 'processingNotice'],
  ['penalty', 'processingNotice'],
  ['rule_ids', 'processingNotice'],
  ['decided_on', 'formalDecision'],
  ['closed_on', 'outcome'],
] as const satisfies readonly (readonly [string, CasePart])[];

export type CaseExportColumn = (typeof CASE_EXPORT_COLUMNS)[number][0];

/** Parts that hold what someone wrote, or who reported: never a column (R-CONFIDENTIAL, R-EVIDENCE). */
export const NEVER_EXPORTED: readonly CasePart[] = ['facts', 'reporter', 'replies', 'objections', 'proposals', 'rejected', 'grounds', 'screening', 'deliveries'];

export const CASE_EXPORT_HEADER: readonly CaseExportColumn[] = CASE_EXPORT_COLUMNS.map(([c]) => c);

/** One case's cells by column, as the service reads them (dates already Shanghai days; money already a 2-decimal string). */
export type CaseExportCells = Record<CaseExportColumn, string>;

/** A row as staff may see it: a cell of a part they may not see is left empty. */
export function caseExportRow(cells: CaseExportCells, stage: CaseStage): string[] {
  return CASE_EXPORT_COLUMNS.map(([column, part]) => (maySee('staff', part, stage) ? cells[column] : ''));
}

/** R-* rule ids the decision applied, each once, in the order the decision gives them; `;` between, as partners' contacts are in CSV. */
export function ruleIdsOf(decision: { steps: readonly { rule: string }[]; restrictions: readonly { rule: string }[] } | null): string {
  if (!decision) return '';
  return [...new Set([...decision.steps.map((s) => s.rule), ...decision.restrictions.map((r) => r.rule)])].join(';');
}
