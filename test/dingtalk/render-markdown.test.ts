import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/domain/notifications/notification.ts';
import { escapeDingTalkMarkdown, mentionsEveryone } from '../../src/dingtalk/markdown.ts';
import { buttonsOf, renderDingTalkMarkdown } from '../../src/dingtalk/notifier/render-markdown.ts';
import { toMarkdown } from '../../src/dingtalk/render/to-markdown.ts';
import { locales } from '../../src/messages/i18n.ts';
import { actorRef, user } from '../../src/messages/inline.ts';
import { composeNotification } from '../../src/messages/notifications/compose-notification.ts';
import { actions, context, divider, document, fields, paragraph, title, userText } from '../../src/messages/notifications/document.ts';
import { allSamples, CASE } from '../slack/render/samples.ts';

// Issue 12: a notification document as DingTalk markdown. Our markup is
// converted, user text escaped, actors shown as text, never @all, no tables.

const NASTY = '# Head\n> quote [x](http://evil) <font color=red>r</font> @all @所有人 *b* _i_ | a | b |';

describe('renderDingTalkMarkdown', () => {
  it('converts the tiny markup: *b* → **b**, _i_ → *i*, emoji shortcodes → Unicode, a line break → a hard break', () => {
    const doc = document(['x'], [title('T'), paragraph(['*bold* and _it_ :warning: :white_check_mark:\nnext'])], ['short']);
    const md = renderDingTalkMarkdown(doc, 'en');
    expect(md.text).toBe('### T\n\n**bold** and *it* ⚠️ ✅  \nnext');
    expect(md.title).toBe('T');
  });

  it('escapes user text (also inside a markup span of ours) and never lets it @all', () => {
    const doc = document(['x'], [paragraph(['*', user(NASTY), '*']), userText('Facts', NASTY, 2000, 'none')], ['short']);
    const { text } = renderDingTalkMarkdown(doc, 'en');
    const esc = escapeDingTalkMarkdown(NASTY);
    expect(text).toBe(`**${esc}**\n\n**Facts**  \n${esc}`);
    expect(text).not.toContain('<font');
    expect(text).not.toMatch(/\n#|\n>/);
    expect(mentionsEveryone(text)).toBe(false);
  });

  it('shows actor keys as text, never as a mention', () => {
    // A DingTalk person by their id; anyone else by their whole key (a Slack id alone means nothing here).
    expect(toMarkdown(['by ', actorRef('dingtalk:0123_x'), ', ', actorRef('slack:U0ABC'), ', ', actorRef('cli:ops')])).toBe('by 0123\\_x, slack:U0ABC, cli:ops');
    expect(toMarkdown([actorRef('dingtalk:@all')])).not.toMatch(/@all/);
  });

  it('puts fields on lines (DingTalk has no tables), leaves empty values out, a user text without content says none in italics', () => {
    const doc = document(['x'], [fields([['Case', ['V-1']], ['Empty', []], ['Partner', [user('A|B')]]]), divider(), userText('Reasons', null, 100, 'none'), context(['_rule_'])], ['s']);
    expect(renderDingTalkMarkdown(doc, 'en').text).toBe('**Case**: V-1  \n**Partner**: A\\|B\n\n---\n\n**Reasons**  \n*none*\n\n*rule*');
  });

  it('cuts user text after escaping, never inside an escape', () => {
    const clipped = (text: string, max: number) => toMarkdown([user(text, max)]);
    expect(clipped('a*b*c*d*e', 5)).toBe('a\\*b…');
    expect(clipped('a*b*c*d*e', 3)).toBe('a…');
    expect(clipped('a&b', 4)).toBe('a…');
    expect(clipped('short', 10)).toBe('short');
  });

  it('keeps the title, the shortened note and the footer when the message is too long', () => {
    const long = Array.from({ length: 30 }, (_, i) => paragraph([`para ${i} ${'x'.repeat(200)}`]));
    const doc = document(['x'], [title('T'), ...long, context(['footer'])], ['*shortened* see `violation show`']);
    const { text } = renderDingTalkMarkdown(doc, 'en', { maxChars: 2000 });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.startsWith('### T\n\npara 0')).toBe(true);
    expect(text).toContain('**shortened** see `violation show`');
    expect(text.endsWith('footer')).toBe(true);
  });

  it('with buttons on a card leaves them out of the markdown; without a template names the text command, in the reader’s language', () => {
    const doc = document(['x'], [paragraph(['p']), actions([{ action: 'replyAccept', value: 'V-000001', label: 'Accept', style: 'primary' }, { action: 'replyDispute', value: 'V-000001', label: 'Dispute' }])], ['s']);
    expect(renderDingTalkMarkdown(doc, 'en', { actions: 'buttons' }).text).toBe('p');
    expect(renderDingTalkMarkdown(doc, 'en', { actions: 'hint', caseId: 'V-000001' }).text).toContain('`violation show V-000001`');
    expect(renderDingTalkMarkdown(doc, 'zh-CN', { actions: 'hint', caseId: 'V-000001' }).text).toContain('`违规 查看 V-000001`');
    expect(buttonsOf(doc)).toEqual([
      { action: 'replyAccept', value: 'V-000001', label: 'Accept', style: 'primary' },
      { action: 'replyDispute', value: 'V-000001', label: 'Dispute', style: 'default' },
    ]);
  });

  const hostileCase: CaseView = { ...CASE, partnerName: `Evil ${NASTY}`, facts: NASTY, caseId: CASE.caseId };
  for (const locale of locales) {
    it(`renders every notification kind in ${locale}: no raw user markup, no @all, no table, within the limit`, () => {
      for (const n of allSamples(hostileCase)) {
        const doc = composeNotification(n, locale, new Date('2026-06-01T00:00:00Z'));
        const md = renderDingTalkMarkdown(doc, locale, { actions: 'hint', caseId: CASE.caseId });
        expect(md.text.length, n.kind).toBeLessThanOrEqual(4500);
        expect(md.title.length, n.kind).toBeGreaterThan(0);
        expect(md.text, n.kind).not.toContain('<font');
        expect(md.text, n.kind).not.toMatch(/(^|[^\\])# Head/);
        expect(mentionsEveryone(md), n.kind).toBe(false);
        expect(md.text, n.kind).not.toMatch(/^\|.*\|$/m);
        // No Slack markup left: mrkdwn links/mentions or shortcodes.
        expect(md.text, n.kind).not.toMatch(/<[@!#]|:warning:|:x:/);
      }
    });
  }
});
