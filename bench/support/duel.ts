import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFastWebApi, type FastWebApi } from './fast-web-api.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { median, signedLoad, type LoadRound } from './signed-load.ts';

export type Backend = 'postgres' | 'pglite';

export const SIGNING_SECRET = 'bench-signing-secret';
/** Officers the requests rotate through (each has the officer role in ours). */
export const OFFICERS = Array.from({ length: 20 }, (_, i) => `U0BENCHOFF${String(i).padStart(2, '0')}`);

export interface DuelOptions {
  backend: Backend;
  /** PostgreSQL: the bench database (both servers use it). */
  databaseUrl: string;
  partnerId: string;
  connections: number;
  rounds: number;
  seconds: number;
  /** The n-th request's form body; `respondUrl` is where a response_url should point. */
  body: (n: number, respondUrl: string) => string;
  refused?: (body: string) => boolean;
  log: (line: string) => void;
}

export interface DuelSide {
  p50: number;
  p99: number;
  perSecond: number;
  rounds: LoadRound[];
  /** The server process's CPU per answered request (ms), median over rounds: what limits it on a busy machine. */
  cpuPerRequest: number;
  /** Web API calls during this side's rounds (views.open, respond…). */
  calls: Record<string, number>;
  logged: { warn: number; error: number };
}

/** Rounds/seconds from the environment (BENCH_ROUNDS, BENCH_ROUND_SECONDS) for quick runs and profiles. */
export function roundsFromEnv(env: NodeJS.ProcessEnv, rounds: number, seconds: number): { rounds: number; seconds: number } {
  return { rounds: Number(env.BENCH_ROUNDS ?? rounds), seconds: Number(env.BENCH_ROUND_SECONDS ?? seconds) };
}

export function backendsFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: Backend[]): Backend[] {
  const v = env[name];
  if (!v) return fallback;
  return v.split(',').map((b) => {
    if (b !== 'postgres' && b !== 'pglite') throw new Error(`${name}: unknown back end ${b}; use postgres, pglite or both, comma-separated`);
    return b;
  });
}

/**
 * Ours and the bare Bolt app, both started on the back end, loaded in
 * alternating rounds (bare, ours, bare, ours …) after a short warm-up, so
 * both see the same machine; medians over the rounds.
 */
export async function duel(o: DuelOptions): Promise<{ ours: DuelSide; bare: DuelSide }> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-bench-'));
  const api: FastWebApi = await startFastWebApi();
  const servers: ServerProcess[] = [];
  try {
    const common = { slackApiUrl: api.url, signingSecret: SIGNING_SECRET, officers: OFFICERS, partnerId: o.partnerId, ...(o.backend === 'postgres' ? { databaseUrl: o.databaseUrl } : {}) };
    const ours = await startServerProcess({ ...common, app: 'ours', dataDir: join(dir, 'ours') });
    servers.push(ours);
    const bare = await startServerProcess({ ...common, app: 'bare', dataDir: join(dir, 'bare') });
    servers.push(bare);
    const load = (s: ServerProcess, seconds: number) =>
      signedLoad({ baseUrl: s.baseUrl, secret: SIGNING_SECRET, connections: o.connections, seconds, body: (n) => o.body(n, api.respondUrl), refused: o.refused });
    await load(bare, 2);
    await load(ours, 2);
    const side = () => ({ rounds: [] as LoadRound[], cpu: [] as number[], calls: {} as Record<string, number> });
    const sides = { ours: side(), bare: side() };
    for (let i = 1; i <= o.rounds; i++) {
      for (const [name, server] of [['bare', bare], ['ours', ours]] as const) {
        // Let work a side left after its acks (views.open) finish before the other is measured.
        await settle(api);
        api.reset();
        const cpuBefore = server.cpuMs();
        const r = await load(server, o.seconds);
        await settle(api);
        const cpu = (server.cpuMs() - cpuBefore) / r.requests;
        const calls = api.counts();
        sides[name].rounds.push(r);
        sides[name].cpu.push(cpu);
        for (const [k, v] of Object.entries(calls)) sides[name].calls[k] = (sides[name].calls[k] ?? 0) + v;
        o.log(`  ${o.backend} round ${i} ${name.padEnd(4)}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.perSecond.toFixed(0)} req/s (${r.requests} requests, ${r.failed} failed; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores), server CPU ${cpu.toFixed(2)} ms a request; Web API calls ${JSON.stringify(calls)}`);
      }
    }
    const bareLogged = await servers.pop()!.stop();
    const oursLogged = await servers.pop()!.stop();
    const summary = (name: 'ours' | 'bare', logged: { warn: number; error: number }): DuelSide => ({
      p50: median(sides[name].rounds.map((r) => r.p50)),
      p99: median(sides[name].rounds.map((r) => r.p99)),
      perSecond: median(sides[name].rounds.map((r) => r.perSecond)),
      rounds: sides[name].rounds,
      cpuPerRequest: median(sides[name].cpu),
      calls: sides[name].calls,
      logged,
    });
    return { ours: summary('ours', oursLogged), bare: summary('bare', bareLogged) };
  } finally {
    for (const s of servers.reverse()) await s.stop();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Waits until the Web API has been quiet for 300 ms (at most 10 s). */
async function settle(api: FastWebApi): Promise<void> {
  const total = () => Object.values(api.counts()).reduce((a, b) => a + b, 0);
  let last = total();
  for (let waited = 0; waited < 10_000; waited += 300) {
    await new Promise((r) => setTimeout(r, 300));
    const now = total();
    if (now === last) return;
    last = now;
  }
}
