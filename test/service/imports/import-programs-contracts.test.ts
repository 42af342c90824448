import { expect, it } from 'vitest';
import { contractsOf, programsOf } from '../../../src/db/repositories/registry.repository.ts';
import { importContracts } from '../../../src/service/imports/import-contracts.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { importPrograms } from '../../../src/service/imports/import-programs.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { badRowsOf, contractsCsv, domainErrorOf, partnersCsv, programsCsv, rowCounts, serviceWorld, type ServiceWorld } from '../../support/service-fixtures.ts';

/** P1 in consulting_sales and service, P2 in service only. */
async function partners(w: ServiceWorld): Promise<void> {
  await importPartners(
    w.deps,
    partnersCsv([
      ['P1', 'Cloud One', 'consulting_sales', 'gold', 'U01AAA'],
      ['P1', 'Cloud One', 'service', 'silver', ''],
      ['P2', 'Two Ltd', 'service', 'gold', ''],
    ]),
  );
}

describeEachBackend('importing programs (R-CAT, §2.2)', (getDb) => {
  it('each partner gets the programs the file lists, each on its category, with the day it joined', async () => {
    const w = await serviceWorld(getDb());
    await partners(w);
    const r = await importPrograms(
      w.deps,
      programsCsv([
        ['P1', 'Cloud MSP', 'consulting_sales', '2025-04-01'],
        ['P1', 'Managed Ops', 'service', '2025-07-15'],
        ['P2', 'Managed Ops', 'service', '2026-01-02'],
      ]),
    );
    expect(r).toMatchObject({ kind: 'programs', rows: 3, imported: true, changed: 3, details: { partners: 2, new_programs: 2 } });
    expect(await programsOf(w.db, 'P1')).toEqual([
      { program: 'Cloud MSP', category: 'consulting_sales', joinedOn: '2025-04-01' },
      { program: 'Managed Ops', category: 'service', joinedOn: '2025-07-15' },
    ]);
    expect(await programsOf(w.db, 'P2')).toEqual([{ program: 'Managed Ops', category: 'service', joinedOn: '2026-01-02' }]);
  });

  it('a later file is the truth for each partner it names; the same file twice changes nothing', async () => {
    const w = await serviceWorld(getDb());
    await partners(w);
    await importPrograms(w.deps, programsCsv([['P1', 'Cloud MSP', 'consulting_sales', '2025-04-01'], ['P2', 'Managed Ops', 'service', '2026-01-02']]));
    const file = programsCsv([['P1', 'Managed Ops', 'service', '2025-07-15']], 'later.csv');
    await importPrograms(w.deps, file);
    expect((await programsOf(w.db, 'P1')).map((p) => p.program)).toEqual(['Managed Ops']);
    expect((await programsOf(w.db, 'P2')).map((p) => p.program)).toEqual(['Managed Ops']);
    const after = await rowCounts(w.db);
    expect(await importPrograms(w.deps, file)).toMatchObject({ imported: false, changed: 0 });
    expect(await rowCounts(w.db)).toEqual(after);
  });

  it('a file with bad rows names each with its line and reason, and imports nothing', async () => {
    const w = await serviceWorld(getDb());
    await partners(w);
    await importPrograms(w.deps, programsCsv([['P2', 'Managed Ops', 'service', '2026-01-02']]));
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importPrograms(
        w.deps,
        programsCsv(
          [
            ['P1', 'Cloud MSP', 'consulting_sales', '2025-04-01'], // line 2: fine
            ['P9', 'Cloud MSP', 'consulting_sales', '2025-04-01'], // line 3
            ['P1', 'Cloud MSP', 'consulting_sales', '2025-05-01'], // line 4
            ['P2', 'Cloud MSP', 'service', '2025-04-01'], // line 5
            ['P1', 'Managed Ops', 'consulting_sales', '2025-04-01'], // line 6
            ['P2', 'Edge', 'consulting_sales', '2025-04-01'], // line 7
            ['P1', '', 'reseller', '2025-02-30'], // line 8
          ],
          'bad.csv',
        ),
      ),
    );
    expect(e.code).toBe('import.bad_rows');
    expect(e.message).toBe('bad.csv: 6 bad row(s); nothing was imported');
    expect(badRowsOf(e)).toEqual([
      { line: 3, reason: 'unknown partner "P9" (import partners first)' },
      { line: 4, reason: 'program "Cloud MSP" is listed twice for P1 (first on line 2)' },
      { line: 5, reason: 'program "Cloud MSP" sits on consulting_sales on line 2, not service' },
      { line: 6, reason: 'program "Managed Ops" sits on service on record, not consulting_sales' },
      { line: 7, reason: 'P2 does not hold category consulting_sales, which program "Edge" sits on (R-CAT; import partners first)' },
      { line: 8, reason: 'program is empty; category "reseller" must be one of consulting_sales, product_solution, service, marketplace; joined_on "2025-02-30" is not a real date written YYYY-MM-DD' },
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });
});

describeEachBackend('importing contracts (R-CAT, R-EXIT-EXPIRY, R-EXIT-RENEWAL)', (getDb) => {
  it('each partner gets its contract terms, with the renewal notice date where there is one; the same file twice changes nothing', async () => {
    const w = await serviceWorld(getDb());
    await partners(w);
    const file = contractsCsv([
      ['P1', '2024-04-01', '2025-03-31', ''],
      ['P1', '2025-04-01', '2026-03-31', '2026-02-15'],
      ['P2', '2025-10-01', '2026-09-30', ''],
    ]);
    expect(await importContracts(w.deps, file)).toMatchObject({ kind: 'contracts', rows: 3, imported: true, changed: 3, details: { partners: 2 } });
    expect((await contractsOf(w.db, 'P1')).map((c) => [c.startsOn, c.endsOn, c.renewalNoticeOn])).toEqual([
      ['2024-04-01', '2025-03-31', null],
      ['2025-04-01', '2026-03-31', '2026-02-15'],
    ]);
    const after = await rowCounts(w.db);
    expect(await importContracts(w.deps, file)).toMatchObject({ imported: false });
    expect(await rowCounts(w.db)).toEqual(after);
    // A later file replaces the terms of the partners it names, and only theirs.
    await importContracts(w.deps, contractsCsv([['P1', '2026-04-01', '2027-03-31', '']], 'renewed.csv'));
    expect((await contractsOf(w.db, 'P1')).map((c) => c.startsOn)).toEqual(['2026-04-01']);
    expect(await contractsOf(w.db, 'P2')).toHaveLength(1);
  });

  it('a file with bad rows names each with its line and reason, and imports nothing', async () => {
    const w = await serviceWorld(getDb());
    await partners(w);
    const before = await rowCounts(w.db);
    const e = await domainErrorOf(
      importContracts(
        w.deps,
        contractsCsv([
          ['P1', '2025-04-01', '2026-03-31', ''], // line 2: fine
          ['P1', '2026-03-31', '2027-03-30', ''], // line 3: shares 2026-03-31 with line 2
          ['P9', '2025-04-01', '2026-03-31', ''], // line 4
          ['P2', '2025-04-01', '2025-03-31', ''], // line 5
          ['P2', '2025-04-31', '2026-03-31', 'soon'], // line 6
          ['P2', '2026-04-01', '2027-03-31', '2026-01-01'], // line 7
        ]),
      ),
    );
    expect(badRowsOf(e)).toEqual([
      { line: 3, reason: "P1's contract 2026-03-31 … 2027-03-30 overlaps the one on line 2 (2025-04-01 … 2026-03-31)" },
      { line: 4, reason: 'unknown partner "P9" (import partners first)' },
      { line: 5, reason: 'ends_on 2025-03-31 is before starts_on 2025-04-01' },
      { line: 6, reason: 'starts_on "2025-04-31" is not a real date written YYYY-MM-DD; renewal_notice_on "soon" is not a real date written YYYY-MM-DD' },
      { line: 7, reason: 'renewal_notice_on 2026-01-01 is before starts_on 2026-04-01' },
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });
});
