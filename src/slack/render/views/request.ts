import type { Block as RequestBlock } from '../../../domain/requests/partner-request.ts';
import type { PartnerRequestResult } from '../../../service/requests/partner-request.ts';
import { formatRestrictionKind } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { section, type PrivateReply } from './blocks.ts';
import type { Fmt } from './format.ts';

/** `/partner request …`: granted and recorded, or refused with one line per block and the day it lifts (R-RESTRICT, R-LATE). */
export function requestReply(f: Fmt, r: PartnerRequestResult): PrivateReply {
  const { t } = f;
  const about = { what: t(`request.kind.${r.kind}`), subject: r.subject ? ` (${escapeMrkdwn(r.subject)})` : '', partner: escapeMrkdwn(r.partnerId), on: r.on };
  const text = r.granted
    ? t('request.granted', { ...about, id: r.requestId })
    : [t('request.refused', about), ...r.blockedBy.map((b) => `• ${blockLine(f, b)}`)].join('\n');
  return { text, blocks: [section(text)] };
}

function blockLine(f: Fmt, b: RequestBlock): string {
  const { t } = f;
  const what = b.kind === 'terminated' || b.kind === 'exited' ? t(`request.${b.kind}`) : formatRestrictionKind(b.kind, t);
  const lifts = b.kind === 'late_payment' ? t('common.untilPaid') : b.until === null ? t('request.forGood') : t('request.until', { date: b.until });
  return t('request.blockLine', { what, by: b.caseId ? t('request.byCase', { caseId: escapeMrkdwn(b.caseId) }) : '', rule: b.rule, lifts });
}
