import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { applyForExit, checkExits, type ExitDeps } from '../../../src/service/exits/exit-partner.ts';
import { ASSESSMENTS_HEADER, importAssessments } from '../../../src/service/imports/import-assessments.ts';
import { importContracts } from '../../../src/service/imports/import-contracts.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { requestForPartner, type PartnerRequestInput } from '../../../src/service/requests/partner-request.ts';
import { CalendarCache } from '../../../src/service/calendar/calendar-cache.ts';
import { APPROVER, caseWorld, key, OFFICER, type CaseWorld } from '../../support/case-fixtures.ts';
import { databaseUrlOf, describeEachBackend } from '../../support/databases.ts';
import {
  captureIo,
  CLASS2_ITEM,
  cliOpener,
  contractsCsv,
  csvFile,
  givenPrograms,
  givenSanctions,
  partnersCsv,
  query,
  serviceWorld,
  type ServiceWorld,
} from '../../support/service-fixtures.ts';
import { expectAuditIntact, report } from '../cases/case-steps.ts';

/**
 * Issue #11 (partner lifecycle): every request, assessment result and exit
 * is audited like a case step and idempotent by its key — under real
 * concurrency. PostgreSQL only (PGlite runs one transaction at a time): each
 * race runs on two connection pools at once, as the bot and a `cli` process
 * (or two bot instances) would.
 */

