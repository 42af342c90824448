import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ASSESSMENTS_HEADER, importAssessments } from '../../../src/service/imports/import-assessments.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { describeEachBackend } from '../../support/databases.ts';
import {
  badRowsOf,
  CLASS2_ITEM,
  csvFile,
  domainErrorOf,
  givenSanctions,
  partnersCsv,
  query,
  rowCounts,
  serviceWorld,
  type ServiceWorld,
} from '../../support/service-fixtures.ts';

type Row = readonly [string, string, string, string, string];
const assessmentsCsv = (rows: readonly Row[], name = 'assessments.csv') => csvFile(name, ASSESSMENTS_HEADER, rows);

/** P1: consulting & sales gold + service silver, two contacts; P2: product & solution gold; P3: marketplace. */
async function givenPartners(w: ServiceWorld): Promise<void> {
  await importPartners(
    w.deps,
    partnersCsv([
      ['P1', 'Partner One', 'consulting_sales', 'gold', 'U0ONE1;U0ONE2'],
      ['P1', 'Partner One', 'service', 'silver', 'U0ONE1;U0ONE2'],
      ['P2', 'Partner Two', 'product_solution', 'gold', 'U0TWO1'],
      ['P3', 'Partner Three', 'marketplace', 'listed', 'U0THREE'],
    ]),
  );
}

async function levels(w: ServiceWorld): Promise<Record<string, string>> {
  const rows = await query<{ partner_id: string; category: string; level: string }>(w.db, sql`select partner_id, category, level from partner_categories order by 1, 2`);
  return Object.fromEntries(rows.map((r) => [`${r.partner_id}/${r.category}`, r.level]));
}

async function stored(w: ServiceWorld) {
  return query<{ partner_id: string; category: string; period: string; outcome: string; level_before: string; level_after: string | null; held_by: unknown; applied_on: string }>(
    w.db,
    sql`select partner_id, category, period, outcome, level_before, level_after, held_by, applied_on::text from assessment_results order by 1, 2, 3`,
  );
}

async function outbox(w: ServiceWorld) {
  return query<{ kind: string; recipient: { type: string; userId?: string }; payload: Record<string, unknown> }>(w.db, sql`select kind, recipient, payload from outbox order by id`);
}

