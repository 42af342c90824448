import type { Inline } from '../../messages/inline.ts';
import type { Locale } from '../../messages/i18n.ts';
import type { ActionIntent, DocBlock, NotificationDocument } from '../../messages/notifications/document.ts';
import { escapeDingTalkMarkdown } from '../markdown.ts';
import { toMarkdown, toPlain, trustedMarkdown } from '../render/to-markdown.ts';
import { dingtalkWords } from './words.ts';

/**
 * A chat-neutral notification document (src/messages/notifications) as
 * DingTalk markdown (issue 12): the robot's `sampleMarkdown` message, or the
 * `markdown` variable of the card template. Pure: no I/O.
 *
 * - Trusted text is in the tiny markup (src/messages/inline.ts): `*b*` →
 *   `**b**`, `_i_` → `*i*`, emoji shortcodes → Unicode, a line break → a
 *   markdown hard break. User text is escaped (escapeDingTalkMarkdown: no
 *   block, link, HTML or @all can come from it) and cut after escaping.
 * - An actor key is text, never a mention: a mention would need `atUserIds`
 *   in the body, and nothing we send carries one (never @all either).
 * - Fields are lines (`**label**: value`): DingTalk markdown has no tables.
 * - Past `maxChars` the middle blocks give way to the document's
 *   `shortened` note; the title, the note and the last block (the footer)
 *   stay.
 */
export interface DingTalkMarkdown {
  /** Plain text: what the conversation list and the push notification show. */
  title: string;
  text: string;
}

export interface RenderOptions {
  /** `buttons`: the card shows them (leave them out of the markdown); `hint`: say which text command does the same. */
  actions?: 'buttons' | 'hint';
  /** The case the notification is about, for the hint. */
  caseId?: string;
  maxChars?: number;
}

/** DingTalk's markdown messages are limited in size (about 5,000 characters shown in full); we stay under it. */
export const MARKDOWN_MAX = 4500;
/** What the conversation list shows of the title. */
const TITLE_MAX = 64;

export function renderDingTalkMarkdown(doc: NotificationDocument, locale: Locale, opts: RenderOptions = {}): DingTalkMarkdown {
  const max = opts.maxChars ?? MARKDOWN_MAX;
  const chunks = doc.blocks.flatMap((b) => {
    if (b.type === 'actions') return opts.actions === 'buttons' ? [] : [hintOf(b.actions, locale, opts.caseId)];
    return [renderBlock(b)];
  }).filter((c) => c !== '');
  const text = fit(chunks, toMarkdown(doc.shortened), max);
  return { title: titleOf(doc), text };
}

/** The buttons of a document as the card template's `buttons` variable expects them. */
export function buttonsOf(doc: NotificationDocument): { action: string; value: string; label: string; style: string }[] {
  return doc.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => ({ action: a.action, value: a.value, label: a.label, style: a.style ?? 'default' })) : []));
}

export function hasActions(doc: NotificationDocument): boolean {
  return doc.blocks.some((b) => b.type === 'actions' && b.actions.length > 0);
}

/** Plain text of a run: user text as typed (the title field is not markdown), markup markers dropped. */
export function plainText(run: Inline): string {
  return toPlain(run).replace(/\s+/g, ' ').trim();
}

function titleOf(doc: NotificationDocument): string {
  const t = doc.blocks.find((b) => b.type === 'title');
  const s = t?.type === 'title' ? t.text : plainText(doc.text);
  return clipPlain(s.replace(/\s+/g, ' ').trim(), TITLE_MAX);
}

function renderBlock(b: Exclude<DocBlock, { type: 'actions' }>): string {
  switch (b.type) {
    case 'title': return `### ${escapeDingTalkMarkdown(b.text)}`;
    case 'paragraph': return toMarkdown(b.text);
    case 'fields':
      return b.fields
        .map((f) => [f.label, toMarkdown(f.value)] as const)
        .filter(([, v]) => v.trim() !== '')
        .map(([label, v]) => `${label_(label)}: ${v}`)
        .join('  \n');
    case 'userText': {
      const body = b.text && b.text.trim() !== '' ? toMarkdown([{ kind: 'user', text: b.text, max: b.max }]) : `*${escapeDingTalkMarkdown(b.none)}*`;
      return `${label_(b.label)}  \n${body}`;
    }
    case 'context': return toMarkdown(b.text);
    case 'divider': return '---';
    default: {
      const unknown: never = b;
      throw new Error(`no DingTalk markdown for document block ${(unknown as { type: string }).type}`);
    }
  }
}

/** A label is trusted text (it may carry an emoji): bold as a whole, its own markers dropped. */
function label_(label: string): string {
  return `**${trustedMarkdown(label.replace(/[*_]/g, ''))}**`;
}

function hintOf(actions: readonly ActionIntent[], locale: Locale, caseId: string | undefined): string {
  if (actions.length === 0) return '';
  const w = dingtalkWords(locale);
  return `> ${trustedMarkdown(caseId === undefined ? w.actionsByCommandNoCase : w.actionsByCommand(commandArgMarkdown(caseId)))}`;
}

/** Inside the hint's code span a generated case id is shown as typed (a markdown escape would show as `V\\-000001` and not parse back); anything else is escaped. */
function commandArgMarkdown(caseId: string): string {
  return /^V-\d{6,}$/.test(caseId) ? caseId : escapeDingTalkMarkdown(caseId);
}

function clipPlain(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Blocks joined as paragraphs; when too long, the first blocks that fit, the
 * shortened note, and the last block (footer or hint) — never a block cut
 * in the middle, so no markup is left open.
 */
function fit(chunks: readonly string[], shortened: string, max: number): string {
  const whole = chunks.join('\n\n');
  if (whole.length <= max || chunks.length === 0) return whole.length <= max ? whole : `${whole.slice(0, max - 1)}…`;
  const last = chunks[chunks.length - 1]!;
  const budget = max - last.length - shortened.length - 4 * 2;
  const kept: string[] = [];
  let used = 0;
  for (const c of chunks.slice(0, -1)) {
    if (used + c.length + 2 > budget) break;
    kept.push(c);
    used += c.length + 2;
  }
  const out = [...kept, shortened, last].join('\n\n');
  // A single block longer than everything allowed (cannot happen with the documents' own limits): a hard cut.
  return out.length <= max ? out : `${out.slice(0, max - 1)}…`;
}
