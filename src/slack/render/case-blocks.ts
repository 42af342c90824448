import type { SectionBlock } from '@slack/types';
import type { CaseView, EvidenceView } from '../../domain/notifications/notification.ts';
import type { Locale, Translate } from '../../messages/i18n.ts';
import { fields, section } from './blocks.ts';
import { formatDate, formatDateTime } from './format.ts';
import { formatActor } from './actor.ts';
import { itemLabel } from './catalog-text.ts';
import { partnerText } from './partner-text.ts';
import { escapeAndClip, escapeMrkdwn } from './mrkdwn.ts';

/** Up to this many evidence items are listed; the rest are counted. */
const EVIDENCE_SHOWN = 20;
const FACTS_MAX = 2600;
const REF_MAX = 300;

/** The partner's name as it may appear in any message: escaped, with its id. */
export function partnerLabel(c: CaseView): string {
  return partnerText(c.partnerName, c.partnerId);
}

/** `SVC-09 · Class 2 · <the item's wording>` */
export function violationLabel(c: CaseView, locale: Locale): string {
  return itemLabel({ id: c.itemId, class: c.itemClass, textZh: c.itemTextZh, textEn: c.itemTextEn }, locale);
}

/** Case, partner, violation and the day it happened. */
export function caseFields(c: CaseView, locale: Locale, t: Translate): SectionBlock {
  return fields([
    [t('notification.common.case'), escapeMrkdwn(c.caseId)],
    [t('notification.common.partner'), partnerLabel(c)],
    [t('notification.common.violation'), violationLabel(c, locale)],
    [t('notification.common.occurredOn'), formatDate(c.occurredOn, locale)],
  ]);
}

/** A labelled block of user text (facts, reasons, grounds): escaped, clipped, never a ping or a link. */
export function userTextSection(label: string, text: string | null, t: Translate): SectionBlock {
  const body = text && text.trim() !== '' ? escapeAndClip(text, FACTS_MAX) : `_${t('notification.common.none')}_`;
  return section(`*${label}*\n${body}`);
}

export function factsSection(c: CaseView, t: Translate): SectionBlock {
  return userTextSection(t('notification.common.facts'), c.facts, t);
}

/**
 * Evidence as text: the reference itself, escaped, so what the reader sees is
 * exactly where it leads. A `<url|label>` link is never built from user text.
 */
export function evidenceSection(evidence: readonly EvidenceView[], locale: Locale, t: Translate): SectionBlock {
  const label = `*${t('notification.common.evidence')}*`;
  if (evidence.length === 0) return section(`${label}\n_${t('notification.common.none')}_`);
  const lines = evidence.slice(0, EVIDENCE_SHOWN).map((e) => evidenceLine(e, locale, t));
  if (evidence.length > EVIDENCE_SHOWN) lines.push(t('notification.common.evidenceMore', { n: evidence.length - EVIDENCE_SHOWN }));
  return section(`${label}\n${lines.join('\n')}`);
}

function evidenceLine(e: EvidenceView, locale: Locale, t: Translate): string {
  const kind = e.kind === 'link' ? t('notification.common.evidenceLink') : t('notification.common.evidenceFile');
  // R-CONFIDENTIAL: no name where the reader may not know who reported.
  const when = formatDateTime(e.addedAt, locale);
  const added = e.addedBy === null ? t('notification.common.evidenceAddedAt', { when }) : t('notification.common.evidenceAdded', { by: formatActor(e.addedBy, t), when });
  return `• ${kind}: ${escapeAndClip(e.ref, REF_MAX)} (${added})`;
}
