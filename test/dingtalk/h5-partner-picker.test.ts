// Issue 12: where the report card's SELECT cannot hold every partner (more
// than CARD_PARTNER_LIMIT), the card links to an H5 page on the bot's PORT:
// DingTalk's silent login (a one-time auth code → userId through
// topapi/v2/user/getuserinfo), a server-side search, paged, and the choice
// sent back to the card (PUT /v1.0/card/instances); the report is then filed
// from the card for the chosen partner. Real HTTP to the bot and to the fake
// DingTalk, on both back ends.
import { afterEach, expect, it } from 'vitest';
import { CARD_PARTNER_LIMIT } from '../../src/dingtalk/handlers/report-card.ts';
import { AuthCodeExchange, USER_BY_CODE_API } from '../../src/dingtalk/h5/auth-code.ts';
import { cardLinkToken } from '../../src/dingtalk/h5/partner-picker.ts';
import { DingTalkOpenApi } from '../../src/dingtalk/openapi-client.ts';
import { countRows } from '../slack/e2e/harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { DT, outcomeOfCard, startDingTalkBot } from './support/dingtalk-bot.ts';
import { CORP_ID, EVIL, reportCardOf, startPickerWorld, type PickerWorld } from './support/picker-world.ts';

const CARD_UPDATE = 'PUT card/instances';
const FORM = { item: 'SVC-09', occurred_on: '2026-05-20', facts: 'Late service on ticket 42', links: ['https://example.com/proof/1'] };

