import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { findPartner } from '../../../src/db/repositories/partners.repository.ts';
import { importSanctions } from '../../../src/service/imports/import-sanctions.ts';
import { describeEachBackend } from '../../support/databases.ts';
import {
  badRowsOf,
  CLASS1_ITEM,
  CLASS2_ITEM,
  CLASS3_ITEM,
  domainErrorOf,
  givenLedger,
  givenPartner,
  query,
  rowCounts,
  sanctionsCsv,
  serviceWorld,
} from '../../support/service-fixtures.ts';

interface StoredSanction {
  case_id: string;
  base_class: number;
  final_class: number;
  amount: string;
  consumed_by: string | null;
  terminated: boolean;
}

describeEachBackend('importing sanction history (R-CASCADE)', (getDb) => {
  async function stored(db: ReturnType<typeof getDb>['db']): Promise<StoredSanction[]> {
    return query<StoredSanction>(
      db,
      sql`select case_id, base_class, final_class, amount::text, consumed_by, terminated from sanctions order by notice_date, case_id`,
    );
  }

  it('four class-2 rows, given out of order, are replayed by notice date: the 4th is class 1 and consumes the other three (R-P2)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const r = await importSanctions(
      w.deps,
      sanctionsCsv([
        ['H-4', 'P1', CLASS2_ITEM, '2025-09-20', '2025-10-01', 'false'],
        ['H-2', 'P1', 'svc-10', '2025-07-20', '2025-08-01', 'no'],
        ['H-1', 'P1', CLASS2_ITEM, '2025-06-20', '2025-07-01', ''],
        ['H-3', 'P1', 'MKT-05', '2025-08-20', '2025-09-01', '0'],
      ]),
    );
    expect(r).toMatchObject({ kind: 'sanctions', rows: 4, imported: true, changed: 4 });
    expect(await stored(w.db)).toEqual([
      { case_id: 'H-1', base_class: 2, final_class: 2, amount: '5000.00', consumed_by: 'H-4', terminated: false },
      { case_id: 'H-2', base_class: 2, final_class: 2, amount: '10000.00', consumed_by: 'H-4', terminated: false },
      { case_id: 'H-3', base_class: 2, final_class: 2, amount: '50000.00', consumed_by: 'H-4', terminated: false },
      { case_id: 'H-4', base_class: 2, final_class: 1, amount: '100000.00', consumed_by: null, terminated: false },
    ]);
    const [h4] = await query<{ explanation: { steps: { rule: string; counted: string[] }[] } }>(w.db, sql`select explanation from sanctions where case_id = 'H-4'`);
    expect(h4!.explanation.steps.map((s) => [s.rule, s.counted])).toEqual([
      ['R-P2', ['H-1', 'H-2', 'H-3', 'H-4']],
      ['R-P1', ['H-4']],
    ]);
  });

  it('a class-1 row in the history is charged 30% of the fees paid in its fiscal year, from the imported ledger (R-P1)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-03-31', 'service_fee_paid', '1000000.00'], // FY25: not counted
      ['P1', '2025-04-01', 'service_fee_paid', '400000.05'],
    ]);
    await importSanctions(w.deps, sanctionsCsv([['H-1', 'P1', CLASS1_ITEM, '2025-09-01', '2025-10-01', 'false']]));
    expect((await stored(w.db))[0]).toMatchObject({ final_class: 1, amount: '120000.02' });
  });

  it('three class-3 rows become a class 2 that, as the 4th valid class 2, becomes class 1: a double cascade 3 → 2 → 1 (R-P3, R-P2)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importSanctions(
      w.deps,
      sanctionsCsv([
        ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
        ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'false'],
        ['C', 'P1', CLASS2_ITEM, '2025-08-01', '2025-08-01', 'false'],
        ['W1', 'P1', CLASS3_ITEM, '2025-09-01', '2025-09-01', 'false'],
        ['W2', 'P1', CLASS3_ITEM, '2025-10-01', '2025-10-01', 'false'],
        ['W3', 'P1', CLASS3_ITEM, '2025-11-01', '2025-11-01', 'true'],
      ]),
    );
    const rows = await stored(w.db);
    expect(rows.map((r) => [r.case_id, r.final_class, r.amount, r.consumed_by])).toEqual([
      ['A', 2, '5000.00', 'W3'],
      ['B', 2, '10000.00', 'W3'],
      ['C', 2, '50000.00', 'W3'],
      ['W1', 3, '0.00', 'W3'],
      ['W2', 3, '0.00', 'W3'],
      ['W3', 1, '100000.00', null],
    ]);
    // R-EXIT-REMOVAL: the history says the class-1 terminated the partnership.
    expect((await findPartner(w.db, 'P1'))?.status).toBe('terminated');
  });

  it('an imported sanction counts through the corresponding day 12 months after its notice date, not the day after (R-P2 reading, R-PERIOD)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importSanctions(
      w.deps,
      sanctionsCsv([
        ['OLD', 'P1', CLASS2_ITEM, '2024-10-01', '2024-10-01', 'false'],
        ['EDGE', 'P1', CLASS2_ITEM, '2025-10-01', '2025-10-01', 'false'],
        ['IN', 'P1', CLASS2_ITEM, '2025-10-02', '2025-10-02', 'false'],
      ]),
    );
    expect((await stored(w.db)).map((r) => [r.case_id, r.amount])).toEqual([
      ['OLD', '5000.00'],
      ['EDGE', '10000.00'], // OLD's last valid day
      ['IN', '10000.00'], // OLD no longer counts; EDGE does
    ]);
  });

  it('each imported sanction writes its restrictions from the notice day: 3 months for class 2, 12 for class 1, fewer kinds when terminated (R-RESTRICT)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenPartner(w, 'P2', 'Partner Two');
    await importSanctions(
      w.deps,
      sanctionsCsv([
        ['C2', 'P1', CLASS2_ITEM, '2025-11-30', '2025-11-30', 'false'],
        ['C1', 'P1', CLASS1_ITEM, '2026-01-15', '2026-01-15', 'false'],
        ['T1', 'P2', CLASS1_ITEM, '2026-02-01', '2026-02-03', 'true'],
      ]),
    );
    const rows = await query<{ partner_id: string; case_id: string; kind: string; starts_on: string; ends_on: string; rule: string }>(
      w.db,
      sql`select partner_id, case_id, kind, starts_on::text, ends_on::text, rule from restrictions order by partner_id, starts_on, kind`,
    );
    expect(rows.map((r) => [r.partner_id, r.case_id, r.kind, r.starts_on, r.ends_on])).toEqual([
      // R-PERIOD: through 2026-02-28 (no 30 February), stored exclusive.
      ['P1', 'C2', 'no_new_program', '2025-11-30', '2026-03-01'],
      ['P1', 'C2', 'no_onboarding', '2025-11-30', '2026-03-01'],
      ['P1', 'C2', 'no_upgrade', '2025-11-30', '2026-03-01'],
      ['P1', 'C1', 'no_new_program', '2026-01-15', '2027-01-16'],
      ['P1', 'C1', 'no_onboarding', '2026-01-15', '2027-01-16'],
      ['P1', 'C1', 'no_upgrade', '2026-01-15', '2027-01-16'],
      ['P2', 'T1', 'no_new_program', '2026-02-03', '2027-02-04'],
      ['P2', 'T1', 'no_onboarding', '2026-02-03', '2027-02-04'],
    ]);
    expect(rows.every((r) => r.rule.startsWith('R-RESTRICT'))).toBe(true);
    expect((await findPartner(w.db, 'P1'))?.status).toBe('active');
    expect((await findPartner(w.db, 'P2'))?.status).toBe('terminated');
  });

  it('a file with several bad rows writes nothing and lists every bad row with its line and reason', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importSanctions(
        w.deps,
        sanctionsCsv([
          ['OK-1', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-05', 'false'], // line 2: fine
          ['X-1', 'P9', CLASS2_ITEM, '2025-06-01', '2025-06-05', 'false'], // line 3
          ['X-2', 'P1', 'SVC-99', '2025-06-01', '2025-06-05', 'false'], // line 4
          ['X-3', 'P1', CLASS2_ITEM, '2025-06-09', '2025-06-05', 'false'], // line 5
          ['X-4', 'P1', CLASS2_ITEM, '2026-06-01', '2026-06-02', 'false'], // line 6: after today
          ['X-5', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-05', 'maybe'], // line 7
          ['OK-1', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-05', 'false'], // line 8
          ['X-6', 'P1', CLASS2_ITEM, '2020-06-01', '2020-06-05', 'false'], // line 9: before FY22 took effect
        ]),
      ),
    );
    expect(e.code).toBe('import.bad_rows');
    const rows = badRowsOf(e);
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.reason)).toEqual([
      expect.stringMatching(/unknown partner "P9"/),
      expect.stringMatching(/unknown catalog item "SVC-99" in policy FY22/),
      expect.stringMatching(/occurred_on 2025-06-09 is after notice_date 2025-06-05/),
      expect.stringMatching(/notice_date 2026-06-02 is in the future/),
      expect.stringMatching(/terminated "maybe" must be true or false/),
      expect.stringMatching(/case_id OK-1 is already on line 2/),
      expect.stringMatching(/No policy version was in force on 2020-06-01/),
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a termination on a row that replays as class 2 is refused with its line, and nothing is written', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importSanctions(
        w.deps,
        sanctionsCsv([
          ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
          ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'true'],
        ]),
      ),
    );
    expect(badRowsOf(e)).toEqual([{ line: 3, reason: expect.stringMatching(/only a class-1 sanction can terminate/) }]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a later file continues the history on record: its rows are ranked on top of the earlier file’s (R-P2)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importSanctions(
      w.deps,
      sanctionsCsv(
        [
          ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
          ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'false'],
        ],
        'h1.csv',
      ),
    );
    await importSanctions(
      w.deps,
      sanctionsCsv(
        [
          ['C', 'P1', CLASS2_ITEM, '2025-08-01', '2025-08-01', 'false'],
          ['D', 'P1', CLASS2_ITEM, '2025-09-01', '2025-09-01', 'false'],
        ],
        'h2.csv',
      ),
    );
    expect((await stored(w.db)).map((r) => [r.case_id, r.final_class, r.amount, r.consumed_by])).toEqual([
      ['A', 2, '5000.00', 'D'],
      ['B', 2, '10000.00', 'D'],
      ['C', 2, '50000.00', 'D'],
      ['D', 1, '100000.00', null],
    ]);
  });

  it('an older file imported after a newer one is refused, naming its rows: replaying it would change how the newer sanctions were judged (R-CASCADE)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importSanctions(
      w.deps,
      sanctionsCsv(
        [
          ['C', 'P1', CLASS2_ITEM, '2025-08-01', '2025-08-01', 'false'],
          ['D', 'P1', CLASS2_ITEM, '2025-09-01', '2025-09-01', 'false'],
        ],
        'newer.csv',
      ),
    );
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importSanctions(
        w.deps,
        sanctionsCsv(
          [
            ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
            ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'false'],
            ['E', 'P1', CLASS2_ITEM, '2025-09-01', '2025-09-01', 'false'],
          ],
          'older.csv',
        ),
      ),
    );
    expect(badRowsOf(e)).toEqual([
      { line: 2, reason: expect.stringMatching(/notice_date 2025-06-01 is before 2025-09-01, the notice date of D already on record for P1/) },
      { line: 3, reason: expect.stringMatching(/notice_date 2025-07-01 is before 2025-09-01/) },
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('importing the same file twice changes nothing', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const file = sanctionsCsv([
      ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
      ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'false'],
    ]);
    await importSanctions(w.deps, file);
    const after = await rowCounts(w.db);
    expect(after).toMatchObject({ sanctions: 2, restrictions: 6 });
    expect(await importSanctions(w.deps, file)).toMatchObject({ imported: false, changed: 0 });
    expect(await rowCounts(w.db)).toEqual(after);
  });

  it('a case already on record is skipped when its data agree and refused when they differ', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await importSanctions(w.deps, sanctionsCsv([['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false']], 'first.csv'));
    const r = await importSanctions(
      w.deps,
      sanctionsCsv(
        [
          ['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-01', 'false'],
          ['B', 'P1', CLASS2_ITEM, '2025-07-01', '2025-07-01', 'false'],
        ],
        'second.csv',
      ),
    );
    expect(r).toMatchObject({ imported: true, changed: 1 });
    expect((await stored(w.db)).map((s) => [s.case_id, s.amount])).toEqual([
      ['A', '5000.00'],
      ['B', '10000.00'],
    ]);
    const e = await domainErrorOf(importSanctions(w.deps, sanctionsCsv([['A', 'P1', CLASS2_ITEM, '2025-06-01', '2025-06-02', 'false']], 'third.csv')));
    expect(badRowsOf(e)).toEqual([{ line: 2, reason: 'case A is already on record with other data' }]);
  });
});
