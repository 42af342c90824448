import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';

/**
 * What people type and what buttons carry, validated before any use case
 * runs (STYLE 2). The chat-neutral readers (case and determination ids,
 * evidence link lines) live in src/service/input/chat-input.ts, shared with
 * DingTalk; re-exported here for the Slack listeners.
 */
export { caseIdSchema, determinationIdSchema, linkLines } from '../../../service/input/chat-input.ts';

const partnerIdSchema = z.string().trim().min(1).max(64).regex(/^\S+$/);

/** R-COMPLAINT: `C-000042`, as the approvals message's Answer button carries it. */
export const complaintIdSchema = z.string().trim().regex(/^C-\d{6,12}$/);

/** R-EXIT-*: a partner id, as the exit reply's button carries it. */
export const exitPartnerSchema = partnerIdSchema;

export const pageSchema = z.coerce.number().int().min(0).max(10_000).catch(0);

export type ListFilter = { kind: 'open' } | { kind: 'mine' } | { kind: 'partner'; partnerId: string };

export type ViolationCommand =
  | { sub: 'report' }
  | { sub: 'list'; filter: ListFilter; page: number }
  | { [S in CaseSub]: { sub: S; caseId: string } }[CaseSub]
  | { sub: 'help' }
  /** `export KIND [FROM] [TO]`: the words after `export`, checked by the subcommand, which knows today (issue 11). */
  | { sub: 'export'; words: string[] }
  | { sub: 'unknown'; text: string }
  /** A known subcommand with a missing or malformed argument: its usage line is shown. */
  | { sub: 'usage'; of: CaseSub };

const withCase = ['show', 'determine', 'answer', 'notice', 'dismiss', 'suspend', 'lift'] as const;
type CaseSub = (typeof withCase)[number];

/** `/violation <sub> [arg]`. Anything unrecognised is `unknown` and gets the help, privately. */
export function parseViolationCommand(text: string): ViolationCommand {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const sub = (words[0] ?? 'help').toLowerCase();
  if (sub === 'help' || sub === '帮助') return { sub: 'help' };
  if (sub === 'report') return { sub: 'report' };
  if (sub === 'export') return { sub: 'export', words: words.slice(1) };
  if (sub === 'list') return { sub: 'list', filter: listFilter(words[1]), page: 0 };
  const caseSub = withCase.find((s) => s === sub);
  if (caseSub) {
    const id = caseIdSchema.safeParse(words[1] ?? '');
    return id.success && words.length === 2 ? { sub: caseSub, caseId: id.data } : { sub: 'usage', of: caseSub };
  }
  return { sub: 'unknown', text: text.trim() };
}

export function listFilter(word: string | undefined): ListFilter {
  const w = (word ?? 'open').trim();
  if (w.toLowerCase() === 'open') return { kind: 'open' };
  if (w.toLowerCase() === 'mine') return { kind: 'mine' };
  return { kind: 'partner', partnerId: w };
}

/** What the list's page buttons carry. */
export const listPageValueSchema = z.object({
  f: z.union([z.literal('open'), z.literal('mine'), z.string().regex(/^partner:.+$/)]),
  p: pageSchema,
});

export function listPageValue(filter: ListFilter, page: number): string {
  return JSON.stringify({ f: filter.kind === 'partner' ? `partner:${filter.partnerId}` : filter.kind, p: page });
}

export function filterFromValue(f: string): ListFilter {
  if (f === 'open' || f === 'mine') return { kind: f };
  return { kind: 'partner', partnerId: f.slice('partner:'.length) };
}

export type PartnerCommand =
  | { sub: 'status'; partnerId: string }
  /** `subject`: the category (upgrade, onboarding) or the program's name, which may hold spaces; the use case checks them. */
  | { sub: 'request'; kind: string; partnerId: string; on: string; subject?: string }
  /** R-COMPLAINT: opens the complaint modal (a partner's contact). */
  | { sub: 'complaint' }
  /** R-EXIT-*: `exit PARTNER [apply]` (admins): the exit check, or the voluntary application form. */
  | { sub: 'exit'; partnerId: string; apply: boolean }
  /** R-CAT (issue 11), admins: the registry's modals. `fresh`: a new contract term rather than the latest. */
  | { sub: 'add' }
  | { sub: 'edit' | 'program'; partnerId: string }
  | { sub: 'contract'; partnerId: string; fresh: boolean }
  | { sub: 'usage'; of?: 'request' | 'manage' | 'exit' };

/**
 * `/partner status PARTNER`, `/partner request KIND PARTNER DATE [CATEGORY|PROGRAM]`,
 * `/partner add`, `/partner edit|program PARTNER`, `/partner contract PARTNER [new]`.
 */
export function parsePartnerCommand(text: string): PartnerCommand {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const sub = words[0]?.toLowerCase();
  if (sub === 'add') return words.length === 1 ? { sub: 'add' } : { sub: 'usage', of: 'manage' };
  if (sub === 'edit' || sub === 'program' || sub === 'contract') {
    const id = partnerIdSchema.safeParse(words[1] ?? '');
    const fresh = sub === 'contract' && words.length === 3 && words[2]!.toLowerCase() === 'new';
    if (!id.success || (words.length !== 2 && !fresh)) return { sub: 'usage', of: 'manage' };
    return sub === 'contract' ? { sub, partnerId: id.data, fresh } : { sub, partnerId: id.data };
  }
  if (sub === 'request') {
    const id = partnerIdSchema.safeParse(words[2] ?? '');
    if (words.length < 4 || !id.success) return { sub: 'usage', of: 'request' };
    const subject = words.slice(4).join(' ');
    return { sub: 'request', kind: words[1]!.toLowerCase(), partnerId: id.data, on: words[3]!, ...(subject ? { subject } : {}) };
  }
  if (sub === 'complaint') return { sub: 'complaint' };
  if (sub === 'exit') return parseExit(words.slice(1));
  if (sub !== 'status' || words.length !== 2) return { sub: 'usage' };
  const id = partnerIdSchema.safeParse(words[1]);
  return id.success ? { sub: 'status', partnerId: id.data } : { sub: 'usage' };
}

/** `exit PARTNER` or `exit PARTNER apply`; anything else gets the exit usage line. */
function parseExit(args: string[]): PartnerCommand {
  const id = partnerIdSchema.safeParse(args[0] ?? '');
  const apply = args[1]?.toLowerCase() === 'apply';
  if (!id.success || args.length > 2 || (args.length === 2 && !apply)) return { sub: 'usage', of: 'exit' };
  return { sub: 'exit', partnerId: id.data, apply };
}

/** A button's value, checked; a tampered or stale one is refused in words (`input.bad_button`). */
export function buttonValue<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw ?? '');
  if (!parsed.success) throw new DomainError('input.bad_button', 'That button no longer works; open the case again with /violation show.');
  return parsed.data;
}
