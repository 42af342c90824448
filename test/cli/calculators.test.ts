import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener, serviceWorld } from '../support/service-fixtures.ts';

describeEachBackend('cli deadline, late-fee and catalog', (getDb) => {
  async function run(...argv: string[]) {
    const w = await serviceWorld(getDb());
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }

  it('a notice sent on Tuesday 2025-09-30 is due 23:59:59 on Saturday 2025-10-11, a make-up working day (R-WORKDAY)', async () => {
    const r = await run('deadline', '--from', '2025-09-30', '--working-days', '3', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ due: '2025-10-11T23:59:59+08:00', due_day: '2025-10-11', provisional: false, unloaded_years: [] });
  });

  it('a notice sent on Friday 2026-02-13 is due on Wednesday 2026-02-25, after the Spring Festival (R-WORKDAY)', async () => {
    const r = await run('deadline', '--from', '2026-02-13', '--working-days', '3', '--json');
    expect(r.json()).toMatchObject({ due: '2026-02-25T23:59:59+08:00', provisional: false });
  });

  it('a deadline in 2027, a year not loaded, is counted on weekends alone and marked provisional (R-CALENDAR)', async () => {
    const json = await run('deadline', '--from', '2027-03-05', '--working-days', '3', '--json');
    expect(json.json()).toMatchObject({ due: '2027-03-10T23:59:59+08:00', provisional: true, unloaded_years: [2027] });
    const text = await run('deadline', '--from', '2027-03-05', '--working-days', '3');
    expect(text.stdout()).toBe('Due 2027-03-10T23:59:59+08:00 (provisional: 2027 not loaded; counted on weekends alone, R-CALENDAR)');
  });

  it('a bad working-day count is one clear error line', async () => {
    const r = await run('deadline', '--from', '2025-09-30', '--working-days', 'three');
    expect(r.code).toBe(1);
    expect(r.stderr()).toBe('error: --working-days must be a whole number from 1 to 365, got "three"');
  });

  it('an unknown option is one usage line', async () => {
    const r = await run('deadline', '--from', '2025-09-30', '--working-days', '3', '--bogus');
    expect(r.code).toBe(1);
    expect(r.stderr()).toBe("error: Unknown option '--bogus'. Usage: deadline --from DATE --working-days N [--json]");
  });

  it('the late fee accrues 0.1% a day on what is unpaid at the start of each day, partial payments lowering it from the next day (R-LATE)', async () => {
    // Due 2025-04-10; 04-11…04-20 on 100,000 (1,000.00), 04-21…04-30 on 60,000 (600.00).
    const r = await run('late-fee', '--amount', '100000.00', '--notice', '2025-01-10', '--payment', '2025-04-20:40000', '--until', '2025-04-30', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ due_date: '2025-04-10', late_fee: '1600.00', outstanding: '60000.00', late_days: 20, policy_version: 'FY22' });
  });

  it('a penalty paid off in two parts stops accruing the day after the last payment (R-LATE)', async () => {
    // 04-11…04-15 on 100,000 (500.00), 04-16…04-25 on 50,000 (500.00), nothing after.
    const r = await run('late-fee', '--amount', '100000', '--notice', '2025-01-10', '--payment', '2025-04-15:50000', '--payment', '2025-04-25:50000.00', '--until', '2025-05-10', '--json');
    expect(r.json()).toMatchObject({ late_fee: '1000.00', outstanding: '0.00', late_fee_outstanding: '1000.00', late_days: 15 });
  });

  it('the late fee is rounded half-up once, not day by day: 3 days on CNY 5.00 is CNY 0.02 (R-LATE reading)', async () => {
    const r = await run('late-fee', '--amount', '5.00', '--notice', '2025-01-10', '--until', '2025-04-13', '--json');
    expect(r.json()).toMatchObject({ late_fee: '0.02', late_days: 3 });
  });

  it('paid in full before the due date: no late fee', async () => {
    const r = await run('late-fee', '--amount', '5000.00', '--notice', '2025-01-10', '--payment', '2025-04-10:5000.00', '--until', '2025-12-31', '--json');
    expect(r.json()).toMatchObject({ late_fee: '0.00', outstanding: '0.00', late_days: 0 });
  });

  it('a malformed --payment is one clear error line', async () => {
    const r = await run('late-fee', '--amount', '5000.00', '--notice', '2025-01-10', '--payment', '2025-04-10=5000', '--until', '2025-12-31');
    expect(r.code).toBe(1);
    expect(r.stderr()).toBe('error: --payment must be DATE:AMOUNT like 2026-05-01:2500.00, got "2025-04-10=5000"');
  });

  it('catalog --json lists the 58 items of FY22: 27 class 1, 27 class 2, 4 class 3, with both texts', async () => {
    const r = await run('catalog', '--json');
    expect(r.code).toBe(0);
    const j = r.json<{ policy_version: string; items: { id: string; section: string; class: number; category: string; text_zh: string; text_en: string }[] }>();
    expect(j.policy_version).toBe('FY22');
    expect(j.items).toHaveLength(58);
    expect([1, 2, 3].map((c) => j.items.filter((i) => i.class === c).length)).toEqual([27, 27, 4]);
    expect(j.items.map((i) => i.id).slice(0, 2)).toEqual(['SVC-01', 'SVC-02']);
    expect(j.items.at(-1)?.id).toBe('OTH-25');
    for (const i of j.items) {
      expect(Object.keys(i).sort()).toEqual(['category', 'class', 'id', 'section', 'text_en', 'text_zh']);
      expect(i.text_zh).not.toBe('');
      expect(i.text_en).not.toBe('');
    }
  });
});
