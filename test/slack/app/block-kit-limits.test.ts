import { describe, expect, it } from 'vitest';
import { FY22_CATALOG } from '../../../src/domain/catalog/fy22-catalog.ts';
import type { CaseSummary } from '../../../src/service/cases/case-queries.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { translator, type Locale } from '../../../src/messages/i18n.ts';
import { caseListReply } from '../../../src/slack/render/views/case-list.ts';
import { helpReply } from '../../../src/slack/render/views/help.ts';
import { homeView } from '../../../src/slack/render/views/home.ts';
import { reportModal } from '../../../src/slack/render/modals/report-modal.ts';
import { determineModal } from '../../../src/slack/render/modals/determine-modal.ts';
import { allStrings } from '../e2e/harness.ts';

const fmts = (['en', 'zh-CN'] as Locale[]).map((locale) => ({ t: translator(locale), locale }));
const policies = [FY22];

function summary(i: number, facts = ''): CaseSummary {
  return {
    id: `V-${String(i).padStart(6, '0')}`, partnerId: 'P1', partnerName: `Partner ${facts}`, itemId: 'SVC-09', state: 'awaiting_reply', occurredOn: '2026-05-20',
    replyDueAt: new Date('2026-06-04T15:59:59Z'), objectionDueAt: null, createdAt: new Date('2026-06-01T04:00:00Z'), relation: 'accused', acts: ['reply'],
  };
}

/** Every section text and field within 3000 characters. */
function sectionTexts(blocks: unknown[]): string[] {
  return blocks.flatMap((b) => {
    const s = b as { type: string; text?: { text: string }; fields?: { text: string }[] };
    return s.type === 'section' ? [s.text?.text ?? '', ...(s.fields ?? []).map((f) => f.text)] : [];
  });
}

describe('Block Kit limits', () => {
  it.each(fmts)('the report modal offers all 58 catalog items in three groups, within the option and title limits (%#)', (f) => {
    const view = reportModal(f, { catalog: FY22_CATALOG, asStaff: true, today: '2026-06-01' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const item = view.blocks.find((b) => b.block_id === 'item') as { element: { option_groups: { label: { text: string }; options: { text: { text: string }; value: string }[] }[] } };
    const options = item.element.option_groups.flatMap((g) => g.options);
    expect(options).toHaveLength(58);
    expect(new Set(options.map((o) => o.value)).size).toBe(58);
    for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    expect(options.find((o) => o.value === 'SVC-01')!.text.text).toMatch(f.locale === 'en' ? /^SVC-01 · Class 1 · / : /^SVC-01 · 一类违规 · /);
  });

  it.each(fmts)('a determination modal on 2,500 characters of facts keeps every section under 3000 (%#)', (f) => {
    const view = determineModal(f, { caseId: 'V-000001', partnerName: 'P', partnerId: 'P1', itemLine: 'SVC-09', facts: '<'.repeat(2500), replies: [], fastTrack: true, preview: null });
    for (const s of sectionTexts(view.blocks)) expect(s.length).toBeLessThanOrEqual(3000);
  });

  it.each(fmts)('a page of the case list stays within 50 blocks, and App Home within 100 even when every list is full (%#)', (f) => {
    const rows = Array.from({ length: 10 }, (_, i) => summary(i + 1, '<!channel>'.repeat(50)));
    const list = caseListReply(f, policies, { title: 'Open', rows, total: 300, page: 3, pageValue: (p) => String(p) });
    expect(list.blocks.length).toBeLessThanOrEqual(50);
    for (const s of sectionTexts(list.blocks)) expect(s.length).toBeLessThanOrEqual(3000);
    const many = Array.from({ length: 24 }, (_, i) => summary(i + 1));
    const home = homeView(f, policies, {
      kind: 'staff', page: 0, pageSize: 8,
      approvals: { rows: many.slice(0, 8).map((s, i) => ({ summary: s, determinationId: i + 1, conflict: i % 2 === 0 ? ('proposer' as const) : null })), total: 40 },
      needsAction: { rows: many, total: 90 }, awaitingReplies: { rows: many.slice(0, 8), total: 50 }, overdue: { rows: many, total: 60 },
    });
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    // The navigation survives the cut: it is the last block.
    expect(JSON.stringify(home.blocks.at(-1))).toContain('home_page');
    for (const s of allStrings(home)) expect(s).not.toContain('<!channel>');
  });

  it.each(fmts)('the help fits a message (%#)', (f) => {
    const help = helpReply(f, 'x'.repeat(5000));
    expect(help.blocks.length).toBeLessThanOrEqual(50);
    for (const s of sectionTexts(help.blocks)) expect(s.length).toBeLessThanOrEqual(3000);
  });
});
