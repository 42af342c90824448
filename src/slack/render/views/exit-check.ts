import type { ExitCheck } from '../../../service/exits/exit-as-admin.ts';
import { ACTIONS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { actions, button, context, section, type PrivateReply } from './blocks.ts';
import type { Fmt } from './format.ts';

/**
 * `/partner exit PARTNER`: what `cli exit check` would do for this partner
 * today (R-EXIT-*): the exit due, its rule and first day, or none; the
 * voluntary application on record; and a button to record one while the
 * partner is still a partner.
 */
export function exitCheckReply(f: Fmt, r: ExitCheck): PrivateReply {
  const { t } = f;
  const partner = escapeMrkdwn(`${r.partnerName} (${r.partnerId})`);
  const lines = [
    r.exited
      ? t('exit.exited', { partner, endsOn: r.exited.endsOn, rule: r.exited.rule })
      : r.due
        ? t('exit.due', { partner, endsOn: r.due.endsOn, rule: r.due.rule, basis: escapeMrkdwn(r.due.basis) })
        : t('exit.notDue', { partner, on: r.on }),
    ...(r.application ? [t('exit.application', { ...r.application })] : []),
  ];
  const text = lines.join('\n');
  return {
    text,
    blocks: [
      section(text),
      context(t('exit.paths')),
      ...(r.exited ? [] : [actions([button(t('exit.applyButton'), ACTIONS.exitApplyOpen, r.partnerId)], 'exit_actions')]),
    ],
  };
}
