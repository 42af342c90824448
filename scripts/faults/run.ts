// `npm run faults -- <replicas|kill> [--cases N] [--dms N] [--database-url URL]`
// The heavy variants of the fault tests (issue #10), printing their figures.
// Each runs on a PostgreSQL server of its own (initdb in a temporary folder,
// a free loopback port, as the `postgres` OS user when run as root), unless
// --database-url names an empty database to use instead.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { runKill } from '../../test/faults/kill-scenario.ts';
import { runReplicas } from '../../test/faults/replicas-scenario.ts';
import { startPrivatePostgres } from '../../test/support/private-postgres.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { cases: { type: 'string', default: '1000' }, dms: { type: 'string', default: '1000' }, 'database-url': { type: 'string' } },
});
const which = positionals[0];
if (which !== 'replicas' && which !== 'kill') {
  process.stderr.write('usage: npm run faults -- <replicas|kill> [--cases N] [--dms N] [--database-url URL]\n');
  process.exit(2);
}

const log = (line: string) => process.stdout.write(`  ${line}\n`);
process.stdout.write(`faults ${which}: node ${process.version}, ${cpus().length} cores\n`);
const server = values['database-url'] ? undefined : await startPrivatePostgres();
const url = values['database-url'] ?? server!.url;
let ok = false;
try {
  if (which === 'replicas') {
    const f = await runReplicas(url, { cases: Number(values.cases), log });
    process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
    const n = f.cases;
    ok = f.badAnswers.length === 0 && f.casesInDatabase === n && f.reportCommands === n && f.deadlinesOpen === 0 && f.duplicateDeadlineEffects === 0
      && f.outboxNotDelivered === 0 && f.duplicateOutboxRows === 0 && f.notificationsPostedTwice === 0 && f.deliveredButNotPosted === 0
      && f.notificationPosts === f.outboxRows;
    process.stdout.write(`${n} cases (${f.twinSubmissions} sent to both replicas) filed once each in ${f.filingMs} ms; ${f.deadlines} deadlines processed once (${f.deadlinesProcessedBy.join(' + ')} by the two replicas) in ${f.deadlineMs} ms; ${f.notificationPosts} notifications posted, ${f.notificationsPostedTwice} twice\n`);
  } else {
    const f = await runKill(url, { dms: Number(values.dms), log });
    process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
    ok = f.lost === 0 && f.duplicates <= f.inFlightAtKill && f.delivered === f.dms;
    process.stdout.write(`${f.dms} DMs, kill -9 after ${f.postedBeforeKill}: ${f.lost} lost, ${f.duplicates} duplicates (sends in flight at the kill: ${f.inFlightAtKill}); all delivered ${Math.round(f.recoveryMs / 1000)} s after the restart\n`);
  }
} finally {
  await server?.destroy();
}
process.stdout.write(ok ? 'OK\n' : 'FAILED: see the figures above\n');
process.exit(ok ? 0 : 1);
