import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/messages/i18n.ts';
import { notificationsEn } from '../../../src/messages/strings/notifications.en.ts';
import { notificationsZh } from '../../../src/messages/strings/notifications.zh-CN.ts';
import { formatActor } from '../../../src/slack/render/actor.ts';
import { formatCny, groupAmount } from '../../../src/messages/amount.ts';
import { catalogItemOn, formatClass, itemLabel, itemLabelOn, itemOptionText, itemText } from '../../../src/slack/render/catalog-text.ts';
import { formatDate, formatDateTime } from '../../../src/slack/render/format.ts';
import { clip, LIMITS } from '../../../src/slack/render/limits.ts';
import { partnerText } from '../../../src/slack/render/partner-text.ts';
import { FY22 } from '../../../src/domain/policy/fy22.ts';
import { money } from '../../../src/domain/money.ts';
import { clipMrkdwn, escapeAndClip } from '../../../src/slack/render/mrkdwn.ts';

describe('amounts', () => {
  it.each([
    ['5000.00', '5,000.00'],
    ['5000', '5,000.00'],
    ['1234567.5', '1,234,567.50'],
    ['100000.00', '100,000.00'],
    ['999.99', '999.99'],
    ['0.00', '0.00'],
    ['-20000.10', '-20,000.10'],
    // Beyond a double's 15–17 digits: grouped exactly, as text.
    ['123456789012345678901.23', '123,456,789,012,345,678,901.23'],
  ])('%s is written %s', (amount, grouped) => {
    expect(groupAmount(amount)).toBe(grouped);
  });

  it('are written CNY 5,000.00 in English and 人民币 5,000.00 元 in Chinese', () => {
    expect(formatCny('5000.00', 'en')).toBe('CNY 5,000.00');
    expect(formatCny('5000.00', 'zh-CN')).toBe('人民币 5,000.00 元');
  });

  it('read the same from a stored decimal as from text, so a standing and a notice show one figure', () => {
    expect(formatCny(money('120000.015'), 'en')).toBe('CNY 120,000.02');
    expect(formatCny(money('5000'), 'zh-CN')).toBe(formatCny('5000.00', 'zh-CN'));
  });
});

describe('dates and times are Shanghai’s', () => {
  it('a day has its weekday', () => {
    expect(formatDate('2025-10-11', 'en')).toBe('Sat 11 Oct 2025');
    expect(formatDate('2025-10-11', 'zh-CN')).toBe('2025年10月11日（周六）');
  });

  it('a deadline at 23:59:59 Shanghai time reads so, whatever offset the instant was written in', () => {
    for (const instant of ['2025-10-11T23:59:59+08:00', '2025-10-11T15:59:59Z', '2025-10-11T15:59:59.000Z']) {
      expect(formatDateTime(instant, 'en')).toBe('Sat 11 Oct 2025, 23:59:59 (Beijing time)');
      expect(formatDateTime(instant, 'zh-CN')).toBe('2025年10月11日（周六） 23:59:59（北京时间）');
    }
  });

  it('a whole minute drops the seconds, and an instant just after midnight UTC is already the next Shanghai day', () => {
    expect(formatDateTime('2026-02-24T16:30:00Z', 'en')).toBe('Wed 25 Feb 2026, 00:30 (Beijing time)');
  });
});

describe('people', () => {
  const t = translator('en');
  it('a Slack user is a mention built from the checked id; anything else is escaped text', () => {
    expect(formatActor('slack:U0OFFICER', t)).toBe('<@U0OFFICER>');
    expect(formatActor('slack:U1 <!channel>', t)).toBe('slack:U1 &lt;!channel&gt;');
    expect(formatActor('cli:ops', t)).toBe('cli:ops');
    expect(formatActor(null, t)).toBe('nobody');
  });

  it('the system is named, and a key that only starts like a Slack id is not a mention', () => {
    expect(formatActor('system', t)).toBe('the system');
    expect(formatActor('system:sweep', t)).toBe('the system');
    expect(formatActor('slack:W0ENTERPRISE', t)).toBe('<@W0ENTERPRISE>');
    expect(formatActor('slack:U0A:extra', t)).toBe('slack:U0A:extra');
    expect(formatActor('cli:*ops*', t)).toBe('cli:\u200B*ops\u200B*');
  });
});

