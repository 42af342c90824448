import { caseRef } from '../render/words.ts';
import { randomBytes } from 'node:crypto';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { isDomainError, type DomainError } from '../../domain/errors.ts';
import type { Logger } from '../../logger.ts';
import { formatActor, formatDateTime } from '../../messages/format.ts';
import { tr, user, type Inline, type Part } from '../../messages/inline.ts';
import { platformWords } from '../../messages/platform-words.ts';
import type { Fmt } from './context.ts';

/**
 * An error as what a DingTalk user reads (STYLE 4), as src/slack/errors.ts
 * does for Slack and from the same catalogue keys (`errors.<code>`): a coded
 * DomainError → a sentence in their language, and the form field it is
 * about; anything else → an apology with a reference, and a log line.
 */
export interface DingTalkUserMessage {
  text: Inline;
  /** The use case's `details.field`, when the error is about one form field. */
  field: string | undefined;
  code: string;
}

type Details = Record<string, unknown> | undefined;

const params: Record<string, (f: Fmt, d: Details) => Record<string, string | number | Part | Inline>> = {
  'access.missing_role': (f, d) => ({ role: f.t(`role.${String(d?.role)}`), doing: f.t(`permission.${String(d?.permission).replace('.', '_')}`) }),
  'determination.conflict_of_interest': (f, d) => ({ why: f.t(`conflict.${String(d?.conflict)}`) }),
  'case.step_out_of_order': (f, d) => ({ state: f.t(`state.${String(d?.state)}`), action: f.t(`step.${String(d?.action)}`) }),
  'determination.already_decided': (f, d) => ({
    status: f.t(`show.status.${String(d?.status)}`),
    by: formatActor(typeof d?.decidedBy === 'string' ? d.decidedBy : 'system', f.t),
    at: formatDateTime(typeof d?.decidedAt === 'string' ? d.decidedAt : null, f.locale),
  }),
};

const implicitField: Record<string, string> = { 'input.bad_date': 'occurred_on', 'input.date_in_future': 'occurred_on' };

export function dingtalkUserMessage(e: unknown, f: Fmt, logger: Logger, where: Record<string, unknown> = {}): DingTalkUserMessage {
  if (isDomainError(e)) return domainMessage(e, f, logger, where);
  const ref = randomBytes(4).toString('hex');
  if (isDatabaseUnavailable(e)) {
    logger.warn('database unavailable in a DingTalk handler', { ref, ...where, error: String(e) });
    return { text: [f.t('errors.database_unavailable')], field: undefined, code: 'database_unavailable' };
  }
  logger.error('unexpected error in a DingTalk handler', { ref, ...where, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  return { text: [f.t('errors.generic', { ref })], field: undefined, code: 'unexpected' };
}

function domainMessage(e: DomainError, f: Fmt, logger: Logger, where: Record<string, unknown>): DingTalkUserMessage {
  const details = (typeof e.details === 'object' && e.details !== null ? e.details : undefined) as Details;
  const field = typeof details?.field === 'string' ? details.field : implicitField[e.code];
  const caseId = typeof details?.caseId === 'string' ? caseRef(details.caseId) : '';
  const values = { caseId, ...platformWords(f.locale), ...(params[e.code]?.(f, details) ?? {}) };
  if (f.t(`errors.${e.code}`, { defaultValue: '' }) !== '') return { text: tr(f.t, `errors.${e.code}`, values), field, code: e.code };
  logger.warn('no translation for an error code', { code: e.code, locale: f.locale, ...where });
  return { text: [user(e.message)], field, code: e.code };
}
