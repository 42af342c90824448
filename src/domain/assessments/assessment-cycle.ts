import { DomainError } from '../errors.ts';

/** R-CAT (§2.1): the kinds of category membership (the same names as `partner_categories.category`). */
export const assessedCategoryKinds = ['consulting_sales', 'product_solution', 'service', 'marketplace'] as const;
export type AssessedCategory = (typeof assessedCategoryKinds)[number];

export type AssessmentKind = 'quarterly' | 'annual';

/**
 * One assessment of a category, named by the period it assesses (R-FY):
 * `FY27-Q1` = the first quarter of FY27 (2026-04 … 2026-06), assessed in July 2026;
 * `FY27` = the whole of FY27 (2026-04-01 … 2027-03-31), assessed in April 2027.
 */
export interface AssessmentPeriod {
  name: string;
  kind: AssessmentKind;
  /** The fiscal year's name (R-FY: named by the year it ends in), e.g. `FY27`. */
  fiscalYear: string;
  quarter: 1 | 2 | 3 | 4 | null;
  /** The month the assessment runs in, `YYYY-MM` (R-ASSESS). */
  month: string;
  /** The first and last day of the period assessed. */
  from: string;
  to: string;
}

/**
 * R-ASSESS (§3.1.2): consulting & sales: quarterly + annual; product &
 * solution and service: annual only. **Reading:** §3.1.2 names only those
 * three categories, so cloud-marketplace vendors (§2.1, a fourth kind) have no
 * assessment cycle: a result for one is refused.
 */
export const ASSESSMENT_CYCLES: Record<AssessedCategory, readonly AssessmentKind[]> = {
  consulting_sales: ['quarterly', 'annual'],
  product_solution: ['annual'],
  service: ['annual'],
  marketplace: [],
};

export const MARKETPLACE_READING = 'R-ASSESS reading marketplace=no_assessment (§3.1.2 names only three categories)';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PERIOD = /^FY(\d{2})(?:-Q([1-4]))?$/;

/** Fiscal year FYnn ends on 31 March 20nn (R-FY). */
function fyEndYear(fy: number): number {
  return 2000 + fy;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `FY27-Q2` or `FY27` as a period, or null when the name is not one. */
export function parseAssessmentPeriod(name: string): AssessmentPeriod | null {
  const m = PERIOD.exec(name);
  if (!m) return null;
  const fy = Number(m[1]);
  const end = fyEndYear(fy);
  const fiscalYear = `FY${m[1]}`;
  if (m[2] === undefined) {
    // R-ASSESS: the annual assessment runs in April over the previous fiscal year.
    return { name, kind: 'annual', fiscalYear, quarter: null, month: `${end}-04`, from: `${end - 1}-04-01`, to: `${end}-03-31` };
  }
  const q = Number(m[2]) as 1 | 2 | 3 | 4;
  // Q1 = Apr–Jun, Q2 = Jul–Sep, Q3 = Oct–Dec of the year before the FY ends; Q4 = Jan–Mar.
  const firstMonth = ((3 + 3 * (q - 1)) % 12) + 1;
  const year = q === 4 ? end : end - 1;
  const lastMonth = firstMonth + 2;
  // R-ASSESS: a quarter is assessed in the month after it ends (July, October, January, April).
  const assessedYear = lastMonth === 12 ? year + 1 : year;
  const assessedMonth = (lastMonth % 12) + 1;
  return {
    name,
    kind: 'quarterly',
    fiscalYear,
    quarter: q,
    month: `${assessedYear}-${pad2(assessedMonth)}`,
    from: `${year}-${pad2(firstMonth)}-01`,
    to: lastDayOfMonth(year, lastMonth),
  };
}

function quarterlyAssessedIn(month: string): AssessmentPeriod | null {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // July → Q1 of the FY ending next March; October → Q2; January → Q3 and April → Q4 of the FY ending this March.
  const byMonth: Record<number, [1 | 2 | 3 | 4, number]> = { 7: [1, y + 1], 10: [2, y + 1], 1: [3, y], 4: [4, y] };
  const hit = byMonth[m];
  return hit ? parseAssessmentPeriod(`FY${pad2(hit[1] % 100)}-Q${hit[0]}`) : null;
}

/**
 * R-ASSESS: the assessments a category has in a month (`YYYY-MM`), quarterly
 * first. Empty in a month without one, and always for the marketplace.
 */
export function assessmentsDue(category: AssessedCategory, month: string): AssessmentPeriod[] {
  if (!MONTH.test(month)) throw new DomainError('assessment.bad_month', `month "${month}" must be written YYYY-MM`);
  const kinds = ASSESSMENT_CYCLES[category];
  const due: AssessmentPeriod[] = [];
  if (kinds.includes('quarterly')) {
    const q = quarterlyAssessedIn(month);
    if (q) due.push(q);
  }
  if (kinds.includes('annual') && month.endsWith('-04')) {
    due.push(parseAssessmentPeriod(`FY${month.slice(2, 4)}`)!);
  }
  return due;
}

/** R-ASSESS: whether the category is assessed over this period at all (a quarter for consulting & sales only). */
export function categoryHasPeriod(category: AssessedCategory, period: AssessmentPeriod): boolean {
  return ASSESSMENT_CYCLES[category].includes(period.kind);
}

/** The months any category is assessed in (R-ASSESS): January, April, July, October. */
export function isAssessmentMonth(month: string): boolean {
  return assessedCategoryKinds.some((c) => assessmentsDue(c, month).length > 0);
}

/** The next month, `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`;
}

/** The first assessment month on or after `month`. */
export function nextAssessmentMonth(month: string): string {
  let m = month;
  while (!isAssessmentMonth(m)) m = nextMonth(m);
  return m;
}
