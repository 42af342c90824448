import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

/** What both drizzle flavours (PGlite and postgres.js) have in common. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  backend: 'pglite' | 'postgres';
  close(): Promise<void>;
  pglite?: PGlite;
  sql?: postgres.Sql;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when set, PostgreSQL is used. Never logged: it may hold a password. */
  databaseUrl?: string;
  /** PGlite data directory (default `./.data`), created if missing. */
  dataDir?: string;
  /** PGlite in memory: nothing is kept, no lock is taken. */
  inMemory?: boolean;
}

export const DEFAULT_DATA_DIR = './.data';
const POOL_SIZE = 10;

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const sql = postgres(opts.databaseUrl, { max: POOL_SIZE, onnotice: () => {} });
    return fromPostgres(sql);
  }
  if (opts.inMemory) return fromPglite(await PGlite.create());

  const dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  // PGlite does not create parent folders (ENOENT); the lock sits beside dataDir.
  await mkdir(dirname(dataDir), { recursive: true });
  const lock = await acquireDataDirLock(dataDir);
  try {
    return fromPglite(await PGlite.create(dataDir), () => lock.release());
  } catch (e) {
    await lock.release();
    throw e;
  }
}

/** Wrap an open PGlite; `afterClose` runs once it is closed. */
export function fromPglite(pglite: PGlite, afterClose?: () => Promise<void>): Database {
  return {
    db: drizzlePglite(pglite, { schema }),
    backend: 'pglite',
    pglite,
    close: once(async () => {
      if (!pglite.closed) await pglite.close();
      await afterClose?.();
    }),
  };
}

/** Wrap a postgres.js client; `afterClose` runs once its pool has ended. */
export function fromPostgres(sql: postgres.Sql, afterClose?: () => Promise<void>): Database {
  return {
    db: drizzlePostgres(sql, { schema }),
    backend: 'postgres',
    sql,
    close: once(async () => {
      await sql.end({ timeout: 5 });
      await afterClose?.();
    }),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
