import { randomUUID } from 'node:crypto';
import { backendsFromEnv, duel, OFFICERS, roundsFromEnv, type Backend } from '../support/duel.ts';
import type { Measurement } from '../support/report.ts';
import type { BenchSection } from './section.ts';

const CONNECTIONS = 50;

/** Issue 10's targets: our ack's p99 against the bare app's, and our throughput against its. */
const TARGETS: Record<Backend, { p99Ratio: number; perSecondRatio?: number }> = {
  postgres: { p99Ratio: 1.5, perSecondRatio: 0.6 },
  pglite: { p99Ratio: 2 },
};

/**
 * Issue 10: `/violation report` under load, the real bot against a bare Bolt
 * app that acks and calls views.open, on PostgreSQL and on embedded PGlite
 * (BENCH_ACK_BACKENDS=postgres|pglite to run one). 50 connections, 4 rounds
 * of 10 s each (BENCH_ROUNDS, BENCH_ROUND_SECONDS), signed slash commands;
 * the Web API is a fast local fake. Latency is Slack's: until the ack.
 */
export const ackSection: BenchSection = {
  name: 'ack',
  async run(ctx, log) {
    const { rounds, seconds } = roundsFromEnv(process.env, 4, 10);
    const out: Measurement[] = [];
    for (const backend of backendsFromEnv(process.env, 'BENCH_ACK_BACKENDS', ['postgres', 'pglite'])) {
      const { ours, bare } = await duel({
        backend,
        databaseUrl: ctx.databaseUrl,
        partnerId: `BA${ctx.runId}`,
        connections: CONNECTIONS,
        rounds,
        seconds,
        body: (n, respondUrl) => slashCommand(OFFICERS[n % OFFICERS.length]!, respondUrl),
        log,
      });
      const opened = ours.calls['views.open'] ?? 0;
      const acked = ours.rounds.reduce((a, r) => a + r.requests, 0);
      log(`  ${backend}: ours opened ${opened} modals for ${acked} acked commands; private error answers ${ours.calls.respond ?? 0}; server log warnings ${ours.logged.warn}, errors ${ours.logged.error}`);
      const t = TARGETS[backend];
      const name = (s: string) => `${backend}: ${s}`;
      out.push(
        { section: 'ack', name: name('ours p50'), value: ours.p50, unit: 'ms' },
        { section: 'ack', name: name('ours p99'), value: ours.p99, unit: 'ms' },
        { section: 'ack', name: name('ours req/s'), value: ours.perSecond, unit: 'req/s' },
        { section: 'ack', name: name('ours server CPU a request'), value: ours.cpuPerRequest, unit: 'ms' },
        { section: 'ack', name: name('bare Bolt p50'), value: bare.p50, unit: 'ms' },
        { section: 'ack', name: name('bare Bolt p99'), value: bare.p99, unit: 'ms' },
        { section: 'ack', name: name('bare Bolt req/s'), value: bare.perSecond, unit: 'req/s' },
        { section: 'ack', name: name('bare server CPU a request'), value: bare.cpuPerRequest, unit: 'ms' },
        { section: 'ack', name: name('CPU a request ours ÷ bare'), value: ours.cpuPerRequest / bare.cpuPerRequest, unit: '×' },
        // ≤ 1.5× is the target; the report's `max` reads "below", so a hair is added to let 1.5 itself pass.
        { section: 'ack', name: name('p99 ours ÷ bare'), value: ours.p99 / bare.p99, unit: '×', target: { kind: 'max', value: t.p99Ratio + 1e-9 } },
        {
          section: 'ack',
          name: name('req/s ours ÷ bare'),
          value: ours.perSecond / bare.perSecond,
          unit: '×',
          ...(t.perSecondRatio ? { target: { kind: 'min' as const, value: t.perSecondRatio } } : {}),
          note: `medians of ${rounds} rounds of ${seconds} s, ${CONNECTIONS} connections; ours opened ${opened} modals for ${acked} acks`,
        },
      );
    }
    return out;
  },
};

/** The form fields Slack posts for `/violation report`. */
function slashCommand(userId: string, respondUrl: string): string {
  return new URLSearchParams({
    token: 'verification-token',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/violation',
    text: 'report',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: respondUrl,
    trigger_id: `${Date.now()}.1.${randomUUID().replaceAll('-', '')}`,
  }).toString();
}
