import { expect, it } from 'vitest';
import { caseParts, maySee } from '../../../src/domain/access/case-visibility.ts';
import { CASE_EXPORT_COLUMNS, CASE_EXPORT_HEADER, caseExportRow, NEVER_EXPORTED, ruleIdsOf, type CaseExportCells } from '../../../src/domain/exports/case-export.ts';
import { parseExportRange } from '../../../src/domain/exports/export-request.ts';

const stage = { byPartner: true, noticeSent: true, outcomeAnnounced: false, published: false };

it('no column of the cases export shows what a party wrote or who reported (R-CONFIDENTIAL, R-EVIDENCE)', () => {
  expect(NEVER_EXPORTED).toEqual(expect.arrayContaining(['facts', 'reporter', 'replies', 'objections', 'grounds', 'rejected', 'proposals']));
  for (const [column, part] of CASE_EXPORT_COLUMNS) expect({ column, part, never: NEVER_EXPORTED.includes(part) }).toEqual({ column, part, never: false });
  expect(CASE_EXPORT_HEADER).not.toEqual(expect.arrayContaining(['facts', 'reported_by', 'reply', 'objection', 'evidence', 'reasons']));
  // Every part is exported, named as never exported, or one of these two left out as not a record of the
  // case (open deadlines move; the public notice is the decision's text, dated by decided_on): a new part must be decided on.
  const exported = new Set<string>(CASE_EXPORT_COLUMNS.map(([, part]) => part));
  expect(caseParts.filter((p) => !exported.has(p) && !NEVER_EXPORTED.includes(p))).toEqual(['deadlines', 'publicNotice']);
});

it('staff see every exported part, so a row is the cells in header order', () => {
  for (const [, part] of CASE_EXPORT_COLUMNS) expect(maySee('staff', part, stage)).toBe(true);
  const cells = Object.fromEntries(CASE_EXPORT_HEADER.map((h) => [h, `<${h}>`])) as CaseExportCells;
  expect(caseExportRow(cells, stage)).toEqual(CASE_EXPORT_HEADER.map((h) => `<${h}>`));
});

it('rule ids are each listed once, steps first, then restrictions', () => {
  expect(ruleIdsOf({ steps: [{ rule: 'R-P2' }, { rule: 'R-CASCADE' }, { rule: 'R-P2' }], restrictions: [{ rule: 'R-RESTRICT' }, { rule: 'R-RESTRICT' }] })).toBe('R-P2;R-CASCADE;R-RESTRICT');
  expect(ruleIdsOf(null)).toBe('');
});

it('a range is inclusive: one day is a range; the first after the last is refused', () => {
  expect(parseExportRange('2026-05-01', '2026-05-01')).toEqual({ from: '2026-05-01', to: '2026-05-01' });
  expect(() => parseExportRange('2026-05-02', '2026-05-01')).toThrow('is after the to date');
  expect(() => parseExportRange('2026-13-01', '2026-12-31')).toThrow('the from date must be a real date');
});
