import { chineseDaysSeed } from '../../src/calendar/chinese-days-seed.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.ts';
import { FY22_CATALOG } from '../../src/domain/catalog/fy22-catalog.ts';
import type { CatalogItem, ViolationClass } from '../../src/domain/catalog/catalog-item.ts';
import { money } from '../../src/domain/money.ts';
import type { LedgerSummary } from '../../src/domain/sanctions/ledger-summary.ts';
import type { PastSanction } from '../../src/domain/sanctions/sanction-history.ts';

/** The first catalog item of a class: SVC-01 (1), SVC-09 (2), SVC-17 (3). */
export function itemOfClass(cls: ViolationClass): CatalogItem {
  const item = FY22_CATALOG.find((i) => i.class === cls);
  if (!item) throw new Error(`no class ${cls} item`);
  return item;
}

export function ledger(parts: Partial<Record<keyof LedgerSummary, string>> = {}): LedgerSummary {
  return {
    serviceFeesPaidThisFiscalYear: money(parts.serviceFeesPaidThisFiscalYear ?? '0'),
    deposit: money(parts.deposit ?? '0'),
    prepayment: money(parts.prepayment ?? '0'),
    serviceFeeUnpaid: money(parts.serviceFeeUnpaid ?? '0'),
  };
}

/** A sanction on record; announced on its notice day unless `announcedOn` says otherwise (null: not yet). */
export function past(
  caseId: string,
  noticeDate: string,
  finalClass: ViolationClass,
  consumedBy: PastSanction['consumedBy'] = null,
  announcedOn: string | null = noticeDate,
): PastSanction {
  return { caseId, noticeDate, announcedOn, finalClass, consumedBy };
}

/** The official calendar as the `chinese-days` package knows it (what the database is seeded with). */
export function officialCalendar(): WorkingDayCalendar {
  const seed = chineseDaysSeed();
  return new WorkingDayCalendar({ loadedYears: new Set(seed.years), days: new Map(seed.days.map((d) => [d.date, d.kind])) });
}
