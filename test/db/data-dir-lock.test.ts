import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockPathFor } from '../../src/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { isDomainError } from '../../src/domain/errors.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const databaseModule = fileURLToPath(new URL('../../src/db/database.ts', import.meta.url));

/** A child Node process running `code` (ESM, TypeScript imports allowed). */
function node(code: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

function output(child: ChildProcess): Promise<{ stdout: string; code: number | null }> {
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, code })));
}

function lineFrom(child: ChildProcess, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(expected)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before printing ${expected}: ${seen}`)));
  });
}

async function openError(dataDir: string): Promise<unknown> {
  const opened = await openDatabase({ dataDir }).then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (!opened) throw new Error(`expected ${dataDir} to be locked, but it opened`);
  return opened;
}

describe('the embedded database lock', () => {
  let scratch: string;
  let dataDir: string;
  const open: Database[] = [];
  const children: ChildProcess[] = [];

  // initdb takes seconds; most tests start from a copy of one initialised dir.
  let initialised: string;
  beforeAll(async () => {
    initialised = join(await mkdtemp(join(tmpdir(), 'vb-lock-init-')), 'data');
    await (await openDatabase({ dataDir: initialised })).close();
  });
  afterAll(async () => {
    await rm(dirname(initialised), { recursive: true, force: true });
  });
  const useInitialisedDir = () => cp(initialised, dataDir, { recursive: true });

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vb-lock-'));
    dataDir = join(scratch, 'nested', 'folders', 'data');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const db of open.splice(0)) await db.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('creates missing parent folders, holds the lock while open and releases it on close', async () => {
    const db = await openDatabase({ dataDir });
    open.push(db);
    expect(await readFile(lockPathFor(dataDir), 'utf8')).toBe(`${process.pid}\n`);
    await db.db.execute(sql`create table t (x int)`);
    await db.close();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);

    const again = await openDatabase({ dataDir });
    open.push(again);
    const [row] = await again.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sql`t`);
    expect(row?.n).toBe(0);
  });

  it('a second open in the same process is refused with the pid that holds it', async () => {
    await useInitialisedDir();
    open.push(await openDatabase({ dataDir }));
    const error = await openError(dataDir);
    expect(isDomainError(error) && error.code).toBe('database.locked');
    expect((error as Error).message).toBe(
      `The embedded database in ${dataDir} is already in use by pid ${process.pid}. ` +
        'Stop that process or set DATA_DIR to another folder.',
    );
  });

  it('another process is refused while this one holds the database', async () => {
    await useInitialisedDir();
    open.push(await openDatabase({ dataDir }));
    const child = node(
      `import { openDatabase } from ${JSON.stringify(databaseModule)};
       try { await openDatabase({ dataDir: process.env.DATA_DIR }); console.log('opened'); }
       catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
       process.exit(0);`,
      { DATA_DIR: dataDir },
    );
    children.push(child);
    const { stdout } = await output(child);
    expect(JSON.parse(stdout)).toEqual({
      code: 'database.locked',
      message: expect.stringContaining(`already in use by pid ${process.pid}.`),
    });
  });

  it('is refused while another process holds it, and taken over once that process is killed', async () => {
    await useInitialisedDir();
    const holder = node(
      `import { openDatabase } from ${JSON.stringify(databaseModule)};
       await openDatabase({ dataDir: process.env.DATA_DIR });
       console.log('ready');
       setInterval(() => {}, 1000);`,
      { DATA_DIR: dataDir },
    );
    children.push(holder);
    await lineFrom(holder, 'ready');

    const error = await openError(dataDir);
    expect(isDomainError(error) && error.code).toBe('database.locked');
    expect((error as Error).message).toContain(`already in use by pid ${holder.pid}.`);

    // A crash leaves the lock file behind; its pid is dead, so the lock is stale.
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(await readFile(lockPathFor(dataDir), 'utf8')).toBe(`${holder.pid}\n`);

    const db = await openDatabase({ dataDir });
    open.push(db);
    expect(await readFile(lockPathFor(dataDir), 'utf8')).toBe(`${process.pid}\n`);
    const [row] = await db.db.select({ one: sql<number>`1` }).from(sql`(select 1) as one`);
    expect(row?.one).toBe(1);
  });

  it('a lock left by a process that no longer exists is taken over', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await useInitialisedDir();
    await writeFile(lockPathFor(dataDir), `${dead}\n`);

    const db = await openDatabase({ dataDir });
    open.push(db);
    expect(await readFile(lockPathFor(dataDir), 'utf8')).toBe(`${process.pid}\n`);
  });
});
