import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener, contractsCsv, ledgerCsv, partnersCsv, programsCsv, rowCounts, sanctionsCsv, scratchDir, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

describeEachBackend('cli import', (getDb) => {
  let files: Awaited<ReturnType<typeof scratchDir>>;
  beforeEach(async () => {
    files = await scratchDir();
  });
  afterEach(async () => {
    await files.cleanup();
  });

  async function cli(w: ServiceWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  it('imports partners, ledger and sanctions from files and says what changed', async () => {
    const w = await serviceWorld(getDb());
    const partners = await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'gold', 'U01AAA;U02BBB']]).text);
    const ledger = await files.write('ledger.csv', ledgerCsv([['P1', '2025-05-01', 'deposit', '100.00']]).text);
    const sanctions = await files.write('sanctions.csv', sanctionsCsv([['H-1', 'P1', 'SVC-09', '2025-06-01', '2025-06-02', 'false']]).text);
    const p = await cli(w, 'import', 'partners', partners);
    expect([p.code, p.stdout()]).toEqual([0, 'Imported partners.csv: 1 rows, 1 changed']);
    const l = await cli(w, 'import', 'ledger', ledger, '--json');
    expect(l.code).toBe(0);
    expect(l.json()).toMatchObject({ kind: 'ledger', file: 'ledger.csv', rows: 1, imported: true, changed: 1 });
    const s = await cli(w, 'import', 'sanctions', sanctions);
    expect([s.code, s.stdout()]).toEqual([0, 'Imported sanctions.csv: 1 rows, 1 changed']);
    expect(await rowCounts(w.db)).toMatchObject({ partners: 1, contacts: 2, ledger_entries: 1, sanctions: 1, restrictions: 3, imports: 3 });
  });

  it('the same file a second time changes nothing and says so', async () => {
    const w = await serviceWorld(getDb());
    const partners = await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'gold', '']]).text);
    await cli(w, 'import', 'partners', partners);
    const before = await rowCounts(w.db);
    const again = await cli(w, 'import', 'partners', partners);
    expect([again.code, again.stdout()]).toEqual([0, 'partners.csv was imported before; nothing changed']);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a file with bad rows exits 1, prints every bad row with its line on stderr, and imports nothing', async () => {
    const w = await serviceWorld(getDb());
    await cli(w, 'import', 'partners', await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'gold', '']]).text));
    const before = await rowCounts(w.db);
    const ledger = await files.write(
      'ledger.csv',
      ledgerCsv([
        ['P1', '2025-05-01', 'deposit', '100.00'],
        ['P2', '2025-05-01', 'deposit', '100.00'],
        ['P1', '2025-05-01', 'bonus', '100.00'],
        ['P1', '2025-05-01', 'deposit', '100.00'],
        ['P1', '01/05/2025', 'deposit', '12,5'],
      ]).text,
    );
    const r = await cli(w, 'import', 'ledger', ledger);
    expect(r.code).toBe(1);
    expect(r.stdout()).toBe('');
    expect(r.stderr().split('\n')).toEqual([
      'error: ledger.csv: 3 bad row(s); nothing was imported',
      '  line 3: unknown partner "P2" (import partners first)',
      expect.stringMatching(/^ {2}line 4: kind "bonus" must be one of/),
      // "12,5" splits into two cells: the row has the wrong width.
      '  line 6: expected 4 columns (partner_id,date,kind,amount), got 5',
    ]);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('with --json a refused file lists its bad rows in the JSON too', async () => {
    const w = await serviceWorld(getDb());
    const partners = await files.write('partners.csv', partnersCsv([['P1', '', 'service', 'gold', ''], ['P2', 'Two', 'club', 'gold', '']]).text);
    const r = await cli(w, 'import', 'partners', partners, '--json');
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({
      error: {
        code: 'import.bad_rows',
        message: 'partners.csv: 2 bad row(s); nothing was imported',
        rows: [
          { line: 2, reason: 'name is empty' },
          { line: 3, reason: expect.stringMatching(/category "club"/) },
        ],
      },
    });
  });

  it('imports assessment results (R-ASSESS); a period the category does not have is a line error and nothing is applied', async () => {
    const w = await serviceWorld(getDb());
    await cli(w, 'import', 'partners', await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'gold', 'U01AAA']]).text));
    const bad = await files.write('bad.csv', 'partner_id,category,period,result,proposed_level\nP1,service,FY26-Q4,downgrade,silver\n');
    const r = await cli(w, 'import', 'assessments', bad);
    expect(r.code).toBe(1);
    expect(r.stderr().split('\n')).toEqual([
      'error: bad.csv: 1 bad row(s); nothing was imported',
      '  line 2: category service has no quarterly assessment FY26-Q4: product_solution and service are assessed annually only (R-ASSESS, §3.1.2)',
    ]);
    const good = await files.write('good.csv', 'partner_id,category,period,result,proposed_level\nP1,service,FY26,downgrade,silver\n');
    const ok = await cli(w, 'import', 'assessments', good);
    expect([ok.code, ok.stdout()]).toEqual([0, 'Imported good.csv: 1 rows, 1 changed']);
    expect(await rowCounts(w.db)).toMatchObject({ partner_categories: 1 });
  });

  it('an assessment upgrade held back by a restriction is named with its rule and the day it lifts (R-RESTRICT)', async () => {
    const w = await serviceWorld(getDb());
    await cli(w, 'import', 'partners', await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'silver', '']]).text));
    await cli(w, 'import', 'sanctions', await files.write('sanctions.csv', sanctionsCsv([['H-1', 'P1', 'SVC-09', '2026-03-01', '2026-03-01', 'false']]).text));
    const up = await files.write('up.csv', 'partner_id,category,period,result,proposed_level\nP1,service,FY26,upgrade,gold\n');
    const r = await cli(w, 'import', 'assessments', up);
    expect([r.code, r.stdout()]).toEqual([0, 'Imported up.csv: 1 rows, 1 changed\n  held back: upgrade P1/service/FY26 (R-RESTRICT §5.5.6, lifts on 2026-06-02)']);
  });

  it('imports programs and contracts after partners; the same file again changes nothing; a bad one exits 1 and imports nothing (R-CAT)', async () => {
    const w = await serviceWorld(getDb());
    await cli(w, 'import', 'partners', await files.write('partners.csv', partnersCsv([['P1', 'One', 'service', 'gold', '']]).text));
    const programs = await files.write('programs.csv', programsCsv([['P1', 'Managed Ops', 'service', '2025-07-15']]).text);
    const contracts = await files.write('contracts.csv', contractsCsv([['P1', '2025-04-01', '2026-03-31', '2026-02-15']]).text);
    expect((await cli(w, 'import', 'programs', programs, '--json')).json()).toMatchObject({ kind: 'programs', rows: 1, imported: true, changed: 1 });
    const c = await cli(w, 'import', 'contracts', contracts);
    expect([c.code, c.stdout()]).toEqual([0, 'Imported contracts.csv: 1 rows, 1 changed']);
    expect(await rowCounts(w.db)).toMatchObject({ programs: 1, partner_programs: 1, partner_contracts: 1, imports: 3 });
    const again = await cli(w, 'import', 'programs', programs);
    expect([again.code, again.stdout()]).toEqual([0, 'programs.csv was imported before; nothing changed']);
    const before = await rowCounts(w.db);
    const bad = await cli(w, 'import', 'contracts', await files.write('bad.csv', contractsCsv([['P2', '2025-04-01', '2026-03-31', '']]).text));
    expect([bad.code, bad.stderr()]).toEqual([1, 'error: bad.csv: 1 bad row(s); nothing was imported\n  line 2: unknown partner "P2" (import partners first)']);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('a missing file is one clear error line', async () => {
    const w = await serviceWorld(getDb());
    const r = await cli(w, 'import', 'ledger', `${files.dir}/nope.csv`);
    expect(r.code).toBe(1);
    expect(r.stderr()).toBe(`error: No file at ${files.dir}/nope.csv`);
  });
});
