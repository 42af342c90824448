import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, CLASS2_ITEM, cliOpener, givenLedger, givenPartner, givenSanctions, serviceWorld } from '../support/service-fixtures.ts';

interface Dated {
  case_id: string;
  last_valid_day: string;
  amount: string;
}
interface StandingJson {
  partner: Record<string, unknown>;
  valid_sanctions: Record<'class1' | 'class2' | 'class3', Dated[]>;
  next_sanction: Record<string, unknown>;
  restrictions: { kind: string; from: string; until: string | null }[];
  balances: Record<string, string>;
  amount_owed: string;
}

describeEachBackend('cli standing', (getDb) => {
  it('--json shows valid sanctions per class, restrictions in force, balances and what is owed', async () => {
    const w = await serviceWorld(getDb());
    await givenPartner(w, 'P1');
    await givenLedger(w, [
      ['P1', '2025-05-01', 'deposit', '0.10'],
      ['P1', '2025-05-02', 'deposit', '0.20'],
      ['P1', '2025-06-01', 'service_fee_paid', '1000.00'],
    ]);
    await givenSanctions(w, 'P1', [
      ['A', CLASS2_ITEM, '2025-06-01'],
      ['B', CLASS2_ITEM, '2026-03-01'],
    ]);
    const c = captureIo();
    expect(await runCli(['standing', '--partner', 'P1', '--on', '2026-05-31', '--json'], {}, c.io, cliOpener(w))).toBe(0);
    const j = c.json<StandingJson>();
    expect(j.partner).toMatchObject({ id: 'P1', status: 'active', categories: [{ category: 'consulting_sales', level: 'gold' }], contacts: ['U0PARTNER1'] });
    expect(j.valid_sanctions.class2.map((v) => [v.case_id, v.last_valid_day, v.amount])).toEqual([
      ['A', '2026-06-01', '5000.00'],
      ['B', '2027-03-01', '10000.00'],
    ]);
    expect(j.valid_sanctions.class1).toEqual([]);
    expect(j.next_sanction.class2).toEqual({ final_class: 2, amount: '50000.00' });
    expect(j.restrictions.map((r) => [r.kind, r.from, r.until])).toEqual([
      ['no_upgrade', '2026-03-01', '2026-06-02'],
      ['no_onboarding', '2026-03-01', '2026-06-02'],
      ['no_new_program', '2026-03-01', '2026-06-02'],
    ]);
    expect(j.balances).toEqual({ deposit: '0.30', prepayment: '0.00', service_fee_unpaid: '0.00', service_fees_paid_this_fiscal_year: '0.00' });
    expect(j.amount_owed).toBe('0.00');
  });
});
