import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { ASSESSMENTS_HEADER, importAssessments } from '../../../src/service/imports/import-assessments.ts';
import { caseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { csvFile, query } from '../../support/service-fixtures.ts';
import { closeObjectionWindow, determine, report } from '../cases/case-steps.ts';

describeEachBackend('R-LATE: an unpaid penalty past its term holds an assessment upgrade back too', (getDb) => {
  it('a class-2 penalty noticed 2026-06-01 unpaid on 2026-09-02: the FY27-Q1 upgrade is held back "until paid"', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w, { suspend: true });
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    expect((await findCase(w.db, r.caseId))?.state).toBe('collecting');
    // The 3-month no-upgrade restriction lifts on 09-02, the very day the unpaid penalty becomes late.
    w.clock.set('2026-09-02T10:00:00+08:00');
    await sweepDeadlines(w.cases);
    const result = await importAssessments(
      { ...w.deps, jobs: w.cases.jobs, calendar: w.cases.calendar },
      csvFile('q1.csv', ASSESSMENTS_HEADER, [['P1', 'consulting_sales', 'FY27-Q1', 'upgrade', 'platinum']]),
    );
    expect(result.details).toMatchObject({ outcomes: { held_back: 1 } });
    const [stored] = await query<{ outcome: string; held_by: { kind: string; until: string | null; rule: string }[] }>(w.db, sql`select outcome, held_by from assessment_results`);
    expect(stored!.outcome).toBe('held_back');
    expect(stored!.held_by).toEqual([{ kind: 'late_payment', until: null, rule: expect.stringMatching(/^R-LATE/) }]);
    const [level] = await query<{ level: string }>(w.db, sql`select level from partner_categories where partner_id = 'P1'`);
    expect(level!.level).toBe('gold');
  });
});
