import { describe, expect, it } from 'vitest';
import type { CaseView, DecisionView } from '../../../src/domain/notifications/notification.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import type { PolicyVersion } from '../../../src/domain/policy/policy-version.ts';
import { money } from '../../../src/domain/money.ts';
import type { CaseDetail, CaseSummary } from '../../../src/service/cases/case-queries.ts';
import type { Standing } from '../../../src/service/rules/partner-standing.ts';
import { locales, translator } from '../../../src/messages/i18n.ts';
import { itemLabelOn } from '../../../src/slack/render/catalog-text.ts';
import { answerModal } from '../../../src/slack/render/modals/answer-modal.ts';
import { determineModal } from '../../../src/slack/render/modals/determine-modal.ts';
import { contractModal } from '../../../src/slack/render/modals/contract-modal.ts';
import { partnerModal } from '../../../src/slack/render/modals/partner-modal.ts';
import { programModal } from '../../../src/slack/render/modals/program-modal.ts';
import { reportModal } from '../../../src/slack/render/modals/report-modal.ts';
import type { RegistryEntry } from '../../../src/service/registry/registry-entry.ts';
import { renderNotification } from '../../../src/slack/render/render-notification.ts';
import { caseDetailReply } from '../../../src/slack/render/views/case-detail.ts';
import { caseListReply } from '../../../src/slack/render/views/case-list.ts';
import type { Fmt } from '../../../src/slack/render/views/format.ts';
import { homeView } from '../../../src/slack/render/views/home.ts';
import { standingReply } from '../../../src/slack/render/views/standing.ts';
import { allStrings } from '../e2e/harness.ts';
import { allTexts } from './block-kit.ts';
import { allSamples, CASE, DECISION } from './samples.ts';

const NASTY = 'Call <!channel> and @here now: pay at <http://evil.example|bank> & <@U0BOSS> <#C0GENERAL> {{caseId}} $t(notification.common.yes) *BOLD* _IT_ ~ST~ `CODE`';

const hostileCase: CaseView = {
  ...CASE,
  partnerName: `Evil <!everyone> Corp & Co @channel`,
  partnerId: 'P<!here>',
  itemTextEn: `item ${NASTY}`,
  itemTextZh: `条目 ${NASTY}`,
  facts: NASTY,
  evidence: [
    { kind: 'link', ref: 'http://evil.example/?a=1&b=<!channel>|bank', purpose: 'report', addedBy: 'slack:U0OFFICER', addedAt: '2026-05-21T10:00:00+08:00' },
    { kind: 'file', ref: '<http://evil|F0123>', purpose: 'dispute', addedBy: 'mallory <!here>', addedAt: '2026-05-21T10:00:00+08:00' },
  ],
};

const hostileDecision: DecisionView = {
  ...DECISION,
  policyVersion: `FY22 ${NASTY}`,
  policyNote: NASTY,
  notes: [NASTY],
  steps: [{ ...DECISION.steps[0]!, rule: `R-P2 <!channel>`, counted: ['<http://evil|V-1>'], reason: NASTY }],
  consumes: ['<http://evil|V-1>'],
  restrictions: [{ kind: '<!channel>', from: '2026-06-01', until: null, rule: NASTY, months: 3 }],
};

/**
 * Every user-provided string is replaced by one that tries to ping the
 * channel, disguise a link, mention someone or break the entity escaping,
 * in every notification (reasons, grounds, notes, replies included).
 */
