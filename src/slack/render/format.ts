import * as words from '../../messages/format.ts';
import type { Locale, Translate } from '../../messages/i18n.ts';
import { toMrkdwn } from './inline-mrkdwn.ts';

/** Dates and restriction kinds in mrkdwn for Slack views; the words are src/messages/format.ts's. */
export { formatDate } from '../../messages/format.ts';

/** An instant in Asia/Shanghai (R-FY), as words/format.ts says it; anything that is no instant shown escaped. */
export function formatDateTime(instant: Date | string | null | undefined, locale: Locale): string {
  return toMrkdwn(words.formatDateTime(instant, locale));
}

/** R-RESTRICT kinds in words; an unknown kind (from an import) is shown as it is, escaped. */
export function formatRestrictionKind(kind: string, t: Translate): string {
  return toMrkdwn(words.formatRestrictionKind(kind, t));
}