async function countOf(w: ServiceWorld, table: string): Promise<number> {
  const [r] = await query<{ n: number }>(w.db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(r!.n);
}

describeEachBackend('R-ASSESS: assessment results imported from CSV and applied', (getDb) => {
  it('applies upgrades, downgrades, keeps and removals on the import day, audited and stored per (partner, category, period)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const r = await importAssessments(w.deps, assessmentsCsv([
      ['P1', 'consulting_sales', 'FY26-Q4', 'downgrade', 'silver'],
      ['P1', 'service', 'FY26', 'remove', ''],
      ['P2', 'product_solution', 'FY26', 'upgrade', 'platinum'],
    ]));
    expect(r).toMatchObject({ kind: 'assessments', rows: 3, imported: true, changed: 3, details: { appliedOn: '2026-06-01', outcomes: { downgraded: 1, removed: 1, upgraded: 1 } } });
    expect(await levels(w)).toEqual({ 'P1/consulting_sales': 'silver', 'P2/product_solution': 'platinum', 'P3/marketplace': 'listed' });
    expect((await stored(w)).map((s) => [s.partner_id, s.category, s.period, s.outcome, s.level_before, s.level_after, s.applied_on])).toEqual([
      ['P1', 'consulting_sales', 'FY26-Q4', 'downgraded', 'gold', 'silver', '2026-06-01'],
      ['P1', 'service', 'FY26', 'removed', 'silver', null, '2026-06-01'],
      ['P2', 'product_solution', 'FY26', 'upgraded', 'gold', 'platinum', '2026-06-01'],
    ]);
    const audit = await query<{ action: string; subject: string }>(w.db, sql`select action, subject from audit_events where action like 'assessment.%' order by id`);
    expect(audit).toEqual([
      { action: 'assessment.applied', subject: 'P1/consulting_sales/FY26-Q4' },
      { action: 'assessment.applied', subject: 'P1/service/FY26' },
      { action: 'assessment.applied', subject: 'P2/product_solution/FY26' },
    ]);
  });

  it('a downgrade and a removal are DMs to every contact of the partner; an upgrade is not', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    await importAssessments(w.deps, assessmentsCsv([
      ['P1', 'consulting_sales', 'FY26-Q4', 'downgrade', 'silver'],
      ['P1', 'service', 'FY26', 'remove', ''],
      ['P2', 'product_solution', 'FY26', 'upgrade', 'platinum'],
    ]));
    const sent = await outbox(w);
    expect(sent.map((m) => [m.kind, m.recipient, m.payload.outcome, m.payload.category])).toEqual([
      ['assessment_applied', { type: 'user', platform: 'slack', userId: 'U0ONE1' }, 'downgraded', 'consulting_sales'],
      ['assessment_applied', { type: 'user', platform: 'slack', userId: 'U0ONE2' }, 'downgraded', 'consulting_sales'],
      ['assessment_applied', { type: 'user', platform: 'slack', userId: 'U0ONE1' }, 'removed', 'service'],
      ['assessment_applied', { type: 'user', platform: 'slack', userId: 'U0ONE2' }, 'removed', 'service'],
    ]);
    expect(sent[0]!.payload).toMatchObject({ partnerName: 'Partner One', period: 'FY26-Q4', levelBefore: 'gold', levelAfter: 'silver', appliedOn: '2026-06-01' });
  });

  it('the same results again (same file or another) change nothing: idempotent by (partner, category, period)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const rows: Row[] = [['P1', 'consulting_sales', 'FY26-Q4', 'downgrade', 'silver'], ['P1', 'service', 'FY26', 'remove', '']];
    await importAssessments(w.deps, assessmentsCsv(rows));
    const before = { counts: await rowCounts(w.db), results: await stored(w), outbox: await countOf(w, 'outbox'), levels: await levels(w) };
    expect(await importAssessments(w.deps, assessmentsCsv(rows))).toMatchObject({ imported: false, changed: 0 });
    // Another file (another name, another order) with the same results: skipped row by row.
    const again = await importAssessments(w.deps, assessmentsCsv([rows[1]!, rows[0]!], 'again.csv'));
    expect(again).toMatchObject({ imported: true, changed: 0, details: { skipped: 2 } });
    expect(await stored(w)).toEqual(before.results);
    expect(await countOf(w, 'outbox')).toBe(before.outbox);
    expect(await levels(w)).toEqual(before.levels);
  });

  it('every bad row is listed with its line and reason, and nothing is written', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    await importAssessments(w.deps, assessmentsCsv([['P2', 'product_solution', 'FY26', 'keep', '']], 'first.csv'));
    const before = { counts: await rowCounts(w.db), results: await stored(w), outbox: await countOf(w, 'outbox'), levels: await levels(w) };
    const e = await domainErrorOf(importAssessments(w.deps, assessmentsCsv([
      ['P1', 'consulting_sales', 'FY26-Q4', 'downgrade', 'silver'], // line 2: fine on its own
      ['P9', 'service', 'FY26', 'keep', ''], // 3
      ['P2', 'product_solution', 'FY26-Q4', 'upgrade', 'platinum'], // 4: no quarterly assessment
      ['P1', 'service', 'FY26-Q4', 'keep', ''], // 5: no quarterly assessment
      ['P3', 'marketplace', 'FY26', 'keep', ''], // 6: marketplace has none
      ['P1', 'consulting_sales', '2026Q4', 'keep', ''], // 7: not a period
      ['P1', 'consulting_sales', 'FY27-Q1', 'keep', ''], // 8: assessed in 2026-07, in the future
      ['P1', 'club', 'FY26', 'keep', ''], // 9
      ['P1', 'service', 'FY26', 'promote', 'gold'], // 10
      ['P1', 'service', 'FY26', 'upgrade', ''], // 11: no proposed level (and a duplicate of line 10's key)
      ['P2', 'product_solution', 'FY26', 'upgrade', 'platinum'], // 12: other data than on record
      ['P2', 'service', 'FY26', 'keep', ''], // 13: not in that category
      ['P1', 'consulting_sales', 'FY26', 'downgrade', 'gold'], // 14: fine: checked against silver, the level line 2 leaves
      ['P1', 'consulting_sales', 'FY26-Q3', 'remove', 'bronze'], // 15
    ], 'bad.csv')));
    expect(e.code).toBe('import.bad_rows');
    expect(e.message).toBe('bad.csv: 12 bad row(s); nothing was imported');
    expect(badRowsOf(e)).toEqual([
      { line: 3, reason: 'unknown partner "P9" (import partners first)' },
      { line: 4, reason: 'category product_solution has no quarterly assessment FY26-Q4: product_solution and service are assessed annually only (R-ASSESS, §3.1.2)' },
      { line: 5, reason: 'category service has no quarterly assessment FY26-Q4: product_solution and service are assessed annually only (R-ASSESS, §3.1.2)' },
      { line: 6, reason: expect.stringMatching(/^category marketplace has no assessments \(R-ASSESS reading marketplace=no_assessment/) },
      { line: 7, reason: 'period "2026Q4" must be a fiscal quarter like FY27-Q2 or a fiscal year like FY27 (R-FY)' },
      { line: 8, reason: 'period FY27-Q1 is assessed in 2026-07, after today (2026-06-01)' },
      { line: 9, reason: expect.stringMatching(/^category "club" must be one of/) },
      { line: 10, reason: 'result "promote" must be one of keep, upgrade, downgrade, remove' },
      { line: 11, reason: 'service FY26 of P1 is already on line 10' },
      { line: 12, reason: 'a result for product_solution FY26 of P2 is already on record (keep); a result is applied once' },
      { line: 13, reason: 'the partner is not in this category (nothing to assess)' },
      { line: 15, reason: 'proposed_level must be empty for remove (the partner leaves the category)' },
    ]);
    expect(await rowCounts(w.db)).toEqual(before.counts);
    expect(await stored(w)).toEqual(before.results);
    expect(await countOf(w, 'outbox')).toBe(before.outbox);
    expect(await levels(w)).toEqual(before.levels);
  });
});