const STAFF = { platform: 'cli', userId: 'test' };
const opened: Database[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

/** The same database seen from another process: its own pool, the same clock and reference data. */
async function otherProcess(w: ServiceWorld): Promise<ServiceWorld> {
  const database = await openDatabase({ databaseUrl: databaseUrlOf(w.database)! });
  opened.push(database);
  const other = await serviceWorld(database);
  other.clock.set(w.clock.now().toISOString());
  return other;
}

const count = async (w: ServiceWorld, q: ReturnType<typeof sql>) => Number((await query<{ n: number }>(w.db, q))[0]!.n);

describeEachBackend('issue #11 races: partner requests (R-RESTRICT, R-LATE)', (getDb) => {
  const ask = (w: ServiceWorld, over: Partial<PartnerRequestInput>) => requestForPartner(w.rules, { kind: 'upgrade', partnerId: 'P1', on: '2026-06-01', actor: STAFF, category: 'consulting_sales', ...over });

  it('the same granted request 12 times at once on two pools (same key): recorded once, audited once, every answer names that record', async () => {
    const w = await serviceWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0ONE']]));
    const other = await otherProcess(w);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(i % 2 ? other : w, {})));
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(1);
    expect(answers.every((a) => a.granted)).toBe(true);
    expect(await count(w, sql`select count(*)::int as n from partner_requests`)).toBe(1);
    expect(await count(w, sql`select count(*)::int as n from audit_events where action = 'request.granted'`)).toBe(1);
    await expectAuditIntact(w.db);
  });

  it('different requests for one partner at once are decided against the same restrictions: all refused naming the same case, or all granted', async () => {
    const w = await serviceWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0ONE'], ['P2', 'Partner Two', 'consulting_sales', 'gold', 'U0TWO']]));
    await givenPrograms(w, [['P2', 'Cloud MSP', 'consulting_sales', '2025-04-01']]);
    await givenSanctions(w, 'P1', [['H-1', CLASS2_ITEM, '2026-03-01']]);
    const other = await otherProcess(w);
    const kinds: Partial<PartnerRequestInput>[] = [{ kind: 'upgrade' }, { kind: 'onboarding', category: '' }, { kind: 'program', category: '', program: 'Cloud MSP' }];
    const refused = await Promise.all(kinds.flatMap((k) => [ask(w, k), ask(other, k)]));
    const blocks = refused.map((r) => [r.granted, r.blockedBy.map((b) => `${b.caseId} ${b.rule} until ${b.until}`)]);
    expect(blocks.map((b) => b[0])).toEqual([false, false, false, false, false, false]);
    expect(new Set(blocks.map((b) => JSON.stringify(b[1]))).size).toBe(1);
    expect(blocks[0]![1]).toEqual(['H-1 R-RESTRICT §5.5.6 until 2026-06-02']);
    // The day it lifts: all granted, each once.
    const granted = await Promise.all(kinds.flatMap((k) => [ask(w, { ...k, on: '2026-06-02' }), ask(other, { ...k, on: '2026-06-02' })]));
    expect(granted.every((r) => r.granted)).toBe(true);
    expect(await count(w, sql`select count(*)::int as n from partner_requests`)).toBe(3);
    expect(await count(w, sql`select count(*)::int as n from audit_events where action = 'request.granted'`)).toBe(3);
    expect(await count(w, sql`select count(*)::int as n from audit_events where action = 'request.refused'`)).toBe(6);
  });

  it('a request decided while a sanction is issued for the partner sees it wholly before or wholly after (R-DETERMINE: the partner lock), never a grant decided before and written after', async () => {
    const w = await caseWorld(getDb());
    const ids = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'];
    await importPartners(w.deps, partnersCsv(ids.map((id, i) => [id, `Partner ${id}`, 'service', 'silver', `U0RACE${i}`]), 'race-partners.csv'));
    const proposals = [];
    for (const partnerId of ids) {
      const r = await report(w, { partnerId, itemId: CLASS2_ITEM });
      proposals.push({ partnerId, caseId: r.caseId, p: await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' }) });
    }
    w.clock.set('2026-06-01T14:30:00+08:00');
    const other = await otherProcess(w);
    other.clock.set(w.clock.now().toISOString());
    // Each partner: its approval (the bot) and an upgrade request (a `cli request`, another pool), all at once.
    const results = await Promise.all(proposals.map(async ({ partnerId, p }) => {
      const [, asked] = await Promise.all([
        decideDetermination(w.cases, { key: key('race'), actor: APPROVER, determinationId: p.determinationId, approve: true }),
        requestForPartner(other.rules, { kind: 'upgrade', partnerId, on: '2026-06-01', category: 'service', actor: STAFF }),
      ]);
      return asked;
    }));

    // Audit events are linked into the chain as their transactions commit: their ids are the commit order.
    const events = await query<{ id: number; action: string; subject: string }>(w.db, sql`
      select id::int as id, action, subject from audit_events where action in ('determination.approved', 'request.granted', 'request.refused') order by id`);
    const seen: string[] = [];
    for (const { partnerId, caseId } of proposals) {
      const approved = events.find((e) => e.action === 'determination.approved' && e.subject === caseId)!;
      const asked = events.find((e) => e.action.startsWith('request.') && e.subject === partnerId)!;
      const answer = results[proposals.findIndex((x) => x.partnerId === partnerId)]!;
      const order = asked.id < approved.id ? 'request first' : 'approval first';
      seen.push(order);
      if (order === 'request first') expect([partnerId, answer.granted, answer.blockedBy]).toEqual([partnerId, true, []]);
      else expect([partnerId, answer.granted, answer.blockedBy.map((b) => b.caseId)]).toEqual([partnerId, false, [caseId]]);
    }
    console.info(`request vs approval, per partner: ${seen.join(', ')}`);
    await expectAuditIntact(w.db);
  });
}, ['postgres']);

type AssessmentRow = readonly [string, string, string, string, string];
const assessmentsCsv = (rows: readonly AssessmentRow[], name = 'assessments.csv') => csvFile(name, ASSESSMENTS_HEADER, rows);

describeEachBackend('issue #11 races: assessment results (R-ASSESS)', (getDb) => {
  async function givenPartners(w: ServiceWorld): Promise<void> {
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0ONE1;U0ONE2'], ['P2', 'Partner Two', 'service', 'gold', 'U0TWO']]));
  }
  const downgrade: AssessmentRow = ['P1', 'consulting_sales', 'FY26-Q4', 'downgrade', 'silver'];

  async function expectAppliedOnce(w: ServiceWorld): Promise<void> {
    expect(await query(w.db, sql`select partner_id, category, level from partner_categories where partner_id = 'P1'`)).toEqual([{ partner_id: 'P1', category: 'consulting_sales', level: 'silver' }]);
    expect(await query(w.db, sql`select outcome, level_before, level_after from assessment_results where partner_id = 'P1'`)).toEqual([{ outcome: 'downgraded', level_before: 'gold', level_after: 'silver' }]);
    // One DM to each of P1's two contacts, one audit event.
    expect(await count(w, sql`select count(*)::int as n from outbox where kind = 'assessment_applied'`)).toBe(2);
    expect(await count(w, sql`select count(*)::int as n from audit_events where action = 'assessment.applied' and subject like 'P1/%'`)).toBe(1);
    await expectAuditIntact(w.db);
  }

  it('the same file imported 6 times at once on two pools: the level changes once, one DM per contact, one audit event; the others find the file on record', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const other = await otherProcess(w);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => importAssessments((i % 2 ? other : w).deps, assessmentsCsv([downgrade]))));
    expect(results.map((r) => r.imported).sort()).toEqual([false, false, false, false, false, true]);
    expect(results.find((r) => r.imported)).toMatchObject({ changed: 1, details: { outcomes: { downgraded: 1 } } });
    await expectAppliedOnce(w);
    expect(await count(w, sql`select count(*)::int as n from imports where kind = 'assessments'`)).toBe(1);
  });

  it('the same result in 6 different files at once: applied once; the files that lost the race skip it (idempotent by partner, category, period)', async () => {
    const w = await serviceWorld(getDb());
    await givenPartners(w);
    const other = await otherProcess(w);
    // Files 1 … 5 also carry a result of their own (P2's keep of an earlier year), so no two files are the same.
    const files = Array.from({ length: 6 }, (_, i) => assessmentsCsv(i === 0 ? [downgrade] : [downgrade, ['P2', 'service', `FY2${6 - i}`, 'keep', '']], `file-${i}.csv`));
    const results = await Promise.allSettled(files.map((f, i) => importAssessments((i % 2 ? other : w).deps, f)));
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [`${String(r.reason)} ${JSON.stringify((r.reason as { details?: unknown }).details)}`] : []));
    expect(rejected).toEqual([]);
    const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(done.filter((r) => (r.details as { outcomes: { downgraded?: number } }).outcomes.downgraded === 1)).toHaveLength(1);
    await expectAppliedOnce(w);
  });
}, ['postgres']);