const hostile = allSamples(hostileCase, hostileDecision).map((n) => {
  switch (n.kind) {
    case 'reply_recorded': return { ...n, text: NASTY, by: n.by && `${n.by}` };
    case 'determination_requested': return { ...n, reasons: NASTY, proposedBy: `eve <!channel>` };
    case 'determination_decided': return { ...n, note: NASTY };
    case 'objection_recorded': return { ...n, grounds: NASTY };
    case 'objection_answered': return { ...n, reasons: NASTY };
    case 'case_dismissed': return { ...n, reasons: NASTY };
    case 'partner_report_received': return { ...n, reportedBy: `slack:U0P2 <!channel>` };
    case 'partner_report_screened': return { ...n, reportedBy: `slack:U0P2 <!channel>`, reason: NASTY };
    case 'restriction_lifted': return { ...n, kinds: [...n.kinds, '<!channel>'] };
    case 'calendar_provisional': return { ...n, caseId: '<!channel>' };
    case 'assessment_applied': return { ...n, partnerName: NASTY, levelBefore: NASTY, levelAfter: n.levelAfter && NASTY, period: '<!channel>' };
    case 'assessment_reminder': return { ...n, month: '<!channel>', due: n.due.map((d) => ({ ...d, periods: [NASTY] })) };
    case 'policy_announced': return { ...n, version: NASTY };
    default: return n;
  }
});

