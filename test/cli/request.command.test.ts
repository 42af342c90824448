import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, CLASS2_ITEM, cliOpener, givenPartner, givenPrograms, givenSanctions, rowCounts, serviceWorld, type ServiceWorld } from '../support/service-fixtures.ts';

describeEachBackend('cli request', (getDb) => {
  async function cli(w: ServiceWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  async function world(): Promise<ServiceWorld> {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenPrograms(w, [['P1', 'Cloud MSP', 'consulting_sales', '2025-04-01']]);
    await givenPartner(w, 'P2', 'Partner Two');
    await givenSanctions(w, 'P2', [['C2', CLASS2_ITEM, '2026-03-01']]); // through 2026-06-01 (R-RESTRICT §5.5.6)
    return w;
  }

  it('--json prints exactly whether it is granted and what blocks it, `until` exclusive as preview prints it', async () => {
    const w = await world();
    const granted = await cli(w, 'request', 'upgrade', '--partner', 'P1', '--on', '2026-05-01', '--category', 'consulting_sales', '--json');
    expect([granted.code, granted.stderr(), granted.json()]).toEqual([0, '', { granted: true, blocked_by: [] }]);
    const refused = await cli(w, 'request', 'program', '--partner', 'P2', '--on', '2026-06-01', '--program', 'Cloud MSP', '--json');
    expect(refused.code).toBe(0);
    expect(refused.stdout()).toBe(
      JSON.stringify({ granted: false, blocked_by: [{ kind: 'no_new_program', case_id: 'C2', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }] }, null, 2),
    );
    const lifted = await cli(w, 'request', 'onboarding', '--partner', 'P2', '--on', '2026-06-02', '--json');
    expect(lifted.json()).toEqual({ granted: true, blocked_by: [] });
  });

  it('without --json: a line saying granted and recorded, or one English line per block with the day it lifts', async () => {
    const w = await world();
    const granted = await cli(w, 'request', 'onboarding', '--partner', 'P1', '--on', '2026-05-01', '--category', 'service');
    expect([granted.code, granted.stdout()]).toEqual([0, 'Granted: a new onboarding (incl. adding a partner admin account) (service) for P1 on 2026-05-01; recorded as request 1.']);
    // The same request again is the same record.
    expect((await cli(w, 'request', 'onboarding', '--partner', 'P1', '--on', '2026-05-01', '--category', 'service')).stdout()).toBe(granted.stdout());
    const refused = await cli(w, 'request', 'upgrade', '--partner', 'P2', '--on', '2026-03-01', '--category', 'consulting_sales');
    expect([refused.code, refused.stdout()]).toEqual([
      0,
      [
        'Refused: an upgrade (consulting_sales) for P2 on 2026-03-01.',
        '  blocked: restriction no_upgrade by case C2 (R-RESTRICT §5.5.6), until 2026-06-02 (allowed from that day)',
      ].join('\n'),
    ]);
  });

  it('bad input exits 1 with a clear message and writes nothing', async () => {
    const w = await world();
    const before = await rowCounts(w.db);
    const cases: [string[], string][] = [
      [['request', 'upgrade', '--partner', 'NOPE', '--on', '2026-05-01', '--category', 'consulting_sales'], 'error: No partner with id "NOPE".'],
      [['request', 'upgrade', '--partner', 'P1', '--on', '2026-5-1', '--category', 'consulting_sales'], 'error: --on must be a real date written YYYY-MM-DD, got "2026-5-1"'],
      [['request', 'upgrade', '--partner', 'P1', '--on', '2026-05-01'], 'error: An upgrade names the category to upgrade in (--category).'],
      [['request', 'program', '--partner', 'P1', '--on', '2026-05-01', '--program', 'Nope'], 'error: No program named "Nope" (import programs first).'],
      [['request', 'onboarding', '--partner', 'P1'], 'error: --on is required. Usage: request onboarding --partner ID --on DATE [--category C] [--json]'],
      [['request', 'upgrade', '--partner', 'P1', '--on', '2026-05-01', '--level', 'gold'], "error: Unknown option '--level'. Usage: request upgrade --partner ID --on DATE --category C [--json]"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(w, ...argv);
      expect([r.code, r.stdout(), r.stderr()]).toEqual([1, '', message]);
    }
    const json = await cli(w, 'request', 'program', '--partner', 'P1', '--on', '2026-05-01', '--program', 'Nope', '--json');
    expect([json.code, json.json()]).toEqual([1, { error: { code: 'request.unknown_program', message: 'No program named "Nope" (import programs first).' } }]);
    expect(await rowCounts(w.db)).toEqual(before);
  });
});
