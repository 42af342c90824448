import { asc, like } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { imports, type PartnerCategoryKind } from '../db/schema/index.ts';
import type { ViolationClass } from '../domain/catalog/catalog-item.ts';
import { addDays, addMonths, isLocalDate, type LocalDate } from '../domain/dates.ts';
import { formatAmount, money, sumMoney } from '../domain/money.ts';
import type { PolicyVersion } from '../domain/policy/policy-version.ts';
import { grantRole } from '../service/access/manage-roles.ts';
import { CalendarCache } from '../service/calendar/calendar-cache.ts';
import { today, type Clock } from '../service/clock.ts';
import type { ImportFile, ImportResult } from '../service/imports/import-file.ts';
import { importLedger, LEDGER_HEADER } from '../service/imports/import-ledger.ts';
import { importPartners, PARTNERS_HEADER } from '../service/imports/import-partners.ts';
import { importSanctions, SANCTIONS_HEADER } from '../service/imports/import-sanctions.ts';
import { previewSanction } from '../service/rules/preview-sanction.ts';
import { PEOPLE } from './people.ts';

/**
 * The sandbox's demo data, written the way an operator would: staff roles
 * granted, then the back office's partner, ledger (R-LEDGER) and sanction
 * history files imported through the service's own imports. The story:
 *
 * - P-A Cloudway Consulting has one class-2 sanction two months ago, so a new
 *   class 2 is its 2nd valid one: CNY 10,000 (R-P2). Its deposit, prepayment
 *   and unpaid fees cover 8,000 of it; 2,000 stays owed, so late fees can be
 *   watched accruing after the payment term (R-DEDUCT, R-LATE).
 * - P-B Bluepeak Services has three valid class-2 sanctions and two class-3
 *   warnings: a new class 2 is the 4th and counts as class 1, CNY 100,000
 *   (R-P2, R-P1, R-CASCADE); a new class 3 goes 3 → 2 → 1 (R-P3). 80,000 is
 *   deducted, 20,000 owed.
 * - P-C Cedar Solutions has a clean record: a class 2 costs CNY 5,000, taken
 *   whole from the deposit.
 *
 * Dates are counted back from the day of the first seeding (its anchor, kept
 * in the imported files' names), so the history is always recent whenever the
 * sandbox is first started, and a later run (a restart on another day, a
 * clock moved forward) rebuilds byte-identical files that the imports skip
 * by their SHA-256: seeding is idempotent.
 *
 * Why it holds across the fiscal-year turn (R-FY): class-2 and class-3
 * sanctions count for 12 months from their announcement day (R-P2, R-P3 by
 * R-PERIOD), not per fiscal year, so a history placed 2 to 8 months back
 * keeps its ranks for at least 4 months of clock advances whichever side of
 * 1 April "today" is. The one figure that depends on the fiscal year is the
 * class-1 share of service fees paid in it (R-P1); P-B's fees are kept so low
 * that 30% of them stays under the CNY 100,000 minimum, so its cascade costs
 * 100,000 on 31 March and on 1 April alike, instead of dropping when the new
 * fiscal year starts with no fees paid. Deposits, prepayments and unpaid fees
 * are balances, not fiscal-year sums (R-DEDUCT).
 */

/** What a new violation is previewed as on the page and in the README (a class-2 service item of FY22). */
export const DEMO_CLASS2_ITEM = 'SVC-09';
export const DEMO_CLASS3_ITEM = 'SVC-17';

const ACTOR = 'sandbox:demo';
const FILE_PREFIX = 'sandbox-demo-';

type Cell = string | number;

interface DemoPartner {
  id: string;
  name: string;
  categories: readonly (readonly [PartnerCategoryKind, string])[];
  /** [kind, amount, months back, extra days back] */
  ledger: readonly (readonly [LedgerKind, string, number, number])[];
  /** [case id, item, notice months back]: each occurred three weeks before its notice. */
  sanctions: readonly (readonly [string, string, number])[];
}

type LedgerKind = 'deposit' | 'prepayment' | 'service_fee_paid' | 'service_fee_unpaid';