describe('user text cannot ping anyone or disguise a link', () => {
  it.each(hostile.flatMap((n) => locales.map((locale) => ({ n, locale, kind: n.kind }))))('$kind in $locale', ({ n, locale }) => {
    const texts = allTexts(renderNotification(n, locale));
    for (const t of texts) {
      expect(t).not.toContain('<!channel>');
      expect(t).not.toContain('<!here>');
      expect(t).not.toContain('<!everyone>');
      expect(t).not.toContain('<http');
      expect(t).not.toContain('<#');
      expect(t).not.toMatch(/@(here|channel|everyone)\b/);
      // The only `<…>` left are mentions we build from checked ids.
      expect(t.replace(/<@U0[A-Z0-9]+>/g, '')).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(t).not.toContain('<@U0BOSS>');
      expect(t).not.toMatch(/(?<!\u200B)[*_~`](BOLD|IT|ST|CODE)\b/);
    }
  });

  it('shows the hostile text escaped, as the reader typed it, not dropped', () => {
    const n = hostile.find((x) => x.kind === 'suspected_violation')!;
    const text = allTexts(renderNotification(n, 'en')).join('\n');
    expect(text).toContain('Call &lt;!channel&gt; and @\u200Bhere now: pay at &lt;http://evil.example|bank&gt; &amp; &lt;@U0BOSS&gt;');
    expect(text).toContain('http://evil.example/?a=1&amp;b=&lt;!channel&gt;|bank');
  });

  it('does not interpolate user text a second time: {{…}} and $t(…) stay literal', () => {
    const n = hostile.find((x) => x.kind === 'suspected_violation')!;
    const text = allTexts(renderNotification(n, 'en')).join('\n');
    expect(text).toContain('{{caseId}} $t(notification.common.yes)');
  });

  it('every mrkdwn text is verbatim, so Slack links no bare URL or channel name it finds', () => {
    const n = hostile.find((x) => x.kind === 'suspected_violation')!;
    const objects: { type: string; verbatim?: boolean }[] = [];
    JSON.stringify(renderNotification(n, 'en').blocks, (_k, v: unknown) => {
      if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'mrkdwn') objects.push(v as { type: string; verbatim?: boolean });
      return v;
    });
    expect(objects.length).toBeGreaterThan(3);
    expect(objects.every((o) => o.verbatim === true)).toBe(true);
  });
});

// ---- Every other surface that shows a catalog item, a partner name or facts ----

const fmts = locales.map((locale) => ({ t: translator(locale), locale }));

/** FY22 with SVC-09's wording replaced by hostile text in both languages, as an imported policy file could. */
const hostilePolicy: PolicyVersion = {
  ...FY22,
  catalog: FY22.catalog.map((i) => (i.id === 'SVC-09' ? { ...i, textEn: `item ${NASTY}`, textZh: `条目 ${NASTY}` } : i)),
};
const policies = [hostilePolicy];
const PARTNER = `Evil <!everyone> Corp & Co @channel *BOLD* _IT_ ~ST~ \`CODE\``;
const at = new Date('2026-06-01T04:00:00Z');

const summary: CaseSummary = {
  id: 'V-000042', partnerId: 'P1', partnerName: PARTNER, itemId: 'SVC-09', state: 'awaiting_reply', occurredOn: '2026-05-20',
  replyDueAt: new Date('2026-06-04T15:59:59Z'), objectionDueAt: null, createdAt: at, relation: 'staff', acts: ['determine'],
};

// The renderer reads these fields of the stored rows; the rest of each row is the database's business.
const detail = {
  case: { id: 'V-000042', partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', state: 'awaiting_determination', facts: NASTY, reportedBy: 'slack:U0OFFICER', createdAt: at, suspended: false, decision: hostileDecision, replyDueAt: null, objectionDueAt: null },
  partnerName: PARTNER,
  evidence: [{ kind: 'link', ref: 'http://evil.example/?a=1&b=<!channel>|bank', purpose: 'report', addedBy: 'mallory <!here>', addedAt: at }],
  replies: [{ kind: 'dispute', text: NASTY, by: 'slack:U0CONTACT', at }],
  determinations: [
    { id: 1, purpose: 'determination', status: 'rejected', proposedBy: 'slack:U0OFFICER', proposedAt: at, decidedBy: 'eve <!channel>', decidedAt: at, established: true, reasons: NASTY },
    { id: 2, purpose: 'determination', status: 'superseded', proposedBy: 'slack:U0OFFICER', proposedAt: at, decidedBy: 'slack:U0APPROVER', decidedAt: at, established: true, reasons: NASTY, decision: hostileDecision, rejudged: hostileDecision, changes: ['amount'] },
  ],
  objections: [{ grounds: NASTY, by: 'slack:U0CONTACT', at }],
  openDeadlines: [],
  messages: [],
  acts: ['determine', 'suspend'],
} as unknown as CaseDetail;

const standing = {
  partner: { id: 'P1', name: PARTNER, status: 'active' },
  on: '2026-06-10',
  policyVersion: `FY22 ${NASTY}`,
  valid: { 1: [], 2: [{ caseId: 'V-000042', itemId: 'SVC-09', noticeDate: '2026-06-01', announcedOn: '2026-06-05', lastValidDay: '2027-06-05', amount: money('5000') }], 3: [] },
  next: { 1: { finalClass: 1, amount: money('100000') }, 2: { finalClass: 2, amount: money('10000') }, 3: { finalClass: 3, amount: money('0') } },
  restrictions: [{ kind: '<!channel>', from: '2026-06-01', until: null, rule: NASTY }],
  balances: { serviceFeesPaidThisFiscalYear: money('0'), deposit: money('0'), prepayment: money('0'), serviceFeeUnpaid: money('0') },
  owed: [],
  totalOwed: money('0'),
  totalLateFees: money('0'),
  suspensions: [{ caseId: 'V-000042', since: at, by: 'slack:U0OFFICER' }],
} as unknown as Standing;

/** Issue 11: a registry entry whose name and program were typed by someone. */
const hostileEntry: RegistryEntry = {
  id: 'P1', name: NASTY, status: 'active', version: 'v1',
  categories: [{ category: 'service', level: 'gold' }], contacts: [{ platform: 'slack', userId: 'U0PARTNER1' }],
  contracts: [{ startsOn: '2026-04-01', endsOn: '2027-03-31', renewalNoticeOn: null }],
  programs: [{ program: NASTY, category: 'service', joinedOn: '2026-05-01' }],
};

/** What each surface sends to Slack, for a reader in `f`'s language. */
function surfaces(f: Fmt): [name: string, payload: unknown][] {
  return [
    ['case detail', caseDetailReply(f, { detail, policies })],
    ['case list', caseListReply(f, policies, { title: 'Open', rows: [summary], total: 1, page: 0, pageValue: String })],
    ['home (staff)', homeView(f, policies, { kind: 'staff', page: 0, pageSize: 8, approvals: { rows: [{ summary, determinationId: 1, conflict: null }], total: 1 }, needsAction: { rows: [summary], total: 1 }, awaitingReplies: { rows: [], total: 0 }, overdue: { rows: [], total: 0 } })],
    ['home (contact)', homeView(f, policies, { kind: 'contact', page: 0, pageSize: 8, cases: { rows: [summary], total: 1 }, standings: [standing] })],
    ['standing', standingReply(f, policies, standing)],
    ['determine modal', determineModal(f, { caseId: 'V-000042', partnerName: PARTNER, partnerId: 'P1', itemLine: itemLabelOn(policies, 'SVC-09', '2026-05-20', f.locale), facts: NASTY, replies: [], fastTrack: false, preview: hostileDecision })],
    ['partner edit modal', partnerModal(f, hostileEntry)],
    ['contract modal', contractModal(f, hostileEntry, false)],
    ['program modal', programModal(f, hostileEntry)],
    ['answer modal', answerModal(f, { caseId: 'V-000042', grounds: [NASTY], decision: hostileDecision, catalog: hostilePolicy.catalog, currentItem: hostilePolicy.catalog.find((i) => i.id === 'SVC-09') })],
  ];
}

/** Every mrkdwn string of a reply or view: mrkdwn objects, and a reply's top-level `text`. Plain text is never parsed by Slack. */
function mrkdwnTexts(payload: unknown): string[] {
  const out: string[] = [];
  const top = (payload as { text?: unknown }).text;
  if (typeof top === 'string') out.push(top);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk((payload as { blocks?: unknown }).blocks);
  return out;
}

describe('item text, partner names and facts are escaped on every surface (R-CONFIDENTIAL: user text is shown, never obeyed)', () => {
  it.each(fmts.flatMap((f) => surfaces(f).map(([name, payload]) => ({ name, payload, locale: f.locale }))))('$name in $locale', ({ payload }) => {
    const texts = mrkdwnTexts(payload);
    const all = texts.join('\n');
    for (const t of texts) {
      expect(t).not.toMatch(/<!(channel|here|everyone)>|<http|<#/);
      expect(t).not.toMatch(/@(here|channel|everyone)\b/);
      // The only `<…>` left are mentions we build from checked ids, and `> ` is our own quote of what someone wrote.
      expect(t.replace(/<@U0[A-Z0-9]+>/g, '').replace(/^> /gm, '')).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      // A formatting character from user text never follows a space or starts a line, so it formats nothing.
      expect(t).not.toMatch(/(?<!\u200B)[*_~`](BOLD|IT|ST|CODE)\b/);
    }
    // Shown, escaped, not dropped.
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('\u200B*BOLD\u200B*');
  });

  it.each(fmts)('the partner name and the item wording reach the reader as written ($locale)', (f) => {
    const text = mrkdwnTexts(caseDetailReply(f, { detail, policies })).join('\n');
    expect(text).toContain('Evil &lt;!everyone&gt; Corp &amp; Co @\u200Bchannel \u200B*BOLD\u200B* \u200B_IT\u200B_ \u200B~ST\u200B~ \u200B`CODE\u200B`');
    expect(text).toContain(f.locale === 'en' ? 'item Call &lt;!channel&gt;' : '条目 Call &lt;!channel&gt;');
  });

  it.each(fmts)('the report modal lists the item in plain text, which Slack never parses ($locale)', (f) => {
    const view = reportModal(f, { catalog: hostilePolicy.catalog, asStaff: true, today: '2026-06-01' });
    const option = allStrings(view).find((s) => s.startsWith('SVC-09'))!;
    expect(option).toContain(f.locale === 'en' ? 'item Call <!channel>' : '条目 Call <!channel>');
    expect(JSON.stringify(view)).not.toMatch(/"type":"mrkdwn","text":"[^"]*<!channel>/);
  });
});
