import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/slack-config.ts';
import { dingtalkConfigured, dingtalkIntended, loadDingTalkConfig } from '../../src/config/dingtalk-config.ts';
import { MAX_SKEW_MS, dingtalkSign, verifyDingTalkCallback } from '../../src/dingtalk/callback-signature.ts';
import { parseDingTalkCommand } from '../../src/dingtalk/command-parser.ts';
import { escapeDingTalkMarkdown, mentionsEveryone } from '../../src/dingtalk/markdown.ts';
import { signedCallbackHeaders } from '../support/fake-dingtalk.ts';

describe('escapeDingTalkMarkdown (user text in DingTalk markdown)', () => {
  it('leaves plain text of both languages alone', () => {
    expect(escapeDingTalkMarkdown('伙伴 Acme 违规')).toBe('伙伴 Acme 违规');
  });
  it('makes markdown and HTML inert: headings, emphasis, links, images, font tags, lists', () => {
    expect(escapeDingTalkMarkdown('# big *bold* [x](http://e.vil) ![i](p.png)')).toBe('\\# big \\*bold\\* \\[x\\]\\(http://e\\.vil\\) \\!\\[i\\]\\(p\\.png\\)');
    expect(escapeDingTalkMarkdown('<font color=red>x</font> & co')).toBe('&lt;font color=red&gt;x&lt;/font&gt; &amp; co');
    expect(escapeDingTalkMarkdown('a\n- item\r\n> quote')).toBe('a \\- item &gt; quote');
  });
  it('never lets user text @all: a zero-width space follows the @', () => {
    const out = escapeDingTalkMarkdown('hi @all and ＠所有人 and @ALL');
    expect(out).toBe('hi @\u200Ball and ＠\u200B所有人 and @\u200BALL');
    expect(mentionsEveryone({ text: out })).toBe(false);
    expect(mentionsEveryone({ text: 'hi @all' })).toBe(true);
    expect(mentionsEveryone({ at: { isAtAll: true } })).toBe(true);
    expect(mentionsEveryone({ text: 'mail me at a@b.com' })).toBe(false);
  });
});

