/**
 * Slack's own limits on what an app sends, as Slack enforces them (Block Kit
 * reference; docs/notes/bolt.md). The sandbox refuses what Slack would refuse,
 * with Slack's error and a message naming the place, so a bot that passes
 * here is not refused by Slack. Independent of the bot's own limits
 * (src/slack/render/limits.ts): this is the check on them.
 */

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  inputLabel: 2000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

/** Block types Slack knows (Block Kit reference); any other is refused. */
const BLOCK_TYPES = new Set(['actions', 'context', 'context_actions', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'table', 'video']);

/** One problem: what is wrong and where (a JSON pointer, as Slack's `response_metadata.messages` give it). */
export interface LimitError {
  message: string;
  pointer: string;
}

/** Slack's form of the messages: `[ERROR] must be less than 25 characters [json-pointer:/view/title/text]`. */
export function slackMessages(errors: readonly LimitError[]): string[] {
  return errors.map((e) => `[ERROR] ${e.message} [json-pointer:${e.pointer}]`);
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (isObj(v) && typeof v.text === 'string' ? v.text : undefined);

function maxLength(out: LimitError[], value: string | undefined, max: number, pointer: string): void {
  if (value !== undefined && [...value].length > max) out.push({ message: `must be less than ${max + 1} characters`, pointer });
}

function maxItems(out: LimitError[], list: unknown, max: number, pointer: string): void {
  if (Array.isArray(list) && list.length > max) out.push({ message: `must provide no more than ${max} items`, pointer });
}

/** A view for views.open / push / update / publish. */
export function viewErrors(view: unknown, at = '/view'): LimitError[] {
  const out: LimitError[] = [];
  if (!isObj(view)) return [{ message: 'must provide an object', pointer: at }];
  const type = view.type;
  if (type !== 'modal' && type !== 'home') out.push({ message: 'must be one of: modal, home', pointer: `${at}/type` });
  if (type === 'modal') {
    if (textOf(view.title) === undefined) out.push({ message: 'must provide a title', pointer: `${at}/title` });
    maxLength(out, textOf(view.title), LIMITS.viewTitle, `${at}/title/text`);
    maxLength(out, textOf(view.submit), LIMITS.viewTitle, `${at}/submit/text`);
    maxLength(out, textOf(view.close), LIMITS.viewTitle, `${at}/close/text`);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) out.push({ message: 'must provide a submit button when the view has input blocks', pointer: `${at}/submit` });
  }
  if (typeof view.private_metadata === 'string') maxLength(out, view.private_metadata, LIMITS.privateMetadata, `${at}/private_metadata`);
  if (typeof view.callback_id === 'string') maxLength(out, view.callback_id, LIMITS.callbackId, `${at}/callback_id`);
  if (!Array.isArray(view.blocks)) out.push({ message: 'must provide an array', pointer: `${at}/blocks` });
  else {
    maxItems(out, view.blocks, LIMITS.viewBlocks, `${at}/blocks`);
    out.push(...blocksErrors(view.blocks, `${at}/blocks`));
  }
  return out;
}

/** A message's text and blocks for chat.postMessage / update / postEphemeral and response_url. */
export function messageErrors(text: unknown, blocks: unknown): LimitError[] {
  const out: LimitError[] = [];
  if (typeof text === 'string') maxLength(out, text, LIMITS.messageText, '/text');
  if (blocks === undefined) return out;
  if (!Array.isArray(blocks)) return [...out, { message: 'must provide an array', pointer: '/blocks' }];
  maxItems(out, blocks, LIMITS.messageBlocks, '/blocks');
  for (const [i, b] of blocks.entries()) {
    if (isObj(b) && b.type === 'input') out.push({ message: 'input blocks are not allowed in messages', pointer: `/blocks/${i}` });
  }
  out.push(...blocksErrors(blocks, '/blocks'));
  return out;
}

