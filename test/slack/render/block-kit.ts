// Walks a rendered message the way Slack would read it, for limit and injection checks.
import type { KnownBlock } from '@slack/types';
import type { RenderedMessage } from '../../../src/slack/render/blocks.ts';

export interface ButtonSeen {
  actionId: string;
  value: string | undefined;
  text: string;
}

/** Every string Slack displays or parses: the message text, block texts, fields, button labels, confirms. */
export function allTexts(m: RenderedMessage): string[] {
  const out: string[] = [m.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'text' && typeof x === 'string') out.push(x);
      else walk(x);
    }
  };
  walk(m.blocks);
  return out;
}

export function buttons(blocks: KnownBlock[]): ButtonSeen[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [{ actionId: e.action_id ?? '', value: e.value, text: e.text.text }] : []))
      : [],
  );
}

export function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

export function fieldTexts(blocks: KnownBlock[]): string[][] {
  return blocks.flatMap((b) => (b.type === 'section' && b.fields ? [b.fields.map((f) => f.text)] : []));
}

export function headerTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'header' ? [b.text.text] : []));
}