describe('parseDingTalkCommand (no slash commands in DingTalk)', () => {
  const cases: [string, unknown][] = [
    ['违规 上报', { kind: 'report', typedIn: 'zh-CN' }],
    ['违规上报', { kind: 'report', typedIn: 'zh-CN' }],
    ['violation report', { kind: 'report', typedIn: 'en' }],
    ['Violation   REPORT', { kind: 'report', typedIn: 'en' }],
    ['违规 列表', { kind: 'list', typedIn: 'zh-CN' }],
    ['violation list', { kind: 'list', typedIn: 'en' }],
    ['违规 查看 V-000001', { kind: 'show', caseId: 'V-000001', typedIn: 'zh-CN' }],
    ['violation show v-000042', { kind: 'show', caseId: 'V-000042', typedIn: 'en' }],
    ['伙伴 状态 P001', { kind: 'partner-status', partnerId: 'P001', typedIn: 'zh-CN' }],
    ['partner status P001', { kind: 'partner-status', partnerId: 'P001', typedIn: 'en' }],
    ['语言 en', { kind: 'language', locale: 'en', typedIn: 'zh-CN' }],
    ['语言 中文', { kind: 'language', locale: 'zh-CN', typedIn: 'zh-CN' }],
    ['language zh-CN', { kind: 'language', locale: 'zh-CN', typedIn: 'en' }],
    ['language EN', { kind: 'language', locale: 'en', typedIn: 'en' }],
    // The @mention of the robot in a group, full-width spaces and ＠.
    ['@违规机器人 违规 上报', { kind: 'report', typedIn: 'zh-CN' }],
    ['＠Bot\u3000violation\u3000list', { kind: 'list', typedIn: 'en' }],
    ['帮助', { kind: 'help', reason: 'asked', typedIn: 'zh-CN' }],
    ['help', { kind: 'help', reason: 'asked', typedIn: 'en' }],
    ['你好', { kind: 'help', reason: 'unknown', typedIn: 'zh-CN' }],
    ['hello there', { kind: 'help', reason: 'unknown', typedIn: 'en' }],
    ['', { kind: 'help', reason: 'unknown', typedIn: 'en' }],
    ['违规 查看', { kind: 'help', reason: 'missing-argument', command: 'show', typedIn: 'zh-CN' }],
    ['violation show 42', { kind: 'help', reason: 'bad-argument', command: 'show', typedIn: 'en' }],
    ['伙伴 状态', { kind: 'help', reason: 'missing-argument', command: 'partner-status', typedIn: 'zh-CN' }],
    ['partner status P 1', { kind: 'help', reason: 'bad-argument', command: 'partner-status', typedIn: 'en' }],
    ['language fr', { kind: 'help', reason: 'bad-argument', command: 'language', typedIn: 'en' }],
    ['violation reports', { kind: 'help', reason: 'unknown', typedIn: 'en' }],
    // R-COMPLAINT: the first `|` ends the subject; a partner is named only with `#`, so a subject's first word is never taken for one.
    ['伙伴 投诉 返利延迟 | 晚了 5 周', { kind: 'complaint', subject: '返利延迟', text: '晚了 5 周', typedIn: 'zh-CN' }],
    ['伙伴投诉 返利延迟｜晚了', { kind: 'complaint', subject: '返利延迟', text: '晚了', typedIn: 'zh-CN' }],
    ['partner complaint Billing error | Invoice 7 | twice', { kind: 'complaint', subject: 'Billing error', text: 'Invoice 7 | twice', typedIn: 'en' }],
    ['Partner Complaint P001 late | text', { kind: 'complaint', subject: 'P001 late', text: 'text', typedIn: 'en' }],
    ['partner complaint #P001 Late | text', { kind: 'complaint', partnerId: 'P001', subject: 'Late', text: 'text', typedIn: 'en' }],
    ['伙伴 投诉 ＃P2 迟到 | 内容', { kind: 'complaint', partnerId: 'P2', subject: '迟到', text: '内容', typedIn: 'zh-CN' }],
    // The text keeps its paragraphs; the subject is one line.
    ['@Bot partner complaint Late\n rebate |\r\n First line.  \n\nSecond\u3000line. ', { kind: 'complaint', subject: 'Late rebate', text: 'First line.\n\nSecond line.', typedIn: 'en' }],
    ['partner complaint Late |', { kind: 'complaint', subject: 'Late', text: '', typedIn: 'en' }],
    ['伙伴 投诉', { kind: 'help', reason: 'missing-argument', command: 'complaint', typedIn: 'zh-CN' }],
    ['partner complaint no bar here', { kind: 'help', reason: 'missing-argument', command: 'complaint', typedIn: 'en' }],
    ['partner complaint #P?1 Late | text', { kind: 'help', reason: 'bad-argument', command: 'complaint', typedIn: 'en' }],
    ['partner complaints Late | text', { kind: 'help', reason: 'unknown', typedIn: 'en' }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parseDingTalkCommand(text)).toEqual(expected);
  });
});

