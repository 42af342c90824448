import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import {
  captureIo,
  CLASS2_ITEM,
  cliOpener,
  givenLedger,
  givenPartner,
  givenSanctions,
  rowCounts,
  serviceWorld,
  type ServiceWorld,
} from '../support/service-fixtures.ts';

interface PreviewJson {
  steps: { rule: string; from_class: number; to_class: number; counted: string[]; amount: string | null; reason: string }[];
  restrictions: { kind: string; from: string; until: string; rule: string }[];
  deduction: Record<string, string>;
}

async function cli(w: ServiceWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w));
  return { code, ...c };
}

describeEachBackend('cli preview', (getDb) => {
  async function partnerWithHistory(): Promise<ServiceWorld> {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-04-01', 'service_fee_paid', '400000.05'],
      ['P1', '2025-05-01', 'deposit', '30000.00'],
      ['P1', '2025-05-01', 'prepayment', '20000.00'],
      ['P1', '2025-05-01', 'service_fee_unpaid', '15000.00'],
    ]);
    await givenSanctions(w, 'P1', [
      ['H-1', CLASS2_ITEM, '2025-07-01'],
      ['H-2', CLASS2_ITEM, '2025-08-01'],
      ['H-3', CLASS2_ITEM, '2025-09-01'],
    ]);
    return w;
  }

  it('--json prints the decision: classes, a 2-decimal amount, every step with its rule, restrictions and the deduction (R-CASCADE, R-P1, R-DEDUCT)', async () => {
    const w = await partnerWithHistory();
    const r = await cli(w, 'preview', '--partner', 'P1', '--item', 'svc-09', '--on', '2025-10-01', '--occurred', '2025-09-20', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr()).toBe('');
    const j = r.json<PreviewJson>();
    expect(j).toMatchObject({
      item_id: 'SVC-09',
      base_class: 2,
      final_class: 1,
      amount: '120000.02',
      currency: 'CNY',
      terminated: false,
      policy_version: 'FY22',
      consumes: ['H-1', 'H-2', 'H-3'],
    });
    expect(j.steps.map(({ rule, from_class, to_class, counted, amount }) => ({ rule, from_class, to_class, counted, amount }))).toEqual([
      { rule: 'R-P2', from_class: 2, to_class: 1, counted: ['H-1', 'H-2', 'H-3', '(this case)'], amount: null },
      { rule: 'R-P1', from_class: 1, to_class: 1, counted: ['(this case)'], amount: '120000.02' },
    ]);
    expect(j.restrictions.map(({ kind, from, until }) => ({ kind, from, until }))).toEqual([
      { kind: 'no_upgrade', from: '2025-10-01', until: '2026-10-02' },
      { kind: 'no_onboarding', from: '2025-10-01', until: '2026-10-02' },
      { kind: 'no_new_program', from: '2025-10-01', until: '2026-10-02' },
    ]);
    expect(j.deduction).toEqual({ deposit: '30000.00', prepayment: '20000.00', service_fee: '15000.00', owed: '55000.02' });
    // Issue #8 item 7: the readings the decision applied, named from the policy version.
    expect((j as unknown as { readings: string[] }).readings).toEqual(expect.arrayContaining(['R-PERIOD reading period=civil_code', 'R-P1 reading class1FiscalYear=of_determination_date']));
  });

  it('every amount in --json is a string with exactly two decimals', async () => {
    const w = await partnerWithHistory();
    const r = await cli(w, 'preview', '--partner', 'P1', '--item', 'SVC-17', '--on', '2025-10-01', '--json');
    const j = r.json<{ amount: string; steps: { amount: string | null }[]; deduction: Record<string, string> }>();
    expect(j.amount).toBe('0.00');
    for (const a of [j.amount, ...j.steps.map((s) => s.amount).filter((a) => a !== null), ...Object.values(j.deduction)]) {
      expect(a).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('without --json it explains the decision line by line, citing rule ids', async () => {
    const w = await partnerWithHistory();
    const r = await cli(w, 'preview', '--partner', 'P1', '--item', CLASS2_ITEM, '--on', '2025-10-01', '--terminate');
    expect(r.code).toBe(0);
    const out = r.stdout();
    expect(out).toContain('Class 2 → Class 1: CNY 120000.02, partnership terminated');
    expect(out).toContain('R-P2: the 4th valid class-2 sanction within 12 months counts as one class 1');
    expect(out).toContain('R-RESTRICT §5.5.4: no_onboarding from 2025-10-01, lifted on 2026-10-02');
    expect(out).not.toContain('no_upgrade');
    expect(out).toContain('R-DEDUCT: deposit 30000.00, prepayment 20000.00, service fee 15000.00, owed 55000.02');
    expect(out).toContain('R-POLICY: judged under FY22');
  });

  it('stores nothing', async () => {
    const w = await partnerWithHistory();
    const before = await rowCounts(w.db);
    expect((await cli(w, 'preview', '--partner', 'P1', '--item', CLASS2_ITEM, '--on', '2025-10-01', '--json')).code).toBe(0);
    expect(await rowCounts(w.db)).toEqual(before);
  });

  it('an unknown partner, an unknown item or a future violation exits 1 with one line naming the problem', async () => {
    const w = await partnerWithHistory();
    const cases: [string[], string][] = [
      [['--partner', 'NOPE', '--item', CLASS2_ITEM, '--on', '2025-10-01'], 'error: No partner with id "NOPE". Import it first (cli import partners).'],
      [['--partner', 'P1', '--item', 'SVC-99', '--on', '2025-10-01'], 'error: No catalog item "SVC-99" in policy FY22.'],
      [['--partner', 'P1', '--item', CLASS2_ITEM, '--on', '2026-07-01', '--occurred', '2026-06-20'], 'error: The violation date 2026-06-20 is in the future.'],
      [['--partner', 'P1', '--item', CLASS2_ITEM, '--on', '2025-13-01'], 'error: --on must be a real date written YYYY-MM-DD, got "2025-13-01"'],
      [['--partner', 'P1', '--item', CLASS2_ITEM], 'error: --on is required.'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(w, 'preview', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr()).toContain(message);
      expect(r.stdout()).toBe('');
    }
  });

  it('with --json an error is also one JSON document on stdout, with its code', async () => {
    const w = await partnerWithHistory();
    const r = await cli(w, 'preview', '--partner', 'NOPE', '--item', CLASS2_ITEM, '--on', '2025-10-01', '--json');
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({ error: { code: 'partner.not_found', message: 'No partner with id "NOPE". Import it first (cli import partners).' } });
  });
});
