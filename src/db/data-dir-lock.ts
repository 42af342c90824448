import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../domain/errors.ts';

/**
 * PGlite lets two processes open one data directory with no error, and both
 * then write to it: a corrupt database. A lock file `<dataDir>.lock` beside
 * the directory (not inside: PGlite owns that) holds the owner's pid.
 */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.lock`;
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = lockPathFor(dataDir);
  await mkdir(dirname(path), { recursive: true });
  const mine = `${process.pid}\n`;

  // A couple of rounds: a stale lock is removed, then taken like a free one.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createWithContent(path, mine)) return holdLock(path, mine);

    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isAlive(holder)) {
      throw new DomainError(
        'database.locked',
        `The embedded database in ${dataDir} is already in use by pid ${holder}. ` +
          'Stop that process or set DATA_DIR to another folder.',
        { dataDir, pid: holder },
      );
    }
    // The owner died without releasing (crash, SIGKILL): take the lock over.
    await unlink(path).catch(ignoreMissing);
  }
  throw new DomainError(
    'database.locked',
    `Could not take the lock ${path} for the embedded database in ${dataDir}. Try again.`,
    { dataDir },
  );
}

/**
 * Write the pid to a private file, then hard-link it into place: the lock
 * appears atomically with its content, so no one ever reads a half-written pid.
 */
async function createWithContent(path: string, content: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, content);
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp).catch(ignoreMissing);
  }
}

async function readHolder(path: string): Promise<number | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holdLock(path: string, mine: string): DataDirLock {
  let released = false;
  // A plain process.exit() skips close(); leave no lock behind in that case.
  const onExit = () => {
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', onExit);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      // Only remove the file if it is still ours.
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === mine) await unlink(path).catch(ignoreMissing);
    },
  };
}

function ignoreMissing(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
}
