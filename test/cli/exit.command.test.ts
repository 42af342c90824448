import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { importContracts } from '../../src/service/imports/import-contracts.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener, contractsCsv, givenPartner, rowCounts, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

describeEachBackend('cli exit (§6, R-EXIT-*)', (getDb) => {
  async function cli(w: ServiceWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  it('exit check applies what is due on the day and prints it; again, nothing', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenPartner(w, 'P2', 'Partner Two');
    await importContracts(w.deps, contractsCsv([['P1', '2025-06-01', '2026-05-31', ''], ['P2', '2025-06-01', '2026-06-30', '']]));
    expect((await cli(w, 'exit', 'check', '--on', '2026-05-31')).stdout()).toBe('No exit due on 2026-05-31.');
    const done = await cli(w, 'exit', 'check', '--on', '2026-06-01', '--json');
    expect([done.code, done.json()]).toEqual([0, {
      on: '2026-06-01',
      exited: [{ partner_id: 'P1', kind: 'expiry', rule: 'R-EXIT-EXPIRY', ends_on: '2026-06-01', basis: 'contract 2025-06-01 … 2026-05-31 ended without renewal', contacts_removed: ['slack:U0PARTNER1'] }],
    }]);
    expect((await cli(w, 'exit', 'check', '--on', '2026-06-01')).stdout()).toBe('No exit due on 2026-06-01.');
    // Without --on: the clock's day (2026-06-01), P2 still in contract.
    expect((await cli(w, 'exit', 'check')).stdout()).toBe('No exit due on 2026-06-01.');
    const text = await cli(w, 'exit', 'check', '--on', '2026-07-01');
    expect(text.stdout()).toBe('Exits applied on 2026-07-01:\n  P2: exited from 2026-07-01 (R-EXIT-EXPIRY: contract 2025-06-01 … 2026-06-30 ended without renewal); 1 contact(s) told and removed');
  });

  it('exit apply: refused with a coded error under a month or with the checklist open (nothing written); recorded, then ended by exit check', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    const before = await rowCounts(w.db);
    const short = await cli(w, 'exit', 'apply', '--partner', 'P1', '--on', '2026-06-01', '--end', '2026-07-01', '--agreement', '2026-07-01', '--checklist-complete', '--json');
    expect([short.code, (short.json() as { error: { code: string } }).error.code]).toEqual([1, 'exit.notice_too_short']);
    const open = await cli(w, 'exit', 'apply', '--partner', 'P1', '--on', '2026-06-01', '--end', '2026-07-02', '--agreement', '2026-07-02', '--json');
    expect([open.code, (open.json() as { error: { code: string } }).error.code]).toEqual([1, 'exit.checklist_incomplete']);
    const bad = await cli(w, 'exit', 'apply', '--partner', 'P1', '--on', '2026-02-30', '--end', '2026-07-02', '--agreement', '2026-07-02');
    expect([bad.code, bad.stderr()]).toEqual([1, expect.stringContaining('--on "2026-02-30" is not a real date')]);
    expect(await rowCounts(w.db)).toEqual(before);

    const ok = await cli(w, 'exit', 'apply', '--partner', 'P1', '--on', '2026-06-01', '--end', '2026-07-02', '--agreement', '2026-07-02', '--checklist-complete', '--json');
    expect([ok.code, ok.json()]).toEqual([0, { recorded: true, partner_id: 'P1', applied_on: '2026-06-01', requested_end_on: '2026-07-02', ends_on: '2026-07-02' }]);
    expect((await cli(w, 'exit', 'check', '--on', '2026-07-01')).stdout()).toBe('No exit due on 2026-07-01.');
    expect(((await cli(w, 'exit', 'check', '--on', '2026-07-02', '--json')).json() as { exited: unknown }).exited).toMatchObject([{ partner_id: 'P1', kind: 'voluntary', rule: 'R-EXIT-VOLUNTARY', ends_on: '2026-07-02' }]);
  });
});