const PARTNERS: readonly DemoPartner[] = [
  {
    id: 'P-A',
    name: 'Cloudway Consulting',
    categories: [['consulting_sales', 'gold']],
    ledger: [
      ['deposit', '5000.00', 10, 0],
      ['service_fee_paid', '60000.00', 3, 0],
      ['prepayment', '2000.00', 2, 0],
      ['service_fee_paid', '45000.00', 1, 0],
      ['service_fee_unpaid', '1000.00', 0, 15],
    ],
    sanctions: [['HIST-PA-01', 'SVC-10', 2]],
  },
  {
    id: 'P-B',
    name: 'Bluepeak Services',
    categories: [
      ['service', 'silver'],
      ['marketplace', 'registered'],
    ],
    ledger: [
      ['deposit', '50000.00', 11, 0],
      ['service_fee_paid', '120000.00', 5, 0],
      ['prepayment', '20000.00', 4, 0],
      ['service_fee_paid', '60000.00', 2, 0],
      ['service_fee_unpaid', '10000.00', 1, 0],
    ],
    sanctions: [
      ['HIST-PB-01', 'SVC-12', 8],
      ['HIST-PB-W1', 'SVC-17', 7],
      ['HIST-PB-02', 'SVC-15', 5],
      ['HIST-PB-W2', 'SVC-18', 3],
      ['HIST-PB-03', 'SVC-09', 2],
    ],
  },
  {
    id: 'P-C',
    name: 'Cedar Solutions',
    categories: [['product_solution', 'certified']],
    ledger: [
      ['deposit', '20000.00', 6, 0],
      ['prepayment', '5000.00', 3, 0],
      ['service_fee_paid', '30000.00', 1, 0],
    ],
    sanctions: [],
  },
];

export interface DemoPartnerSummary {
  id: string;
  name: string;
  categories: { category: PartnerCategoryKind; level: string }[];
  /** Slack user ids of its contacts (people.ts). */
  contacts: string[];
  /** Imported ledger totals, CNY. */
  ledger: Record<LedgerKind, string>;
  /** Imported history, oldest first. */
  sanctions: { caseId: string; itemId: string; noticeDate: LocalDate }[];
  /** What a new class-2 violation (DEMO_CLASS2_ITEM) would get today, by the real engine (preview, stored nowhere). */
  newClass2Today: { finalClass: ViolationClass; amount: string; owed: string; rules: string[] };
}

export interface DemoSummary {
  /** The day the demo's dates count back from: the day it was first seeded. */
  anchor: LocalDate;
  /** Today by the clock, the day of `newClass2Today`. */
  today: LocalDate;
  /** What the demo holds. */
  counts: { roleGrants: number; partners: number; contacts: number; ledgerEntries: number; sanctions: number };
  /** What this run wrote: all zero when the demo was already there. */
  written: { roleGrants: number; partners: number; ledgerEntries: number; sanctions: number };
  partners: DemoPartnerSummary[];
}

export interface DemoDeps {
  db: Db;
  clock: Clock;
  policies: readonly PolicyVersion[];
}

/**
 * Seeds the demo into a migrated database that has its reference data
 * (ensureReferenceData). Run it again any day: nothing changes.
 */
