import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { lockPartner } from '../../db/repositories/partners.repository.ts';
import { assessmentResults, partnerCategories, partnerCategoryKinds, partners, type PartnerCategoryKind } from '../../db/schema/index.ts';
import { categoryHasPeriod, MARKETPLACE_READING, parseAssessmentPeriod } from '../../domain/assessments/assessment-cycle.ts';
import { assessmentResults as resultKinds, type AssessmentResult } from '../../domain/assessments/assessment-result.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { Restriction } from '../../domain/restrictions/restriction.ts';
import { applyAssessment, assessmentKey, type AssessmentToApply } from '../assessments/apply-assessment.ts';
import { upgradeBlockers } from '../assessments/upgrade-blockers.ts';
import { CalendarCache } from '../calendar/calendar-cache.ts';
import { today } from '../clock.ts';
import { noJobScheduler, type JobScheduler } from '../jobs-port.ts';
import { badRows, importOnce, readImportTable, type ImportDeps, type ImportFile, type ImportResult } from './import-file.ts';

export const ASSESSMENTS_HEADER = ['partner_id', 'category', 'period', 'result', 'proposed_level'] as const;

export type AssessmentImportDeps = ImportDeps & { policies: readonly PolicyVersion[]; jobs?: JobScheduler; calendar?: CalendarCache };

interface Known {
  partners: Map<string, { name: string; status: string }>;
  levels: Map<string, string>;
  onRecord: Map<string, { result: string; proposedLevel: string | null }>;
}

/**
 * `partner_id,category,period,result,proposed_level` (R-ASSESS, §3.1.3):
 * results of assessments already run, applied on the import day. The whole
 * file is checked first and nothing is written if any row is wrong. A result
 * already on record for (partner, category, period) with the same data is
 * skipped; with other data it is an error (a result is applied once).
 */
export async function importAssessments(deps: AssessmentImportDeps, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, ASSESSMENTS_HEADER);
  const on = today(deps.clock);
  const known = await loadKnown(deps, rows.map((r) => r.cells.partner_id!));
  const seen = new Map<string, number>();
  const fresh: AssessmentToApply[] = [];
  const lineOf = new Map<string, number>();
  let skipped = 0;
  for (const { line, cells } of rows) {
    const why = rowErrors(cells, known, on);
    const key = assessmentKey({ partnerId: cells.partner_id!, category: cells.category!, period: cells.period! });
    const earlier = seen.get(key);
    if (earlier !== undefined) why.push(`${cells.category} ${cells.period} of ${cells.partner_id} is already on line ${earlier}`);
    seen.set(key, line);
    const proposedLevel = cells.proposed_level === '' ? null : cells.proposed_level!;
    const existing = known.onRecord.get(key);
    if (existing && why.length === 0) {
      if (existing.result === cells.result && existing.proposedLevel === proposedLevel) {
        skipped++;
        continue;
      }
      why.push(alreadyOnRecord({ partnerId: cells.partner_id!, category: cells.category!, period: cells.period! }, existing));
    }
    if (why.length === 0) why.push(...levelErrors(cells.result as AssessmentResult, proposedLevel, known.levels.get(membershipKey(cells))));
    if (why.length > 0) {
      errors.push({ line, reason: why.join('; ') } satisfies CsvRowError);
      continue;
    }
    lineOf.set(key, line);
    fresh.push({
      partnerId: cells.partner_id!, partnerName: known.partners.get(cells.partner_id!)!.name, category: cells.category as PartnerCategoryKind,
      period: cells.period!, result: cells.result as AssessmentResult, proposedLevel, levelBefore: known.levels.get(membershipKey(cells))!,
    });
    // Two results on one membership (April: a quarter and the year) are checked against the level the first leaves.
    if (cells.result === 'remove') known.levels.delete(membershipKey(cells));
    else if (proposedLevel !== null) known.levels.set(membershipKey(cells), proposedLevel);
  }
  if (errors.length > 0) throw badRows(file.name, errors);

  const rules = { clock: deps.clock, policies: deps.policies, calendar: deps.calendar ?? new CalendarCache() };
  return importOnce(deps, 'assessments', file, rows.length, async (tx) => {
    const outcomes: Record<string, number> = {};
    const heldBack: { key: string; heldBy: { kind: string; rule: string; until: string | null }[] }[] = [];
    const writer = { clock: deps.clock, jobs: deps.jobs ?? noJobScheduler, actor: deps.actor };
    const blockers = new Map<string, Restriction[]>();
    let changed = 0;
    // Partners in id order, each locked while its results are applied (like a case step on the partner).
    for (const a of [...fresh].sort((x, y) => (x.partnerId < y.partnerId ? -1 : x.partnerId > y.partnerId ? 1 : 0))) {
      await lockPartner(tx, a.partnerId);
      // Another import of the same result may have committed since the file was checked: it is applied once.
      const twin = await resultOnRecord(tx, a);
      if (twin) {
        if (twin.result !== a.result || twin.proposedLevel !== a.proposedLevel) throw badRows(file.name, [{ line: lineOf.get(assessmentKey(a))!, reason: alreadyOnRecord(a, twin) }]);
        skipped++;
        continue;
      }
      // R-RESTRICT: what blocks an upgrade on the application day, read under the partner's lock (a sanction issued meanwhile counts).
      if (a.result === 'upgrade' && !blockers.has(a.partnerId)) blockers.set(a.partnerId, await upgradeBlockers({ ...rules, db: tx }, a.partnerId, on));
      const applied = await applyAssessment(tx, writer, a, on, blockers.get(a.partnerId) ?? []);
      changed++;
      outcomes[applied.outcome] = (outcomes[applied.outcome] ?? 0) + 1;
      if (applied.outcome === 'held_back') heldBack.push({ key: assessmentKey(a), heldBy: applied.heldBy });
    }
    return { changed, details: { appliedOn: on, outcomes, skipped, heldBack } };
  });
}

