import { getTableColumns, getTableName, is, SQL, sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database.ts';
import { rowsOf } from './rows.ts';

/**
 * Inserts rows through a single JSON parameter (`jsonb_populate_recordset`)
 * and returns them as stored. drizzle's own insert builds and types every
 * value as a parameter of its own, which is most of the cost of a wide row on
 * the hot path (case creation); this is one parameter whatever the width, and
 * the statement's text is built once per table and set of columns. Columns
 * left out of every row take their database defaults.
 */
export async function insertRows<T extends PgTable>(db: Db | Tx, table: T, rows: readonly InferInsertModel<T>[]): Promise<InferSelectModel<T>[]>;
/** The same, when nothing is read back. */
export async function insertRows<T extends PgTable>(db: Db | Tx, table: T, rows: readonly InferInsertModel<T>[], options: { returning: false }): Promise<void>;
export async function insertRows<T extends PgTable>(db: Db | Tx, table: T, rows: readonly InferInsertModel<T>[], options?: { returning: false }): Promise<InferSelectModel<T>[] | void> {
  const returning = options?.returning ?? true;
  if (rows.length === 0) return returning ? [] : undefined;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined)))];
  const json = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[columns[k]!.name] = toJson(valueOrDefault(table, columns[k]!, (r as Record<string, unknown>)[k]));
    return out;
  });
  const result = await db.execute(statement(table, columns, keys, returning, JSON.stringify(json)));
  if (!returning) return;
  const all = Object.entries(columns);
  return rowsOf<Record<string, unknown>>(result).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, c] of all) out[k] = fromDriver(c, row[c.name]);
    return out as InferSelectModel<T>;
  });
}

const texts = new Map<string, readonly [string, string]>();

/** `insert … select … from jsonb_populate_recordset(null::table, $1)`, its text cached around the one parameter. */
function statement(table: PgTable, columns: Record<string, PgColumn>, keys: readonly string[], returning: boolean, json: string): SQL {
  const name = getTableName(table);
  const cacheKey = `${name}\u0000${returning}\u0000${keys.join('\u0000')}`;
  let text = texts.get(cacheKey);
  if (!text) {
    const names = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
    // The columns by name, not `*`: the statement is prepared once per connection, and a column added
    // meanwhile (a migration run by another process) would change `*` under it and fail the step.
    const all = Object.values(columns).map((c) => `"${c.name}"`).join(', ');
    text = [`insert into "${name}" (${names}) select ${names} from jsonb_populate_recordset(null::"${name}", `, returning ? `::jsonb) returning ${all}` : `::jsonb)`];
    texts.set(cacheKey, text);
  }
  return sql`${sql.raw(text[0])}${json}${sql.raw(text[1])}`;
}

/**
 * A column some rows leave out: `insert … select` cannot say DEFAULT for one
 * row, so the row gets the column's default from the schema (a plain value or
 * a `$defaultFn`); one only the database knows (SQL) is refused.
 */
function valueOrDefault(table: PgTable, column: PgColumn, value: unknown): unknown {
  if (value !== undefined) return value;
  if (column.defaultFn) return column.defaultFn();
  if (column.default !== undefined && !is(column.default, SQL)) return column.default;
  if (!column.notNull && !column.hasDefault) return null;
  throw new Error(`insertRows: some rows give ${getTableName(table)}.${column.name} and others leave it to a database default; give it in every row.`);
}

function toJson(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

function fromDriver(column: PgColumn, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapFromDriverValue(value);
}
