import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/ports.ts';

/**
 * The bot as production starts it (`scripts/start.sh`: `node src/main.ts`,
 * no npm or tsx above it), in a child process whose resident memory the
 * bench reads from /proc.
 */
export interface BotProcess {
  pid: number;
  /** Every stderr line so far (the JSON log). */
  readonly log: string[];
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));


/** Resident set of a process in MB (VmRSS), 0 once it has gone. */
export async function processRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

export async function startBotProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<BotProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    log.push(...lines);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + timeoutMs;
  while (!log.some((l) => l.includes('"bot started"'))) {
    if (child.exitCode !== null) throw new Error(`the bot exited: ${log.slice(-3).join(' ')}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error('the bot did not start in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    log,
    rssMb: () => processRssMb(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
