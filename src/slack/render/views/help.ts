import { header, section, type PrivateReply } from './blocks.ts';
import type { Fmt } from './format.ts';
import { escapeAndClip } from '../mrkdwn.ts';

/** `/violation help`, and what an unknown subcommand gets (privately). */
export function helpReply(f: Fmt, unknown?: string): PrivateReply {
  const { t } = f;
  const lines = [
    t('help.report'),
    t('help.list'),
    t('help.show'),
    t('help.determine'),
    t('help.answer'),
    t('help.notice'),
    t('help.dismiss'),
    t('help.suspend'),
    t('help.lift'),
    t('dataExport.help'),
    t('help.status'),
    t('help.request'),
    t('help.complaint'),
    t('help.exit'),
    t('help.manage'),
    t('help.help'),
  ];
  const intro = unknown === undefined ? t('help.intro') : t('help.unknown', { text: escapeAndClip(unknown, 100) });
  return {
    text: intro,
    blocks: [header(t('help.title')), section(intro), section(lines.join('\n')), section(t('help.buttons'))],
  };
}
