import { describe, expect, it } from 'vitest';
import type { CaseView, DecisionView } from '../../src/domain/notifications/notification.ts';
import { locales, translator } from '../../src/messages/i18n.ts';
import { EMOJI, tr, user, type Inline, type Part } from '../../src/messages/inline.ts';
import { composeNotification } from '../../src/messages/notifications/compose-notification.ts';
import type { DocBlock, NotificationDocument } from '../../src/messages/notifications/document.ts';
import { notificationsEn } from '../../src/messages/strings/notifications.en.ts';
import { notificationsZh } from '../../src/messages/strings/notifications.zh-CN.ts';
import { allSamples, CASE, DECISION } from '../slack/render/samples.ts';

// Issue 12: what a notification says is one chat-neutral document that Slack
// and DingTalk both render. Two things make that safe: user text reaches the
// adapters raw and apart (each escapes it in its own markup), and the
// catalogue's markup stays within what DingTalk markdown can express too.

const NASTY = 'Call <!channel> @here <http://evil.example|bank> & <@U0BOSS> {{caseId}} $t(notification.common.yes) *B* _I_ ~S~ `C` **x** # h';

const hostileCase: CaseView = {
  ...CASE,
  caseId: `V-1 ${NASTY}`,
  partnerName: `Evil ${NASTY}`,
  partnerId: `P ${NASTY}`,
  itemId: `SVC ${NASTY}`,
  itemTextEn: `item ${NASTY}`,
  itemTextZh: `条目 ${NASTY}`,
  facts: NASTY,
  evidence: [{ kind: 'link', ref: `http://x/${NASTY}`, purpose: 'report', addedBy: `mallory ${NASTY}`, addedAt: '2026-05-21T10:00:00+08:00' }],
};
const hostileDecision: DecisionView = {
  ...DECISION,
  policyVersion: `FY22 ${NASTY}`,
  policyNote: NASTY,
  notes: [NASTY],
  readings: [NASTY],
  steps: [{ ...DECISION.steps[0]!, rule: `R ${NASTY}`, counted: [`V ${NASTY}`], reason: NASTY }],
  consumes: [`V ${NASTY}`],
  restrictions: [{ kind: `k ${NASTY}`, from: '2026-06-01', until: null, rule: NASTY, months: 3 }],
};
const hostile = allSamples(hostileCase, hostileDecision).map((n) => {
  switch (n.kind) {
    case 'reply_recorded': return { ...n, text: NASTY, by: `x ${NASTY}` };
    case 'determination_requested': return { ...n, reasons: NASTY, proposedBy: `eve ${NASTY}` };
    case 'determination_decided': return { ...n, note: NASTY };
    case 'objection_recorded': return { ...n, grounds: NASTY };
    case 'objection_answered': return { ...n, reasons: NASTY };
    case 'case_dismissed': return { ...n, reasons: NASTY };
    case 'partner_report_received': return { ...n, reportedBy: `slack:U0P2 ${NASTY}` };
    case 'partner_report_screened': return { ...n, reportedBy: `slack:U0P2 ${NASTY}`, reason: NASTY };
    case 'restriction_lifted': return { ...n, kinds: [...n.kinds, NASTY] };
    case 'calendar_provisional': return { ...n, caseId: NASTY };
    case 'assessment_applied': return { ...n, partnerName: NASTY, levelBefore: NASTY };
    case 'assessment_reminder': return { ...n, due: [{ category: 'service', periods: [NASTY] }] };
    case 'policy_announced': return { ...n, version: NASTY };
    case 'partner_exited': return { ...n, partnerName: NASTY };
    case 'complaint_filed':
    case 'complaint_reminder': return { ...n, complaint: { ...n.complaint, partnerName: NASTY, subject: NASTY, text: NASTY, evidence: [NASTY] } };
    case 'complaint_answered': return { ...n, complaint: { ...n.complaint, subject: NASTY }, answer: NASTY };
    case 'complaint_closed': return { ...n, complaint: { ...n.complaint, partnerName: NASTY, subject: NASTY, text: NASTY }, answer: NASTY };
    default: return n;
  }
});

/** Every run of a document, with where it stands. */
function runs(doc: NotificationDocument): Inline[] {
  const inBlock = (b: DocBlock): Inline[] => {
    switch (b.type) {
      case 'title': return [[b.text]];
      case 'paragraph': case 'context': return [b.text];
      case 'fields': return b.fields.flatMap((f) => [[f.label], f.value]);
      case 'userText': return [[b.label, b.none]];
      case 'divider': return [];
      case 'actions': return b.actions.map((a) => [a.label]);
    }
  };
  return [doc.text, doc.shortened, ...doc.blocks.flatMap(inBlock)];
}

const trusted = (doc: NotificationDocument): string[] => runs(doc).flat().filter((p): p is string => typeof p === 'string');
const raw = (doc: NotificationDocument): Part[] => runs(doc).flat().filter((p) => typeof p !== 'string');

describe('notification documents keep user text raw and apart', () => {
  it.each(hostile.flatMap((n) => locales.map((locale) => ({ n, locale, kind: n.kind }))))('$kind in $locale', ({ n, locale }) => {
    const doc = composeNotification(n, locale, new Date('2026-06-02T14:00:00+08:00'));
    // Nothing a user wrote is in trusted text, where no adapter would escape it.
    for (const s of trusted(doc)) {
      expect(s).not.toContain('evil.example');
      expect(s).not.toContain('<!channel>');
      expect(s).not.toContain('$t(');
    }
    // And it arrives as typed: neither escaped for one platform nor read by i18next.
    if (n.kind !== 'public_notice') expect(raw(doc)).toContainEqual(expect.objectContaining({ kind: 'user', text: expect.stringContaining(NASTY) }));
    for (const b of doc.blocks) if (b.type === 'userText' && b.text !== null) expect(b.text).toBe(NASTY);
  });

  it('tr puts parts in after i18next, so a user’s {{…}} or $t(…) is never read as ours', () => {
    const t = translator('en');
    const run = tr(t, 'notification.case_dismissed.text', { caseId: user('{{caseId}} $t(notification.common.yes)') });
    expect(run).toContainEqual(user('{{caseId}} $t(notification.common.yes)'));
    expect(run.filter((p) => typeof p === 'string').join('')).not.toContain('{{');
  });
});

describe('the catalogue keeps to the tiny markup DingTalk can also express (src/messages/inline.ts)', () => {
  const strings: [string, string][] = [];
  const walk = (o: unknown, key: string): void => {
    if (typeof o === 'string') strings.push([key, o]);
    else for (const [k, v] of Object.entries(o as object)) walk(v, key ? `${key}.${k}` : k);
  };
  walk(notificationsEn, 'en');
  walk(notificationsZh, 'zh-CN');

  it.each(strings)('%s', (_key, s) => {
    expect(s).not.toMatch(/[<>~]/); // no links, mentions, specials, strike
    expect(s).not.toMatch(/\*\*|__/); // single markers only: the adapter maps them
    expect(s).not.toMatch(/^\s*(#|>|\d+\.\s|[-+]\s)/m); // nothing DingTalk would read as a heading, quote or list
    expect((s.match(/\*/g) ?? []).length % 2).toBe(0);
    expect((s.match(/`/g) ?? []).length % 2).toBe(0);
    for (const [, name] of s.matchAll(/:([a-z_]+):/g)) expect(Object.keys(EMOJI)).toContain(name);
  });
});
