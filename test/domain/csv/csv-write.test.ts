import { expect, it } from 'vitest';
import { guardFormula, quoteField, writeCsv } from '../../../src/domain/csv/csv-write.ts';
import { readCsvTable } from '../../../src/domain/csv/csv-table.ts';

it('a field with a comma, a quote or a line break is quoted, inner quotes doubled (RFC 4180)', () => {
  expect(quoteField('plain')).toBe('plain');
  expect(quoteField('a,b')).toBe('"a,b"');
  expect(quoteField('say "hi"')).toBe('"say ""hi"""');
  expect(quoteField('two\nlines')).toBe('"two\nlines"');
  expect(quoteField('cr\r')).toBe('"cr\r"');
  expect(quoteField('')).toBe('');
});

it.each(['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil.test")', '-', '-abc'])('%j would run as a formula: it is prefixed with a quote mark', (cell) => {
  expect(guardFormula(cell)).toBe(`'${cell}`);
});

it.each(['-1500.00', '-0.5', '12', '0.10', 'P1', 'V-000001', '2026-04-01', 'a=b', ''])('%j is data: left as it is', (cell) => {
  expect(guardFormula(cell)).toBe(cell);
});

it('what writeCsv writes, the importer reads back cell for cell (minus the guard)', () => {
  const rows = [['P1', 'a, "quoted"\nname', '-20.00'], ['P2', '中文名', '0.10']];
  const text = writeCsv(['id', 'name', 'amount'], rows);
  expect(text.endsWith('\n')).toBe(true);
  const table = readCsvTable(text, ['id', 'name', 'amount']);
  expect(table.ok && table.rows.map((r) => [r.cells.id, r.cells.name, r.cells.amount])).toEqual(rows);
});

it('a header alone is a valid file of no rows', () => {
  expect(writeCsv(['a', 'b'], [])).toBe('a,b\n');
});
