import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { caseDepsFor, type CliContext } from '../../src/cli/cli-context.ts';
import type { CliIo } from '../../src/cli/main.ts';
import type { Database, Db } from '../../src/db/database.ts';
import { loadPolicyVersions } from '../../src/db/repositories/policy.repository.ts';
import { DomainError, isDomainError } from '../../src/domain/errors.ts';
import type { PolicyVersion } from '../../src/domain/policy/policy-version.ts';
import { fixedClock } from '../../src/service/clock.ts';
import type { ImportDeps, ImportFile } from '../../src/service/imports/import-file.ts';
import { importLedger, LEDGER_HEADER } from '../../src/service/imports/import-ledger.ts';
import { CONTRACTS_HEADER } from '../../src/service/imports/import-contracts.ts';
import { importPartners, PARTNERS_HEADER } from '../../src/service/imports/import-partners.ts';
import { importPrograms, PROGRAMS_HEADER } from '../../src/service/imports/import-programs.ts';
import { importSanctions, SANCTIONS_HEADER } from '../../src/service/imports/import-sanctions.ts';
import { ensureReferenceData } from '../../src/service/reference-data.ts';
import type { RulesDeps } from '../../src/service/rules/rules-deps.ts';

/**
 * A rules service around a fresh test database: reference data seeded, policy
 * versions loaded, the clock fixed. Use cases take `deps` (imports) or `rules`.
 */

/** 12:00 on 2026-06-01 in Shanghai: every date in the tests is before it. */
export const NOW = '2026-06-01T04:00:00Z';

export interface ServiceWorld {
  database: Database;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  policies: readonly PolicyVersion[];
  deps: ImportDeps & { policies: readonly PolicyVersion[] };
  rules: RulesDeps;
}

export async function serviceWorld(database: Database, at: string = NOW): Promise<ServiceWorld> {
  const clock = fixedClock(at);
  await ensureReferenceData(database.db, clock);
  const policies = await loadPolicyVersions(database.db);
  const deps = { db: database.db, clock, actor: 'test:finance', policies };
  return { database, db: database.db, clock, policies, deps, rules: { db: database.db, clock, policies, calendar: new CalendarCache() } };
}

type Cell = string | number | boolean;

/** A CSV file as staff hand it over: the header, then one line per row. */
export function csvFile(name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): ImportFile {
  return { name, text: [header.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n') + '\n' };
}

/** `partner_id,name,category,level,contact_slack_ids` */
export const partnersCsv = (rows: readonly (readonly Cell[])[], name = 'partners.csv') => csvFile(name, PARTNERS_HEADER, rows);
/** `partner_id,date,kind,amount` */
export const ledgerCsv = (rows: readonly (readonly Cell[])[], name = 'ledger.csv') => csvFile(name, LEDGER_HEADER, rows);
/** `case_id,partner_id,item_id,occurred_on,notice_date,terminated` */
export const sanctionsCsv = (rows: readonly (readonly Cell[])[], name = 'sanctions.csv') => csvFile(name, SANCTIONS_HEADER, rows);

/** `partner_id,program,category,joined_on` */
export const programsCsv = (rows: readonly (readonly Cell[])[], name = 'programs.csv') => csvFile(name, PROGRAMS_HEADER, rows);
/** `partner_id,starts_on,ends_on,renewal_notice_on` */
export const contractsCsv = (rows: readonly (readonly Cell[])[], name = 'contracts.csv') => csvFile(name, CONTRACTS_HEADER, rows);

/** Class-2 items SVC-09 …, class-3 SVC-17 …, class-1 SVC-01 … (FY22 catalog). */
export const CLASS1_ITEM = 'SVC-01';
export const CLASS2_ITEM = 'SVC-09';
export const CLASS3_ITEM = 'SVC-17';

/** One partner in one category, ready for ledger and sanction imports. */
export async function givenPartner(w: ServiceWorld, id = 'P1', name = 'Partner One'): Promise<void> {
  await importPartners(w.deps, partnersCsv([[id, name, 'consulting_sales', 'gold', 'U0PARTNER1']], `partner-${id}.csv`));
}

export async function givenLedger(w: ServiceWorld, rows: readonly (readonly Cell[])[], name = 'ledger.csv'): Promise<void> {
  await importLedger(w.deps, ledgerCsv(rows, name));
}

/** Rows `[partner_id, program, category, joined_on]`: the programs named, on record, and the partners' memberships (R-CAT). */
export async function givenPrograms(w: ServiceWorld, rows: readonly (readonly [string, string, string, string])[], name = 'programs.csv'): Promise<void> {
  await importPrograms(w.deps, programsCsv(rows, name));
}

/** Rows `[case_id, item_id, notice_date]` of one partner, occurred on the notice day, not terminated. */
export async function givenSanctions(w: ServiceWorld, partnerId: string, rows: readonly (readonly [string, string, string])[], name = 'sanctions.csv'): Promise<void> {
  await importSanctions(w.deps, sanctionsCsv(rows.map(([c, item, d]) => [c, partnerId, item, d, d, 'false']), name));
}

export const COUNTED_TABLES = [
  'partners', 'partner_categories', 'contacts', 'ledger_entries', 'sanctions', 'restrictions', 'imports', 'audit_events',
  'programs', 'partner_programs', 'partner_contracts', 'partner_requests',
] as const;

/** Rows in every table an import or a use case may write. */
export async function rowCounts(db: Db): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const out = {} as Record<(typeof COUNTED_TABLES)[number], number>;
  for (const t of COUNTED_TABLES) {
    const rows = (await db.execute(sql.raw(`select count(*)::int as n from ${t}`))) as unknown as { n: number }[] | { rows: { n: number }[] };
    out[t] = Number((Array.isArray(rows) ? rows[0] : rows.rows[0])?.n);
  }
  return out;
}

/** Rows of a raw query on either back end (postgres.js returns an array, PGlite `{ rows }`). */
export async function query<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as T[] | { rows: T[] };
  return Array.isArray(r) ? [...r] : r.rows;
}

/** The coded error a promise rejects with; fails the test when it resolves or throws something else. */
export async function domainErrorOf(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isDomainError(e)) throw new Error(`expected a DomainError, got ${e === undefined ? 'success' : String(e)}`);
  return e;
}

/** The rows a refused import lists. */
export function badRowsOf(e: DomainError): { line: number; reason: string }[] {
  return (e.details as { errors: { line: number; reason: string }[] }).errors;
}

// ---- the CLI, in-process

/**
 * `runCli`'s `open`: a CliContext around the test's database. `runCli` closes
 * the context's database when the command ends; the test owns it, so that
 * close is a no-op here.
 */
export function cliOpener(w: ServiceWorld, actor = 'cli:test'): (env: NodeJS.ProcessEnv) => Promise<CliContext> {
  return async () => ({ database: { ...w.database, close: async () => {} }, policies: w.policies, clock: w.clock, actor, cases: caseDepsFor(w.database, w.policies, w.clock) });
}

export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  json<T = Record<string, unknown>>(): T;
}

export function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s) => out.push(s), err: (s) => err.push(s) },
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    json: <T>() => JSON.parse(out.join('\n')) as T,
  };
}

/** A scratch folder for CSV files handed to the CLI; `cleanup` removes it. */
export async function scratchDir(): Promise<{ dir: string; write(name: string, text: string): Promise<string>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-cli-'));
  return {
    dir,
    async write(name, text) {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
