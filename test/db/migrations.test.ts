import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../src/db/migrate.ts';
import * as schema from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/databases.ts';

/** Every table the TypeScript schema declares: the migrations must create each one. */
const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

async function journalLength(): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

describeEachBackend('the migrations', (getDb) => {
  async function publicTables(): Promise<string[]> {
    const rows = await getDb()
      .db.select({ name: sql<string>`table_name` })
      .from(sql`information_schema.tables`)
      .where(sql`table_schema = 'public' and table_type = 'BASE TABLE'`)
      .orderBy(sql`table_name`);
    return rows.map((r) => r.name);
  }

  it('create every table of the schema, and the ledger, sanctions and audit trail start empty', async () => {
    expect(schemaTables).toEqual(expect.arrayContaining(['audit_events', 'ledger_entries', 'partners', 'sanctions']));
    expect(await publicTables()).toEqual(schemaTables);
    const [row] = await getDb()
      .db.select({
        rows: sql<number>`(select count(*) from partners) + (select count(*) from ledger_entries)
          + (select count(*) from sanctions) + (select count(*) from audit_events)`.mapWith(Number),
      })
      .from(sql`(select 1) as one`);
    expect(row?.rows).toBe(0);
  });

  it('can be applied again at start-up without changing anything', async () => {
    const database = getDb();
    await migrateDatabase(database);
    expect(await publicTables()).toEqual(schemaTables);
    const [applied] = await database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(sql`drizzle.__drizzle_migrations`);
    expect(applied?.n).toBe(await journalLength());
  });
});
