import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/slack/i18n/i18n.ts';
import { notificationsEn } from '../../../src/slack/i18n/messages/notifications.en.ts';
import { notificationsZh } from '../../../src/slack/i18n/messages/notifications.zh-CN.ts';
import { formatActor } from '../../../src/slack/render/actor.ts';
import { formatCny, groupAmount } from '../../../src/slack/render/amount.ts';
import { formatDate, formatDateTime } from '../../../src/slack/render/format.ts';
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
