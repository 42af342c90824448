import { randomBytes } from 'node:crypto';
import { SLACK_WORDS } from './render/platform-words.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { isDomainError, type DomainError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import { escapeMrkdwn } from './render/mrkdwn.ts';
import { formatActor } from './render/actor.ts';
import type { Fmt } from './render/views/format.ts';
import { formatDateTime } from './render/format.ts';

/**
 * The one place where an error becomes what a person reads (STYLE 4): a
 * coded DomainError → a sentence in their language, and the modal field it
 * is about; anything else → an apology with a reference, and a log line.
 * Never a stack trace, never silence.
 */
export interface UserMessage {
  /** Mrkdwn-safe text in the reader's language. */
  text: string;
  /** The use case's `details.field` (a modal's block id), when the error is about one field. */
  field: string | undefined;
  code: string;
}

type Details = Record<string, unknown> | undefined;

/** Codes whose message needs words from the details. */
const params: Record<string, (f: Fmt, d: Details) => Record<string, unknown>> = {
  'access.missing_role': (f, d) => ({
    role: f.t(`role.${String(d?.role)}`),
    doing: f.t(`permission.${String(d?.permission).replace('.', '_')}`),
  }),
  ...Object.fromEntries(
    ['unknown_kind', 'unknown_category', 'category_not_held', 'unknown_program', 'program_category', 'already_in_program'].map((c) => [
      `request.${c}`,
      (_f: Fmt, d: Details) => Object.fromEntries(['kind', 'partner', 'category', 'program', 'given', 'on'].map((k) => [k, escapeMrkdwn(String(d?.[k === 'partner' ? 'partnerId' : k] ?? ''))])),
    ]),
  ),
  'exit.notice_too_short': (_f, d) => ({ earliest: escapeMrkdwn(String(d?.earliest ?? '')) }),
  // The registry (issue 11): the partner, program, term and the import rule's own reason, escaped.
  ...Object.fromEntries(
    ['invalid', 'partner_exists', 'changed_under_you', 'partner_exited', 'category_in_use', 'contract_overlap', 'already_in_program', 'not_in_program'].map((c) => [
      `registry.${c}`,
      (_f: Fmt, d: Details) => Object.fromEntries(['partner', 'program', 'startsOn', 'endsOn', 'reason'].map((k) => [k, escapeMrkdwn(String(d?.[k === 'partner' ? 'partnerId' : k] ?? ''))])),
    ]),
  ),
  'determination.conflict_of_interest': (f, d) => ({ why: f.t(`conflict.${String(d?.conflict)}`) }),
  'case.step_out_of_order': (f, d) => ({ caseId: d?.caseId, state: f.t(`state.${String(d?.state)}`), action: f.t(`step.${String(d?.action)}`) }),
  'determination.already_decided': (f, d) => ({
    status: f.t(`show.status.${String(d?.status)}`),
    by: formatActor(typeof d?.decidedBy === 'string' ? d.decidedBy : 'system', f.t),
    at: formatDateTime(typeof d?.decidedAt === 'string' ? d.decidedAt : null, f.locale),
  }),
};

/** Some codes carry no field but are plainly about one (parseLocalDate's refusal of the violation date). */
const implicitField: Record<string, string> = { 'input.bad_date': 'occurred_on', 'input.date_in_future': 'occurred_on' };

export function userMessage(e: unknown, f: Fmt, logger: Logger, where: Record<string, unknown> = {}): UserMessage {
  if (isDomainError(e)) return domainMessage(e, f, logger, where);
  const ref = randomBytes(4).toString('hex');
  // The database is down or restarting: nothing was saved, and trying again later is all it takes.
  if (isDatabaseUnavailable(e)) {
    logger.warn('database unavailable in a Slack listener', { ref, ...where, error: describe(e) });
    return { text: f.t('errors.database_unavailable'), field: undefined, code: 'database_unavailable' };
  }
  logger.error('unexpected error in a Slack listener', { ref, ...where, error: describe(e) });
  return { text: f.t('errors.generic', { ref }), field: undefined, code: 'unexpected' };
}

function domainMessage(e: DomainError, f: Fmt, logger: Logger, where: Record<string, unknown>): UserMessage {
  const details = (typeof e.details === 'object' && e.details !== null ? e.details : undefined) as Details;
  const field = typeof details?.field === 'string' ? details.field : implicitField[e.code];
  // `{{show}}`: the catalogue names commands neutrally (src/messages/platform-words.ts); here, Slack's.
  const values = { caseId: details?.caseId, show: SLACK_WORDS.caseShow, ...(params[e.code]?.(f, details) ?? {}) };
  const translated = f.t(`errors.${e.code}`, { ...values, defaultValue: '' });
  if (translated !== '') return { text: translated, field, code: e.code };
  // A code without a translation still says something true: the use case's own (English) sentence, escaped.
  logger.warn('no translation for an error code', { code: e.code, locale: f.locale, ...where });
  return { text: escapeMrkdwn(e.message), field, code: e.code };
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const data = (e as { data?: { error?: string } }).data;
    return `${e.name}: ${e.message}${data?.error ? ` (${data.error})` : ''}`;
  }
  return String(e);
}
