import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

/**
 * The bench runs on real PostgreSQL: `BENCH_DATABASE_URL` when set (kept
 * afterwards), otherwise a fresh `vt_bench_<timestamp>` database on the local
 * server, dropped at the end.
 */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  database: Database;
  /** For a second pool on the same database (pg-boss keeps its own). Never printed. */
  url: string;
  /** Where it ran, without credentials. */
  label: string;
  dispose(): Promise<void>;
}

export async function openBenchDatabase(env: NodeJS.ProcessEnv): Promise<BenchDatabase> {
  if (env.BENCH_DATABASE_URL) {
    const database = await openDatabase({ databaseUrl: env.BENCH_DATABASE_URL });
    await migrateDatabase(database);
    return { database, url: env.BENCH_DATABASE_URL, label: `BENCH_DATABASE_URL (${hostAndName(env.BENCH_DATABASE_URL)})`, dispose: () => database.close() };
  }
  const adminUrl = env.BENCH_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  const name = `vt_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`create database ${admin(name)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const drop = async () => {
    await database?.close();
    await admin`drop database if exists ${admin(name)} with (force)`;
    await admin.end({ timeout: 5 });
  };
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(database);
  } catch (e) {
    await drop();
    throw e;
  }
  return { database, url: url.toString(), label: `${name} on ${hostAndName(adminUrl).split('/')[0]} (dropped at the end)`, dispose: drop };
}

function hostAndName(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
