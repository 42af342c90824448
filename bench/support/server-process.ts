import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerSpec } from './bolt-server.ts';

const ENTRY = fileURLToPath(new URL('./bolt-server.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  baseUrl: string;
  /** CPU time the server process has used so far (user + system, ms), from /proc; NaN where there is none. */
  cpuMs(): number;
  /** SIGTERM, then waits for the clean exit; returns the warnings and errors the server logged. */
  stop(): Promise<{ warn: number; error: number }>;
}

/**
 * Starts bench/support/bolt-server.ts in a child node (with tsx). When
 * BENCH_CPU_PROF is a folder, `ours` runs with `--cpu-prof` into it, so
 * the same load can be profiled.
 */
export async function startServerProcess(spec: ServerSpec, env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> {
  const prof = spec.app === 'ours' && env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...prof, ENTRY], {
    env: { ...env, BENCH_SERVER_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${spec.app} server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\{.*\})\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve((JSON.parse(m[1]!) as { port: number }).port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the ${spec.app} server exited (${code}) before it was ready`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      const m = /STOPPED (\{.*\})\n/.exec(out);
      return m ? (JSON.parse(m[1]!) as { warn: number; error: number }) : { warn: -1, error: -1 };
    },
  };
}

/** utime + stime of a process, from /proc/<pid>/stat (Linux; USER_HZ is 100). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th of those.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
