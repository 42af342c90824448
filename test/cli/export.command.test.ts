// Data out (issue 11): `cli export cases|sanctions|ledger`, on both back ends.
// Each kind filters on one Shanghai day, both ends included; money leaves as
// exact decimal strings; sanctions and ledger go back in through the imports
// unchanged; a cases export never carries what a party wrote (R-CONFIDENTIAL).
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { ledgerEntries, partners } from '../../src/db/schema/index.ts';
import { replyToNotice } from '../../src/service/cases/partner-replies.ts';
import { caseWorld, key, P1_CONTACT } from '../support/case-fixtures.ts';
import { describeEachBackend, freshDatabase } from '../support/databases.ts';
import { captureIo, cliOpener, givenLedger, givenPartner, givenSanctions, rowCounts, scratchDir, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';
import { A_LINK, closeObjectionWindow, determine, report } from '../service/cases/case-steps.ts';

async function cli(w: ServiceWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w, 'cli:audit'));
  return { code, ...c };
}

/** The CSV's lines after the header. */
const body = (csv: string) => csv.split('\n').slice(1);

const DEFENCE = 'Our engineer was on sick leave; the customer agreed to wait';
const DEFENCE_LINK = 'https://example.com/defence/sick-note';

describeEachBackend('cli export', (getDb) => {
  it('sanctions are chosen by notice date, both ends included, in the import\'s columns', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w);
    await givenSanctions(w, 'P1', [['H-1', 'SVC-17', '2025-04-30'], ['H-2', 'SVC-17', '2025-05-01'], ['H-3', 'SVC-17', '2025-05-31'], ['H-4', 'SVC-17', '2025-06-01']]);
    const r = await cli(w, 'export', 'sanctions', '--from', '2025-05-01', '--to', '2025-05-31');
    expect(r.code).toBe(0);
    expect(r.stdout().split('\n')).toEqual([
      'case_id,partner_id,item_id,occurred_on,notice_date,terminated',
      'H-2,P1,SVC-17,2025-05-01,2025-05-01,false',
      'H-3,P1,SVC-17,2025-05-31,2025-05-31,false',
    ]);
    const oneDay = await cli(w, 'export', 'sanctions', '--from', '2025-06-01', '--to', '2025-06-01', '--format', 'json');
    expect(JSON.parse(oneDay.stdout())).toEqual([{ case_id: 'H-4', partner_id: 'P1', item_id: 'SVC-17', occurred_on: '2025-06-01', notice_date: '2025-06-01', terminated: 'false' }]);
  });

  it('ledger entries are chosen by their date, with amounts as exact decimal strings in CSV and JSON', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w);
    await givenLedger(w, [
      ['P1', '2026-03-31', 'deposit', '1.00'],
      ['P1', '2026-04-01', 'deposit', '99999999999999.99'],
      ['P1', '2026-04-15', 'prepayment', '0.1'],
      ['P1', '2026-04-30', 'service_fee_unpaid', '-1500'],
      ['P1', '2026-05-01', 'deposit', '2.00'],
    ]);
    const csv = await cli(w, 'export', 'ledger', '--from', '2026-04-01', '--to', '2026-04-30');
    // A float would print 100000000000000 and 0.1; a negative amount is a number, not a formula, and is left as it is.
    expect(body(csv.stdout())).toEqual(['P1,2026-04-01,deposit,99999999999999.99', 'P1,2026-04-15,prepayment,0.10', 'P1,2026-04-30,service_fee_unpaid,-1500.00']);
    const json = await cli(w, 'export', 'ledger', '--from', '2026-04-01', '--to', '2026-04-30', '--format', 'json');
    expect(JSON.parse(json.stdout()).map((e: { amount: unknown }) => e.amount)).toEqual(['99999999999999.99', '0.10', '-1500.00']);
    // --json is the same document as --format json.
    const flag = await cli(w, 'export', 'ledger', '--from', '2026-04-01', '--to', '2026-04-30', '--json');
    expect(flag.stdout()).toBe(json.stdout());
    const deposits = await cli(w, 'export', 'ledger', '--from', '2026-01-01', '--to', '2026-12-31', '--kind', 'deposit');
    expect(body(deposits.stdout())).toEqual(['P1,2026-03-31,deposit,1.00', 'P1,2026-04-01,deposit,99999999999999.99', 'P1,2026-05-01,deposit,2.00']);
  });

  it('cases are chosen by the Shanghai day they were filed: 23:59:59 is the day before, midnight the day after', async () => {
    const w = await caseWorld(getDb(), '2026-05-31T15:59:59Z');
    const late = await report(w);
    w.clock.set('2026-05-31T16:00:00Z');
    const early = await report(w);
    const may31 = await cli(w, 'export', 'cases', '--from', '2026-05-31', '--to', '2026-05-31', '--json');
    const june1 = await cli(w, 'export', 'cases', '--from', '2026-06-01', '--to', '2026-06-01', '--json');
    const both = await cli(w, 'export', 'cases', '--from', '2026-05-31', '--to', '2026-06-01', '--json');
    expect(may31.json<{ case_id: string; filed_on: string }[]>().map((c) => [c.case_id, c.filed_on])).toEqual([[late.caseId, '2026-05-31']]);
    expect(june1.json<{ case_id: string; filed_on: string }[]>().map((c) => [c.case_id, c.filed_on])).toEqual([[early.caseId, '2026-06-01']]);
    expect(both.json<unknown[]>()).toHaveLength(2);
  });

  it('a decided case carries its class, penalty, dates and rule ids, and never the partner\'s defence, evidence or the facts (R-CONFIDENTIAL)', async () => {
    const w = await caseWorld(getDb());
    await givenLedger(w, [['P1', '2026-01-10', 'deposit', '3000.00']]);
    const r = await report(w, { facts: 'INTERNAL-FACTS: ticket 4711 ignored' });
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: DEFENCE, evidence: [{ kind: 'link', ref: DEFENCE_LINK }] });
    await determine(w, r.caseId, { reasons: 'GROUNDS-TEXT: the logs are clear' });
    await closeObjectionWindow(w);
    const csv = await cli(w, 'export', 'cases', '--from', '2026-06-01', '--to', '2026-06-30');
    const json = await cli(w, 'export', 'cases', '--from', '2026-06-01', '--to', '2026-06-30', '--format', 'json');
    expect(csv.code).toBe(0);
    const [row] = JSON.parse(json.stdout()) as Record<string, string>[];
    expect(row).toMatchObject({
      case_id: r.caseId, partner_id: 'P1', item_id: 'SVC-09', occurred_on: '2026-05-20', filed_on: '2026-06-01', notice_sent_on: '2026-06-01',
      processing_notice_date: '2026-06-01', final_class: '2', terminated: 'false', decided_on: '2026-06-05', policy_version: 'FY22',
    });
    expect(row!.penalty).toMatch(/^\d+\.\d{2}$/);
    expect(row!.rule_ids!.split(';')).toEqual(expect.arrayContaining([expect.stringMatching(/^R-/)]));
    for (const text of [csv.stdout(), json.stdout()]) {
      for (const secret of [DEFENCE, 'sick leave', DEFENCE_LINK, A_LINK.ref, 'INTERNAL-FACTS', 'GROUNDS-TEXT', 'U0PARTNER1', 'U0OFFICER']) expect(text).not.toContain(secret);
    }
  });

  it('sanctions and ledger go back in through the imports, and a second export is the same file', async () => {
    // A database with imported history, a case the bot decided (its sanction and its R-DEDUCT entries) and a negative amount.
    const a = await caseWorld(getDb());
    await givenLedger(a, [['P1', '2026-01-10', 'deposit', '3000.00'], ['P1', '2026-02-01', 'prepayment', '250.50'], ['P1', '2026-02-01', 'prepayment', '250.50'], ['P1', '2026-03-01', 'service_fee_unpaid', '-20.00']]);
    await givenSanctions(a, 'P1', [['H-1', 'SVC-17', '2025-09-01'], ['H-2', 'SVC-09', '2025-11-03']]);
    const r = await report(a);
    await determine(a, r.caseId);
    await closeObjectionWindow(a);
    const range = ['--from', '2025-01-01', '--to', '2026-12-31'];
    const sanctionsOut = (await cli(a, 'export', 'sanctions', ...range)).stdout();
    const ledgerOut = (await cli(a, 'export', 'ledger', ...range)).stdout();
    expect(body(sanctionsOut).map((l) => l.split(',')[0])).toEqual(['H-1', 'H-2', r.caseId]);
    expect(body(ledgerOut).filter((l) => l.startsWith('P1,2026-06-05,deposit,-'))).toHaveLength(1);

    const other = await freshDatabase(getDb().backend);
    const files = await scratchDir();
    try {
      const b = await serviceWorld(other, '2026-06-10T04:00:00Z');
      await givenPartner(b);
      const imported = [
        await cli(b, 'import', 'ledger', await files.write('ledger.csv', `${ledgerOut}\n`)),
        await cli(b, 'import', 'sanctions', await files.write('sanctions.csv', `${sanctionsOut}\n`)),
      ];
      expect(imported.map((i) => [i.code, i.stderr()])).toEqual([[0, ''], [0, '']]);
      expect((await cli(b, 'export', 'sanctions', ...range)).stdout()).toBe(sanctionsOut);
      expect((await cli(b, 'export', 'ledger', ...range)).stdout()).toBe(ledgerOut);
    } finally {
      await files.cleanup();
      await other.close();
    }
  });

  it('a cell that a spreadsheet would run as a formula is written as text, whatever reached the database', async () => {
    const w = await serviceWorld(getDb());
    // Imports refuse such ids; this stands for whatever another way in may one day allow.
    await w.db.insert(partners).values({ id: '=HYPERLINK("http://evil.test","x")', name: 'Evil' });
    await w.db.insert(ledgerEntries).values({ partnerId: '=HYPERLINK("http://evil.test","x")', entryDate: '2026-04-01', kind: 'deposit', amount: '-5.00', entryKey: 'evil' });
    const r = await cli(w, 'export', 'ledger', '--from', '2026-04-01', '--to', '2026-04-01');
    expect(body(r.stdout())).toEqual([`"'=HYPERLINK(""http://evil.test"",""x"")",2026-04-01,deposit,-5.00`]);
  });

  it.each([
    [['export'], /expected one of cases, sanctions, ledger/],
    [['export', 'payments', '--from', '2026-01-01', '--to', '2026-01-31'], /must be one of cases, sanctions, ledger, got "payments"/],
    [['export', 'cases', '--to', '2026-01-31'], /--from is required/],
    [['export', 'cases', '--from', '2026-01-01'], /--to is required/],
    [['export', 'cases', '--from', '2026-02-30', '--to', '2026-03-31'], /the from date must be a real date written YYYY-MM-DD, got "2026-02-30"/],
    [['export', 'ledger', '--from', '2026-01-01', '--to', '31/01/2026'], /the to date must be a real date/],
    [['export', 'ledger', '--from', '2026-02-01', '--to', '2026-01-31'], /the from date 2026-02-01 is after the to date 2026-01-31/],
    [['export', 'ledger', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'xlsx'], /--format must be csv or json, got "xlsx"/],
    [['export', 'cases', '--from', '2026-01-01', '--to', '2026-01-31', '--kind', 'deposit'], /--kind .* does not apply to cases/],
    [['export', 'ledger', '--from', '2026-01-01', '--to', '2026-01-31', '--kind', 'bonus'], /--kind must list ledger kinds/],
    [['export', 'ledger', '--from', '2026-01-01', '--to', '2026-01-31', '--until', '2026-02-01'], /Unknown option '--until'/],
  ])('%j is refused with one clear line, exit 1, no data and nothing written', async (argv, message) => {
    const w = await serviceWorld(getDb());
    await givenPartner(w);
    await givenLedger(w, [['P1', '2026-01-10', 'deposit', '3000.00']]);
    const before = await rowCounts(w.db);
    const r = await cli(w, ...argv);
    expect(r.code).toBe(1);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toMatch(message);
    expect(r.stderr().split('\n')).toHaveLength(1);
    expect(await rowCounts(w.db)).toEqual(before);
  });
});
