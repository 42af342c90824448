/**
 * Writing CSV for finance and audit (issue 11, "Data out"). csv-parse reads
 * the files staff hand in; its sister csv-stringify is not a dependency, and
 * what an export needs is small enough to write here: RFC 4180 quoting and
 * the spreadsheet formula guard. Pure: text in, text out.
 */

/** A cell that RFC 4180 says must be quoted: it holds the separator, a quote, or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * CSV injection: Excel, LibreOffice and Google Sheets treat a cell that
 * starts with = + - @ (or a tab or carriage return, which they skip before
 * looking) as a formula, so a partner name like `=HYPERLINK(…)` would run
 * on a finance officer's machine. Such a cell is prefixed with `'`, which
 * the spreadsheet shows as text (OWASP "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A plain number ("-1500.00") is not a formula to any spreadsheet: it is
 * read as the number. Left as it is, a negative ledger amount still
 * round-trips through `import ledger`, whose amounts may be negative.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cell as a spreadsheet may open it safely. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One field, quoted when it must be, inner quotes doubled (RFC 4180 §2.6–2.7). */
export function quoteField(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The header, then one line per row, each field guarded and quoted. Lines
 * end with LF (as csv-stringify does by default; csv-parse and every
 * spreadsheet read both), and the text ends with one.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => cells.map((c) => quoteField(guardFormula(c))).join(',');
  return [header, ...rows].map(line).join('\n') + '\n';
}
