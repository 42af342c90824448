import { parse } from 'csv-parse/sync';
import type { Info } from 'csv-parse/sync';

/**
 * Files that staff and finance hand to the CLI: a header row naming the
 * columns, then data. All or nothing: every bad row is listed with its 1-based
 * line in the file, so a file can be fixed in one pass.
 */
export interface CsvRowError {
  line: number;
  reason: string;
}

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  /** Trimmed cells by column name. */
  cells: Record<string, string>;
}

/**
 * `ok: false` = the file as a whole is unreadable (syntax, header, no rows).
 * Otherwise `errors` holds rows of the wrong width, for the caller to list
 * beside its own per-row errors.
 */
export type CsvTable = { ok: true; rows: CsvRow[]; errors: CsvRowError[] } | { ok: false; errors: CsvRowError[] };

interface RawRow {
  fields: string[];
  line: number;
}

/** Rows with the line each starts on; a syntax error (bad quoting) stops the parser and is reported as such. */
function readRows(text: string): { rows: RawRow[]; syntaxError?: CsvRowError } {
  // Line numbers are counted on LF; a file saved on Windows or old Mac would otherwise be miscounted.
  const normalized = text.replace(/\r\n?/g, '\n');
  try {
    // The package's types do not model `info: true`, which wraps each record with its position.
    const records = parse(normalized, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: Info;
    }[];
    return {
      rows: records
        // A line of only spaces or commas is as blank as an empty one.
        .filter(({ record }) => record.some((f) => f.trim() !== ''))
        .map(({ record, info }) => ({
          fields: record,
          // info.lines is the line the record ends on; a quoted field may span lines.
          line: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0),
        })),
    };
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    return { rows: [], syntaxError: { line: err.lines ?? 1, reason: `the file is not valid CSV: ${err.message ?? String(e)}` } };
  }
}

/** Reads a CSV file whose header must be exactly `header` (any letter case, any order is refused). */
export function readCsvTable(text: string, header: readonly string[], what = 'rows'): CsvTable {
  const { rows, syntaxError } = readRows(text);
  if (syntaxError) return { ok: false, errors: [syntaxError] };
  const [head, ...body] = rows;
  if (!head) return { ok: false, errors: [{ line: 1, reason: `the file is empty; it must start with the header "${header.join(',')}"` }] };
  const cells = head.fields.map((f) => f.trim().toLowerCase());
  if (cells.length !== header.length || cells.some((c, i) => c !== header[i])) {
    return { ok: false, errors: [{ line: head.line, reason: `the header must be "${header.join(',')}", got "${head.fields.join(',')}"` }] };
  }
  if (body.length === 0) return { ok: false, errors: [{ line: head.line, reason: `the file has a header but no ${what}` }] };
  const errors: CsvRowError[] = [];
  const out: CsvRow[] = [];
  for (const { fields, line } of body) {
    if (fields.length !== header.length) {
      errors.push({ line, reason: `expected ${header.length} columns (${header.join(',')}), got ${fields.length}` });
      continue;
    }
    out.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, (fields[i] ?? '').trim()])) });
  }
  return { ok: true, rows: out, errors };
}

/** Row errors in file order, for one listing. */
export function byLine(errors: CsvRowError[]): CsvRowError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}