async function post(url: string, body: unknown, session?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function get(url: string, session?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { headers: session ? { authorization: `Bearer ${session}` } : {} });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const cardParam = (link: string): string => new URL(link).searchParams.get('card')!;

describeEachBackend('the DingTalk H5 partner picker (issue 12, R-EVIDENCE)', (getDb) => {
  let world: PickerWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('with 250 partners the card links to the page; a search finds P0249, choosing it updates the card, and the report is filed for P0249', async () => {
    world = await startPickerWorld(getDb());
    const { bot, url } = world;
    const card = await reportCardOf(bot, DT.officer);
    expect(JSON.parse(card.params.partnerOptions!)).toHaveLength(CARD_PARTNER_LIMIT);
    const link = card.params.partnerPickerUrl!;
    expect(link.startsWith(`${url}/dingtalk/h5/partners?card=`)).toBe(true);
    expect(link).toContain('lang=en');
    expect(card.params.partnerPickerLabel).toBe('Search partners');

    // The page: its language, the JSAPI it needs, no secret, a strict policy.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Choose the partner reported');
    expect(html).toContain(CORP_ID);
    expect(html).toContain(`src="${world.jsapiUrl}"`);
    expect(html).not.toContain(bot.fake.clientSecret);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' http://127.0.0.1:");
    expect((await fetch(`${url}/dingtalk/h5/partners.js`)).headers.get('content-type')).toContain('javascript');

    // Silent login: the code DingTalk gave the officer's page becomes their userId.
    const code = bot.fake.issueAuthCode(DT.officer);
    const signedIn = await post(`${url}/dingtalk/h5/session`, { code, card: cardParam(link), lang: 'en' });
    expect(signedIn.status).toBe(200);
    const session = signedIn.json.session as string;
    expect(bot.fake.delivered(USER_BY_CODE_API)).toHaveLength(1);

    const found = await get(`${url}/dingtalk/h5/partners/search?q=P0249&page=1&lang=en`, session);
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ partners: [{ id: 'P0249', name: 'Acme P0249' }], page: 1, more: false });
    // Paged: 20 a page, and whether there is a next one.
    const second = await get(`${url}/dingtalk/h5/partners/search?q=Acme&page=2`, session);
    expect((second.json.partners as unknown[]).length).toBe(20);
    expect(second.json).toMatchObject({ page: 2, more: true });

    const chosen = await post(`${url}/dingtalk/h5/partners/choose`, { partnerId: 'P0249', lang: 'en' }, session);
    expect(chosen).toEqual({ status: 200, json: { chosen: { id: 'P0249', name: 'Acme P0249' } } });
    const update = bot.fake.delivered(CARD_UPDATE).at(-1)!;
    expect(update.body.outTrackId).toBe(card.outTrackId);
    const vars = (update.body.cardData as { cardParamMap: Record<string, string> }).cardParamMap;
    expect(vars.partner).toBe('P0249');
    expect(JSON.parse(vars.partnerOptions!)).toEqual([{ value: 'P0249', text: 'Acme P0249 (P0249)' }]);
    expect(vars.partnerPickerHint).toContain('Acme P0249 (P0249)');

    // The card's form now holds P0249: filing it files the report for P0249.
    const filed = await bot.click(DT.officer, 'reportSubmit', { ...FORM, partner: { value: 'P0249', text: 'Acme P0249 (P0249)' } }, { outTrackId: card.outTrackId });
    expect(outcomeOfCard(filed).outcome).toBe('filed');
    expect(await countRows(bot.w.db, 'cases', `partner_id = 'P0249'`)).toBe(1);
  });

  it('a forged, reused or someone else’s auth code is refused, and nothing is changed', async () => {
    world = await startPickerWorld(getDb());
    const { bot, url } = world;
    const card = await reportCardOf(bot, DT.officer, '违规 上报');
    const linkToken = cardParam(card.params.partnerPickerUrl!);
    expect(card.params.partnerPickerLabel).toBe('搜索合作伙伴');

    const forged = await post(`${url}/dingtalk/h5/session`, { code: 'forged0123456789', card: linkToken });
    expect(forged.status).toBe(401);
    expect(forged.json).toMatchObject({ error: 'signInFailed' });
    expect(String(forged.json.message)).toContain('登录失败');

    const code = bot.fake.issueAuthCode(DT.officer);
    expect((await post(`${url}/dingtalk/h5/session`, { code, card: linkToken })).status).toBe(200);
    const reused = await post(`${url}/dingtalk/h5/session`, { code, card: linkToken });
    expect(reused).toMatchObject({ status: 401, json: { error: 'signInFailed' } });
    // Refused here before DingTalk was asked again; DingTalk refuses a used code too.
    expect(bot.fake.calls.filter((c) => c.api === USER_BY_CODE_API)).toHaveLength(2);
    const atDingTalk = await new AuthCodeExchange({ oapiUrl: bot.fake.url, api: new DingTalkOpenApi({ baseUrl: bot.fake.url, clientId: bot.fake.clientId, clientSecret: bot.fake.clientSecret }) }).userIdOf(code).catch((e: Error) => e.message);
    expect(atDingTalk).toContain('40078');

    // The officer's link opened by another person (signed in as themselves) is not theirs.
    const other = await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.approver), card: linkToken, lang: 'en' });
    expect(other).toMatchObject({ status: 403, json: { error: 'notYourCard' } });
    // A tampered link or session token.
    expect((await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.officer), card: `${linkToken.slice(0, -2)}xx` })).json.error).toBe('expired');
    expect((await get(`${url}/dingtalk/h5/partners/search?q=P`, 'not-a-session')).status).toBe(401);
    expect((await post(`${url}/dingtalk/h5/partners/choose`, { partnerId: 'P0001' })).status).toBe(401);
    expect(bot.fake.delivered(CARD_UPDATE)).toHaveLength(0);
  });

  it('an app token DingTalk no longer takes is replaced, and the same code then signs in', async () => {
    world = await startPickerWorld(getDb());
    const { bot, url } = world;
    const card = await reportCardOf(bot, DT.officer);
    const linkToken = cardParam(card.params.partnerPickerUrl!);
    // A first sign-in fetches the picker's app token; then every token DingTalk issued stops working.
    expect((await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.officer), card: linkToken })).status).toBe(200);
    const issued = bot.fake.tokensIssued();
    bot.fake.expireTokens();
    expect((await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.officer), card: linkToken })).status).toBe(200);
    expect(bot.fake.tokensIssued()).toBe(issued + 1);
    expect(bot.fake.calls.filter((c) => c.api === USER_BY_CODE_API).map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it('R-EVIDENCE: only a reporter lists partners; a partner’s contact never sees or picks their own', async () => {
    world = await startPickerWorld(getDb());
    const { bot, url } = world;
    const now = bot.w.clock.now().getTime();
    // An approver may not report: a link made for them (as if) still lists nothing.
    const approverLink = cardLinkToken(bot.fake.clientSecret, DT.approver, 'report.x.1', now);
    const refused = await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.approver), card: approverLink, lang: 'en' });
    expect(refused).toMatchObject({ status: 403, json: { error: 'notReporter' } });
    expect(String(refused.json.message)).toContain('R-EVIDENCE');

    // The contact of P2 reports another partner: P2 is never offered nor taken.
    const card = await reportCardOf(bot, DT.otherContact);
    expect(card.params.partnerPickerUrl).not.toBe('');
    const session = (await post(`${url}/dingtalk/h5/session`, { code: bot.fake.issueAuthCode(DT.otherContact), card: cardParam(card.params.partnerPickerUrl!) })).json.session as string;
    const own = await get(`${url}/dingtalk/h5/partners/search?q=P2`, session);
    expect((own.json.partners as { id: string }[]).map((p) => p.id)).not.toContain('P2');
    const pickOwn = await post(`${url}/dingtalk/h5/partners/choose`, { partnerId: 'P2' }, session);
    expect(pickOwn).toMatchObject({ status: 403, json: { error: 'notChoosable' } });
    expect(bot.fake.delivered(CARD_UPDATE)).toHaveLength(0);
  });

  it('the page escapes what it shows: a hostile card parameter and a hostile partner name stay text', async () => {
    world = await startPickerWorld(getDb());
    const { url } = world;
    const html = await (await fetch(`${url}/dingtalk/h5/partners?card=${encodeURIComponent(`"></script><script>alert(1)</script>`)}&lang=en`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    // Partner names reach the page as JSON, which the script sets with textContent only.
    const card = await reportCardOf(world.bot, DT.officer);
    const session = (await post(`${url}/dingtalk/h5/session`, { code: world.bot.fake.issueAuthCode(DT.officer), card: cardParam(card.params.partnerPickerUrl!) })).json.session as string;
    const found = await get(`${url}/dingtalk/h5/partners/search?q=P0013`, session);
    expect(found.json.partners).toEqual([{ id: 'P0013', name: EVIL }]);
    const script = await (await fetch(`${url}/dingtalk/h5/partners.js`)).text();
    expect(script).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it('without an overflow the card has no link', async () => {
    const bot = await startDingTalkBot(getDb(), { partnerPicker: { publicUrl: 'https://bot.example.com', secret: 's', now: () => Date.now() } });
    try {
      const card = await reportCardOf(bot, DT.officer);
      expect(card.params.partnerPickerUrl).toBe('');
      expect(JSON.parse(card.params.partnerOptions!)).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  });
});
