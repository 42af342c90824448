import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/db/rows.ts';
import { backendsFromEnv, duel, OFFICERS, roundsFromEnv } from '../support/duel.ts';
import type { Measurement } from '../support/report.ts';
import type { BenchSection } from './section.ts';

const CONNECTIONS = 20;
const PER_SECOND_RATIO_TARGET = 0.4;
const P99_TARGET_MS = 150;

/**
 * Issue 10: the report modal submitted under load (20 connections), each
 * submission a new view (its id and hash are the idempotency key), filing a
 * staff case through the real bot: the case, its notice, outbox rows and
 * pg-boss jobs, all before the ack (the modal turns into its confirmation).
 * The baseline is a bare Bolt app whose view_submission listener does one
 * INSERT on the same database and acks. PostgreSQL by default
 * (BENCH_FILING_BACKENDS=postgres,pglite for both).
 */
export const filingSection: BenchSection = {
  name: 'filing',
  async run(ctx, log) {
    const { rounds, seconds } = roundsFromEnv(process.env, 4, 10);
    const out: Measurement[] = [];
    for (const backend of backendsFromEnv(process.env, 'BENCH_FILING_BACKENDS', ['postgres'])) {
      const partnerId = `BF${ctx.runId}${backend === 'pglite' ? 'L' : 'P'}`;
      const occurredOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
      const { ours, bare } = await duel({
        backend,
        databaseUrl: ctx.databaseUrl,
        partnerId,
        connections: CONNECTIONS,
        rounds,
        seconds,
        body: (n) => submission(OFFICERS[n % OFFICERS.length]!, partnerId, occurredOn),
        // The modal stays open with inline errors: the case was not filed.
        refused: (body) => body.includes('"response_action":"errors"'),
        log,
      });
      const filed = ours.rounds.reduce((a, r) => a + r.requests - r.failed, 0);
      if (backend === 'postgres') {
        const [row] = rowsOf<{ n: string | number }>(await ctx.db.execute(sql`select count(*) as n from cases where partner_id = ${partnerId}`));
        log(`  postgres: ${filed} submissions answered as filed in the rounds; cases on record for the partner (with the warm-up): ${row?.n}`);
      }
      log(`  ${backend}: server log warnings ${ours.logged.warn}, errors ${ours.logged.error}`);
      const name = (s: string) => `${backend}: ${s}`;
      const onPostgres = backend === 'postgres';
      out.push(
        { section: 'filing', name: name('ours p50'), value: ours.p50, unit: 'ms' },
        { section: 'filing', name: name('ours p99'), value: ours.p99, unit: 'ms', ...(onPostgres ? { target: { kind: 'max' as const, value: P99_TARGET_MS } } : {}) },
        { section: 'filing', name: name('ours cases/s'), value: ours.perSecond, unit: 'req/s' },
        { section: 'filing', name: name('ours server CPU a request'), value: ours.cpuPerRequest, unit: 'ms' },
        { section: 'filing', name: name('one-INSERT Bolt p50'), value: bare.p50, unit: 'ms' },
        { section: 'filing', name: name('one-INSERT Bolt p99'), value: bare.p99, unit: 'ms' },
        { section: 'filing', name: name('one-INSERT Bolt req/s'), value: bare.perSecond, unit: 'req/s' },
        { section: 'filing', name: name('bare server CPU a request'), value: bare.cpuPerRequest, unit: 'ms' },
        { section: 'filing', name: name('CPU a request ours ÷ bare'), value: ours.cpuPerRequest / bare.cpuPerRequest, unit: '×' },
        {
          section: 'filing',
          name: name('req/s ours ÷ one-INSERT'),
          value: ours.perSecond / bare.perSecond,
          unit: '×',
          ...(onPostgres ? { target: { kind: 'min' as const, value: PER_SECOND_RATIO_TARGET } } : {}),
          note: `medians of ${rounds} rounds of ${seconds} s, ${CONNECTIONS} connections; failed: ours ${ours.rounds.reduce((a, r) => a + r.failed, 0)}, bare ${bare.rounds.reduce((a, r) => a + r.failed, 0)}`,
        },
      );
    }
    return out;
  },
};

/** A view_submission of the report modal, as Slack posts it: a fresh view id and hash each time. */
function submission(userId: string, partnerId: string, occurredOn: string): string {
  const id = `VB${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`;
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'bench' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    trigger_id: `${Date.now()}.1.${randomUUID().replaceAll('-', '')}`,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
    view: {
      id,
      team_id: 'T1',
      type: 'modal',
      callback_id: 'report_submit',
      private_metadata: '',
      hash: `${Math.floor(Date.now() / 1000)}.${id}`,
      app_id: 'A1',
      bot_id: 'BBOT',
      blocks: [{ block_id: 'partner' }, { block_id: 'item' }, { block_id: 'occurred_on' }, { block_id: 'facts' }, { block_id: 'evidence' }, { block_id: 'evidence_files' }, { block_id: 'suspend' }],
      state: {
        values: {
          partner: { partner_select: { type: 'external_select', selected_option: option(partnerId) } },
          item: { item_select: { type: 'static_select', selected_option: option('SVC-09') } },
          occurred_on: { occurred_on: { type: 'datepicker', selected_date: occurredOn } },
          facts: { facts: { type: 'plain_text_input', value: 'Bench: service ticket answered 9 days late.' } },
          evidence: { evidence_links: { type: 'plain_text_input', value: 'https://example.com/ticket/42' } },
          evidence_files: { evidence_files: { type: 'file_input', files: [] } },
          suspend: { suspend: { type: 'checkboxes', selected_options: [] } },
        },
      },
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
