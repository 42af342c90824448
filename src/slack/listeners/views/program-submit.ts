import { changeProgram } from '../../../service/registry/change-program.ts';
import { INPUTS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../../render/mrkdwn.ts';
import { PROGRAM_BLOCKS } from '../../render/modals/program-modal.ts';
import { modalSubmission } from '../shared/submission.ts';
import { registryTarget } from './registry-target.ts';

/** `/partner program` submitted (R-CAT, §2.2): joined or left, once per view; bad input is an inline error and writes nothing. */
export const programSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) => {
    const { replaces: _none, ...target } = registryTarget(metadata);
    return changeProgram(ctx.cases, {
      key, actor, ...target,
      action: form.selected(PROGRAM_BLOCKS.action, INPUTS.programAction) === 'leave' ? 'leave' : 'join',
      program: form.text(PROGRAM_BLOCKS.program, INPUTS.program),
      category: form.selected(PROGRAM_BLOCKS.category, INPUTS.category) ?? '',
      joinedOn: form.date(PROGRAM_BLOCKS.joinedOn, INPUTS.date),
    });
  },
  fields: { program: PROGRAM_BLOCKS.program, category: PROGRAM_BLOCKS.category, joined_on: PROGRAM_BLOCKS.joinedOn },
  fallbackBlock: PROGRAM_BLOCKS.program,
  done: (r, f) => ({
    title: f.t('registry.doneTitle'),
    text: f.t(r.action === 'join' ? 'registry.joined' : 'registry.left', { partner: escapeMrkdwn(r.partnerId), program: escapeMrkdwn(r.program), joinedOn: r.joinedOn }),
  }),
});
