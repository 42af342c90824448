import { translator, type Locale } from '../../messages/i18n.ts';

/**
 * The H5 partner picker's page (issue 12): static HTML in the reader's
 * language and one script (PICKER_SCRIPT, served beside it) that signs in
 * with DingTalk's JSAPI, searches on the server and sends the choice back.
 * Everything shown from data is set as text (textContent), never as HTML;
 * the few values the page needs are a JSON island escaped for HTML. Nothing
 * secret is in it: the corpId and the app's Client ID are what the JSAPI
 * asks for, and the card token is signed, not secret.
 */
export interface PickerPageInput {
  locale: Locale;
  corpId: string;
  clientId: string;
  /** The card link token from the card's URL, echoed for sign-in. */
  card: string;
  /** DingTalk's JSAPI script (DINGTALK_JSAPI_URL). */
  jsapiUrl: string;
}

const TEXTS = ['signingIn', 'none', 'previous', 'next', 'page', 'chosen', 'choose', 'notInDingTalk', 'signInFailed', 'notYourCard', 'expired', 'notReporter', 'notChoosable', 'failed'] as const;

export function pickerPage(input: PickerPageInput): string {
  const t = translator(input.locale);
  const config = {
    corpId: input.corpId,
    clientId: input.clientId,
    card: input.card,
    lang: input.locale,
    texts: Object.fromEntries(TEXTS.map((k) => [k, t(`dingtalkH5.${k}`)])),
  };
  return `<!doctype html>
<html lang="${escapeHtml(input.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(t('dingtalkH5.title'))}</title>
<style>
body{font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:12px;color:#171a1d;background:#f2f2f6}
h1{font-size:17px;margin:4px 0 12px}
form{display:flex;gap:8px;margin-bottom:12px}
input{flex:1;padding:8px;border:1px solid #ccc;border-radius:6px;font-size:15px}
button{padding:8px 12px;border:0;border-radius:6px;background:#0089ff;color:#fff;font-size:15px}
button[disabled]{background:#9cc9f5}
ul{list-style:none;margin:0;padding:0}
li{display:flex;justify-content:space-between;align-items:center;gap:8px;background:#fff;border-radius:6px;padding:8px 10px;margin-bottom:6px}
#status{margin:8px 0;color:#5f6368}
#status.error{color:#d93026}
#pager{display:flex;justify-content:space-between;align-items:center;margin-top:8px}
</style>
</head>
<body>
<h1>${escapeHtml(t('dingtalkH5.title'))}</h1>
<form id="search" hidden>
<input id="q" name="q" type="search" autocomplete="off" maxlength="100" aria-label="${escapeHtml(t('dingtalkH5.search'))}" placeholder="${escapeHtml(t('dingtalkH5.search'))}">
<button id="go" type="submit">${escapeHtml(t('dingtalkH5.searchButton'))}</button>
</form>
<p id="status" role="status"></p>
<ul id="results"></ul>
<div id="pager" hidden><button id="prev" type="button"></button><span id="pageNo"></span><button id="next" type="button"></button></div>
<script type="application/json" id="config">${jsonForHtml(config)}</script>
<script src="${escapeHtml(input.jsapiUrl)}"></script>
<script src="partners.js"></script>
</body>
</html>
`;
}

/** The page's Content-Security-Policy: its own script and DingTalk's JSAPI, requests to the bot only. */
export function pickerPagePolicy(jsapiUrl: string): string {
  const jsapiOrigin = new URL(jsapiUrl).origin;
  return `default-src 'none'; script-src 'self' ${jsapiOrigin}; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close its <script> element or open a comment: <, >, & and the line separators as \\u escapes. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The page's script. Plain ES2017 (DingTalk's in-app browser): sign in
 * (requestAuthCode → POST session), search (GET partners/search), choose
 * (POST partners/choose). Paths are relative to the page, so the bot may sit
 * under a path prefix.
 */
export const PICKER_SCRIPT = `(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('config').textContent);
  var T = cfg.texts;
  var session = null;
  var query = '';
  var page = 1;
  var status = document.getElementById('status');
  var results = document.getElementById('results');
  var pager = document.getElementById('pager');
  var form = document.getElementById('search');

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  function refusal(body) {
    return (body && body.error && T[body.error]) || T.failed;
  }
  function call(method, path, body) {
    var headers = { 'content-type': 'application/json' };
    if (session) headers.authorization = 'Bearer ' + session;
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit' })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (!res.ok) throw new Error(refusal(json));
          return json;
        });
      });
  }

  function show(list) {
    results.textContent = '';
    list.partners.forEach(function (p) {
      var li = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = p.name + ' (' + p.id + ')';
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = T.choose;
      b.setAttribute('data-partner', p.id);
      b.addEventListener('click', function () { choose(p); });
      li.appendChild(label);
      li.appendChild(b);
      results.appendChild(li);
    });
    say(list.partners.length === 0 ? T.none : '', false);
    pager.hidden = list.page === 1 && !list.more;
    var prev = document.getElementById('prev');
    var next = document.getElementById('next');
    prev.textContent = T.previous;
    next.textContent = T.next;
    prev.disabled = list.page <= 1;
    next.disabled = !list.more;
    document.getElementById('pageNo').textContent = T.page.replace('{{page}}', String(list.page));
  }

  function search(p) {
    page = p;
    return call('GET', 'partners/search?q=' + encodeURIComponent(query) + '&page=' + p)
      .then(show)
      .catch(function (e) { say(e.message, true); });
  }

  function choose(p) {
    Array.prototype.forEach.call(results.querySelectorAll('button'), function (b) { b.disabled = true; });
    call('POST', 'partners/choose', { partnerId: p.id, lang: cfg.lang })
      .then(function (r) {
        results.textContent = '';
        pager.hidden = true;
        say(T.chosen.replace('{{partner}}', r.chosen.name + ' (' + r.chosen.id + ')'), false);
        document.body.setAttribute('data-chosen', r.chosen.id);
      })
      .catch(function (e) {
        say(e.message, true);
        Array.prototype.forEach.call(results.querySelectorAll('button'), function (b) { b.disabled = false; });
      });
  }

  function signIn(code) {
    call('POST', 'session', { code: code, card: cfg.card, lang: cfg.lang })
      .then(function (r) {
        session = r.session;
        form.hidden = false;
        document.body.setAttribute('data-signed-in', 'yes');
        return search(1);
      })
      .catch(function (e) { say(e.message, true); });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    query = document.getElementById('q').value;
    search(1);
  });
  document.getElementById('prev').addEventListener('click', function () { search(page - 1); });
  document.getElementById('next').addEventListener('click', function () { search(page + 1); });

  if (!window.dd || !dd.runtime || !dd.runtime.permission) {
    say(T.notInDingTalk, true);
    return;
  }
  say(T.signingIn, false);
  dd.ready(function () {
    dd.runtime.permission.requestAuthCode({
      corpId: cfg.corpId,
      clientId: cfg.clientId,
      onSuccess: function (r) { signIn(r.code); },
      onFail: function () { say(T.signInFailed, true); }
    });
  });
})();
`;
