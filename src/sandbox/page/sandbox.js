// The sandbox page: a compact Slack in one ES module, no build step.
//
// It holds no state of its own beyond what a person is typing: after every
// server-sent event it fetches GET /ui/state?as=<me> and renders it (the
// contract is src/sandbox/protocol.ts). Strings go into the DOM as text; only
// the `html` the server made from mrkdwn with slack-to-html (escaped) goes in
// as innerHTML.

// ---------------------------------------------------------------- utilities

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Creates an element: el('div', { class: 'x', dataset: { testid: 'y' } }, child, 'text'). Never sets innerHTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let idCounter = 0;
const uid = (prefix) => `${prefix}-${++idCounter}`;

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Readable JSON for anything the page cannot render: never dropped silently. */
function jsonFallback(value, what) {
  return el(
    'div',
    { class: 'unknown', dataset: { testid: 'unknown-block' } },
    el('div', { class: 'unknown-head', text: `Not rendered by the sandbox: ${what}` }),
    el('pre', { text: JSON.stringify(value, null, 2) }),
  );
}

/**
 * A Slack text object as DOM. plain_text → text; mrkdwn → the server's
 * escaped `html` (slack-to-html), or the raw text as text when it is missing.
 */
function textNode(obj, tag = 'span', cls = '') {
  const node = el(tag, { class: cls });
  if (typeof obj === 'string') {
    node.textContent = obj;
    return node;
  }
  if (!isObject(obj)) return node;
  if (obj.type === 'mrkdwn') {
    node.classList.add('mrkdwn');
    if (typeof obj.html === 'string') node.innerHTML = obj.html;
    else node.textContent = String(obj.text ?? '');
  } else {
    node.classList.add('plain');
    node.textContent = String(obj.text ?? '');
  }
  return node;
}

const plainOf = (obj) => (isObject(obj) ? String(obj.text ?? '') : typeof obj === 'string' ? obj : '');

const TIME_ZONE = 'Asia/Shanghai';
const fmtDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const fmtTime = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
function when(iso, fmt = fmtTime) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '') : fmt.format(d);
}

// ---------------------------------------------------------------- server calls

async function post(path, body) {
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  } catch (e) {
    return { ok: false, error: `The sandbox server did not answer (${e instanceof Error ? e.message : String(e)})` };
  }
  let answer;
  try {
    answer = await res.json();
  } catch {
    answer = { ok: false, error: `HTTP ${res.status} ${res.statusText}` };
  }
  if (!isObject(answer)) answer = { ok: false, error: `Unexpected answer: ${JSON.stringify(answer)}` };
  if (!res.ok && answer.ok !== false) answer = { ...answer, ok: false, error: answer.error ?? `HTTP ${res.status}` };
  scheduleRefresh();
  return answer;
}

async function getJson(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok || (isObject(body) && body.ok === false)) {
    throw new Error((isObject(body) && body.error) || `HTTP ${res.status} ${res.statusText}`);
  }
  return body;
}

// ---------------------------------------------------------------- who and where