describeEachBackend('R-RESTRICT: an assessment upgrade is held back while a restriction holds on the application day', (getDb) => {
  /** A class-2 sanction noticed 2026-03-01: no upgrade through 2026-06-01, lifted on 2026-06-02 (RULES.md §4). */
  async function restrictedPartner(at: string): Promise<ServiceWorld> {
    const w = await serviceWorld(getDb(), at);
    await givenPartners(w);
    await givenSanctions(w, 'P2', [['H-1', CLASS2_ITEM, '2026-03-01']]);
    return w;
  }

  it('the day before the restriction lifts: held back, the level stays, and the result names the rule and the day it lifts', async () => {
    const w = await restrictedPartner('2026-06-01T04:00:00Z');
    const r = await importAssessments(w.deps, assessmentsCsv([['P2', 'product_solution', 'FY26', 'upgrade', 'platinum']]));
    expect(r.details).toMatchObject({ outcomes: { held_back: 1 }, heldBack: [{ key: 'P2/product_solution/FY26', heldBy: [{ kind: 'no_upgrade', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }] }] });
    expect((await levels(w))['P2/product_solution']).toBe('gold');
    const [s] = await stored(w);
    expect(s).toMatchObject({ outcome: 'held_back', level_before: 'gold', level_after: 'gold', applied_on: '2026-06-01' });
    expect(s!.held_by).toEqual([{ kind: 'no_upgrade', rule: 'R-RESTRICT §5.5.6', until: '2026-06-02' }]);
    expect(await countOf(w, 'outbox')).toBe(0);
  });

  it('the day it lifts: applied', async () => {
    const w = await restrictedPartner('2026-06-02T04:00:00Z');
    await importAssessments(w.deps, assessmentsCsv([['P2', 'product_solution', 'FY26', 'upgrade', 'platinum']]));
    expect((await levels(w))['P2/product_solution']).toBe('platinum');
    expect((await stored(w))[0]).toMatchObject({ outcome: 'upgraded', level_after: 'platinum', held_by: [] });
  });

  it('a downgrade is applied while restricted (holding it back would favour the sanctioned partner)', async () => {
    const w = await restrictedPartner('2026-06-01T04:00:00Z');
    await importAssessments(w.deps, assessmentsCsv([['P2', 'product_solution', 'FY26', 'downgrade', 'silver']]));
    expect((await levels(w))['P2/product_solution']).toBe('silver');
  });
});
