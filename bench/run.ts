import { redactSecrets } from '../src/config/database-config.ts';
import { sections } from './sections/index.ts';
import type { BenchSection } from './sections/section.ts';
import { benchContext } from './support/bench-context.ts';
import { openBenchDatabase } from './support/bench-database.ts';
import { peakRssMb, rssMb } from './support/measure.ts';
import { renderReport, type Measurement } from './support/report.ts';

/**
 * `npm run bench`: builds a partner with 1,000 historical sanctions and
 * 100,000 ledger rows, then 1,000,000 cases (issue 3), on real PostgreSQL
 * and prints what the issues target.
 * It reports; the tests assert behaviour. Exit 0 whatever the figures; only a
 * bench that could not run exits 1.
 */
async function main(): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const chosen = chooseSections(process.argv.slice(2));
  const bench = await openBenchDatabase(process.env);
  const measurements: Measurement[] = [];
  try {
    log(`bench database: ${bench.label}`);
    const ctx = await benchContext(bench.database, bench.url);
    log(`bench partner: ${ctx.partnerId}`);
    for (const section of chosen) {
      log(`[${section.name}]`);
      measurements.push(...(await section.run(ctx, log)));
    }
  } finally {
    await bench.dispose();
  }
  measurements.push(
    { section: 'process', name: 'RSS at the end', value: rssMb(), unit: 'MB' },
    { section: 'process', name: 'peak RSS', value: peakRssMb(), unit: 'MB' },
  );
  log('');
  log(renderReport(measurements));
  return 0;
}

/** `npm run bench -- case-creation deadlines`: only those sections (ledger-import and preview need history). */
function chooseSections(names: string[]): BenchSection[] {
  if (names.length === 0) return sections;
  const unknown = names.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown bench section ${unknown.join(', ')}; the sections are ${sections.map((s) => s.name).join(', ')}`);
  return sections.filter((s) => names.includes(s.name));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench failed: ${redactSecrets(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
