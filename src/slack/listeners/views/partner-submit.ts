import { partnerCategoryKinds } from '../../../db/schema/index.ts';
import { addPartner, editPartner } from '../../../service/registry/save-partner.ts';
import { INPUTS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../../render/mrkdwn.ts';
import { PARTNER_BLOCKS } from '../../render/modals/partner-modal.ts';
import { modalSubmission } from '../shared/submission.ts';
import { editedPartner } from './registry-target.ts';

/** `/partner add` or `/partner edit` submitted (R-CAT, issue 11): an admin's change, once per view; bad input is an inline error and writes nothing. */
export const partnerSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) => {
    const edited = editedPartner(metadata);
    const fields = {
      key, actor,
      partnerId: edited?.partnerId ?? form.text(PARTNER_BLOCKS.partnerId, INPUTS.partnerId),
      name: form.text(PARTNER_BLOCKS.name, INPUTS.name),
      levels: Object.fromEntries(partnerCategoryKinds.map((c) => [c, form.text(PARTNER_BLOCKS.levelOf(c), INPUTS.level)])),
      slackContacts: form.text(PARTNER_BLOCKS.slackContacts, INPUTS.contacts),
      dingtalkContacts: form.text(PARTNER_BLOCKS.dingtalkContacts, INPUTS.contacts),
    };
    return edited ? editPartner(ctx.cases, { ...fields, version: edited.version }) : addPartner(ctx.cases, fields);
  },
  fields: {
    partner_id: PARTNER_BLOCKS.partnerId,
    name: PARTNER_BLOCKS.name,
    levels: PARTNER_BLOCKS.levelOf(partnerCategoryKinds[0]),
    ...Object.fromEntries(partnerCategoryKinds.map((c) => [PARTNER_BLOCKS.levelOf(c), PARTNER_BLOCKS.levelOf(c)])),
    slack_contacts: PARTNER_BLOCKS.slackContacts,
    dingtalk_contacts: PARTNER_BLOCKS.dingtalkContacts,
  },
  fallbackBlock: PARTNER_BLOCKS.name,
  done: (r, f) => ({ title: f.t('registry.doneTitle'), text: f.t(r.added ? 'registry.added' : 'registry.edited', { partner: escapeMrkdwn(r.partnerId) }) }),
});
