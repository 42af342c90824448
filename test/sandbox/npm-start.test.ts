// `npm start` with no Slack credentials: the sandbox, as a real process (issue #9).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));


it('starts the sandbox when no Slack credential is set, says so, serves the page, and stops on SIGTERM', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-npm-start-'));
  const port = await freePort();
  // DATABASE_URL is set on purpose: the sandbox must not use it.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const until = Date.now() + 90_000;
    while (!out.join('').includes('Sandbox ready')) {
      if (child.exitCode !== null) throw new Error(`exited early: ${err.join('')}`);
      if (Date.now() > until) throw new Error(`not ready: ${out.join('')} ${err.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out.join('')).toContain(`Sandbox ready: open http://127.0.0.1:${port}/ in a browser.`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<html');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exit).toBe(0);
  const lines = err.join('').trim().split('\n').map((l) => JSON.parse(l) as { message: string; mode?: string });
  expect(lines.find((l) => l.mode === 'sandbox')?.message).toBe('starting the sandbox (no Slack or DingTalk credentials set)');
  expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(['DATABASE_URL is set but not used: the sandbox keeps its demo data in its own embedded database', 'sandbox started', 'stopped']));
  await rm(dir, { recursive: true, force: true });
});