describe('catalog items and partners', () => {
  const item = { id: 'SVC-09', class: 2 as const, textZh: '违规 <!channel> & *粗体*', textEn: 'breach <!here> & _it_' };

  it('the wording is in the reader’s language, escaped for mrkdwn', () => {
    expect(itemText(item, 'en')).toBe('breach &lt;!here&gt; &amp; \u200B_it\u200B_');
    expect(itemText(item, 'zh-CN')).toBe('违规 &lt;!channel&gt; &amp; \u200B*粗体\u200B*');
    expect(itemLabel(item, 'en')).toBe('SVC-09 · Class 2 · breach &lt;!here&gt; &amp; \u200B_it\u200B_');
    expect(itemLabel(item, 'zh-CN')).toBe('SVC-09 · 二类违规 · 违规 &lt;!channel&gt; &amp; \u200B*粗体\u200B*');
  });

  it('a policy file that left one language empty shows the other', () => {
    expect(itemText({ textZh: '', textEn: 'only English' }, 'zh-CN')).toBe('only English');
    expect(itemText({ textZh: '只有中文', textEn: '' }, 'en')).toBe('只有中文');
  });

  it('a select option is plain text, which Slack never parses, so it carries the wording as written', () => {
    expect(itemOptionText(item, 'en')).toBe('SVC-09 · Class 2 · breach <!here> & _it_');
  });

  it('the item is named by the policy in force on the day it happened; an unknown id or class is shown escaped', () => {
    const svc09 = catalogItemOn([FY22], 'SVC-09', '2026-05-20')!;
    expect(itemLabelOn([FY22], 'SVC-09', '2026-05-20', 'en')).toBe(itemLabel(svc09, 'en'));
    expect(itemLabelOn([FY22], 'X-<!channel>', '2026-05-20', 'en')).toBe('X-&lt;!channel&gt;');
    expect(catalogItemOn([FY22], 'SVC-09', '1999-01-01')).toBeUndefined();
    expect(formatClass(7, translator('en'))).toBe('7');
  });

  it('a partner is "Name (ID)", both escaped', () => {
    expect(partnerText('A & B *Ltd*', 'P<1>')).toBe('A &amp; B \u200B*Ltd\u200B* (P&lt;1&gt;)');
  });
});

describe('Block Kit limits', () => {
  it('plain text is cut to the limit with an ellipsis; modal titles to 24, buttons to 75', () => {
    expect(clip('x'.repeat(100), LIMITS.modalTitle)).toHaveLength(24);
    expect(clip('x'.repeat(100), LIMITS.buttonText).endsWith('…')).toBe(true);
    expect(clip('short', LIMITS.buttonText)).toBe('short');
  });
});

describe('clipping mrkdwn', () => {
  it('never leaves half an entity or half a mention at the cut', () => {
    expect(escapeAndClip('a&b', 4)).toBe('a…');
    expect(clipMrkdwn('see <@U0OFFICER> now', 10)).toBe('see …');
    expect(clipMrkdwn('short', 10)).toBe('short');
    expect(escapeAndClip('&'.repeat(1000), 100).length).toBeLessThanOrEqual(100);
  });
});

describe('message files', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

  it('Chinese and English have the same notification keys, none empty', () => {
    expect(keys(notificationsZh).sort()).toEqual(keys(notificationsEn).sort());
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    for (const v of [...values(notificationsEn), ...values(notificationsZh)]) expect(v.trim()).not.toBe('');
  });

  it('both languages use the same placeholders in each message', () => {
    const placeholders = (o: object, prefix = ''): Record<string, string> =>
      Object.fromEntries(
        Object.entries(o).flatMap(([k, v]) =>
          typeof v === 'string'
            ? [[`${prefix}${k}`, [...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',')]]
            : Object.entries(placeholders(v as object, `${prefix}${k}.`)),
        ),
      );
    expect(placeholders(notificationsZh)).toEqual(placeholders(notificationsEn));
  });
});
