import { describe, expect, it } from 'vitest';
import { FY22_CATALOG } from '../../../src/domain/catalog/fy22-catalog.ts';
import { translator, type Locale } from '../../../src/messages/i18n.ts';
import { reportModal, type ReportModalInput } from '../../../src/slack/render/modals/report-modal.ts';
import { reportModalJson } from '../../../src/slack/render/modals/report-modal-cache.ts';

const fresh = (locale: Locale, m: ReportModalInput) => JSON.stringify(reportModal({ t: translator(locale), locale }, m));

describe('the rendered report modal, cached (issue 10)', () => {
  it('is what rendering it anew gives, for each language, kind of reporter and day, asked twice', () => {
    for (const locale of ['en', 'zh-CN'] as Locale[]) {
      for (const asStaff of [true, false]) {
        for (const today of ['2026-06-01', '2026-06-02']) {
          const m = { catalog: FY22_CATALOG, asStaff, today };
          expect(reportModalJson(locale, m)).toBe(fresh(locale, m));
          expect(reportModalJson(locale, m)).toBe(fresh(locale, m));
        }
      }
    }
  });

  it('never shows another policy’s catalog: a new catalog gets its own rendering, even on the same day and language', () => {
    const m = { catalog: FY22_CATALOG, asStaff: true, today: '2026-06-01' };
    const before = reportModalJson('en', m);
    const changed = FY22_CATALOG.map((item) => (item.id === 'SVC-09' ? { ...item, textEn: 'Reworded in a later policy' } : item));
    const after = reportModalJson('en', { ...m, catalog: changed });
    expect(after).toContain('Reworded in a later policy');
    expect(before).not.toContain('Reworded in a later policy');
    expect(after).toBe(fresh('en', { ...m, catalog: changed }));
  });

  it('shows the day it is asked on: the date picker starts on that day', () => {
    const on = (today: string) => JSON.parse(reportModalJson('en', { catalog: FY22_CATALOG, asStaff: false, today })) as { blocks: { block_id?: string; element?: { initial_date?: string } }[] };
    expect(on('2026-06-01').blocks.find((b) => b.block_id === 'occurred_on')?.element?.initial_date).toBe('2026-06-01');
    expect(on('2026-06-02').blocks.find((b) => b.block_id === 'occurred_on')?.element?.initial_date).toBe('2026-06-02');
  });
});
