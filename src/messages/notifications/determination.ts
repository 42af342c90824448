import { commandArg, platformWords } from '../platform-words.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import { translator, type Locale, type Translate } from '../i18n.ts';
import { formatCny } from '../amount.ts';
import { formatActor, formatDateTime } from '../format.ts';
import { tr, user } from '../inline.ts';
import { caseFields, evidenceSection, factsSection, userTextSection } from './case-parts.ts';
import { decisionBlocks, decisionComparison } from './decision-parts.ts';
import { actions, context, document, fields, paragraph, title, type DocBlock, type Fields } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-DETERMINE: a proposal in the approvals channel, showing the engine's
 * decision and why (R-CASCADE: rule ids, counted cases, amounts), for a
 * second person to approve or reject. The proposer may not approve it.
 */
export const composeDeterminationRequested: Composer<'determination_requested'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const id = String(n.determinationId);
  return document(
    tr(t, `notification.determination_requested.${n.purpose}.text`, { caseId, id, partner: user(c.partnerName) }),
    [
      title(t(`notification.determination_requested.${n.purpose}.title`, { id })),
      paragraph(tr(t, 'notification.determination_requested.intro', { by: formatActor(n.proposedBy, t), caseId, id })),
      proposalFields(n, t),
      caseFields(c, locale, t),
      userTextSection(t('notification.determination_requested.reasons'), n.reasons, t),
      factsSection(c, t),
      evidenceSection(c.evidence, locale, t),
      ...outcomeBlocks(n.established, n.decision, locale, t),
      context(tr(t, 'notification.determination_requested.rule')),
      actions([
        { action: 'determinationApprove', value: id, label: t('notification.determination_requested.approve'), style: 'primary' },
        { action: 'determinationReject', value: id, label: t('notification.determination_requested.reject'), style: 'danger' },
      ]),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/**
 * The same approvals message, edited in place once decided: who decided and
 * when, and no buttons left to click.
 */
export const composeDeterminationDecided: Composer<'determination_decided'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const id = String(n.determinationId);
  const verdict = n.approved ? 'approved' : 'rejected';
  const status = tr(t, `notification.determination_decided.${verdict}`, { by: formatActor(n.decidedBy, t), when: formatDateTime(n.decidedAt, locale) });
  return document(
    tr(t, `notification.determination_decided.${verdict}Text`, { caseId, id }),
    [
      title(t('notification.determination_decided.title', { id })),
      paragraph(status),
      fields([
        [t('notification.determination_requested.proposedBy'), [formatActor(n.proposedBy, t)]],
        [t('notification.determination_requested.established'), [yesNo(n.established, t)]],
      ]),
      ...(n.note && n.note.trim() !== '' ? [userTextSection(t('notification.determination_decided.note'), n.note, t)] : []),
      caseFields(c, locale, t),
      ...outcomeBlocks(n.established, n.decision, locale, t),
      context(status),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

/**
 * R-DETERMINE: the approval was refused because the engine, judging again at
 * that moment, decides differently. The approvals message is edited to say so
 * (no buttons left), and the proposer gets the same by DM: both figures side
 * by side, and the case back for a new proposal.
 */
export const composeDeterminationSuperseded: Composer<'determination_superseded'> = (n, locale) => {
  const t = translator(locale);
  const c = n.case;
  const caseId = user(c.caseId);
  const id = String(n.determinationId);
  const status = tr(t, 'notification.determination_superseded.status', { by: formatActor(n.decidedBy, t), when: formatDateTime(n.decidedAt, locale) });
  return document(
    tr(t, 'notification.determination_superseded.text', { caseId, id, from: formatCny(n.proposed.amount, locale), to: formatCny(n.rejudged.amount, locale) }),
    [
      title(t('notification.determination_superseded.title', { id })),
      paragraph(status),
      paragraph(tr(t, 'notification.determination_superseded.intro', { caseId, proposer: formatActor(n.proposedBy, t) })),
      caseFields(c, locale, t),
      ...decisionComparison(n.proposed, n.rejudged, n.changes, locale, t),
      context(tr(t, 'notification.determination_superseded.rule')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};

function proposalFields(n: { proposedBy: string; established: boolean; terminate: boolean; fastTrack: boolean }, t: Translate): Fields {
  return fields([
    [t('notification.determination_requested.proposedBy'), [formatActor(n.proposedBy, t)]],
    [t('notification.determination_requested.established'), [yesNo(n.established, t)]],
    [t('notification.determination_requested.terminate'), [yesNo(n.terminate, t)]],
    [t('notification.determination_requested.fastTrack'), [n.fastTrack ? t('notification.determination_requested.fastTrackYes') : t('notification.common.no')]],
  ]);
}

function outcomeBlocks(established: boolean, decision: DecisionView | null, locale: Locale, t: Translate): DocBlock[] {
  if (!established) return [paragraph([`*${t('notification.determination_requested.outcome')}*\n${t('notification.determination_requested.notEstablished')}`])];
  if (!decision) return [paragraph([`*${t('notification.determination_requested.outcome')}*\n_${t('notification.determination_requested.noDecision')}_`])];
  return [paragraph([`*${t('notification.determination_requested.outcome')}*`]), ...decisionBlocks(decision, locale, t)];
}

function yesNo(v: boolean, t: Translate): string {
  return v ? t('notification.common.yes') : t('notification.common.no');
}
