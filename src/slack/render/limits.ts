/**
 * Slack's Block Kit limits, in one place for messages, modals and the Home
 * tab (PLATFORM-FACTS.md, Block Kit). Past a limit Slack refuses the whole
 * message or view, so every builder cuts to these.
 */
export const LIMITS = {
  messageBlocks: 50,
  /** A modal or the Home tab. */
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  actionsElements: 25,
  contextElements: 10,
  /** A modal's title, submit and close. */
  modalTitle: 24,
  privateMetadata: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Our own cap for a message's top-level `text`; Slack truncates past 40,000. */
  messageText: 1000,
} as const;

/**
 * Mrkdwn is clipped a little under the section limit, so the ellipsis and the
 * few characters a caller adds around it always fit.
 */
export const SECTION_MAX = LIMITS.sectionText - 100;

/** Plain text cut to `max` characters, the last one an ellipsis. Mrkdwn wants `clipMrkdwn` (no half entities). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