describeEachBackend('issue #11 races: exits (§6, R-EXIT-*)', (getDb) => {
  const deps = (w: ServiceWorld, actor: string): ExitDeps => ({ db: w.db, clock: w.clock, jobs: noJobScheduler, actor });

  it('the daily exit job and `cli exit check` at once (and twice each): one formal notice per contact and one to the channel, contacts removed once, one audit event', async () => {
    const w = await caseWorld(getDb());
    await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1;U0PARTNER1B']], 'two-contacts.csv'));
    await importContracts(w.deps, contractsCsv([['P1', '2025-06-01', '2026-05-31', '']]));
    const cli = await otherProcess(w);
    const cliWorld: CaseWorld = { ...cli, cases: { db: cli.db, policies: cli.policies, clock: cli.clock, calendar: new CalendarCache(), jobs: noJobScheduler } };
    const outs = [captureIo(), captureIo()];
    const [job1, code1, job2, code2] = await Promise.all([
      checkExits(deps(w, 'system'), '2026-06-01'),
      runCli(['exit', 'check', '--on', '2026-06-01', '--json'], {}, outs[0]!.io, cliOpener(cliWorld)),
      checkExits(deps(w, 'system'), '2026-06-01'),
      runCli(['exit', 'check', '--on', '2026-06-01', '--json'], {}, outs[1]!.io, cliOpener(cliWorld)),
    ]);
    expect([code1, code2, outs[0]!.stderr(), outs[1]!.stderr()]).toEqual([0, 0, '', '']);
    // Exactly one of the four did it, and only that one says so.
    const said = [job1.length, job2.length, ...outs.map((o) => o.json<{ exited: unknown[] }>().exited.length)];
    expect(said.sort()).toEqual([0, 0, 0, 1]);
    expect(await query(w.db, sql`select status from partners where id = 'P1'`)).toEqual([{ status: 'exited' }]);
    expect(await count(w, sql`select count(*)::int as n from contacts where partner_id = 'P1'`)).toBe(0);
    expect(await count(w, sql`select count(*)::int as n from partner_exits`)).toBe(1);
    const notices = await query<{ recipient: { type: string; userId?: string; channel?: string } }>(w.db, sql`select recipient from outbox where kind = 'partner_exited' order by id`);
    expect(notices.map((n) => n.recipient.userId ?? `#${n.recipient.channel}`)).toEqual(['U0PARTNER1', 'U0PARTNER1B', '#notices']);
    const audits = await query<{ subject: string; contacts: unknown }>(w.db, sql`select subject, payload->'contactsRemoved' as contacts from audit_events where action = 'partner.exited'`);
    expect(audits).toEqual([{ subject: 'P1/expiry/2026-06-01', contacts: [{ platform: 'slack', userId: 'U0PARTNER1' }, { platform: 'slack', userId: 'U0PARTNER1B' }] }]);
    await expectAuditIntact(w.db);
  });

  it('the same voluntary exit application (`cli exit apply`) 6 times at once on two pools: recorded once, audited once', async () => {
    const w = await caseWorld(getDb());
    const cli = await otherProcess(w);
    const a = { partnerId: 'P1', appliedOn: '2026-06-01', requestedEndOn: '2026-07-15', agreementOn: '2026-07-15', checklist: [{ item: 'customer placement', done: true }] };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => applyForExit(deps(i % 2 ? cli : w, 'cli:test'), a)));
    expect(results.map((r) => r.recorded).sort()).toEqual([false, false, false, false, false, true]);
    expect(await count(w, sql`select count(*)::int as n from exit_applications`)).toBe(1);
    expect(await count(w, sql`select count(*)::int as n from audit_events where action = 'exit.applied'`)).toBe(1);
  });
}, ['postgres']);
