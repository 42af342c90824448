// `/partner add|edit|contract|program`: admins change the registry in modals (R-CAT, issue 11), over real HTTP with signed requests.
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { auditEvents } from '../../../src/db/schema/index.ts';
import { VIEWS } from '../../../src/slack/action-ids.ts';
import { readRegistryEntry } from '../../../src/service/registry/registry-entry.ts';
import { ADMIN, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { rowCounts } from '../../support/service-fixtures.ts';
import { datePicked, plainValue, radio, selected, startBot, textOf, type Bot } from './harness.ts';

type Payload = Record<string, unknown>;

describeEachBackend('/partner registry modals (R-CAT, issue 11)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  let n = 0;
  /** Sends the command; returns the modal it opened, or the private answer when none did. */
  async function open(b: Bot, userId: string, text: string, callbackId: string) {
    const id = `registry-${++n}`;
    const before = b.fake.callsTo('views.open').length;
    await b.command(userId, text, { command: '/partner', responseUrl: b.fake.responseUrl(id) });
    const answer = await Promise.race([
      b.fake.waitFor('views.open', () => b.fake.callsTo('views.open').length > before).then(() => undefined),
      b.fake.waitForResponseUrlPost(id).then((p) => textOf(p.body)),
    ]);
    if (answer !== undefined) return { answer };
    const modal = b.fake.callsTo('views.open').at(-1)!;
    expect((modal.args.view as { callback_id?: string }).callback_id).toBe(callbackId);
    return { modal };
  }
  const partnerValues = (v: { id?: string; name: string; levels: Record<string, string>; slack?: string; dingtalk?: string }) => ({
    ...(v.id === undefined ? {} : { partner_id: { partner_id: plainValue(v.id) } }),
    name: { name: plainValue(v.name) },
    ...Object.fromEntries(['consulting_sales', 'product_solution', 'service', 'marketplace'].map((c) => [`level_${c}`, { level: plainValue(v.levels[c] ?? null) }])),
    slack_contacts: { contacts: plainValue(v.slack ?? '') },
    dingtalk_contacts: { contacts: plainValue(v.dingtalk ?? '') },
  });
  const audit = async (b: Bot, subject: string) =>
    (await b.w.db.select({ action: auditEvents.action, actor: auditEvents.actor }).from(auditEvents).where(eq(auditEvents.subject, subject)).orderBy(auditEvents.id)).map((a) => `${a.action} by ${a.actor}`);

  it('an admin adds a partner, then changes it in the prefilled modal; bad input is an inline error and changes nothing; the same submission twice acts once; both audited', async () => {
    bot = await startBot(getDb());
    const { modal: add } = await open(bot, ADMIN.userId, 'add', VIEWS.partner);
    expect(textOf(add!.args.view)).toContain('R-CAT');
    const before = await rowCounts(bot.w.db);
    const badLevel = await bot.submit(ADMIN.userId, add!, partnerValues({ id: 'P3', name: 'Partner Three', levels: { service: 'x'.repeat(41) } }));
    expect(badLevel.json).toEqual({ response_action: 'errors', errors: { level_service: expect.stringContaining('must be one line of at most 40 characters') } });
    const noCategory = await bot.submit(ADMIN.userId, add!, partnerValues({ id: 'P3', name: 'Partner Three', levels: {} }));
    expect(noCategory.json).toEqual({ response_action: 'errors', errors: { level_consulting_sales: 'Give a level in at least one category (R-CAT).' } });
    const badContact = await bot.submit(ADMIN.userId, add!, partnerValues({ id: 'P3', name: 'Partner Three', levels: { service: 'gold' }, slack: 'bob' }));
    expect(badContact.json).toMatchObject({ response_action: 'errors', errors: { slack_contacts: expect.stringContaining('"bob"') } });
    const taken = await bot.submit(ADMIN.userId, add!, partnerValues({ id: 'P1', name: 'Partner Three', levels: { service: 'gold' } }));
    expect(taken.json).toMatchObject({ response_action: 'errors', errors: { partner_id: expect.stringContaining('/partner edit P1') } });
    expect(await rowCounts(bot.w.db)).toEqual(before);

    const values = partnerValues({ id: 'P3', name: 'Partner Three', levels: { consulting_sales: 'gold', service: 'silver' }, slack: 'U0PARTNER3', dingtalk: 'manager4567' });
    const done = await bot.submit(ADMIN.userId, add!, values);
    expect(done.json).toMatchObject({ response_action: 'update' });
    expect(textOf(done.json)).toContain('Partner *P3* is added.');
    const added = await rowCounts(bot.w.db);
    await bot.submit(ADMIN.userId, add!, values); // Slack's retry
    expect(await rowCounts(bot.w.db)).toEqual(added);

    const { modal: edit } = await open(bot, ADMIN.userId, 'edit P3', VIEWS.partner);
    const shown = edit!.args.view as Payload;
    expect(JSON.stringify(shown.blocks)).toContain('"initial_value":"Partner Three"');
    expect(JSON.stringify(shown.blocks)).toContain('"initial_value":"manager4567"');
    const edited = await bot.submit(ADMIN.userId, edit!, partnerValues({ name: 'Partner Three Ltd', levels: { service: 'gold' }, slack: 'U0PARTNER3 U0PARTNER4' }));
    expect(textOf(edited.json)).toContain('Partner *P3* is changed.');
    expect(await readRegistryEntry(bot.w.db, 'P3')).toMatchObject({
      name: 'Partner Three Ltd', categories: [{ category: 'service', level: 'gold' }],
      contacts: [{ platform: 'slack', userId: 'U0PARTNER3' }, { platform: 'slack', userId: 'U0PARTNER4' }],
    });
    // The first edit form, submitted again under another hash after the change: told it changed, nothing written.
    const stale = await bot.submit(ADMIN.userId, edit!, partnerValues({ name: 'Stale', levels: { service: 'gold' } }), { hash: 'h-other' });
    expect(stale.json).toMatchObject({ response_action: 'errors', errors: { name: expect.stringContaining('Someone changed P3 since you opened this form') } });
    expect(await audit(bot, 'P3')).toEqual(['registry.partner_added by slack:U0ADMIN', 'registry.partner_changed by slack:U0ADMIN']);
  });

  it('an admin sets a contract term (the exits’ dates) and records a program joined; a bad date is an inline error; in Chinese too', async () => {
    bot = await startBot(getDb(), { locales: { [ADMIN.userId]: 'zh-CN' } });
    const { modal: contract } = await open(bot, ADMIN.userId, 'contract P1', VIEWS.contract);
    const dates = (s: string, e: string, r?: string) => ({ starts_on: { date: datePicked(s) }, ends_on: { date: datePicked(e) }, renewal_notice_on: { date: datePicked(r ?? '') } });
    const before = await rowCounts(bot.w.db);
    const backwards = await bot.submit(ADMIN.userId, contract!, dates('2026-04-01', '2025-03-31'));
    // escapeMrkdwn keeps `_` from opening italics with a zero-width space; read past it.
    expect(JSON.parse(JSON.stringify(backwards.json).replace(/\u200b/g, ''))).toEqual({ response_action: 'errors', errors: { ends_on: '输入有误：ends_on 2025-03-31 is before starts_on 2026-04-01' } });
    const notADate = await bot.submit(ADMIN.userId, contract!, dates('2026-04-01', '2027-03-31', '2026-13-01'));
    expect(notADate.json).toMatchObject({ response_action: 'errors', errors: { renewal_notice_on: expect.stringContaining('"2026-13-01"') } });
    expect(await rowCounts(bot.w.db)).toEqual(before);
    const saved = await bot.submit(ADMIN.userId, contract!, dates('2026-04-01', '2027-03-31', '2027-02-15'));
    expect(textOf(saved.json)).toContain('合同期 2026-04-01 … 2027-03-31 已保存');

    const { modal: program } = await open(bot, ADMIN.userId, 'program P1', VIEWS.program);
    const joined = await bot.submit(ADMIN.userId, program!, { action: { program_action: radio('join') }, program: { program: plainValue('Cloud MSP') }, category: { category: selected('consulting_sales') }, joined_on: { date: datePicked('2026-05-01') } });
    expect(textOf(joined.json)).toContain('自 2026-05-01 起参加合作计划“Cloud MSP”');
    expect(await readRegistryEntry(bot.w.db, 'P1')).toMatchObject({
      contracts: [{ startsOn: '2026-04-01', endsOn: '2027-03-31', renewalNoticeOn: '2027-02-15' }],
      programs: [{ program: 'Cloud MSP', category: 'consulting_sales', joinedOn: '2026-05-01' }],
    });
    expect(await audit(bot, 'P1')).toEqual(expect.arrayContaining(['registry.contract_saved by slack:U0ADMIN', 'registry.program_joined by slack:U0ADMIN']));
  });

  it('a non-admin is refused privately, naming the admin role, and no modal opens; a modal submitted by a non-admin changes nothing', async () => {
    bot = await startBot(getDb());
    for (const [who, text] of [[OFFICER.userId, 'add'], [OFFICER.userId, 'edit P1'], [P1_CONTACT.userId, 'contract P1'], [P1_CONTACT.userId, 'program P1']] as const) {
      const { answer } = await open(bot, who, text, '');
      expect({ who, text, answer }).toEqual({ who, text, answer: expect.stringContaining('You need the admin role to add or change a partner in the registry.') });
    }
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
    const { modal } = await open(bot, ADMIN.userId, 'edit P1', VIEWS.partner);
    const before = await rowCounts(bot.w.db);
    const res = await bot.submit(OFFICER.userId, modal!, partnerValues({ name: 'Hijacked', levels: { service: 'gold' } }));
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(await rowCounts(bot.w.db)).toEqual(before);
    expect((await open(bot, ADMIN.userId, 'edit', '')).answer).toContain('/partner edit P1');
    expect((await open(bot, ADMIN.userId, 'edit NOPE', '')).answer).toContain('No such partner');
  });
});