export async function seedDemoData(deps: DemoDeps): Promise<DemoSummary> {
  const todayIs = today(deps.clock);
  const anchor = (await demoAnchor(deps.db)) ?? todayIs;
  const files = demoFiles(anchor);
  const importDeps = { db: deps.db, clock: deps.clock, actor: ACTOR, policies: deps.policies };

  let roleGrants = 0;
  for (const person of PEOPLE) {
    for (const role of person.roles) {
      if ((await grantRole(deps, { userId: person.id, role, by: ACTOR })).changed) roleGrants++;
    }
  }
  // Partners first: the ledger and the history name them (R-LEDGER).
  const partners = await importPartners(importDeps, files.partners);
  const ledger = await importLedger(importDeps, files.ledger);
  const sanctions = await importSanctions(importDeps, files.sanctions);

  const rules = { db: deps.db, clock: deps.clock, policies: deps.policies, calendar: new CalendarCache() };
  const summaries: DemoPartnerSummary[] = [];
  for (const p of PARTNERS) {
    const j = await previewSanction(rules, { partnerId: p.id, itemId: DEMO_CLASS2_ITEM, on: todayIs });
    summaries.push({
      id: p.id,
      name: p.name,
      categories: p.categories.map(([category, level]) => ({ category, level })),
      contacts: contactsOf(p.id),
      ledger: ledgerTotals(p),
      sanctions: p.sanctions.map(([caseId, itemId, back]) => ({ caseId, itemId, noticeDate: addMonths(anchor, -back) })),
      newClass2Today: {
        finalClass: j.decision.finalClass,
        amount: formatAmount(j.decision.amount),
        owed: formatAmount(j.deduction.owed),
        rules: j.decision.steps.map((s) => s.rule),
      },
    });
  }
  return {
    anchor,
    today: todayIs,
    counts: {
      roleGrants: PEOPLE.reduce((n, p) => n + p.roles.length, 0),
      partners: PARTNERS.length,
      contacts: PEOPLE.filter((p) => p.partnerId).length,
      ledgerEntries: PARTNERS.reduce((n, p) => n + p.ledger.length, 0),
      sanctions: PARTNERS.reduce((n, p) => n + p.sanctions.length, 0),
    },
    written: { roleGrants, partners: changed(partners), ledgerEntries: changed(ledger), sanctions: changed(sanctions) },
    partners: summaries,
  };
}

/** The anchor of an earlier seeding, from the name of its first imported file; null on a fresh database. */
async function demoAnchor(db: Db): Promise<LocalDate | null> {
  const [first] = await db
    .select({ fileName: imports.fileName })
    .from(imports)
    .where(like(imports.fileName, `${FILE_PREFIX}%`))
    .orderBy(asc(imports.id))
    .limit(1);
  const day = first ? /(\d{4}-\d{2}-\d{2})\.csv$/.exec(first.fileName)?.[1] : undefined;
  return day && isLocalDate(day) ? day : null;
}

/** The three files the back office would hand over, dated back from `anchor`. */
export function demoFiles(anchor: LocalDate): { partners: ImportFile; ledger: ImportFile; sanctions: ImportFile } {
  return {
    partners: csv(`${FILE_PREFIX}partners-${anchor}.csv`, PARTNERS_HEADER, PARTNERS.flatMap((p) => p.categories.map(([category, level]) => [p.id, p.name, category, level, contactsOf(p.id).join(';')]))),
    ledger: csv(`${FILE_PREFIX}ledger-${anchor}.csv`, LEDGER_HEADER, PARTNERS.flatMap((p) => p.ledger.map(([kind, amount, months, days]) => [p.id, addDays(addMonths(anchor, -months), -days), kind, amount]))),
    sanctions: csv(
      `${FILE_PREFIX}sanctions-${anchor}.csv`,
      SANCTIONS_HEADER,
      PARTNERS.flatMap((p) =>
        p.sanctions.map(([caseId, itemId, back]) => {
          const notice = addMonths(anchor, -back);
          return [caseId, p.id, itemId, addDays(notice, -21), notice, 'false'];
        }),
      ),
    ),
  };
}

function csv(name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): ImportFile {
  return { name, text: [header.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n') + '\n' };
}

function contactsOf(partnerId: string): string[] {
  return PEOPLE.filter((p) => p.partnerId === partnerId).map((p) => p.id);
}

function ledgerTotals(p: DemoPartner): Record<LedgerKind, string> {
  const kinds: LedgerKind[] = ['deposit', 'prepayment', 'service_fee_paid', 'service_fee_unpaid'];
  // R-LATE reading: money is summed in decimal, never in floating point.
  return Object.fromEntries(kinds.map((k) => [k, formatAmount(sumMoney(p.ledger.filter(([kind]) => kind === k).map(([, amount]) => money(amount))))])) as Record<LedgerKind, string>;
}

function changed(r: ImportResult): number {
  return r.imported ? r.changed : 0;
}
