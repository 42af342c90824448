import type { CaseView, EvidenceView } from '../../domain/notifications/notification.ts';
import type { Locale, Translate } from '../i18n.ts';
import { fields, paragraph, userText, type Fields, type Paragraph, type UserTextBlock } from './document.ts';
import { formatActor, formatDate, formatDateTime, itemLabel, partnerLabel as partnerWords } from '../format.ts';
import { cat, tr, user, type Inline } from '../inline.ts';

/** Up to this many evidence items are listed; the rest are counted. */
const EVIDENCE_SHOWN = 20;
const FACTS_MAX = 2600;
const REF_MAX = 300;

/** The partner's name as it may appear in any message, with its id. */
export function partnerLabel(c: CaseView): Inline {
  return partnerWords(c.partnerName, c.partnerId);
}

/** `SVC-09 · Class 2 · <the item's wording>` */
export function violationLabel(c: CaseView, locale: Locale): Inline {
  return itemLabel({ id: c.itemId, class: c.itemClass, textZh: c.itemTextZh, textEn: c.itemTextEn }, locale);
}

/** Case, partner, violation and the day it happened. */
export function caseFields(c: CaseView, locale: Locale, t: Translate): Fields {
  return fields([
    [t('notification.common.case'), [user(c.caseId)]],
    [t('notification.common.partner'), partnerLabel(c)],
    [t('notification.common.violation'), violationLabel(c, locale)],
    [t('notification.common.occurredOn'), [formatDate(c.occurredOn, locale)]],
  ]);
}

/** A labelled block of user text (facts, reasons, grounds): kept raw for the adapter to escape, clipped, never a ping or a link. */
export function userTextSection(label: string, text: string | null, t: Translate): UserTextBlock {
  return userText(label, text, FACTS_MAX, t('notification.common.none'));
}

export function factsSection(c: CaseView, t: Translate): UserTextBlock {
  return userTextSection(t('notification.common.facts'), c.facts, t);
}

/**
 * Evidence as text: the reference itself, so what the reader sees is
 * exactly where it leads. A link is never built from user text.
 */
export function evidenceSection(evidence: readonly EvidenceView[], locale: Locale, t: Translate): Paragraph {
  const label = `*${t('notification.common.evidence')}*`;
  if (evidence.length === 0) return paragraph([`${label}\n_${t('notification.common.none')}_`]);
  const lines = evidence.slice(0, EVIDENCE_SHOWN).map((e) => evidenceLine(e, locale, t));
  if (evidence.length > EVIDENCE_SHOWN) lines.push([t('notification.common.evidenceMore', { n: evidence.length - EVIDENCE_SHOWN })]);
  return paragraph(cat(`${label}\n`, ...lines.flatMap((l, i) => (i === 0 ? [l] : ['\n', l]))));
}

function evidenceLine(e: EvidenceView, locale: Locale, t: Translate): Inline {
  const kind = e.kind === 'link' ? t('notification.common.evidenceLink') : t('notification.common.evidenceFile');
  // R-CONFIDENTIAL: no name where the reader may not know who reported.
  const when = formatDateTime(e.addedAt, locale);
  const added = e.addedBy === null ? tr(t, 'notification.common.evidenceAddedAt', { when }) : tr(t, 'notification.common.evidenceAdded', { by: formatActor(e.addedBy, t), when });
  return cat(`• ${kind}: `, user(e.ref, REF_MAX), ' (', added, ')');
}
