// `/violation export` (issue 11, Data out) over real HTTP with signed
// requests: staff get the CSV as a file in their DM through Slack's upload
// flow (files.getUploadURLExternal → POST → files.completeUploadExternal),
// byte for byte what `cli export` prints; anyone else is refused privately,
// and a mistake in the words gets the usage; in both cases nothing is sent.
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../../src/db/schema/index.ts';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { ADMIN, APPROVER, FINANCE, key, OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener, givenLedger, givenSanctions } from '../../support/service-fixtures.ts';
import { P2_CONTACT_ID, startBot, textOf, type Bot } from './harness.ts';

const UPLOAD_METHODS = ['files.getUploadURLExternal', 'files.completeUploadExternal'];

describeEachBackend('/violation export', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  let n = 0;
  /** The command's private answer, by its response URL. */
  async function answer(b: Bot, userId: string, text: string): Promise<{ text: string; body: unknown }> {
    const id = `export-${++n}`;
    const res = await b.command(userId, text, { responseUrl: b.fake.responseUrl(id) });
    expect([res.status, res.body]).toEqual([200, '']);
    const post = await b.fake.waitForResponseUrlPost(id, undefined, 10_000);
    return { text: textOf(post.body), body: post.body };
  }

  async function cliExport(b: Bot, ...argv: string[]): Promise<string> {
    const c = captureIo();
    expect(await runCli(['export', ...argv], {}, c.io, cliOpener(b.w))).toBe(0);
    // The CLI prints through console lines; the file is that text with its last line break.
    return `${c.stdout()}\n`;
  }

  const uploads = (b: Bot) => b.fake.calls.filter((c) => UPLOAD_METHODS.includes(c.method));

  it('finance gets the ledger as a CSV file in its DM, identical to the CLI\'s export, and a private line saying so', async () => {
    bot = await startBot(getDb());
    await givenLedger(bot.w, [['P1', '2026-03-31', 'deposit', '1.00'], ['P1', '2026-04-01', 'deposit', '3000.00'], ['P2', '2026-04-30', 'service_fee_unpaid', '-12.50'], ['P1', '2026-05-01', 'prepayment', '9.99']]);
    const a = await answer(bot, FINANCE.userId, 'export ledger 2026-04-01 2026-04-30');
    expect(a.body).toMatchObject({ response_type: 'ephemeral' });
    expect(a.text).toContain('Sent *ledger-2026-04-01_2026-04-30.csv* to your DM with the bot: 2026-04-01 to 2026-04-30, rows: 2.');
    const file = await bot.fake.waitForFile();
    expect(file).toMatchObject({ filename: 'ledger-2026-04-01_2026-04-30.csv', completed: { channelId: `D${FINANCE.userId}` } });
    expect(file.completed!.initialComment).toContain('Export of ledger entries from 2026-04-01 to 2026-04-30 (rows: 2;');
    expect(file.bytes!.toString('utf8')).toBe(await cliExport(bot, 'ledger', '--from', '2026-04-01', '--to', '2026-04-30'));
    expect(file.bytes!.toString('utf8')).toBe('partner_id,date,kind,amount\nP1,2026-04-01,deposit,3000.00\nP2,2026-04-30,service_fee_unpaid,-12.50\n');
    // The DM was opened for that person, and only one file went out.
    expect(bot.fake.callsTo('conversations.open').map((c) => c.args.users)).toContain(FINANCE.userId);
    expect(bot.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    // Who took which data out is on the record.
    const audited = await bot.w.db.select().from(auditEvents).where(eq(auditEvents.action, 'data.exported'));
    expect(audited.map((e) => ({ actor: e.actor, subject: e.subject, payload: e.payload }))).toEqual([
      { actor: `slack:${FINANCE.userId}`, subject: 'ledger:2026-04-01..2026-04-30', payload: { kind: 'ledger', from: '2026-04-01', to: '2026-04-30', rows: 2 } },
    ]);
  });

  it('the cases file carries no defence, evidence or facts (R-CONFIDENTIAL), and equals the CLI\'s; a Chinese reader is answered in Chinese', async () => {
    bot = await startBot(getDb(), { locales: { [OFFICER.userId]: 'zh-CN' } });
    const r = await reportViolation(bot.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'FACTS-SECRET', evidence: [{ kind: 'link', ref: 'https://example.com/report-proof' }] });
    await replyToNotice(bot.w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'DEFENCE-SECRET', evidence: [{ kind: 'link', ref: 'https://example.com/defence-proof' }] });
    const a = await answer(bot, OFFICER.userId, 'export cases 2026-06-01 2026-06-01');
    expect(a.text).toContain('已将 *cases-2026-06-01_2026-06-01.csv* 发到你与机器人的私信：共 1 行');
    const file = await bot.fake.waitForFile();
    const text = file.bytes!.toString('utf8');
    expect(text).toBe(await cliExport(bot, 'cases', '--from', '2026-06-01', '--to', '2026-06-01'));
    expect(text).toContain(`${r.caseId},P1,SVC-09,awaiting_determination,2026-05-20,2026-06-01,2026-06-01,false`);
    for (const secret of ['FACTS-SECRET', 'DEFENCE-SECRET', 'report-proof', 'defence-proof', P1_CONTACT.userId]) expect(text).not.toContain(secret);
  });

  it('every staff role may export; a partner\'s contacts and strangers are refused privately and nothing is uploaded', async () => {
    bot = await startBot(getDb());
    await givenSanctions(bot.w, 'P1', [['H-1', 'SVC-17', '2026-05-05']]);
    for (const who of [P1_CONTACT.userId, P2_CONTACT_ID, STRANGER.userId]) {
      const a = await answer(bot, who, 'export sanctions 2026-05-01 2026-05-31');
      expect(a.body).toMatchObject({ response_type: 'ephemeral' });
      expect(a.text).toContain('Only staff (an officer, approver, finance or admin) can export data; nothing was sent.');
    }
    expect(uploads(bot)).toEqual([]);
    for (const who of [OFFICER.userId, APPROVER.userId, FINANCE.userId, ADMIN.userId]) {
      const a = await answer(bot, who, 'export sanctions 2026-05-01 2026-05-31');
      expect(a.text).toContain('Sent *sanctions-2026-05-01_2026-05-31.csv*');
    }
    expect(bot.fake.files.filter((f) => f.completed).map((f) => f.completed!.channelId)).toEqual([OFFICER, APPROVER, FINANCE, ADMIN].map((p) => `D${p.userId}`));
  });

  it.each([
    ['export ledger 2026-02-30 2026-03-31', '“2026-02-30” is not a date written YYYY-MM-DD.'],
    ['export ledger 2026-05-01 31/05/2026', '“31/05/2026” is not a date written YYYY-MM-DD.'],
    ['export ledger 2026-05-31 2026-05-01', 'The first day (2026-05-31) is after the last (2026-05-01).'],
    ['export payments 2026-05-01 2026-05-31', 'I can export cases, sanctions or ledger, not “payments”.'],
    ['export ledger 2026-05-01 2026-05-31 extra', 'Too many words'],
    ['export', 'Say what to export'],
  ])('"/violation %s" gets the usage privately, and nothing is read or sent', async (line, reason) => {
    bot = await startBot(getDb());
    const a = await answer(bot, FINANCE.userId, line);
    expect(a.body).toMatchObject({ response_type: 'ephemeral' });
    expect(a.text).toContain(reason);
    expect(a.text).toContain('`/violation export ledger 2026-05-01 2026-05-31`');
    expect(uploads(bot)).toEqual([]);
    expect(bot.fake.callsTo('conversations.open')).toEqual([]);
  });

  it('without days it takes this month so far; with nothing in the range it says so and sends no file', async () => {
    bot = await startBot(getDb());
    await givenLedger(bot.w, [['P1', '2026-05-31', 'deposit', '5.00'], ['P1', '2026-06-01', 'deposit', '7.00']]);
    const month = await answer(bot, FINANCE.userId, 'export ledger');
    expect(month.text).toContain('Sent *ledger-2026-06-01_2026-06-01.csv*');
    expect((await bot.fake.waitForFile()).bytes!.toString('utf8')).toBe('partner_id,date,kind,amount\nP1,2026-06-01,deposit,7.00\n');
    const none = await answer(bot, FINANCE.userId, 'export cases 2026-01-01 2026-01-31');
    expect(none.text).toContain('No cases from 2026-01-01 to 2026-01-31: no file was sent.');
    expect(bot.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });

  it('the help lists the export subcommand', async () => {
    bot = await startBot(getDb());
    const a = await answer(bot, FINANCE.userId, 'help');
    expect(a.text).toContain('`/violation export cases|sanctions|ledger [FROM] [TO]`');
  });
});
