import { z } from 'zod';

/**
 * What people type and what buttons and forms carry, in any chat (Slack
 * modals and buttons, DingTalk cards and texts), validated before a use case
 * runs (STYLE 2). Whether the values make a valid report or reply is the use
 * case's to say; this only reads them.
 */

/** Case ids are accepted as `V-000012`, `v-12` or `12`. */
export const caseIdSchema = z
  .string()
  .trim()
  .regex(/^(v-?)?\d{1,12}$/i)
  .transform((s) => `V-${s.replace(/^v-?/i, '').padStart(6, '0')}`);

export const determinationIdSchema = z.coerce.number().int().positive();

/** One http(s) link a line; blank lines dropped. Whether each is a web link is the use case's check. */
export function linkLines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
