import { describe, expect, it } from 'vitest';
import { parseDingTalkCommand } from '../../src/dingtalk/command-parser.ts';
import { dingtalkUserMessage } from '../../src/dingtalk/handlers/errors.ts';
import { renderDingTalkMarkdown } from '../../src/dingtalk/notifier/render-markdown.ts';
import { blocksMarkdown } from '../../src/dingtalk/render/document-markdown.ts';
import { toMarkdown, toPlain } from '../../src/dingtalk/render/to-markdown.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { silentLogger } from '../../src/logger.ts';
import { locales, translator } from '../../src/messages/i18n.ts';
import { composeNotification } from '../../src/messages/notifications/compose-notification.ts';
import { renderDocument } from '../../src/slack/render/render-document.ts';
import { toMrkdwn } from '../../src/slack/render/inline-mrkdwn.ts';
import { allSamples, CASE } from '../slack/render/samples.ts';

// Issue 12: the shared catalogue names commands and the chat by neutral
// placeholders ({{show}}, {{status}}, {{chat}}); each adapter says them its
// own way. A DingTalk reader never sees a Slack slash command (DingTalk has
// none), and the command shown is one the robot reads back.

const SLASH = /\/violation|\/partner|fit Slack|Slack 限制/;
const NOW = new Date('2026-06-01T00:00:00Z');

describe('platform words in shared notification texts', () => {
  for (const locale of locales) {
    it(`every notification sample rendered for DingTalk in ${locale} names DingTalk's commands, never a Slack slash command`, () => {
      const seen = new Set<string>();
      for (const n of allSamples()) {
        const doc = composeNotification(n, locale, NOW);
        // The whole message, the message forced to shorten (so the shortened note shows), the card's markdown, the plain title.
        const outputs = [
          renderDingTalkMarkdown(doc, locale, { actions: 'hint', caseId: CASE.caseId }).text,
          renderDingTalkMarkdown(doc, locale, { actions: 'buttons', maxChars: 300 }).text,
          blocksMarkdown(doc.blocks),
          toMarkdown(doc.shortened),
          toPlain(doc.text),
        ];
        for (const out of outputs) expect(out, `${n.kind} (${locale})`).not.toMatch(SLASH);
        // Every command in a code span parses back to the command it names.
        for (const out of outputs) {
          for (const [, span] of out.matchAll(/`([^`\n]+)`/g)) {
            const cmd = parseDingTalkCommand(span!);
            if (/^(违规|伙伴|violation|partner)/.test(span!)) {
              expect(cmd.kind === 'help' && cmd.reason !== 'missing-argument', `${n.kind}: ${span}`).toBe(false);
              seen.add(cmd.kind === 'help' ? `help:${cmd.command}` : cmd.kind);
            }
          }
        }
      }
      // The samples do name both: the case command (shortened note) and the partner command (footers).
      expect([...seen].sort()).toEqual(['help:partner-status', 'show']);
    });
  }

  it('the case command carries the case id as it is typed (no markdown escape inside the code span), in the reader’s language', () => {
    const n = allSamples().find((s) => s.kind === 'suspected_violation')!;
    expect(toMarkdown(composeNotification(n, 'zh-CN', NOW).shortened)).toContain(`\`违规 查看 ${CASE.caseId}\``);
    expect(toMarkdown(composeNotification(n, 'en', NOW).shortened)).toContain(`\`violation show ${CASE.caseId}\``);
    expect(toMarkdown(composeNotification(n, 'en', NOW).shortened)).toContain('fit DingTalk');
    expect(parseDingTalkCommand(`违规 查看 ${CASE.caseId}`)).toMatchObject({ kind: 'show', caseId: CASE.caseId });
  });

  it('the partner footers name `伙伴 状态` / `partner status` on DingTalk, `/partner status` on Slack', () => {
    const n = allSamples().find((s) => s.kind === 'incentives_suspended')!;
    const zh = composeNotification(n, 'zh-CN', NOW);
    expect(renderDingTalkMarkdown(zh, 'zh-CN').text).toContain('`伙伴 状态`');
    expect(renderDingTalkMarkdown(composeNotification(n, 'en', NOW), 'en').text).toContain('`partner status`');
    expect(JSON.stringify(renderDocument(zh).blocks)).toContain('`/partner status`');
  });

  for (const locale of locales) {
    it(`Slack still says its slash commands (${locale})`, () => {
      const n = allSamples().find((s) => s.kind === 'suspected_violation')!;
      expect(toMrkdwn(composeNotification(n, locale, NOW).shortened)).toContain(`\`/violation show ${CASE.caseId}\``);
    });
  }

  for (const locale of locales) {
    it(`a stale button on DingTalk is refused naming the DingTalk command (${locale})`, () => {
      const m = dingtalkUserMessage(new DomainError('input.bad_button', 'stale'), { t: translator(locale), locale }, silentLogger);
      const md = toMarkdown(m.text);
      expect(md).not.toMatch(SLASH);
      expect(md).toContain(locale === 'zh-CN' ? '`违规 查看`' : '`violation show`');
    });
  }
});
