import { partnerLabel } from '../../messages/format.ts';
import { toMrkdwn } from './inline-mrkdwn.ts';

/** A partner as "Name (ID)" in mrkdwn, both escaped: names and ids come from imported files. */
export function partnerText(name: string, id: string): string {
  return toMrkdwn(partnerLabel(name, id));
}
