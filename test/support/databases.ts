import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterEach, beforeEach, describe } from 'vitest';
import { fromPglite, openDatabase, type Database } from '../../src/db/database.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../src/db/migrate.ts';

/**
 * Fresh, migrated, empty databases for tests, fast: migrations run once per
 * test process (PGlite) or once per migration set (PostgreSQL template), and
 * every test gets its own copy.
 */
export type Backend = Database['backend'];

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export const backends: Backend[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function freshDatabase(backend: Backend): Promise<Database> {
  return backend === 'pglite' ? freshPglite() : freshPostgres();
}

const freshUrls = new WeakMap<Database, string>();

/** The URL of a fresh PostgreSQL database (for a second client such as pg-boss); undefined for PGlite. */
export function databaseUrlOf(database: Database): string | undefined {
  return freshUrls.get(database);
}

/**
 * A `describe` per back end; each test gets a fresh database from `getDb()`.
 * `only` keeps the back ends a test means (e.g. a race PGlite cannot run, as
 * it runs one transaction at a time); the others register nothing.
 */
export function describeEachBackend(title: string, fn: (getDb: () => Database) => void, only: readonly Backend[] = backends): void {
  for (const backend of backends.filter((b) => only.includes(b))) {
    describe(`${title} [${backend}]`, () => {
      let current: Database | undefined;
      beforeEach(async () => {
        current = await freshDatabase(backend);
      });
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });
      fn(() => {
        if (!current) throw new Error('getDb() is only available inside a test (beforeEach has not run)');
        return current;
      });
    });
  }
}

// ---- PGlite: migrate once into memory, snapshot, restore the snapshot per test.
// vitest re-imports this module for every test file, so the snapshot is also
// cached on disk (keyed by the migrations and the PGlite version): only the
// first file of a run after a schema change pays for initdb (~7 s).

const SNAPSHOT_DIR = fileURLToPath(new URL('../../node_modules/.cache/pglite-snapshots/', import.meta.url));

let pgliteSnapshot: Promise<Blob> | undefined;

async function freshPglite(): Promise<Database> {
  pgliteSnapshot ??= loadOrBuildPgliteSnapshot();
  const loadDataDir = await pgliteSnapshot.catch((e: unknown) => {
    pgliteSnapshot = undefined; // let the next test try again
    throw e;
  });
  return fromPglite(await PGlite.create({ loadDataDir }));
}

async function loadOrBuildPgliteSnapshot(): Promise<Blob> {
  const name = `${await migrationsHash()}-pglite-${await pgliteVersion()}.tar`;
  const file = join(SNAPSHOT_DIR, name);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Blob([cached]);

  const built = await openDatabase({ inMemory: true });
  let snapshot: Blob;
  try {
    await migrateDatabase(built);
    // Uncompressed: restoring then skips the gunzip.
    snapshot = await built.pglite!.dumpDataDir('none');
  } finally {
    await built.close();
  }
  // Write then rename, so a worker never reads a half-written snapshot.
  await mkdir(SNAPSHOT_DIR, { recursive: true });
  for (const other of await readdir(SNAPSHOT_DIR)) {
    // Snapshots of older migrations (not this one's temporary files: another worker's).
    if (!other.startsWith(name)) await rm(join(SNAPSHOT_DIR, other), { force: true });
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await snapshot.arrayBuffer()));
  await rename(tmp, file);
  return snapshot;
}

async function pgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Changes whenever a migration is added or edited. */
async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort();
  for (const file of files) {
    if (!file.endsWith('.sql') && !file.endsWith('_journal.json')) continue;
    hash.update(file).update('\0').update(await readFile(join(MIGRATIONS_FOLDER, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

// ---- PostgreSQL: one template database per migration set, cloned per test.

let admin: postgres.Sql | undefined;
let templateName: Promise<string> | undefined;
let counter = 0;

// Arbitrary; shared by every worker that may build the template.
const TEMPLATE_LOCK_KEY = 7_310_522_002;

/** For CREATE/DROP DATABASE; it closes itself when idle so a finished worker can exit. */
function adminSql(): postgres.Sql {
  admin ??= postgres(requireUrl(), { max: 1, idle_timeout: 2, onnotice: () => {} });
  return admin;
}

function requireUrl(): string {
  if (!TEST_DATABASE_URL) throw new Error('The postgres back end needs TEST_DATABASE_URL');
  return TEST_DATABASE_URL;
}

function urlFor(database: string): string {
  const url = new URL(requireUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Names start with the test database's name, so a CI run can drop them all by prefix. */
function baseName(): string {
  const db = decodeURIComponent(new URL(requireUrl()).pathname.slice(1)) || 'postgres';
  return db.replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 30);
}

async function ensureTemplate(): Promise<string> {
  const name = `${baseName()}_tpl_${await migrationsHash()}`;
  // Its own connection, never idle-closed: the session advisory lock must
  // outlive the migration, which runs on another connection.
  const sql = postgres(requireUrl(), { max: 1, onnotice: () => {} });
  try {
    // Several vitest workers start together: the first builds, the others wait.
    await sql`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (exists) return name;

    // Build under a scratch name and rename when complete, so a crash mid-way
    // never leaves a half-migrated template behind.
    const building = `${name}_b${process.pid}`.slice(0, 63);
    await sql`drop database if exists ${sql(building)} with (force)`;
    await sql`create database ${sql(building)}`;
    const target = await openDatabase({ databaseUrl: urlFor(building) });
    try {
      await migrateDatabase(target);
    } finally {
      await target.close();
    }
    await sql`alter database ${sql(building)} rename to ${sql(name)}`;

    // Templates of older migration sets are of no further use.
    const pattern = `${baseName().replace(/_/g, '\\_')}\\_tpl\\_%`;
    const stale = await sql<{ datname: string }[]>`
      select datname from pg_database where datname like ${pattern} and datname <> ${name}`;
    for (const { datname } of stale) {
      await sql`drop database if exists ${sql(datname)} with (force)`;
    }
    return name;
  } finally {
    // Ending the session releases the advisory lock.
    await sql.end({ timeout: 5 });
  }
}

async function freshPostgres(): Promise<Database> {
  templateName ??= ensureTemplate();
  const template = await templateName.catch((e: unknown) => {
    templateName = undefined; // let the next test try again
    throw e;
  });
  const sql = adminSql();
  const name = `${baseName()}_t${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  await sql`create database ${sql(name)} template ${sql(template)}`;
  const opened = await openDatabase({ databaseUrl: urlFor(name) });
  let closing: Promise<void> | undefined;
  const fresh: Database = {
    ...opened,
    close: () =>
      (closing ??= (async () => {
        await opened.close();
        await sql`drop database if exists ${sql(name)} with (force)`;
      })()),
  };
  freshUrls.set(fresh, urlFor(name));
  return fresh;
}
