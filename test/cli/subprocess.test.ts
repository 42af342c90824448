import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerCsv, partnersCsv } from '../support/service-fixtures.ts';

/**
 * The CLI as staff run it: a separate Node process on the embedded database
 * in DATA_DIR. The first run creates the database (initdb), so it is slow.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const databaseModule = fileURLToPath(new URL('../../src/db/database.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function cli(dataDir: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, VIOLATION_ACTOR: 'subprocess-test' };
  // The embedded database, whatever the test run itself uses.
  delete env.DATABASE_URL;
  return collect(spawn(process.execPath, ['src/cli/main.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('the cli in its own process, on the embedded database', () => {
  let scratch: string;
  let dataDir: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vt-cli-proc-'));
    dataDir = join(scratch, 'data');
    const partners = join(scratch, 'partners.csv');
    const ledger = join(scratch, 'ledger.csv');
    await writeFile(partners, partnersCsv([['P1', 'Cloud One', 'service', 'gold', 'U01AAA']]).text);
    await writeFile(ledger, ledgerCsv([['P1', '2025-05-01', 'deposit', '3000.00']]).text);
    const p = await cli(dataDir, 'import', 'partners', partners);
    expect(p, p.stderr).toMatchObject({ code: 0, stdout: 'Imported partners.csv: 1 rows, 1 changed\n' });
    const l = await cli(dataDir, 'import', 'ledger', ledger);
    expect(l, l.stderr).toMatchObject({ code: 0 });
  }, 180_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('preview prints the decision for people and exits 0', async () => {
    const r = await cli(dataDir, 'preview', '--partner', 'P1', '--item', 'SVC-09', '--on', '2026-01-10');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(1, 4)).toEqual([
      'Class 2 → Class 2: CNY 5000.00',
      '  R-P2: the 1st valid class-2 sanction within 12 months: CNY 5000.00 [counted: (this case)]',
      '  R-RESTRICT §5.5.6: no_upgrade from 2026-01-10, lifted on 2026-04-11',
    ]);
    // The readings the decision applied, named (issue #8 item 7).
    expect(r.stdout).toContain('  R-P2/R-P3 reading validityWindow=notice_to_announcement_period\n');
    expect(r.stdout).toContain('  R-DEDUCT: deposit 3000.00, prepayment 0.00, service fee 0.00, owed 2000.00\n');
  }, 60_000);

  it('export prints the CSV on stdout, one line break at the end, and a bad date is one line on stderr (issue 11)', async () => {
    const r = await cli(dataDir, 'export', 'ledger', '--from', '2025-05-01', '--to', '2025-05-01');
    expect(r).toEqual({ code: 0, stdout: 'partner_id,date,kind,amount\nP1,2025-05-01,deposit,3000.00\n', stderr: '' });
    const bad = await cli(dataDir, 'export', 'ledger', '--from', '2025-05-01', '--to', '2025-04-31');
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'error: the to date must be a real date written YYYY-MM-DD, got "2025-04-31"\n' });
  }, 60_000);

  it('a mistake exits 1 with one line on stderr and nothing on stdout', async () => {
    const r = await cli(dataDir, 'preview', '--partner', 'NOPE', '--item', 'SVC-09', '--on', '2026-01-10');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: No partner with id "NOPE". Import it first (cli import partners).\n' });
    const unknown = await cli(dataDir, 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown command "frobnicate"\n/);
  }, 60_000);

  it('request --json prints exactly the answer and records a grant; a request without what it needs exits 1 (R-RESTRICT)', async () => {
    const granted = await cli(dataDir, 'request', 'onboarding', '--partner', 'P1', '--on', '2026-01-10', '--json');
    expect(granted).toEqual({ code: 0, stdout: `${JSON.stringify({ granted: true, blocked_by: [] }, null, 2)}\n`, stderr: '' });
    const missing = await cli(dataDir, 'request', 'upgrade', '--partner', 'P1', '--on', '2026-01-10');
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'error: An upgrade names the category to upgrade in (--category).\n' });
  }, 60_000);

  it('a second process on the same DATA_DIR is told which pid holds it', async () => {
    // The first process: opens the database and keeps it until told to stop.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { openDatabase } from ${JSON.stringify(databaseModule)};
         const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
         console.log('ready');
         process.stdin.on('data', async () => { await db.close(); process.exit(0); });`,
      ],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = collect(holder);
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        holder.stdout!.on('data', (b: Buffer) => {
          seen += b.toString();
          if (seen.includes('ready')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`the holder exited (${code}) before it was ready`)));
      });
      const second = await cli(dataDir, 'preview', '--partner', 'P1', '--item', 'SVC-09', '--on', '2026-01-10');
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr).toBe(
        `error: The embedded database in ${dataDir} is already in use by pid ${holder.pid}. Stop that process or set DATA_DIR to another folder.\n`,
      );
    } finally {
      holder.stdin!.write('stop\n');
      await exited;
    }
    // Once the first process has let go, the CLI opens it again.
    expect((await cli(dataDir, 'catalog', '--json')).code).toBe(0);
  }, 90_000);
});
