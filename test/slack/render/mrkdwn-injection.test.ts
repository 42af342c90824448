import { describe, expect, it } from 'vitest';
import type { CaseView, DecisionView } from '../../../src/domain/notifications/notification.ts';
import { locales } from '../../../src/slack/i18n/i18n.ts';
import { renderNotification } from '../../../src/slack/render/render-notification.ts';
import { allTexts } from './block-kit.ts';
import { allSamples, CASE, DECISION } from './samples.ts';

const NASTY = 'Call <!channel> and @here now: pay at <http://evil.example|bank> & <@U0BOSS> <#C0GENERAL> {{caseId}} $t(notification.common.yes)';

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
  restrictions: [{ kind: '<!channel>', from: '2026-06-01', until: null, rule: NASTY }],
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
    case 'restriction_lifted': return { ...n, kinds: [...n.kinds, '<!channel>'] };
    case 'calendar_provisional': return { ...n, caseId: '<!channel>' };
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
