/**
 * DingTalk has no slash commands: people type a command to the robot in a DM
 * or after @mentioning it in a group (issue 12). This turns that text into a
 * command, in either language; anything else asks for help. Pure: no I/O.
 */
export type Locale = 'zh-CN' | 'en';

export type DingTalkCommand =
  | { kind: 'report'; typedIn: Locale }
  | { kind: 'list'; typedIn: Locale }
  | { kind: 'show'; caseId: string; typedIn: Locale }
  | { kind: 'partner-status'; partnerId: string; typedIn: Locale }
  | { kind: 'language'; locale: Locale; typedIn: Locale }
  /** R-COMPLAINT: a partner's contact complains; `partnerId` only when they named one (`#P001`). */
  | { kind: 'complaint'; partnerId?: string; subject: string; text: string; typedIn: Locale }
  | {
      kind: 'help';
      /** asked: `帮助`/`help`; unknown: not a command; missing/bad-argument: a known command with no or a malformed id. */
      reason: 'asked' | 'unknown' | 'missing-argument' | 'bad-argument';
      /** The command meant, when known, so the help can be about it. */
      command?: HelpTopic;
      typedIn: Locale;
    };

/** The commands with a usage line of their own. */
export type HelpTopic = 'show' | 'partner-status' | 'language' | 'complaint';

/** Case ids as the procedure issues them (V-000001). */
const CASE_ID = /^V-\d{6,}$/i;
/** As src/service/imports/import-partners.ts accepts them. */
const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const LOCALES: Record<string, Locale> = { en: 'en', english: 'en', 英文: 'en', 英语: 'en', 'zh-cn': 'zh-CN', zh: 'zh-CN', 中文: 'zh-CN', chinese: 'zh-CN' };

/**
 * Leading @mentions (the robot's name, DingTalk's full-width ＠ too) and every
 * kind of space; `keepLines` keeps line breaks (a complaint's text has paragraphs).
 */
export function normaliseCommandText(text: string, keepLines = false): string {
  const spaced = keepLines ? text.replace(/[^\S\n]+/gu, ' ').replace(/ ?\n ?/g, '\n') : text.replace(/[\u3000\u00A0\s]+/gu, ' ');
  return spaced
    .trim()
    .replace(/^(?:[@＠]\S*\s*)+/u, '')
    .trim();
}

interface Rule {
  zh: RegExp;
  en: RegExp;
  build(arg: string | undefined, typedIn: Locale): DingTalkCommand;
  /** Read with its line breaks (normaliseCommandText's keepLines). */
  keepLines?: true;
}

const help = (reason: 'missing-argument' | 'bad-argument', command: HelpTopic, typedIn: Locale): DingTalkCommand => ({
  kind: 'help',
  reason,
  command,
  typedIn,
});

/**
 * `[#P001 ]<subject> | <text>` (R-COMPLAINT). The partner is marked with `#`
 * (or the full-width `＃`) so it can never be mistaken for a subject's first
 * word ("Billing | …"); the first `|` (or `｜`) ends the subject, so the text
 * may hold more of them. An empty subject or text is the use case's to refuse.
 */
function complaintOf(arg: string | undefined, typedIn: Locale): DingTalkCommand {
  if (arg === undefined) return help('missing-argument', 'complaint', typedIn);
  const named = /^[#＃](\S*)\s*(.*)$/su.exec(arg);
  if (named && !PARTNER_ID.test(named[1]!)) return help('bad-argument', 'complaint', typedIn);
  const rest = named ? named[2]! : arg;
  const bar = rest.search(/[|｜]/u);
  if (bar < 0) return help('missing-argument', 'complaint', typedIn);
  const subject = rest.slice(0, bar).replace(/\s+/g, ' ').trim();
  const text = rest.slice(bar + 1).trim();
  return { kind: 'complaint', ...(named ? { partnerId: named[1]! } : {}), subject, text, typedIn };
}

// Chinese is often typed without spaces (违规上报), so the spaces are optional there.
const RULES: Rule[] = [
  { zh: /^违规\s*上报$/, en: /^violation\s+report$/i, build: (_, typedIn) => ({ kind: 'report', typedIn }) },
  { zh: /^违规\s*列表$/, en: /^violation\s+list$/i, build: (_, typedIn) => ({ kind: 'list', typedIn }) },
  {
    zh: /^违规\s*查看(?:\s*(.+))?$/,
    en: /^violation\s+show(?:\s+(.+))?$/i,
    build: (arg, typedIn) =>
      arg === undefined ? help('missing-argument', 'show', typedIn) : CASE_ID.test(arg) ? { kind: 'show', caseId: arg.toUpperCase(), typedIn } : help('bad-argument', 'show', typedIn),
  },
  {
    zh: /^伙伴\s*状态(?:\s*(.+))?$/,
    en: /^partner\s+status(?:\s+(.+))?$/i,
    build: (arg, typedIn) =>
      arg === undefined ? help('missing-argument', 'partner-status', typedIn) : PARTNER_ID.test(arg) ? { kind: 'partner-status', partnerId: arg, typedIn } : help('bad-argument', 'partner-status', typedIn),
  },
  { zh: /^伙伴\s*投诉(?:\s*(.+))?$/s, en: /^partner\s+complaint(?:\s+(.+))?$/is, build: complaintOf, keepLines: true },
  {
    zh: /^语言(?:\s*(.+))?$/,
    en: /^language(?:\s+(.+))?$/i,
    build: (arg, typedIn) => {
      if (arg === undefined) return help('missing-argument', 'language', typedIn);
      const locale = LOCALES[arg.toLowerCase()];
      return locale ? { kind: 'language', locale, typedIn } : help('bad-argument', 'language', typedIn);
    },
  },
];

export function parseDingTalkCommand(text: string): DingTalkCommand {
  const t = normaliseCommandText(text);
  const withLines = normaliseCommandText(text, true);
  if (/^(?:帮助|help|\?|？)$/i.test(t)) return { kind: 'help', reason: 'asked', typedIn: /^帮助$/.test(t) ? 'zh-CN' : 'en' };
  for (const rule of RULES) {
    const input = rule.keepLines ? withLines : t;
    const zh = rule.zh.exec(input);
    if (zh) return rule.build(zh[1]?.trim(), 'zh-CN');
    const en = rule.en.exec(input);
    if (en) return rule.build(en[1]?.trim(), 'en');
  }
  // Any Han character: answer the help in Chinese, else in English (the user's stored preference may still win).
  return { kind: 'help', reason: 'unknown', typedIn: /\p{Script=Han}/u.test(t) ? 'zh-CN' : 'en' };
}
