import { addDays } from '../../src/domain/dates.ts';
import { previewSanction } from '../../src/service/rules/preview-sanction.ts';
import { percentile, seededRandom } from '../support/measure.ts';
import type { BenchSection } from './section.ts';

const CALLS = 500;
const WARM_UP = 25;
export const PREVIEW_P99_TARGET_MS = 20;
const ITEMS = ['SVC-01', 'SVC-09', 'MKT-05', 'SVC-17', 'OTH-25', 'OTH-16'];

/**
 * `previewSanction` in-process for the partner with 1,000 sanctions and
 * 100,000 ledger rows, on days across the last year, one call at a time.
 */
export const previewSection: BenchSection = {
  name: 'preview',
  async run(ctx, log) {
    const random = seededRandom(99);
    const call = () =>
      previewSanction(ctx.rules, {
        partnerId: ctx.partnerId,
        itemId: ITEMS[Math.floor(random() * ITEMS.length)]!,
        on: addDays('2026-05-31', -Math.floor(random() * 365)),
      });
    for (let i = 0; i < WARM_UP; i++) await call();
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await call();
      samples.push(performance.now() - start);
    }
    log(`  ${CALLS} calls after ${WARM_UP} to warm up; max ${Math.max(...samples).toFixed(1)} ms`);
    return [
      { section: 'preview', name: `previewSanction p50 (${CALLS} calls)`, value: percentile(samples, 50), unit: 'ms' },
      { section: 'preview', name: `previewSanction p99 (${CALLS} calls)`, value: percentile(samples, 99), unit: 'ms', target: { kind: 'max', value: PREVIEW_P99_TARGET_MS } },
    ];
  },
};