const params = new URLSearchParams(location.search);
const hashParams = () => new URLSearchParams(location.hash.replace(/^#/, ''));

/** The person shown: ?as= in the URL, else the hash, else the last choice, else the first person. */
/** The server answers for a named person only; the first person of the workspace (people.ts) is the default. */
const DEFAULT_PERSON = 'UOFFICER1';
let me = params.get('as') || hashParams().get('as') || localStorage.getItem('sandbox.as') || DEFAULT_PERSON;
/** What the middle shows: a conversation id or 'home'. */
let current = hashParams().get('view') || (me ? localStorage.getItem(`sandbox.view.${me}`) : null) || '';

function remember() {
  if (me) localStorage.setItem('sandbox.as', me);
  if (me && current) localStorage.setItem(`sandbox.view.${me}`, current);
  const h = new URLSearchParams();
  if (me) h.set('as', me);
  if (current) h.set('view', current);
  const url = new URL(location.href);
  url.searchParams.delete('as'); // the hash holds the choice from now on
  url.hash = h.toString();
  history.replaceState(null, '', url);
}

/** @type {any} the last state rendered */
let state = null;

// ---------------------------------------------------------------- errors and problems

function showError(text) {
  $('error-text').textContent = text;
  $('error-line').hidden = false;
}
function clearError() {
  $('error-text').textContent = '';
  $('error-line').hidden = true;
}
$('error-dismiss').addEventListener('click', clearError);

const dismissedProblems = new Set();
function renderProblems(problems) {
  const box = $('problems');
  box.replaceChildren();
  const shown = (problems ?? []).filter((p) => !dismissedProblems.has(`${p.at}|${p.text}`));
  box.hidden = shown.length === 0;
  if (shown.length === 0) return;
  box.append(
    el('div', { class: 'problems-head' }, el('strong', { text: '⚠ The sandbox caught something Slack would refuse' })),
    el(
      'ul',
      {},
      shown.map((p) =>
        el(
          'li',
          { dataset: { testid: 'problem' } },
          el('span', { class: 'problem-time', text: when(p.at) }),
          el('span', { class: 'problem-text', text: p.text }),
        ),
      ),
    ),
    el('button', {
      type: 'button',
      class: 'btn btn-small',
      dataset: { testid: 'problems-dismiss' },
      text: 'Dismiss',
      onclick: () => {
        for (const p of shown) dismissedProblems.add(`${p.at}|${p.text}`);
        renderProblems(state?.problems);
      },
    }),
  );
}

// ---------------------------------------------------------------- confirm dialogs

/** Slack's confirm object as a dialog; resolves true when confirmed. */
function confirmDialog(confirm) {
  return new Promise((resolve) => {
    const overlay = $('confirm-overlay');
    const done = (answer) => {
      overlay.hidden = true;
      overlay.replaceChildren();
      document.removeEventListener('keydown', onKey, true);
      resolve(answer);
    };
    const onKey = (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        done(false);
      }
    };
    const titleId = uid('confirm-title');
    const yes = el('button', {
      type: 'button',
      class: `btn ${confirm.style === 'danger' ? 'btn-danger' : 'btn-primary'}`,
      dataset: { testid: 'confirm-yes' },
      text: plainOf(confirm.confirm) || 'Yes',
      onclick: () => done(true),
    });
    overlay.replaceChildren(
      el(
        'div',
        { class: 'dialog confirm', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, dataset: { testid: 'confirm-dialog' } },
        el('h2', { id: titleId, class: 'dialog-title', text: plainOf(confirm.title) || 'Are you sure?' }),
        el('div', { class: 'dialog-body' }, textNode(confirm.text, 'p')),
        el(
          'div',
          { class: 'dialog-foot' },
          el('button', { type: 'button', class: 'btn', dataset: { testid: 'confirm-no' }, text: plainOf(confirm.deny) || 'Cancel', onclick: () => done(false) }),
          yes,
        ),
      ),
    );
    overlay.hidden = false;
    document.addEventListener('keydown', onKey, true);
    yes.focus();
  });
}

// ---------------------------------------------------------------- Block Kit

/**
 * Where blocks are rendered: how a click is reported, and (in a modal) the
 * registry of stateful elements that make `view.state.values`.
 * @typedef {{ source: () => any, modal?: ModalCtx, errorSink: (text: string) => void }} RenderCtx
 * @typedef {{ viewId: string, fields: Field[], errorSlots: Map<string, HTMLElement> }} ModalCtx
 * @typedef {{ blockId: string, actionId: string, type: string, get: () => any, set: (v: any) => void }} Field
 */

function renderBlocks(blocks, ctx) {
  const box = el('div', { class: 'blocks' });
  if (!Array.isArray(blocks)) return box;
  blocks.forEach((block, i) => box.append(renderBlock(block, i, ctx)));
  return box;
}

function renderBlock(block, index, ctx) {
  if (!isObject(block)) return jsonFallback(block, 'a block that is not an object');
  const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
  const wrap = (cls, ...children) => el('div', { class: `block ${cls}`, dataset: { blockId, blockType: String(block.type) } }, ...children);
  switch (block.type) {
    case 'header':
      return wrap('b-header', textNode(block.text, 'h3', 'header-text'));
    case 'divider':
      return wrap('b-divider', el('hr'));
    case 'section': {
      const body = el('div', { class: 'section-body' });
      if (block.text) body.append(textNode(block.text, 'div', 'section-text'));
      if (Array.isArray(block.fields)) body.append(el('div', { class: 'fields' }, block.fields.map((f) => textNode(f, 'div', 'field'))));
      const node = wrap('b-section', body);
      if (block.accessory) node.append(el('div', { class: 'accessory' }, renderElement(block.accessory, blockId, ctx, { inAccessory: true })));
      return node;
    }
    case 'context':
      return wrap(
        'b-context',
        (block.elements ?? []).map((e) =>
          isObject(e) && e.type === 'image'
            ? el('img', { src: e.image_url, alt: e.alt_text ?? '', class: 'context-img' })
            : isObject(e) && (e.type === 'mrkdwn' || e.type === 'plain_text')
              ? textNode(e, 'span', 'context-text')
              : jsonFallback(e, `context element "${isObject(e) ? e.type : typeof e}"`),
        ),
      );
    case 'actions':
      return wrap('b-actions', (block.elements ?? []).map((e) => renderElement(e, blockId, ctx, {})));
    case 'image':
      return wrap(
        'b-image',
        block.title ? textNode(block.title, 'div', 'image-title') : null,
        el('img', { src: block.image_url, alt: block.alt_text ?? '', class: 'block-img' }),
      );
    case 'input':
      return renderInputBlock(block, blockId, ctx);
    case 'rich_text':
      return wrap('b-rich', renderRichText(block));
    default:
      return jsonFallback(block, `block type "${String(block.type)}"`);
  }
}

function renderInputBlock(block, blockId, ctx) {
  const controlId = uid('input');
  const errorSlot = el('div', { class: 'block-error', role: 'alert', dataset: { testid: 'block-error', errorFor: blockId }, hidden: true });
  const node = el(
    'div',
    { class: 'block b-input', dataset: { blockId, blockType: 'input', testid: 'input-block' } },
    el(
      'label',
      { class: 'input-label', for: controlId },
      textNode(block.label, 'span'),
      block.optional ? el('span', { class: 'optional', text: ' (optional)' }) : null,
    ),
    renderElement(block.element, blockId, ctx, { controlId, input: true }),
    block.hint ? textNode(block.hint, 'div', 'hint') : null,
    errorSlot,
  );
  ctx.modal?.errorSlots.set(blockId, errorSlot);
  return node;
}

/** Registers a stateful element of a modal, so its value goes into view.state.values. */
function register(ctx, field) {
  if (ctx.modal && field.actionId) ctx.modal.fields.push(field);
}

/** Reports a click or selection on an element outside an input block. */
async function sendAction(ctx, blockId, action, trigger) {
  if (trigger) trigger.disabled = true;
  try {
    const answer = await post('/ui/action', { as: me, source: ctx.source(), blockId, action });
    if (answer.ok === false) ctx.errorSink(`${action.action_id}: ${answer.error}`);
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

function optionsOf(element) {
  if (Array.isArray(element.options)) return element.options;
  if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((g) => g.options ?? []);
  return [];
}

/** A <select> for static options, optgroups included; the first entry is the placeholder. */
function selectNode(element, controlId, placeholder) {
  const select = el('select', { id: controlId, dataset: { actionId: element.action_id ?? '', testid: 'select' } });
  select.append(el('option', { value: '', text: placeholder || 'Select an option' }));
  const add = (parent, options) => {
    for (const o of options ?? []) parent.append(el('option', { value: o.value, text: plainOf(o.text) }));
  };
  if (Array.isArray(element.option_groups)) {
    for (const g of element.option_groups) {
      const group = el('optgroup', { label: plainOf(g.label) });
      add(group, g.options);
      select.append(group);
    }
  } else add(select, element.options);
  return select;
}

function renderElement(element, blockId, ctx, opts) {
  if (!isObject(element)) return jsonFallback(element, 'an element that is not an object');
  const actionId = typeof element.action_id === 'string' ? element.action_id : '';
  const controlId = opts.controlId ?? uid('el');
  switch (element.type) {
    case 'button': {
      const label = plainOf(element.text);
      const cls = `btn ${element.style === 'primary' ? 'btn-primary' : element.style === 'danger' ? 'btn-danger' : ''}`;
      if (typeof element.url === 'string') {
        return el('a', { class: `${cls} btn-link`, href: element.url, target: '_blank', rel: 'noopener noreferrer', dataset: { actionId }, text: `${label} ↗` });
      }
      const button = el('button', { type: 'button', class: cls, id: controlId, dataset: { actionId, value: element.value ?? '' }, text: label });
      button.addEventListener('click', async () => {
        if (isObject(element.confirm) && !(await confirmDialog(element.confirm))) return;
        await sendAction(ctx, blockId, { action_id: actionId, type: 'button', ...(element.value !== undefined ? { value: element.value } : {}) }, button);
      });
      return button;
    }

    case 'static_select': {
      const select = selectNode(element, controlId, plainOf(element.placeholder));
      const byValue = new Map(optionsOf(element).map((o) => [o.value, o]));
      if (element.initial_option) select.value = element.initial_option.value;
      const get = () => {
        const o = byValue.get(select.value);
        return { type: 'static_select', selected_option: o ?? null };
      };
      if (opts.input) {
        register(ctx, { blockId, actionId, type: 'static_select', get, set: (v) => (select.value = v?.selected_option?.value ?? '') });
      } else {
        if (ctx.modal) register(ctx, { blockId, actionId, type: 'static_select', get, set: (v) => (select.value = v?.selected_option?.value ?? '') });
        select.addEventListener('change', () => {
          const o = byValue.get(select.value);
          if (o) void sendAction(ctx, blockId, { action_id: actionId, type: 'static_select', selected_option: o }, select);
        });
      }
      return opts.input ? select : labelled(select, plainOf(element.placeholder) || 'Select');
    }

    case 'multi_static_select': {
      const select = selectNode(element, controlId, '');
      select.multiple = true;
      select.firstChild?.remove();
      const byValue = new Map(optionsOf(element).map((o) => [o.value, o]));
      const initial = new Set((element.initial_options ?? []).map((o) => o.value));
      for (const o of select.options) o.selected = initial.has(o.value);
      const get = () => ({ type: 'multi_static_select', selected_options: [...select.selectedOptions].map((o) => byValue.get(o.value)).filter(Boolean) });
      register(ctx, {
        blockId,
        actionId,
        type: element.type,
        get,
        set: (v) => {
          const chosen = new Set((v?.selected_options ?? []).map((o) => o.value));
          for (const o of select.options) o.selected = chosen.has(o.value);
        },
      });
      return select;
    }

    case 'external_select':
      return externalSelect(element, blockId, ctx, controlId, opts);

    case 'overflow': {
      const select = el('select', { id: controlId, class: 'overflow', dataset: { actionId }, 'aria-label': 'More actions' });
      select.append(el('option', { value: '', text: '⋯' }));
      for (const o of element.options ?? []) select.append(el('option', { value: o.value, text: plainOf(o.text) }));
      select.addEventListener('change', () => {
        const o = (element.options ?? []).find((x) => x.value === select.value);
        select.value = '';
        if (o) void sendAction(ctx, blockId, { action_id: actionId, type: 'overflow', selected_option: o }, select);
      });
      return select;
    }

    case 'datepicker': {
      const input = el('input', { type: 'date', id: controlId, dataset: { actionId, testid: 'datepicker' } });
      if (element.initial_date) input.value = element.initial_date;
      const get = () => ({ type: 'datepicker', selected_date: input.value || null });
      if (opts.input || ctx.modal) register(ctx, { blockId, actionId, type: 'datepicker', get, set: (v) => (input.value = v?.selected_date ?? '') });
      if (!opts.input) {
        input.addEventListener('change', () => {
          if (input.value) void sendAction(ctx, blockId, { action_id: actionId, type: 'datepicker', selected_date: input.value }, input);
        });
        return labelled(input, plainOf(element.placeholder) || 'Date');
      }
      return input;
    }

    case 'timepicker': {
      const input = el('input', { type: 'time', id: controlId, dataset: { actionId } });
      if (element.initial_time) input.value = element.initial_time;
      register(ctx, { blockId, actionId, type: 'timepicker', get: () => ({ type: 'timepicker', selected_time: input.value || null }), set: (v) => (input.value = v?.selected_time ?? '') });
      return input;
    }

    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input': {
      const multiline = element.type === 'plain_text_input' && element.multiline === true;
      const inputType = { url_text_input: 'url', email_text_input: 'email', number_input: 'number', plain_text_input: 'text' }[element.type];
      const input = multiline
        ? el('textarea', { id: controlId, rows: 4 })
        : el('input', { id: controlId, type: inputType, ...(element.type === 'number_input' && !element.is_decimal_allowed ? { step: '1' } : {}) });
      input.dataset.actionId = actionId;
      input.dataset.testid = 'text-input';
      if (element.placeholder) input.setAttribute('placeholder', plainOf(element.placeholder));
      if (typeof element.max_length === 'number') input.setAttribute('maxlength', String(element.max_length));
      if (typeof element.min_length === 'number') input.setAttribute('minlength', String(element.min_length));
      if (element.initial_value !== undefined) input.value = String(element.initial_value);
      const type = element.type;
      register(ctx, { blockId, actionId, type, get: () => ({ type, value: input.value === '' ? null : input.value }), set: (v) => (input.value = v?.value ?? '') });
      return input;
    }

    case 'checkboxes':
    case 'radio_buttons': {
      const radio = element.type === 'radio_buttons';
      const name = uid('choice');
      const group = el('div', { class: 'choices', id: controlId, role: radio ? 'radiogroup' : 'group', dataset: { actionId } });
      const initial = new Set(radio ? (element.initial_option ? [element.initial_option.value] : []) : (element.initial_options ?? []).map((o) => o.value));
      const boxes = (element.options ?? []).map((o) => {
        const box = el('input', { type: radio ? 'radio' : 'checkbox', name, value: o.value, dataset: { value: o.value } });
        box.checked = initial.has(o.value);
        group.append(
          el(
            'label',
            { class: 'choice' },
            box,
            el('span', { class: 'choice-text' }, textNode(o.text, 'span'), o.description ? textNode(o.description, 'span', 'choice-desc') : null),
          ),
        );
        return { box, option: o };
      });
      const chosen = () => boxes.filter((b) => b.box.checked).map((b) => b.option);
      const get = () => (radio ? { type: 'radio_buttons', selected_option: chosen()[0] ?? null } : { type: 'checkboxes', selected_options: chosen() });
      const set = (v) => {
        const values = new Set(radio ? (v?.selected_option ? [v.selected_option.value] : []) : (v?.selected_options ?? []).map((o) => o.value));
        for (const b of boxes) b.box.checked = values.has(b.option.value);
      };
      register(ctx, { blockId, actionId, type: element.type, get, set });
      return group;
    }

    case 'file_input': {
      register(ctx, { blockId, actionId, type: 'file_input', get: () => ({ type: 'file_input', files: [] }), set: () => {} });
      return el(
        'div',
        { class: 'file-note', id: controlId, dataset: { actionId, testid: 'file-input' } },
        'File uploads are not available in the sandbox; paste a link instead.',
      );
    }

    case 'image':
      return el('img', { src: element.image_url, alt: element.alt_text ?? '', class: 'accessory-img' });

    default:
      return jsonFallback(element, `element type "${String(element.type)}"`);
  }
}

/** An element outside an input block, with an accessible name. */
function labelled(control, name) {
  control.setAttribute('aria-label', name);
  return control;
}

/**
 * external_select: a text box that asks the server for options as the person
 * types (POST /ui/suggest, debounced), and a list to pick from.
 */
function externalSelect(element, blockId, ctx, controlId, opts) {
  const actionId = element.action_id ?? '';
  const minQuery = typeof element.min_query_length === 'number' ? element.min_query_length : 3;
  let selected = element.initial_option ?? null;
  const input = el('input', {
    type: 'text',
    id: controlId,
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    placeholder: plainOf(element.placeholder) || 'Type to search',
    dataset: { actionId, testid: 'external-select-input' },
  });
  if (selected) input.value = plainOf(selected.text);
  const listId = uid('listbox');
  input.setAttribute('aria-controls', listId);
  const list = el('ul', { class: 'suggestions', id: listId, role: 'listbox', dataset: { testid: 'suggestions' }, hidden: true });
  const status = el('div', { class: 'suggest-status', dataset: { testid: 'suggest-status' } });
  const box = el('div', { class: 'external-select' }, input, list, status);
  let timer = 0;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const pick = (o) => {
    clearTimeout(timer);
    asked++; // an answer still on its way is for what was typed before the pick
    selected = o;
    input.value = plainOf(o.text);
    close();
    status.textContent = '';
    if (!opts.input && !ctx.modal) void sendAction(ctx, blockId, { action_id: actionId, type: 'external_select', selected_option: o }, null);
  };
  const show = (answer) => {
    list.replaceChildren();
    const groups = Array.isArray(answer.option_groups) ? answer.option_groups : [{ options: answer.options ?? [] }];
    let count = 0;
    for (const g of groups) {
      if (g.label) list.append(el('li', { class: 'suggest-group', role: 'presentation', text: plainOf(g.label) }));
      for (const o of g.options ?? []) {
        count++;
        list.append(
          el('li', {
            class: 'suggestion',
            role: 'option',
            tabindex: '-1',
            dataset: { testid: 'suggestion', value: o.value },
            text: plainOf(o.text),
            onmousedown: (e) => e.preventDefault(), // keep focus in the input until the click lands
            onclick: () => pick(o),
            onkeydown: (e) => {
              if (e.key === 'Enter') pick(o);
            },
          }),
        );
      }
    }
    status.textContent = count === 0 ? 'No matches' : '';
    list.hidden = count === 0;
    input.setAttribute('aria-expanded', String(count > 0));
  };
  const ask = async () => {
    const query = input.value;
    if (query.length < minQuery) {
      close();
      status.textContent = minQuery > 0 ? `Type at least ${minQuery} character${minQuery === 1 ? '' : 's'}` : '';
      return;
    }
    const mine = ++asked;
    status.textContent = 'Searching…';
    const viewId = ctx.modal?.viewId ?? '';
    const answer = await post('/ui/suggest', { as: me, viewId, blockId, actionId, value: query });
    if (mine !== asked) return; // a newer query is on its way
    if (answer.ok === false) {
      status.textContent = `Could not load options: ${answer.error}`;
      close();
      return;
    }
    show(answer);
  };
  input.addEventListener('input', () => {
    selected = null;
    clearTimeout(timer);
    timer = window.setTimeout(ask, 250);
  });
  // Opens on a click, as Slack's menu does (not on the modal's first focus, which would cover the next inputs).
  input.addEventListener('click', () => {
    if (list.hidden && input.value.length >= minQuery) {
      clearTimeout(timer);
      timer = window.setTimeout(ask, 50);
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
    if (e.key === 'ArrowDown' && !list.hidden) /** @type {HTMLElement|null} */ (list.querySelector('[role=option]'))?.focus();
    if (e.key === 'Enter') {
      e.preventDefault(); // never submits the modal from here
      const only = list.querySelectorAll('[role=option]');
      if (!list.hidden && only.length === 1) /** @type {HTMLElement} */ (only[0]).click();
    }
  });
  register(ctx, {
    blockId,
    actionId,
    type: 'external_select',
    get: () => ({ type: 'external_select', selected_option: selected }),
    set: (v) => {
      selected = v?.selected_option ?? null;
      input.value = selected ? plainOf(selected.text) : '';
    },
  });
  return box;
}

// ---- rich_text, as text nodes only

function renderRichText(block) {
  const out = el('div', { class: 'rich' });
  for (const part of block.elements ?? []) out.append(richPart(part));
  return out;
}

function richPart(part) {
  if (!isObject(part)) return jsonFallback(part, 'rich text part');
  switch (part.type) {
    case 'rich_text_section':
      return el('div', { class: 'rich-section' }, (part.elements ?? []).map(richInline));
    case 'rich_text_preformatted':
      return el('pre', { class: 'rich-pre' }, (part.elements ?? []).map(richInline));
    case 'rich_text_quote':
      return el('blockquote', { class: 'rich-quote' }, (part.elements ?? []).map(richInline));
    case 'rich_text_list':
      return el(part.style === 'ordered' ? 'ol' : 'ul', { class: 'rich-list' }, (part.elements ?? []).map((item) => el('li', {}, richPart(item))));
    default:
      return jsonFallback(part, `rich text part "${String(part.type)}"`);
  }
}

function richInline(e) {
  if (!isObject(e)) return jsonFallback(e, 'rich text element');
  let node;
  switch (e.type) {
    case 'text':
      node = el('span', { text: e.text ?? '' });
      break;
    case 'link':
      node = el('a', { href: e.url, target: '_blank', rel: 'noopener noreferrer', text: e.text ?? e.url });
      break;
    case 'user':
      node = el('span', { class: 'user-mention', text: `@${personName(e.user_id)}` });
      break;
    case 'channel':
      node = el('span', { class: 'channel-mention', text: `#${e.channel_id}` });
      break;
    case 'emoji':
      node = el('span', { text: e.unicode ? String.fromCodePoint(...String(e.unicode).split('-').map((h) => parseInt(h, 16))) : `:${e.name}:` });
      break;
    default:
      return jsonFallback(e, `rich text element "${String(e.type)}"`);
  }
  const s = e.style ?? {};
  if (s.code) node = el('code', {}, node);
  if (s.bold) node = el('strong', {}, node);
  if (s.italic) node = el('em', {}, node);
  if (s.strike) node = el('s', {}, node);
  return node;
}

const personName = (id) => state?.people?.find((p) => p.id === id)?.name ?? id;

// ---------------------------------------------------------------- the sidebar

function renderSidebar() {
  const switcher = /** @type {HTMLSelectElement} */ ($('person-switcher'));
  const people = state.people ?? [];
  const key = people.map((p) => `${p.id}|${p.name}|${p.title}`).join('\n');
  if (switcher.dataset.key !== key) {
    switcher.replaceChildren(...people.map((p) => el('option', { value: p.id, text: `${p.name} — ${p.title}` })));
    switcher.dataset.key = key;
  }
  switcher.value = me;
  const person = people.find((p) => p.id === me);
  $('me-title').textContent = person ? `${person.title} · ${person.locale}` : '';

  const item = (c) =>
    el(
      'button',
      {
        type: 'button',
        class: `conv${c.id === current ? ' active' : ''}${c.unread > 0 ? ' has-unread' : ''}`,
        dataset: { testid: 'conversation', channel: c.id },
        'aria-current': c.id === current ? 'page' : undefined,
        onclick: () => open(c.id),
      },
      el('span', { class: 'conv-icon', 'aria-hidden': 'true', text: c.kind === 'channel' ? '#' : '●' }),
      el('span', { class: 'conv-name', text: c.kind === 'channel' ? c.name.replace(/^#/, '') : c.name }),
      c.unread > 0 ? el('span', { class: 'badge', dataset: { testid: 'unread' }, 'aria-label': `${c.unread} unread`, text: String(c.unread) }) : null,
    );
  const conversations = state.conversations ?? [];
  $('channel-list').replaceChildren(...conversations.filter((c) => c.kind === 'channel').map(item));
  $('dm-list').replaceChildren(...conversations.filter((c) => c.kind !== 'channel').map(item));
  $('app-home').classList.toggle('active', current === 'home');
}

$('person-switcher').addEventListener('change', (e) => {
  me = /** @type {HTMLSelectElement} */ (e.target).value;
  current = localStorage.getItem(`sandbox.view.${me}`) || '';
  clearError();
  remember();
  modalKey = '';
  void refresh();
});

$('app-home').addEventListener('click', () => open('home'));

function open(view) {
  current = view;
  clearError();
  remember();
  lastMessagesKey = '';
  if (view === 'home') void post('/ui/home', { as: me }).then((a) => a.ok === false && showError(`App Home: ${a.error}`));
  if (state) render();
}

// ---------------------------------------------------------------- the conversation

let lastMessagesKey = '';
let seenPending = '';

function messageCtx(channel, ts) {
  return { source: () => ({ kind: 'message', channel, ts }), errorSink: showError };
}

function renderMain() {
  const home = current === 'home';
  $('messages').hidden = home;
  $('home').hidden = !home;
  $('composer').hidden = home;
  $('composer-hint').hidden = home;

  if (home) {
    $('conversation-title').textContent = 'App Home';
    $('conversation-sub').textContent = 'What the bot published for you';
    const key = `home|${me}|${JSON.stringify(state.home)}`;
    if (key === lastMessagesKey) return;
    lastMessagesKey = key;
    const box = $('home');
    box.replaceChildren(
      state.home
        ? renderBlocks(state.home.blocks, { source: () => ({ kind: 'home' }), errorSink: showError })
        : el('p', { class: 'empty', text: 'The bot has not published a Home tab for you yet.' }),
    );
    return;
  }

  const conv = (state.conversations ?? []).find((c) => c.id === current);
  $('conversation-title').textContent = conv ? (conv.kind === 'channel' ? `#${conv.name.replace(/^#/, '')}` : conv.name) : 'No conversation';
  $('conversation-sub').textContent = conv ? (conv.kind === 'channel' ? 'Channel' : 'Direct messages with the bot') : '';
  /** @type {HTMLInputElement} */ ($('message-box')).placeholder = conv
    ? `Message ${conv.kind === 'channel' ? `#${conv.name.replace(/^#/, '')}` : conv.name} — slash commands, e.g. /violation help`
    : 'Type a slash command';

  if (conv && conv.unread > 0 && seenPending !== `${me}|${conv.id}|${state.version}`) {
    seenPending = `${me}|${conv.id}|${state.version}`;
    void post('/ui/seen', { as: me, channel: conv.id });
  }

  const messages = state.messages?.[current] ?? [];
  const key = `${me}|${current}|${JSON.stringify(messages)}`;
  if (key === lastMessagesKey) return;
  const box = $('messages');
  const sameConversation = lastMessagesKey.startsWith(`${me}|${current}|`);
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  lastMessagesKey = key;

  if (messages.length === 0) {
    box.replaceChildren(el('p', { class: 'empty', text: conv ? 'No messages yet.' : 'Pick a conversation on the left.' }));
    return;
  }
  box.replaceChildren(...messages.map((m) => renderMessage(m)));
  if (!sameConversation || nearBottom) box.scrollTop = box.scrollHeight;
}

function renderMessage(m) {
  const bot = m.from === 'bot';
  return el(
    'article',
    { class: `message${m.ephemeral ? ' ephemeral' : ''}`, dataset: { testid: 'message', ts: m.ts, from: m.from } },
    el('div', { class: `avatar${bot ? ' avatar-bot' : ''}`, 'aria-hidden': 'true', text: (m.fromName || '?').slice(0, 1).toUpperCase() }),
    el(
      'div',
      { class: 'message-main' },
      el(
        'div',
        { class: 'message-head' },
        el('span', { class: 'sender', text: m.fromName || m.from }),
        bot ? el('span', { class: 'app-tag', text: 'APP' }) : null,
        el('time', { class: 'message-time', datetime: m.at, text: when(m.at) }),
        m.edited ? el('span', { class: 'edited', dataset: { testid: 'edited' }, text: '(edited)' }) : null,
      ),
      m.ephemeral ? el('div', { class: 'only-you', dataset: { testid: 'ephemeral' }, text: 'Only visible to you' }) : null,
      Array.isArray(m.blocks) && m.blocks.length > 0
        ? renderBlocks(m.blocks, messageCtx(current, m.ts))
        : messageText(m),
      Array.isArray(m.files) && m.files.length > 0 ? renderFiles(m.files) : null,
    ),
  );
}

/** Files shared with a message: a download link each, served by the sandbox itself (as an attachment, never shown as a page). */
function renderFiles(files) {
  return el(
    'ul',
    { class: 'message-files' },
    ...files.map((f) =>
      el(
        'li',
        { class: 'message-file', dataset: { testid: 'file' } },
        // Only the sandbox's own /files/ path is linked; anything else is shown as text.
        typeof f.url === 'string' && f.url.startsWith('/files/')
          ? el('a', { href: f.url, download: f.name, rel: 'noopener', dataset: { testid: 'file-link' }, text: f.title || f.name })
          : el('span', { text: f.title || f.name }),
        el('span', { class: 'file-meta', text: ` ${f.name} · ${Number(f.size) || 0} bytes` }),
      ),
    ),
  );
}

/** A message without blocks: its text is mrkdwn, as the server converted it (escaped); raw text only when that is missing. */
function messageText(m) {
  return textNode(typeof m.html === 'string' ? { type: 'mrkdwn', text: m.text ?? '', html: m.html } : { type: 'plain_text', text: m.text ?? '' }, 'div', 'message-text');
}

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const box = /** @type {HTMLInputElement} */ ($('message-box'));
  const line = box.value.trim();
  if (!line) return;
  if (!line.startsWith('/')) {
    showError('The sandbox takes slash commands here (try /violation help); plain messages are not sent to the bot.');
    return;
  }
  if (!current || current === 'home') {
    showError('Open a conversation first.');
    return;
  }
  clearError();
  box.disabled = true;
  try {
    const answer = await post('/ui/command', { as: me, channel: current, line });
    if (answer.ok === false) showError(`${line.split(/\s/)[0]}: ${answer.error}`);
    else box.value = '';
  } finally {
    box.disabled = false;
    box.focus();
  }
});

// ---------------------------------------------------------------- modals

let modalKey = '';
/** @type {ModalCtx | null} */
let modalCtx = null;
/** What was typed into each open view, by view id, for when it is rebuilt. */
const typedInto = new Map();

function valuesOf(ctx) {
  /** @type {Record<string, Record<string, any>>} */
  const values = {};
  for (const f of ctx?.fields ?? []) {
    (values[f.blockId] ??= {})[f.actionId] = f.get();
  }
  return values;
}

function renderModal() {
  const overlay = $('modal-overlay');
  const modals = state.modals ?? [];
  if (modals.length === 0) {
    overlay.hidden = true;
    overlay.replaceChildren();
    modalKey = '';
    modalCtx = null;
    typedInto.clear();
    return;
  }
  const top = modals[modals.length - 1];
  const view = isObject(top.view) ? top.view : {};
  // The server's hash changes when the bot replaces the view; while it holds, the form (and what is typed) stays.
  const hash = typeof top.hash === 'string' ? top.hash : typeof view.hash === 'string' ? view.hash : JSON.stringify(view);
  const key = `${me}|${top.id}|${hash}|${modals.length}`;
  if (key !== modalKey) {
    // A new view, the same view updated, or a view back on top after the one above closed: rebuild,
    // carrying over what was typed into the same inputs (block id and action id), as Slack keeps it.
    if (modalCtx) typedInto.set(modalCtx.viewId, valuesOf(modalCtx));
    for (const id of typedInto.keys()) if (!modals.some((m) => m.id === id)) typedInto.delete(id);
    buildModal(top, view, modals);
    const before = typedInto.get(top.id);
    if (before && modalCtx) {
      for (const f of modalCtx.fields) {
        const old = before[f.blockId]?.[f.actionId];
        if (old && old.type === f.type) f.set(old);
      }
    }
    modalKey = key;
  }
  showModalErrors(top.errors ?? {});
}

function buildModal(top, view, modals) {
  const overlay = $('modal-overlay');
  /** @type {ModalCtx} */
  const ctx = { viewId: top.id, fields: [], errorSlots: new Map() };
  modalCtx = ctx;
  const titleId = uid('modal-title');
  const modalError = el('div', { class: 'modal-error', role: 'alert', dataset: { testid: 'modal-error' }, hidden: true });
  const sink = (text) => {
    modalError.textContent = text;
    modalError.hidden = false;
  };
  const renderCtx = { source: () => ({ kind: 'modal', viewId: top.id, values: valuesOf(ctx) }), modal: ctx, errorSink: sink };
  const close = async () => {
    const answer = await post('/ui/close', { as: me, viewId: top.id });
    if (answer.ok === false) sink(`Close: ${answer.error}`);
  };
  const below = modals.slice(0, -1).map((m) => plainOf(m.view?.title));
  const body = el('div', { class: 'modal-body' });
  body.append(view.type === 'modal' || view.type === undefined ? renderBlocks(view.blocks, renderCtx) : jsonFallback(view, `view type "${String(view.type)}"`), modalError);
  const submitText = plainOf(view.submit);
  const submit = submitText ? el('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'modal-submit' }, text: submitText }) : null;
  const form = el(
    'form',
    { class: 'modal-form', novalidate: true },
    body,
    el('div', { class: 'dialog-foot' }, el('button', { type: 'button', class: 'btn', dataset: { testid: 'modal-close' }, text: plainOf(view.close) || 'Cancel', onclick: close }), submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!submit || submit.disabled) return;
    modalError.hidden = true;
    submit.disabled = true;
    try {
      const answer = await post('/ui/submit', { as: me, viewId: top.id, values: valuesOf(ctx) });
      if (answer.ok === false) sink(`Submit: ${answer.error}`);
      else if (isObject(answer.errors)) showModalErrors(answer.errors);
    } finally {
      submit.disabled = false;
    }
  });
  const dialog = el(
    'div',
    { class: 'dialog modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, dataset: { testid: 'modal', viewId: top.id, callbackId: view.callback_id ?? '', depth: modals.length } },
    el(
      'div',
      { class: 'dialog-head' },
      el('h2', { class: 'dialog-title', id: titleId, dataset: { testid: 'modal-title' }, text: plainOf(view.title) }),
      el('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', dataset: { testid: 'modal-x' }, text: '×', onclick: close }),
    ),
    modals.length > 1
      ? el('div', { class: 'modal-depth', dataset: { testid: 'modal-depth' }, text: `View ${modals.length} of ${modals.length} · on top of: ${below.join(' › ')}` })
      : null,
    form,
  );
  const hadFocus = overlay.contains(document.activeElement);
  overlay.replaceChildren(dialog);
  overlay.hidden = false;
  if (!hadFocus) /** @type {HTMLElement|null} */ (dialog.querySelector('input, textarea, select'))?.focus();
}

function showModalErrors(errors) {
  if (!modalCtx) return;
  const unplaced = [];
  for (const [blockId, slot] of modalCtx.errorSlots) {
    const text = errors[blockId];
    slot.textContent = text ?? '';
    slot.hidden = !text;
    slot.closest('.b-input')?.classList.toggle('invalid', Boolean(text));
  }
  for (const [blockId, text] of Object.entries(errors)) if (!modalCtx.errorSlots.has(blockId)) unplaced.push(`${blockId}: ${text}`);
  const general = /** @type {HTMLElement|null} */ ($('modal-overlay').querySelector('[data-testid=modal-error]'));
  if (general && unplaced.length > 0) {
    general.textContent = unplaced.join('\n');
    general.hidden = false;
  }
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('modal-overlay').hidden && $('confirm-overlay').hidden) {
    /** @type {HTMLElement|null} */ ($('modal-overlay').querySelector('[data-testid=modal-x]'))?.click();
  }
});

// ---------------------------------------------------------------- the clock

function renderClock() {
  const c = state.clock;
  if (!c) return;
  $('clock-now').textContent = when(c.now, fmtDateTime);
  $('clock-day').textContent = `${c.today} · ${c.workingDay ? 'working day' : 'not a working day'}`;
  $('clock-day').classList.toggle('off-day', !c.workingDay);
  $('clock-next-deadline').textContent = c.nextDeadline
    ? `Next deadline: ${String(c.nextDeadline.kind).replace(/_/g, ' ')}${c.nextDeadline.caseId ? ` of ${c.nextDeadline.caseId}` : ''}, ${when(c.nextDeadline.dueAt)}`
    : 'No deadline pending';
  /** @type {HTMLButtonElement} */ ($('clock-advance-next')).disabled = !c.nextDeadline;
}

async function clockCall(body, button) {
  clearError();
  button.disabled = true;
  try {
    const answer = await post('/ui/clock', body);
    if (answer.ok === false) showError(`Clock: ${answer.error}`);
  } finally {
    button.disabled = false;
    if (state) renderClock();
  }
}

$('clock-advance-next').addEventListener('click', (e) => clockCall({ advance: 'next-deadline' }, e.currentTarget));
$('clock-advance-days').addEventListener('click', (e) => {
  const days = Number(/** @type {HTMLInputElement} */ ($('clock-days-input')).value);
  if (!Number.isInteger(days) || days < 1) {
    showError('Advance by a whole number of working days (1 or more).');
    return;
  }
  void clockCall({ advance: 'working-days', days }, e.currentTarget);
});
$('reset-demo').addEventListener('click', async (e) => {
  if (!confirm('Reset the demo? Every case, message and the clock go back to their first state.')) return;
  const button = /** @type {HTMLButtonElement} */ (e.currentTarget);
  button.disabled = true;
  try {
    const answer = await post('/ui/reset', {});
    if (answer.ok === false) showError(`Reset: ${answer.error}`);
    else {
      selectedCase = '';
      lastMessagesKey = '';
      modalKey = '';
    }
  } finally {
    button.disabled = false;
  }
});

// ---------------------------------------------------------------- the case file panel

let selectedCase = '';
let casesBusy = false;
let casesAgain = false;

async function refreshCases() {
  if (casesBusy) {
    casesAgain = true;
    return;
  }
  casesBusy = true;
  try {
    do {
      casesAgain = false;
      await loadCases();
    } while (casesAgain);
  } finally {
    casesBusy = false;
  }
}

async function loadCases() {
  const listBox = $('case-list');
  let list;
  try {
    list = await getJson('/ui/cases');
  } catch (e) {
    listBox.replaceChildren(el('p', { class: 'panel-error', text: `Could not load the cases: ${e instanceof Error ? e.message : String(e)}` }));
    return;
  }
  const cases = Array.isArray(list) ? list : Array.isArray(list?.cases) ? list.cases : [];
  listBox.replaceChildren(
    cases.length === 0
      ? el('p', { class: 'empty', text: 'No cases yet.' })
      : el(
          'ul',
          { class: 'cases' },
          cases.map((c) =>
            el(
              'li',
              {},
              el(
                'button',
                {
                  type: 'button',
                  class: `case-item${c.id === selectedCase ? ' active' : ''}`,
                  dataset: { testid: 'case-item', caseId: c.id },
                  onclick: () => {
                    selectedCase = c.id;
                    void refreshCases();
                  },
                },
                el('span', { class: 'case-id', text: c.id }),
                el('span', { class: 'case-state', text: c.state }),
                el('span', { class: 'case-meta', text: `${c.partner} · ${c.item}` }),
              ),
            ),
          ),
        ),
  );
  const fileBox = $('case-file');
  if (!selectedCase) {
    fileBox.replaceChildren(el('p', { class: 'empty', text: cases.length ? 'Pick a case to see its file.' : '' }));
    return;
  }
  let file;
  try {
    file = await getJson(`/ui/cases/${encodeURIComponent(selectedCase)}`);
  } catch (e) {
    fileBox.replaceChildren(el('p', { class: 'panel-error', text: `Could not load ${selectedCase}: ${e instanceof Error ? e.message : String(e)}` }));
    return;
  }
  if (isObject(file?.case)) file = file.case;
  fileBox.replaceChildren(renderCaseFile(file));
}

/** Rule ids (R-REPLY, R-P1 …) stand out; built from text nodes only. */
function withRuleIds(line) {
  const node = el('span');
  const parts = String(line).split(/(\bR-[A-Z0-9][A-Z0-9-]*\b)/);
  parts.forEach((part, i) => node.append(i % 2 === 1 ? el('code', { class: 'rule-id', text: part }) : document.createTextNode(part)));
  return node;
}

function renderCaseFile(file) {
  if (!isObject(file)) return jsonFallback(file, 'case file');
  return el(
    'div',
    { dataset: { testid: 'case-file-view', caseId: file.id } },
    el('h3', { class: 'case-file-title', text: file.id }),
    el(
      'dl',
      { class: 'summary', dataset: { testid: 'case-summary' } },
      (file.summary ?? []).flatMap((s) => [el('dt', { text: s.label }), el('dd', { text: s.value })]),
    ),
    el('h4', { text: 'Explanation' }),
    (file.explanation ?? []).length === 0
      ? el('p', { class: 'muted small', text: 'No determination yet.' })
      : el(
          'ul',
          { class: 'explanation', dataset: { testid: 'case-explanation' } },
          // A line that does not start with a bullet and ends in ':' (or stands alone before bullets) reads as a heading.
          file.explanation.map((line) => el('li', { class: /^[^•].*:$/.test(line) ? 'heading' : '' }, withRuleIds(line))),
        ),
    el('h4', { text: 'Audit trail' }),
    el(
      'table',
      { class: 'audit', dataset: { testid: 'case-audit' } },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'When · who' }), el('th', { scope: 'col', text: 'What' }))),
      el(
        'tbody',
        {},
        (file.audit ?? []).map((a) =>
          el(
            'tr',
            { dataset: { testid: 'audit-row' } },
            el('td', { class: 'audit-when' }, el('div', { class: 'nowrap', text: when(a.at) }), el('div', { class: 'audit-actor', text: a.actor })),
            el(
              'td',
              {},
              el('div', { class: 'audit-action', dataset: { testid: 'audit-action' }, text: a.action }),
              a.detail ? el('div', { class: 'audit-detail' }, withRuleIds(a.detail)) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

$('cases-refresh').addEventListener('click', () => void refreshCases());

// ---------------------------------------------------------------- state and live updates

let refreshing = false;
let refreshAgain = false;
let refreshTimer = 0;

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void refresh(), 30);
}

async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      await loadState();
    } while (refreshAgain);
  } finally {
    refreshing = false;
  }
}