describe('verifyDingTalkCallback (HTTP callback mode)', () => {
  const secret = 'app-secret-for-tests';
  const now = Date.UTC(2026, 4, 1, 4, 0, 0);

  it('accepts DingTalk’s signature: Base64(HmacSHA256(secret, timestamp\\nsecret))', () => {
    // Computed independently: printf '1777608000000\napp-secret-for-tests' | openssl dgst -sha256 -hmac 'app-secret-for-tests' -binary | base64
    expect(dingtalkSign('1777608000000', secret)).toBe('N6qIIXkgV9qlYApmlFWk6HodtnROaksYcSRNsIZ06MQ=');
    expect(verifyDingTalkCallback(signedCallbackHeaders(secret, now), secret, now)).toEqual({ ok: true });
    expect(verifyDingTalkCallback(signedCallbackHeaders(secret, now - MAX_SKEW_MS), secret, now)).toEqual({ ok: true });
  });
  it('refuses a wrong signature, another secret, a stale or future timestamp, missing headers', () => {
    const h = signedCallbackHeaders(secret, now);
    expect(verifyDingTalkCallback({ ...h, sign: h.sign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, secret, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyDingTalkCallback(signedCallbackHeaders('other-secret', now), secret, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyDingTalkCallback({ ...h, sign: 'short' }, secret, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyDingTalkCallback(signedCallbackHeaders(secret, now - MAX_SKEW_MS - 1), secret, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyDingTalkCallback(signedCallbackHeaders(secret, now + MAX_SKEW_MS + 1), secret, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyDingTalkCallback({ sign: h.sign }, secret, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyDingTalkCallback({ timestamp: 'yesterday', sign: h.sign }, secret, now)).toEqual({ ok: false, reason: 'bad-timestamp' });
  });
});

describe('loadDingTalkConfig', () => {
  const full = {
    DINGTALK_CLIENT_ID: 'dingabc',
    DINGTALK_CLIENT_SECRET: 'secret',
    DINGTALK_ROBOT_CODE: 'dingabc',
    DINGTALK_APPROVALS_CONVERSATION: 'cidApprovals==',
    DINGTALK_NOTICES_CONVERSATION: 'cidNotices==',
  };
  it('reads the fixed names with their defaults (stream, DingTalk’s API, stream URL = API URL)', () => {
    expect(loadDingTalkConfig(full)).toEqual({
      clientId: 'dingabc',
      clientSecret: 'secret',
      robotCode: 'dingabc',
      mode: 'stream',
      apiUrl: 'https://api.dingtalk.com',
      streamUrl: 'https://api.dingtalk.com',
      conversations: { approvals: 'cidApprovals==', notices: 'cidNotices==' },
      cardTemplateId: undefined,
      defaultLocale: 'zh-CN',
      reportCardTemplateId: null,
    });
    expect(loadDingTalkConfig({ ...full, DINGTALK_CARD_TEMPLATE_ID: 'tpl.abc-1', DEFAULT_LOCALE: 'en' })).toMatchObject({ cardTemplateId: 'tpl.abc-1', defaultLocale: 'en' });
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_CARD_TEMPLATE_ID: 'a b' })).toThrow(/^DINGTALK_CARD_TEMPLATE_ID must be a card template id/);
    expect(loadDingTalkConfig({ ...full, DINGTALK_REPORT_CARD_TEMPLATE_ID: ' tpl.report.v1 ' }).reportCardTemplateId).toBe('tpl.report.v1');
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_REPORT_CARD_TEMPLATE_ID: 'tpl report' })).toThrow(/DINGTALK_REPORT_CARD_TEMPLATE_ID must be the card template id/);
    // http mode: the callbackRouteKey registered for POST /dingtalk/events, so card clicks come back there.
    expect(loadDingTalkConfig({ ...full, DINGTALK_MODE: 'http', DINGTALK_CARD_CALLBACK_ROUTE_KEY: 'violation-bot' }).cardCallbackRouteKey).toBe('violation-bot');
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_CARD_CALLBACK_ROUTE_KEY: 'a b' })).toThrow(/^DINGTALK_CARD_CALLBACK_ROUTE_KEY must be the card callback route key/);
    const c = loadDingTalkConfig({ ...full, DINGTALK_MODE: 'http', DINGTALK_API_URL: 'http://127.0.0.1:9999/', DINGTALK_STREAM_URL: 'http://127.0.0.1:8888' });
    expect([c.mode, c.apiUrl, c.streamUrl]).toEqual(['http', 'http://127.0.0.1:9999', 'http://127.0.0.1:8888']);
  });
  it('"configured" means id, secret and robot code; a missing one is named', () => {
    expect(dingtalkConfigured(full)).toBe(true);
    expect(dingtalkConfigured({ ...full, DINGTALK_ROBOT_CODE: ' ' })).toBe(false);
    expect(dingtalkIntended({ DINGTALK_CLIENT_ID: 'x' })).toBe(true);
    expect(dingtalkIntended({})).toBe(false);
    for (const name of ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE', 'DINGTALK_NOTICES_CONVERSATION'] as const) {
      const env: Record<string, string> = { ...full };
      delete env[name];
      expect(() => loadDingTalkConfig(env)).toThrow(ConfigError);
      expect(() => loadDingTalkConfig(env)).toThrow(new RegExp(`^${name} is missing: `));
    }
  });
  it('names a malformed value and how to fix it', () => {
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_MODE: 'webhook' })).toThrow(/^DINGTALK_MODE must be stream or http: /);
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_API_URL: 'ftp://x' })).toThrow(/^DINGTALK_API_URL must be an http\(s\) URL: /);
    expect(() => loadDingTalkConfig({ ...full, DINGTALK_APPROVALS_CONVERSATION: 'Approvals group' })).toThrow(/^DINGTALK_APPROVALS_CONVERSATION must be an open conversation id starting with cid/);
  });
});
