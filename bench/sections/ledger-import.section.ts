import { addDays, daysBetween } from '../../src/domain/dates.ts';
import { importLedger, LEDGER_HEADER } from '../../src/service/imports/import-ledger.ts';
import { seededRandom, timed } from '../support/measure.ts';
import type { BenchSection } from './section.ts';

export const LEDGER_ROWS = 100_000;
const FIRST_DAY = '2021-04-01';
const LAST_DAY = '2026-05-31';
export const LEDGER_IMPORT_TARGET = 20_000;

/**
 * 100,000 back-office rows for the bench partner in one file, through
 * `importLedger` as the CLI calls it: parse, check every row, write in one
 * transaction. Throughput counts all of it.
 */
export const ledgerImportSection: BenchSection = {
  name: 'ledger-import',
  async run(ctx, log) {
    const random = seededRandom(7);
    const span = daysBetween(FIRST_DAY, LAST_DAY);
    const lines = [LEDGER_HEADER.join(',')];
    for (let i = 0; i < LEDGER_ROWS; i++) {
      const day = addDays(FIRST_DAY, Math.floor((i * span) / LEDGER_ROWS));
      const r = random();
      const kind = r < 0.4 ? 'service_fee_paid' : r < 0.6 ? 'service_fee_unpaid' : r < 0.8 ? 'prepayment' : 'deposit';
      const cents = Math.floor(random() * 5_000_000) + 1;
      lines.push(`${ctx.partnerId},${day},${kind},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    }
    const text = `${lines.join('\n')}\n`;
    log(`  ledger file: ${LEDGER_ROWS.toLocaleString('en-US')} rows, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
    const { result, ms } = await timed(() => importLedger(ctx.deps, { name: 'bench-ledger.csv', text }));
    if (result.changed !== LEDGER_ROWS) throw new Error(`expected ${LEDGER_ROWS} new ledger rows, got ${result.changed}`);
    log(`  imported in ${ms.toFixed(0)} ms`);
    return [
      {
        section: 'ledger-import',
        name: `importLedger, ${LEDGER_ROWS.toLocaleString('en-US')} rows`,
        value: LEDGER_ROWS / (ms / 1000),
        unit: 'rows/s',
        target: { kind: 'min', value: LEDGER_IMPORT_TARGET },
      },
    ];
  },
};
