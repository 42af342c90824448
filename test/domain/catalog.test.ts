import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogByCategory, classLabel, findCatalogItem } from '../../src/domain/catalog/catalog.ts';
import type { CatalogItem, ViolationClass } from '../../src/domain/catalog/catalog-item.ts';
import { FY22_CATALOG } from '../../src/domain/catalog/fy22-catalog.ts';

type Section = CatalogItem['section'];

interface SeedRow {
  section: Section;
  row: number;
  class: ViolationClass;
  textZh: string;
}

const SEED_CLASS: Record<string, ViolationClass> = { 一类: 1, 二类: 2, 三类: 3 };

/**
 * Reads the catalog tables straight from the policy text, independently of the
 * generated data file: under each "5.3.x" heading the table is a run of
 * tab-indented lines, a header pair (违规描述 / 违规级别) then one
 * "\t<description>" / "\t<class>" pair per row.
 */
function parseSeedTables(text: string): SeedRow[] {
  const lines = text.split(/\r?\n/);
  const rows: SeedRow[] = [];
  for (const section of ['5.3.3', '5.3.4', '5.3.5'] as const) {
    const heading = lines.findIndex((line) => line.startsWith(`${section} `));
    if (heading < 0) throw new Error(`heading ${section} not found in the seed`);
    const cells: string[] = [];
    for (const line of lines.slice(heading + 1)) {
      if (line.startsWith('\t')) cells.push(line.trim());
      else if (line.trim() !== '') break;
    }
    const [descHeader, classHeader, ...body] = cells;
    if (descHeader !== '违规描述' || classHeader !== '违规级别' || body.length % 2 !== 0) {
      throw new Error(`table under ${section} is not description/class pairs`);
    }
    for (let i = 0; i < body.length; i += 2) {
      const textZh = body[i]!;
      const classCell = body[i + 1]!;
      const cls = SEED_CLASS[classCell];
      if (cls === undefined) throw new Error(`unknown class "${classCell}" under ${section}`);
      rows.push({ section, row: i / 2 + 1, class: cls, textZh });
    }
  }
  return rows;
}

const seedRows = parseSeedTables(
  readFileSync(new URL('../fixtures/policy-fy22.txt', import.meta.url), 'utf8'),
);

function countBy(items: readonly { section: Section; class: ViolationClass }[], section: Section) {
  const inSection = items.filter((item) => item.section === section);
  return {
    total: inSection.length,
    class1: inSection.filter((item) => item.class === 1).length,
    class2: inSection.filter((item) => item.class === 2).length,
    class3: inSection.filter((item) => item.class === 3).length,
  };
}

const EXPECTED_COUNTS = [
  { section: '5.3.3', category: 'service', prefix: 'SVC', total: 18, class1: 8, class2: 8, class3: 2 },
  { section: '5.3.4', category: 'marketing', prefix: 'MKT', total: 15, class1: 4, class2: 10, class3: 1 },
  { section: '5.3.5', category: 'other', prefix: 'OTH', total: 25, class1: 15, class2: 9, class3: 1 },
] as const;

describe('the FY22 violation catalog (§5.3.3 – §5.3.5)', () => {
  it('lists exactly 58 violations: 27 class 1, 27 class 2, 4 class 3', () => {
    expect(FY22_CATALOG).toHaveLength(58);
    expect(FY22_CATALOG.filter((item) => item.class === 1)).toHaveLength(27);
    expect(FY22_CATALOG.filter((item) => item.class === 2)).toHaveLength(27);
    expect(FY22_CATALOG.filter((item) => item.class === 3)).toHaveLength(4);
  });

  it.each(EXPECTED_COUNTS)(
    '§$section ($category) has $total rows: $class1 class 1, $class2 class 2, $class3 class 3',
    ({ section, total, class1, class2, class3 }) => {
      expect(countBy(FY22_CATALOG, section)).toEqual({ total, class1, class2, class3 });
      // The seed's own table must agree, so the parser below is known to see every row.
      expect(countBy(seedRows, section)).toEqual({ total, class1, class2, class3 });
    },
  );

  it('numbers items SVC-01…SVC-18, MKT-01…MKT-15, OTH-01…OTH-25 in the policy row order', () => {
    const expected = EXPECTED_COUNTS.flatMap(({ section, category, prefix, total }) =>
      Array.from({ length: total }, (_, i) => ({
        id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
        section,
        category,
        row: i + 1,
      })),
    );
    expect(FY22_CATALOG.map(({ id, section, category, row }) => ({ id, section, category, row }))).toEqual(expected);
  });

  it('never gives two items the same id', () => {
    const ids = FY22_CATALOG.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps every item's Chinese text and class exactly as the policy states them, row by row", () => {
    expect(FY22_CATALOG.map(({ section, row, class: cls, textZh }) => ({ section, row, class: cls, textZh }))).toEqual(
      seedRows,
    );
  });

  it('gives every item an English rendering with no Chinese left in it', () => {
    for (const item of FY22_CATALOG) {
      expect(item.textEn.trim(), item.id).not.toBe('');
      expect(item.textEn, item.id).not.toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
    }
  });
});

describe('looking up a catalog item', () => {
  it('finds a violation by its id, e.g. OTH-14 malicious reporting (class 1)', () => {
    const item = findCatalogItem(FY22_CATALOG, 'OTH-14');
    expect(item?.textZh).toBe('恶意举报，如提供伪证的举报行为');
    expect(item?.class).toBe(1);
  });

  it.each(['SVC-19', 'MKT-00', 'svc-01', 'SVC-1', ''])('finds nothing for the unknown id "%s"', (id) => {
    expect(findCatalogItem(FY22_CATALOG, id)).toBeUndefined();
  });
});

describe('listing the catalog by table', () => {
  it('lists service, then marketing, then other, each in policy row order', () => {
    const groups = catalogByCategory(FY22_CATALOG);
    expect(groups.map((g) => [g.category, g.items.length])).toEqual([
      ['service', 18],
      ['marketing', 15],
      ['other', 25],
    ]);
    expect(groups.flatMap((g) => g.items)).toEqual(FY22_CATALOG);
  });

  it('groups by category even when the list is shuffled', () => {
    const shuffled = [...FY22_CATALOG].reverse();
    const groups = catalogByCategory(shuffled);
    expect(groups.map((g) => g.items.every((item) => item.category === g.category))).toEqual([true, true, true]);
    expect(groups[0]!.items[0]!.id).toBe('SVC-18');
  });

  it('still shows all three tables for an empty catalog', () => {
    expect(catalogByCategory([])).toEqual([
      { category: 'service', items: [] },
      { category: 'marketing', items: [] },
      { category: 'other', items: [] },
    ]);
  });
});

describe('naming a violation class', () => {
  it.each([
    [1, 'zh-CN', '一类'],
    [2, 'zh-CN', '二类'],
    [3, 'zh-CN', '三类'],
    [1, 'en', 'Class 1'],
    [2, 'en', 'Class 2'],
    [3, 'en', 'Class 3'],
  ] as const)('class %i in %s reads "%s"', (c, locale, label) => {
    expect(classLabel(c, locale)).toBe(label);
  });
});
