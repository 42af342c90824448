import { FY22_CATALOG } from '../../src/domain/catalog/fy22-catalog.ts';
import { addDays, daysBetween } from '../../src/domain/dates.ts';
import { importPartners, PARTNERS_HEADER } from '../../src/service/imports/import-partners.ts';
import { importSanctions, SANCTIONS_HEADER } from '../../src/service/imports/import-sanctions.ts';
import { seededRandom, timed } from '../support/measure.ts';
import type { BenchSection } from './section.ts';

export const HISTORY_SANCTIONS = 1_000;
const FILES = 4;
const FIRST_NOTICE = '2021-04-10';
const LAST_NOTICE = '2026-05-30';

/**
 * The partner with 1,000 historical sanctions, imported the way staff would:
 * a few files in notice-date order, each replayed (R-CASCADE). Items are a
 * fixed mix of classes so cascades and consumption happen throughout.
 */
export const historySection: BenchSection = {
  name: 'history',
  async run(ctx, log) {
    const pid = ctx.partnerId;
    await importPartners(ctx.deps, {
      name: 'bench-partners.csv',
      text: `${PARTNERS_HEADER.join(',')}\n${pid},Bench Partner,consulting_sales,gold,U0BENCH01\n${pid},Bench Partner,service,silver,U0BENCH02\n`,
    });
    const random = seededRandom(22);
    const byClass = [1, 2, 3].map((c) => FY22_CATALOG.filter((i) => i.class === c));
    const span = daysBetween(FIRST_NOTICE, LAST_NOTICE);
    const rows = Array.from({ length: HISTORY_SANCTIONS }, (_, i) => {
      const notice = addDays(FIRST_NOTICE, Math.floor((i * span) / (HISTORY_SANCTIONS - 1)));
      const r = random();
      const items = byClass[r < 0.15 ? 0 : r < 0.7 ? 1 : 2]!;
      const item = items[Math.floor(random() * items.length)]!;
      const occurred = addDays(notice, -Math.floor(random() * 5));
      return `${ctx.runId}-H${String(i + 1).padStart(4, '0')},${pid},${item.id},${occurred < '2021-04-01' ? '2021-04-01' : occurred},${notice},false`;
    });
    const perFile = Math.ceil(rows.length / FILES);
    let total = 0;
    for (let f = 0; f < FILES; f++) {
      const text = `${SANCTIONS_HEADER.join(',')}\n${rows.slice(f * perFile, (f + 1) * perFile).join('\n')}\n`;
      const { result, ms } = await timed(() => importSanctions(ctx.deps, { name: `bench-sanctions-${f + 1}.csv`, text }));
      total += ms;
      log(`  sanctions file ${f + 1}/${FILES}: ${result.changed} rows in ${ms.toFixed(0)} ms`);
    }
    return [
      { section: 'history', name: `import ${HISTORY_SANCTIONS} sanctions (${FILES} files, replayed)`, value: HISTORY_SANCTIONS / (total / 1000), unit: 'rows/s' },
    ];
  },
};
