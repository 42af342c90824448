import type { Locale, Translate } from './i18n.ts';

/**
 * Text as every chat adapter receives it (issue 12): a run of parts, so
 * what we wrote and what a user typed never mix before an adapter sees them.
 *
 * - A string is trusted text: the catalogue's words and what we compose
 *   (dates, amounts, ids we generate). It may carry the tiny markup below.
 * - `user` is untrusted text (facts, reasons, names from imported files,
 *   evidence references), kept raw: each adapter escapes it in its own
 *   markup (Slack: render/mrkdwn.ts) and cuts it to `max` characters of
 *   that markup, so escaping never happens twice or not at all.
 * - `actor` is an actor key (`slack:U123`, `dingtalk:0123`, `cli:ops`): each
 *   adapter decides whether it is a person of its own platform to mention or
 *   text to show escaped.
 *
 * The tiny markup of trusted text is the subset of Slack mrkdwn that DingTalk
 * markdown can also express, written as the catalogue already writes it, so
 * the catalogue stays as it is and a wording fix is made once:
 *   `*bold*`            → DingTalk `**bold**`
 *   `_italic_`          → DingTalk `*italic*`
 *   `` `code` ``        → kept (monospace), or plain text
 *   `:warning:` and the few other shortcodes in EMOJI → the Unicode emoji
 *   line breaks, and `• ` bullets as plain characters.
 * Nothing else: no `<…>` links, mentions or specials (a mention is an
 * `actor` part), no `~strike~`, no block quotes, no tables (DingTalk has
 * none). A markup span may enclose a `user` part (`*{{partner}}*`): the
 * markers are in the trusted strings around it. test/messages guards that
 * the catalogue keeps to this subset.
 */
export type Part = string | UserText | ActorRef | PlatformWord;
export type Inline = readonly Part[];

export interface UserText {
  readonly kind: 'user';
  readonly text: string;
  /** Cut to this many characters of the adapter's markup, after escaping. */
  readonly max?: number;
}

export interface ActorRef {
  readonly kind: 'actor';
  readonly key: string;
}

/**
 * A word each chat says its own way (platform-words.ts): the name of a
 * command (Slack `/violation show`, DingTalk `违规 查看` or `violation show`)
 * or of the chat itself. Trusted; `locale` is the reader's, since DingTalk's
 * commands are typed in either language.
 */
export interface PlatformWord {
  readonly kind: 'platform';
  readonly word: PlatformWordName;
  readonly locale: Locale;
}

export type PlatformWordName = 'chat' | 'caseShow' | 'partnerStatus';

/** The emoji shortcodes the tiny markup allows, with what a platform without shortcodes shows. */
export const EMOJI = {
  warning: '⚠️',
  white_check_mark: '✅',
  x: '❌',
  arrows_counterclockwise: '🔄',
} as const;

export function user(text: string, max?: number): UserText {
  return max === undefined ? { kind: 'user', text } : { kind: 'user', text, max };
}

export function actorRef(key: string): ActorRef {
  return { kind: 'actor', key };
}

/** Parts and runs of parts as one run. */
export function cat(...xs: readonly (Part | Inline)[]): Inline {
  return xs.flatMap((x) => (typeof x === 'string' || !Array.isArray(x) ? [x as Part] : (x as Inline))).filter((p) => p !== '');
}

/** Runs joined by a trusted separator, as `[].join` joins strings. */
export function join(runs: readonly Inline[], sep: string): Inline {
  return runs.flatMap((r, i) => (i === 0 ? r : [sep, ...r])).filter((p) => p !== '');
}

/** True when the run shows nothing at all. */
export function isEmpty(run: Inline): boolean {
  return run.every((p) => (typeof p === 'string' ? p === '' : p.kind === 'user' ? p.text === '' : false));
}

// Placeholders for parts while i18next interpolates: never in the catalogue.
const OPEN = '\u0000';
const PLACEHOLDER = /\u0000(\d+)\u0000/;

/**
 * A message of the catalogue with its parameters, as a run. Plain strings
 * and numbers are interpolated by i18next as before; parts and runs are
 * put in afterwards, so user text never passes through i18next (no
 * `{{…}}` or `$t(…)` in a user's text is ever read as ours).
 */
export function tr(t: Translate, key: string, params: Record<string, string | number | Part | Inline> = {}): Inline {
  const held: Inline[] = [];
  const plain: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'string' || typeof v === 'number') plain[name] = v;
    else {
      plain[name] = `${OPEN}${held.length}${OPEN}`;
      held.push(Array.isArray(v) ? (v as Inline) : [v as Part]);
    }
  }
  const text = t(key, plain);
  return text.split(PLACEHOLDER).flatMap((seg, i) => (i % 2 === 0 ? (seg === '' ? [] : [seg]) : held[Number(seg)]!));
}
