import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ledgerSummary } from '../../../src/db/repositories/ledger.repository.ts';
import { formatAmount } from '../../../src/domain/money.ts';
import { importLedger } from '../../../src/service/imports/import-ledger.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { badRowsOf, domainErrorOf, givenPartner, ledgerCsv, query, rowCounts, serviceWorld } from '../../support/service-fixtures.ts';

describeEachBackend('importing the ledger (R-LEDGER)', (getDb) => {
  it('back-office figures are stored per partner, kind and day', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const r = await importLedger(
      w.deps,
      ledgerCsv([
        ['P1', '2026-01-05', 'deposit', '50000.00'],
        ['P1', '2026-01-06', 'prepayment', '1200.5'],
        ['P1', '2026-02-01', 'service_fee_paid', '8000'],
        ['P1', '2026-02-01', 'service_fee_unpaid', '3000.00'],
      ]),
    );
    expect(r).toMatchObject({ kind: 'ledger', rows: 4, imported: true, changed: 4 });
    const rows = await query<{ entry_date: string; kind: string; amount: string }>(
      w.db,
      sql`select entry_date::text, kind, amount::text from ledger_entries where partner_id = 'P1' order by entry_date, kind`,
    );
    expect(rows).toEqual([
      { entry_date: '2026-01-05', kind: 'deposit', amount: '50000.00' },
      { entry_date: '2026-01-06', kind: 'prepayment', amount: '1200.50' },
      { entry_date: '2026-02-01', kind: 'service_fee_paid', amount: '8000.00' },
      { entry_date: '2026-02-01', kind: 'service_fee_unpaid', amount: '3000.00' },
    ]);
  });

  it('amounts come back exact: 0.10 + 0.20 is 0.30, and 14-digit amounts keep their cents', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importLedger(
      w.deps,
      ledgerCsv([
        ['P1', '2026-01-05', 'service_fee_unpaid', '0.10'],
        ['P1', '2026-01-06', 'service_fee_unpaid', '0.20'],
        ['P1', '2026-01-07', 'deposit', '99999999999999.99'],
        ['P1', '2026-01-08', 'deposit', '0.01'],
      ]),
    );
    const stored = await w.db.query.ledgerEntries.findMany({ orderBy: (t, { asc }) => [asc(t.entryDate)] });
    // numeric arrives as a string on both back ends: never a float.
    expect(stored.map((e) => e.amount)).toEqual(['0.10', '0.20', '99999999999999.99', '0.01']);
    const s = await ledgerSummary(w.db, 'P1', '2026-05-31');
    expect(formatAmount(s.serviceFeeUnpaid)).toBe('0.30');
    expect(s.serviceFeeUnpaid.toString()).toBe('0.3');
    expect(formatAmount(s.deposit)).toBe('100000000000000.00');
  });

  it('the same row twice in one file is two entries (two payouts on one day)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const r = await importLedger(
      w.deps,
      ledgerCsv([
        ['P1', '2026-01-05', 'service_fee_paid', '100.00'],
        ['P1', '2026-01-05', 'service_fee_paid', '100.00'],
      ]),
    );
    expect(r.changed).toBe(2);
    expect(formatAmount((await ledgerSummary(w.db, 'P1', '2026-01-05')).serviceFeesPaidThisFiscalYear)).toBe('200.00');
  });

  it('a file of more than ten thousand rows is written whole', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const rows = Array.from({ length: 10_050 }, (_, i) => ['P1', '2026-01-05', 'service_fee_unpaid', `${i % 7}.${String(i % 100).padStart(2, '0')}`]);
    const r = await importLedger(w.deps, ledgerCsv(rows));
    expect(r).toMatchObject({ rows: 10_050, changed: 10_050 });
    const [total] = await query<{ n: number; sum: string }>(w.db, sql`select count(*)::int as n, sum(amount)::text as sum from ledger_entries`);
    const expected = rows.reduce((cents, row) => cents + Math.round(Number(row[3]) * 100), 0);
    expect(total).toEqual({ n: 10_050, sum: (expected / 100).toFixed(2) });
  });

  it('a file with several bad rows writes nothing and lists every bad row with its line and reason', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importLedger(
        w.deps,
        ledgerCsv([
          ['P1', '2026-01-05', 'deposit', '100.00'], // line 2: fine
          ['P9', '2026-01-05', 'deposit', '100.00'], // line 3
          ['P1', '2026-02-30', 'deposit', '100.00'], // line 4
          ['P1', '2026-06-02', 'deposit', '100.00'], // line 5: after today (2026-06-01)
          ['P1', '2026-01-05', 'penalty_payment', '100.00'], // line 6
          ['P1', '2026-01-05', 'deposit', '1.005'], // line 7
          ['P1', '2026-01-05', 'deposit', '1e5'], // line 8
          ['P1', '2026-01-05', 'deposit'], // line 9
        ]),
      ),
    );
    expect(e.code).toBe('import.bad_rows');
    const rows = badRowsOf(e);
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.reason)).toEqual([
      expect.stringMatching(/unknown partner "P9"/),
      expect.stringMatching(/"2026-02-30" is not a real date/),
      expect.stringMatching(/2026-06-02 is in the future/),
      expect.stringMatching(/kind "penalty_payment" must be one of deposit, prepayment, service_fee_paid, service_fee_unpaid/),
      expect.stringMatching(/amount "1.005" must be a number with at most 2 decimals/),
      expect.stringMatching(/amount "1e5"/),
      expect.stringMatching(/expected 4 columns/),
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('importing the same file twice changes nothing', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const file = ledgerCsv([
      ['P1', '2026-01-05', 'deposit', '100.00'],
      ['P1', '2026-01-06', 'deposit', '100.00'],
    ]);
    await importLedger(w.deps, file);
    const after = await rowCounts(w.db);
    expect(after.ledger_entries).toBe(2);
    expect(await importLedger(w.deps, file)).toMatchObject({ imported: false, changed: 0 });
    expect(await rowCounts(w.db)).toEqual(after);
  });

  it('a re-export holding rows already imported adds only the new rows', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importLedger(w.deps, ledgerCsv([['P1', '2026-01-05', 'deposit', '100.00']], 'jan.csv'));
    const r = await importLedger(
      w.deps,
      ledgerCsv(
        [
          ['P1', '2026-01-05', 'deposit', '100'],
          ['P1', '2026-02-05', 'deposit', '50.00'],
        ],
        'jan-feb.csv',
      ),
    );
    expect(r).toMatchObject({ imported: true, rows: 2, changed: 1 });
    expect(formatAmount((await ledgerSummary(w.db, 'P1', '2026-05-31')).deposit)).toBe('150.00');
  });
});