async function loadState() {
  const asked = me;
  let next;
  try {
    next = await getJson(`/ui/state?as=${encodeURIComponent(asked)}`);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/no such person/.test(why) && asked !== DEFAULT_PERSON) {
      // A stale choice (an old link or localStorage): show the default person instead.
      me = DEFAULT_PERSON;
      current = '';
      remember();
      refreshAgain = true;
      return;
    }
    showError(`Could not load the sandbox state: ${why}`);
    return;
  }
  if (asked !== me) return; // the person switched meanwhile; their own fetch follows
  if (!me || !next.people?.some((p) => p.id === me)) {
    // No (or an unknown) person chosen: take the first one.
    me = next.me || next.people?.[0]?.id || '';
    if (me !== asked) {
      remember();
      refreshAgain = true;
      return;
    }
  }
  state = next;
  const ids = (state.conversations ?? []).map((c) => c.id);
  if (current !== 'home' && !ids.includes(current)) {
    current = ids[0] ?? 'home';
    remember();
    if (current === 'home') void post('/ui/home', { as: me });
  }
  render();
}

function render() {
  document.body.dataset.me = me;
  document.body.dataset.version = String(state.version ?? '');
  renderSidebar();
  renderMain();
  renderModal();
  renderClock();
  renderProblems(state.problems);
}

function connect() {
  const live = $('live');
  const source = new EventSource('/ui/events');
  source.addEventListener('open', () => {
    live.classList.add('on');
    live.title = 'Live updates: connected';
    scheduleRefresh();
  });
  source.addEventListener('message', () => {
    scheduleRefresh();
    void refreshCases();
  });
  source.addEventListener('error', () => {
    live.classList.remove('on');
    live.title = 'Live updates: reconnecting…';
  });
}

remember();
void refresh().then(() => {
  if (current === 'home') void post('/ui/home', { as: me });
});
void refreshCases();
connect();
