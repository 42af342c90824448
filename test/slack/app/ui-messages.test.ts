import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/messages/i18n.ts';
import { uiEn } from '../../../src/messages/strings/ui.en.ts';
import { uiZh } from '../../../src/messages/strings/ui.zh-CN.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The use cases the Slack listeners call, and what they call in turn: every code they throw reaches a person. */
const REACHABLE = [
  'src/service/cases',
  'src/service/access/actor.ts',
  'src/service/rules',
  'src/service/requests',
  'src/domain/access',
  'src/domain/cases',
  'src/domain/dates.ts',
  'src/domain/policy/choose-policy.ts',
  'src/slack/listeners',
];

function codesThrownIn(path: string): string[] {
  const full = new URL(`../../../${path}`, import.meta.url).pathname;
  const files = path.endsWith('.ts') ? [full] : readdirSync(full, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(full, f));
  return files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/DomainError\(\s*'([a-z_]+\.[a-z_0-9]+)'/g)].map((m) => m[1]!));
}

describe('the bot’s own words in Chinese and English', () => {
  it('has every message in both languages', () => {
    expect(keys(uiZh).sort()).toEqual(keys(uiEn).sort());
  });

  it('keeps modal titles and buttons within Slack’s 24 characters in both languages', () => {
    for (const t of [translator('en'), translator('zh-CN')]) {
      for (const k of ['report', 'dispute', 'objection', 'determine', 'answer', 'reject']) {
        for (const part of ['title', 'submit', 'doneTitle']) expect(t(`${k}.${part}`).length, `${k}.${part}`).toBeLessThanOrEqual(24);
      }
      for (const k of ['common.cancel', 'common.close']) expect(t(k).length).toBeLessThanOrEqual(24);
      for (const k of keys(uiEn).filter((x) => x.startsWith('buttons.'))) expect(t(k).length, k).toBeLessThanOrEqual(75);
    }
  });

  it('explains every error a Slack user can meet in both languages', () => {
    const codes = [...new Set(REACHABLE.flatMap(codesThrownIn))].sort();
    expect(codes).toContain('determination.self_approval');
    expect(codes).toContain('report.evidence_required');
    const missing = codes.filter((c) => !keys(uiEn).includes(`errors.${c}`) || !keys(uiZh).includes(`errors.${c}`));
    expect(missing).toEqual([]);
  });
});