function alreadyOnRecord(a: { partnerId: string; category: string; period: string }, existing: { result: string; proposedLevel: string | null }): string {
  return `a result for ${a.category} ${a.period} of ${a.partnerId} is already on record (${existing.result}${existing.proposedLevel ? ` ${existing.proposedLevel}` : ''}); a result is applied once`;
}

async function resultOnRecord(tx: Tx, a: AssessmentToApply): Promise<{ result: string; proposedLevel: string | null } | undefined> {
  const [row] = await tx
    .select({ result: assessmentResults.result, proposedLevel: assessmentResults.proposedLevel })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.partnerId, a.partnerId), eq(assessmentResults.category, a.category), eq(assessmentResults.period, a.period)));
  return row;
}

function membershipKey(cells: Record<string, string>): string {
  return `${cells.partner_id}/${cells.category}`;
}

async function loadKnown(deps: ImportDeps, ids: string[]): Promise<Known> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { partners: new Map(), levels: new Map(), onRecord: new Map() };
  // One snapshot for the three: read apart (pool connections, statement by statement), another import
  // committing in between showed a level already changed by a result not yet on record (a false bad row).
  const [ps, cats, results] = await deps.db.transaction(
    async (tx) => [
      await tx.select({ id: partners.id, name: partners.name, status: partners.status }).from(partners).where(inArray(partners.id, unique)),
      await tx.select().from(partnerCategories).where(inArray(partnerCategories.partnerId, unique)),
      await tx.select().from(assessmentResults).where(inArray(assessmentResults.partnerId, unique)),
    ] as const,
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return {
    partners: new Map(ps.map((p) => [p.id, { name: p.name, status: p.status }])),
    levels: new Map(cats.map((c) => [`${c.partnerId}/${c.category}`, c.level])),
    onRecord: new Map(results.map((r) => [assessmentKey(r), { result: r.result, proposedLevel: r.proposedLevel }])),
  };
}

function rowErrors(cells: Record<string, string>, known: Known, on: string): string[] {
  const why: string[] = [];
  const partner = known.partners.get(cells.partner_id!);
  if (!partner) why.push(`unknown partner "${cells.partner_id}" (import partners first)`);
  else if (partner.status !== 'active') why.push(`partner ${cells.partner_id} is ${partner.status}: it is no longer assessed`);
  const category = cells.category as PartnerCategoryKind;
  const categoryOk = (partnerCategoryKinds as readonly string[]).includes(category);
  if (!categoryOk) why.push(`category "${cells.category}" must be one of ${partnerCategoryKinds.join(', ')}`);
  const period = parseAssessmentPeriod(cells.period!);
  if (!period) why.push(`period "${cells.period}" must be a fiscal quarter like FY27-Q2 or a fiscal year like FY27 (R-FY)`);
  if (period && categoryOk && !categoryHasPeriod(category, period)) {
    why.push(
      category === 'marketplace'
        ? `category marketplace has no assessments (${MARKETPLACE_READING})`
        : `category ${category} has no ${period.kind} assessment ${period.name}: product_solution and service are assessed annually only (R-ASSESS, §3.1.2)`,
    );
  }
  if (period && period.month > on.slice(0, 7)) why.push(`period ${period.name} is assessed in ${period.month}, after today (${on})`);
  if (!(resultKinds as readonly string[]).includes(cells.result!)) why.push(`result "${cells.result}" must be one of ${resultKinds.join(', ')}`);
  return why;
}

/** The proposed level each result needs, against the level held now (R-CAT: a membership has one level). */
function levelErrors(result: AssessmentResult, proposed: string | null, current: string | undefined): string[] {
  if (current === undefined) return ['the partner is not in this category (nothing to assess)'];
  switch (result) {
    case 'upgrade':
    case 'downgrade':
      if (proposed === null) return [`proposed_level is required for ${result}`];
      if (proposed === current) return [`proposed_level ${proposed} is the level held now; use result keep`];
      return [];
    case 'keep':
      return proposed === null || proposed === current ? [] : [`proposed_level ${proposed} differs from the level held now (${current}) but result is keep`];
    case 'remove':
      return proposed === null ? [] : ['proposed_level must be empty for remove (the partner leaves the category)'];
  }
}
