import { describe, expect, it } from 'vitest';
import { FY22 } from '../../src/domain/policy/fy22.ts';
import { locales, translator } from '../../src/messages/i18n.ts';
import { itemLabelOn } from '../../src/slack/render/catalog-text.ts';
import { determineModal } from '../../src/slack/render/modals/determine-modal.ts';
import { dismissModal } from '../../src/slack/render/modals/dismiss-modal.ts';
import { doneModal } from '../../src/slack/render/modals/done-modal.ts';
import { rejectModal } from '../../src/slack/render/modals/reject-modal.ts';
import { disputeModal, objectionModal } from '../../src/slack/render/modals/reply-modals.ts';
import { reportModal } from '../../src/slack/render/modals/report-modal.ts';
import { renderNotification } from '../../src/slack/render/render-notification.ts';
import { messageErrors, slackMessages, viewErrors } from '../../src/sandbox/slack-limits.ts';
import { allSamples, CASE, DECISION } from '../slack/render/samples.ts';

// The sandbox's Slack rules (issue #9) against what the bot really sends: every
// notification in both languages and every modal, with the 58-item catalog.
// A bot that passes here is not refused by Slack; a rule that refused these
// would make the sandbox useless. Both directions matter.

const fmts = locales.map((locale) => ({ t: translator(locale), locale }));
const NOW = new Date('2026-06-02T14:00:00+08:00');
const long = 'x'.repeat(2900);

describe('the bot stays within the limits the sandbox enforces for Slack', () => {
  it.each(allSamples().flatMap((n) => locales.map((locale) => ({ n, locale, name: `${n.kind} in ${locale}` }))))('notification $name', ({ n, locale }) => {
    const m = renderNotification(n, locale, NOW);
    expect(slackMessages(messageErrors(m.text, m.blocks))).toEqual([]);
  });

  it.each(allSamples({ ...CASE, facts: long, partnerName: 'P'.repeat(200) }, DECISION).flatMap((n) => locales.map((locale) => ({ n, locale, name: `${n.kind} in ${locale}` }))))(
    'notification $name, with 2,900-character facts and a 200-character partner name',
    ({ n, locale }) => {
      const m = renderNotification(n, locale, NOW);
      expect(slackMessages(messageErrors(m.text, m.blocks))).toEqual([]);
    },
  );

  it.each(fmts)('every modal in $locale', (f) => {
    const views = {
      report: reportModal(f, { catalog: FY22.catalog, asStaff: true, today: '2026-06-01' }),
      reportAsPartner: reportModal(f, { catalog: FY22.catalog, asStaff: false, today: '2026-06-01' }),
      determine: determineModal(f, { caseId: 'V-000042', partnerName: 'P'.repeat(200), partnerId: 'P1', itemLine: itemLabelOn([FY22], 'SVC-09', '2026-05-20', f.locale), facts: long, replies: ['a', 'b'], fastTrack: false, preview: DECISION }),
      dispute: disputeModal(f, 'V-000042'),
      objection: objectionModal(f, 'V-000042'),
      dismiss: dismissModal(f, 'V-000042'),
      reject: rejectModal(f, 7),
      done: doneModal(f, 'Reported', long),
    };
    for (const [name, view] of Object.entries(views)) expect({ name, errors: slackMessages(viewErrors(view)) }).toEqual({ name, errors: [] });
  });
});