function blocksErrors(blocks: unknown[], at: string): LimitError[] {
  const out: LimitError[] = [];
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    const p = `${at}/${i}`;
    if (!isObj(b)) return void out.push({ message: 'must provide an object', pointer: p });
    if (typeof b.block_id === 'string') {
      maxLength(out, b.block_id, LIMITS.blockId, `${p}/block_id`);
      if (ids.has(b.block_id)) out.push({ message: `block_id "${b.block_id}" is used twice`, pointer: `${p}/block_id` });
      ids.add(b.block_id);
    }
    if (typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) return void out.push({ message: `unknown block type "${String(b.type)}"`, pointer: `${p}/type` });
    switch (b.type) {
      case 'section':
        maxLength(out, textOf(b.text), LIMITS.sectionText, `${p}/text/text`);
        if (b.text === undefined && b.fields === undefined) out.push({ message: 'must provide either text or fields', pointer: p });
        maxItems(out, b.fields, LIMITS.sectionFields, `${p}/fields`);
        if (Array.isArray(b.fields)) b.fields.forEach((f, j) => maxLength(out, textOf(f), LIMITS.fieldText, `${p}/fields/${j}/text`));
        if (b.accessory !== undefined) out.push(...elementErrors(b.accessory, `${p}/accessory`));
        break;
      case 'header':
        maxLength(out, textOf(b.text), LIMITS.headerText, `${p}/text/text`);
        break;
      case 'actions':
        maxItems(out, b.elements, LIMITS.actionsElements, `${p}/elements`);
        if (Array.isArray(b.elements)) b.elements.forEach((e, j) => out.push(...elementErrors(e, `${p}/elements/${j}`)));
        break;
      case 'context':
        maxItems(out, b.elements, LIMITS.contextElements, `${p}/elements`);
        break;
      case 'input':
        maxLength(out, textOf(b.label), LIMITS.inputLabel, `${p}/label/text`);
        out.push(...elementErrors(b.element, `${p}/element`));
        break;
      default:
        break;
    }
  });
  return out;
}

function elementErrors(el: unknown, p: string): LimitError[] {
  const out: LimitError[] = [];
  if (!isObj(el)) return [{ message: 'must provide an object', pointer: p }];
  if (typeof el.action_id === 'string') maxLength(out, el.action_id, LIMITS.actionId, `${p}/action_id`);
  maxLength(out, textOf(el.placeholder), LIMITS.placeholder, `${p}/placeholder/text`);
  if (el.type === 'button') {
    maxLength(out, textOf(el.text), LIMITS.buttonText, `${p}/text/text`);
    if (typeof el.value === 'string') maxLength(out, el.value, LIMITS.buttonValue, `${p}/value`);
  }
  if (Array.isArray(el.options)) {
    maxItems(out, el.options, LIMITS.selectOptions, `${p}/options`);
    out.push(...optionErrors(el.options, `${p}/options`));
  }
  if (Array.isArray(el.option_groups)) {
    const groups = el.option_groups.filter(isObj);
    const total = groups.reduce((n, g) => n + (Array.isArray(g.options) ? g.options.length : 0), 0);
    if (total > LIMITS.selectOptions) out.push({ message: `must provide no more than ${LIMITS.selectOptions} options in all groups`, pointer: `${p}/option_groups` });
    groups.forEach((g, j) => {
      maxLength(out, textOf(g.label), LIMITS.optionText, `${p}/option_groups/${j}/label/text`);
      if (Array.isArray(g.options)) out.push(...optionErrors(g.options, `${p}/option_groups/${j}/options`));
    });
  }
  return out;
}

function optionErrors(options: unknown[], p: string): LimitError[] {
  const out: LimitError[] = [];
  options.forEach((o, j) => {
    maxLength(out, textOf(isObj(o) ? o.text : undefined), LIMITS.optionText, `${p}/${j}/text/text`);
    if (isObj(o) && typeof o.value === 'string') maxLength(out, o.value, LIMITS.optionValue, `${p}/${j}/value`);
  });
  return out;
}
