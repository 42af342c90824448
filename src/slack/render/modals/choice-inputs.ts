import { input, option, type Block } from '../views/blocks.ts';

type Choice = readonly [label: string, value: string];

/** One answer of a few, the first chosen already so the usual answer is one click. */
export function radioInput(blockId: string, actionId: string, label: string, choices: readonly [Choice, ...Choice[]]): Block {
  const options = choices.map(([text, value]) => option(text, value));
  return input({ blockId, label, element: { type: 'radio_buttons', action_id: actionId, options, initial_option: options[0] } });
}

/** A single optional tick box (withdraw, terminate, suspend). */
export function checkboxInput(blockId: string, actionId: string, label: string, [text, value]: Choice): Block {
  return input({ blockId, label, optional: true, element: { type: 'checkboxes', action_id: actionId, options: [option(text, value)] } });
}
