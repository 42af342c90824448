import { drizzle } from 'drizzle-orm/postgres-js';
import type { Db } from '../../src/db/database.ts';
import type postgres from 'postgres';
import * as schema from '../../src/db/schema/index.ts';
import { dueDeadlineIds } from '../../src/service/deadlines/process-deadline.ts';
import type { BenchSection } from './section.ts';
import { percentile, rssMb, timed } from '../support/measure.ts';
import type { Measurement } from '../support/report.ts';

export const BULK_CASES = 1_000_000;
export const OPEN_DEADLINES = 200_000;
const BULK_PARTNERS = 1_000;
const DUE_CALLS = 200;
const DUE_WARM_UP = 20;
const DUE_LIMIT = 500;
export const DUE_P99_TARGET_MS = 20;
const DUE_INDEX = 'deadlines_open_due_idx';

/**
 * Issue 3's figures on real PostgreSQL: 1,000,000 cases of which 200,000
 * wait on an open deadline, then the due-deadline query the sweep and
 * `cli sweep` run (p50/p99 and its plan, which must use the partial index).
 */
export const deadlinesSection: BenchSection = {
  name: 'deadlines',
  async run(ctx, log) {
    const sql = ctx.database.sql;
    if (!sql) throw new Error('the deadlines bench needs PostgreSQL');
    const out: Measurement[] = [];
    const now = ctx.clock.now();

    const built = await timed(() => bulkCases(sql, ctx.runId, now));
    log(`  ${BULK_CASES.toLocaleString('en-US')} cases, ${OPEN_DEADLINES.toLocaleString('en-US')} with an open deadline (${built.result.toLocaleString('en-US')} due now), inserted, vacuumed and analysed in ${(built.ms / 1000).toFixed(1)} s`);

    // The due-deadline query, one call at a time, as the sweep runs it.
    for (let i = 0; i < DUE_WARM_UP; i++) await dueDeadlineIds(ctx.db, now, DUE_LIMIT);
    const samples: number[] = [];
    for (let i = 0; i < DUE_CALLS; i++) {
      const { result, ms } = await timed(() => dueDeadlineIds(ctx.db, now, DUE_LIMIT));
      if (result.length !== DUE_LIMIT) throw new Error(`the due-deadline query returned ${result.length} rows, expected ${DUE_LIMIT}`);
      samples.push(ms);
    }
    const plan = await explainDueQuery(sql, now);
    log(`  EXPLAIN (ANALYZE, BUFFERS) of dueDeadlineIds(db, now, ${DUE_LIMIT}):`);
    for (const line of plan) log(`    ${line}`);
    const usesIndex = plan.some((l) => l.includes(DUE_INDEX));
    log(`  plan uses ${DUE_INDEX}: ${usesIndex ? 'yes' : 'NO'}`);
    out.push(
      { section: 'deadlines', name: `dueDeadlineIds p50 (${DUE_CALLS} calls, ${OPEN_DEADLINES / 1000}k open)`, value: percentile(samples, 50), unit: 'ms' },
      { section: 'deadlines', name: `dueDeadlineIds p99 (${DUE_CALLS} calls, ${OPEN_DEADLINES / 1000}k open)`, value: percentile(samples, 99), unit: 'ms', target: { kind: 'max', value: DUE_P99_TARGET_MS } },
      { section: 'deadlines', name: `due-deadline plan uses ${DUE_INDEX}`, value: usesIndex ? 1 : 0, unit: '(1 = yes)', target: { kind: 'min', value: 1 } },
    );

    return out;
  },
};

/**
 * Partners, cases and one deadline per case, in set-based SQL: the first
 * 200,000 cases wait for a reply or an objection (their deadline open, due
 * from 10 days ago to 50 days ahead, to the second), the others are closed
 * (deadline done, up to 5 years ago). Returns how many open deadlines are due at `now`.
 */
async function bulkCases(sql: postgres.Sql, runId: string, now: Date): Promise<number> {
  const prefix = `B${runId}`;
  const open = OPEN_DEADLINES;
  // drizzle has turned postgres.js's Date serializer off on this client: pass text.
  const at = now.toISOString();
  await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`
      insert into partners (id, name)
      select ${prefix} || '-P' || lpad(g::text, 4, '0'), 'Bench partner ' || g
      from generate_series(1, ${BULK_PARTNERS}::int) g`;
    await tx`
      insert into cases (id, partner_id, item_id, occurred_on, facts, reported_by, state, notice_sent_at, reply_due_at, objection_due_at, closed_at, created_at, updated_at)
      select ${prefix} || '-' || lpad(g::text, 7, '0'),
             ${prefix} || '-P' || lpad((g % ${BULK_PARTNERS}::int + 1)::text, 4, '0'),
             (array['SVC-09', 'SVC-17', 'SVC-01'])[g % 3 + 1],
             (t.due - interval '8 days')::date,
             'Bench case ' || g,
             'slack:U0BENCHOFFICER',
             case when g > ${open}::int then 'closed' when g % 2 = 0 then 'awaiting_reply' else 'awaiting_objection' end,
             t.due - interval '5 days',
             case when g <= ${open}::int and g % 2 = 0 then t.due end,
             case when g <= ${open}::int and g % 2 = 1 then t.due end,
             case when g > ${open}::int then t.due end,
             t.due - interval '5 days',
             t.due
      from generate_series(1, ${BULK_CASES}::int) g,
           lateral (select case
             when g <= ${open}::int then ${at}::timestamptz + ((g % 60) - 10) * interval '1 day' + (g % 86400) * interval '1 second'
             else ${at}::timestamptz - (g % 1800 + 1) * interval '1 day'
           end as due) t`;
    await tx`
      insert into deadlines (case_id, kind, due_at, payload, done_at, outcome, created_at)
      select id,
             case when state = 'awaiting_objection' then 'objection_close' else 'reply_lapse' end,
             coalesce(reply_due_at, objection_due_at, closed_at),
             '{}'::jsonb,
             case when state = 'closed' then closed_at end,
             case when state = 'closed' then 'decided' end,
             created_at
      from cases where id like ${`${prefix}-%`}`;
  });
  // VACUUM as well as ANALYZE: autovacuum would after a bulk load (insert threshold), and the
  // due-deadline query's index-only scan needs the visibility map it sets.
  await sql`vacuum (analyze) partners, cases, deadlines`;
  const [row] = await sql<{ n: string }[]>`select count(*) as n from deadlines where done_at is null and due_at <= ${at}::timestamptz`;
  return Number(row!.n);
}

async function explainDueQuery(sql: postgres.Sql, now: Date): Promise<string[]> {
  // The exact statement dueDeadlineIds sends, caught by drizzle's logger on the same connection pool.
  const seen: { query: string; params: unknown[] }[] = [];
  const spy = drizzle(sql, { schema, logger: { logQuery: (query, params) => seen.push({ query, params }) } });
  await dueDeadlineIds(spy as unknown as Db, now, DUE_LIMIT);
  const q = seen[0]!;
  const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${q.query}`, q.params as never[]);
  return rows.map((r) => r['QUERY PLAN']);
}
