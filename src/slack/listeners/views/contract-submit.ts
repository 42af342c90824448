import { saveContract } from '../../../service/registry/save-contract.ts';
import { INPUTS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../../render/mrkdwn.ts';
import { CONTRACT_BLOCKS } from '../../render/modals/contract-modal.ts';
import { modalSubmission } from '../shared/submission.ts';
import { registryTarget } from './registry-target.ts';

/** `/partner contract` submitted (R-CAT; the dates R-EXIT-EXPIRY and R-EXIT-RENEWAL read): once per view; bad dates are inline errors and write nothing. */
export const contractSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) =>
    saveContract(ctx.cases, {
      key, actor, ...registryTarget(metadata),
      startsOn: form.date(CONTRACT_BLOCKS.startsOn, INPUTS.date),
      endsOn: form.date(CONTRACT_BLOCKS.endsOn, INPUTS.date),
      renewalNoticeOn: form.date(CONTRACT_BLOCKS.renewalNoticeOn, INPUTS.date),
    }),
  fields: { starts_on: CONTRACT_BLOCKS.startsOn, ends_on: CONTRACT_BLOCKS.endsOn, renewal_notice_on: CONTRACT_BLOCKS.renewalNoticeOn },
  fallbackBlock: CONTRACT_BLOCKS.startsOn,
  done: (r, f) => ({ title: f.t('registry.doneTitle'), text: f.t('registry.contractSaved', { partner: escapeMrkdwn(r.partnerId), startsOn: r.startsOn, endsOn: r.endsOn }) }),
});
