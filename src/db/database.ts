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
    db: drizzlePostgres(preparedStatements(sql), { schema }),
    backend: 'postgres',
    sql,
    close: once(async () => {
      await sql.end({ timeout: 5 });
      await afterClose?.();
    }),
  };
}

/**
 * drizzle 0.45 asks postgres.js for an unnamed statement unless a query is
 * given a name (drizzle-orm#6096), and postgres.js then describes every
 * parameterised statement before running it: two round trips each, on the
 * hot path of every step. This restores postgres.js's own default, a named
 * statement described once per connection and reused; transactions and
 * savepoints get the same client. Each connection keeps its statements until
 * postgres.js recycles it (`max_lifetime`, 30–60 min).
 */
function preparedStatements<S extends postgres.Sql | postgres.TransactionSql>(client: S): S {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (key === 'begin' || key === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const open = Reflect.get(target, key) as (...a: unknown[]) => unknown;
          return open.apply(target, [...args, (tx: postgres.TransactionSql) => work(preparedStatements(tx))]);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
