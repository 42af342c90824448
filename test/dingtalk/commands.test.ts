// Each DingTalk text command, in both languages, through the real inbound
// path (Stream WebSocket → DingTalkInbound → handlers → robot DM on the fake
// DingTalk): the answer is private (a DM to the sender, also when typed in a
// group), in the sender's stored language, else the language typed.
import { afterEach, expect, it } from 'vitest';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { replyToNotice } from '../../src/service/cases/partner-replies.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { key } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { handleDingTalkHttpCallback } from '../../src/dingtalk/http-callback.ts';
import { eventually, robotTextMessage, signedCallbackHeaders } from '../support/fake-dingtalk.ts';
import { BATCH_SEND, DT, dt, startDingTalkBot, type DingTalkBot } from './support/dingtalk-bot.ts';

const LINK = { kind: 'link', ref: 'https://example.com/proof/1' } as const;

describeEachBackend('DingTalk text commands (issue 12)', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('帮助 / help: the DingTalk help, in the language typed; anything unknown gets it too', async () => {
    bot = await startDingTalkBot(getDb());
    const zh = await bot.say(DT.stranger, '帮助');
    expect(zh).toContain('违规处理机器人');
    expect(zh).toContain('`违规 上报` / `violation report`');
    const en = await bot.say(DT.finance, 'help');
    expect(en).toContain('Type one of these to me');
    expect(en).not.toMatch(/\/violation/); // no Slack slash commands in DingTalk's help
    // R-COMPLAINT: filing by text command, and how a contact of several partners names one.
    expect(zh).toContain('`伙伴 投诉 主题 | 内容`');
    expect(zh).toContain('`伙伴 投诉 #P001 主题 | 内容`');
    expect(en).toContain('`partner complaint #P001 SUBJECT | TEXT`');
    expect(await bot.say(DT.admin, 'partner complaint')).toContain('Write the subject, a `|`, then what happened');
    expect(await bot.say(DT.admin, '伙伴 投诉 #P?1 主题 | 内容')).toContain('先写主题');
    expect(await bot.say(DT.finance, 'what can you do')).toContain('I don’t know that command');
    expect(await bot.say(DT.admin, '你好')).toContain('无法识别这条命令');
    expect(await bot.say(DT.admin, 'violation show')).toContain('Give the case: `violation show V-000012`');
    expect(await bot.say(DT.admin, '伙伴 状态 P 1 x')).toContain('无法识别命令中的编号');
  });

  it('语言 en / language 中文: stored by the wire layer, confirmed in the new language, and later answers follow it whatever is typed', async () => {
    bot = await startDingTalkBot(getDb());
    expect(await bot.say(DT.officer, '语言 en')).toBe('From now on I answer you in English.');
    expect(await bot.say(DT.officer, '违规 列表')).toContain('#### Open cases');
    expect(await bot.say(DT.officer, 'language 中文')).toBe('好的，今后我用中文回复你。');
    expect(await bot.say(DT.officer, 'violation list')).toContain('#### 未结案件');
  });

  it('违规 列表 / violation list: staff see every open case; a contact only its own notified cases; a stranger none', async () => {
    bot = await startDingTalkBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: dt(DT.officer), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late *service* @all', evidence: [] });
    const zh = await bot.say(DT.officer, '违规 列表');
    expect(zh).toContain(`**${r.caseId}**`);
    expect(zh).toContain('Partner One (P1)');
    const en = await bot.say(DT.approver, 'violation list');
    expect(en).toContain('#### Open cases');
    expect(en).toContain(r.caseId);
    expect(await bot.say(DT.ownContact, 'violation list')).toContain(r.caseId);
    const other = await bot.say(DT.otherContact, 'violation list');
    expect(other).not.toContain(r.caseId);
    expect(other).toContain('No cases.');
    expect(await bot.say(DT.stranger, '违规 列表')).toContain('没有案件');
  });

  it('违规 查看 / violation show: what the person may see (R-CONFIDENTIAL); user text escaped, never an @all', async () => {
    bot = await startDingTalkBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: dt(DT.officer), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late **service** @all <b>x</b>', evidence: [] });
    const zh = await bot.say(DT.officer, `违规 查看 ${r.caseId}`);
    expect(zh).toContain(`#### 案件 ${r.caseId}`);
    expect(zh).toContain('Late \\*\\*service\\*\\* @\u200Ball &lt;b&gt;x&lt;/b&gt;');
    const en = await bot.say(DT.ownContact, `violation show ${r.caseId.toLowerCase()}`);
    expect(en).toContain('**Facts**');
    // Another partner's contact: the case does not exist for them.
    const other = await bot.say(DT.otherContact, `violation show ${r.caseId}`);
    expect(other).toMatch(/⚠️/);
    expect(other).not.toContain('Late');
    expect(bot.fake.calls.filter((c) => c.api === BATCH_SEND).every((c) => !/"isAtAll":true|@all\b/.test(JSON.stringify(c.body)))).toBe(true);
  });

  it('confidentiality: a reporting partner never sees the defence (R-CONFIDENTIAL), the accused and staff do', async () => {
    bot = await startDingTalkBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: dt(DT.otherContact), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'P1 was late', evidence: [LINK] });
    const { sendNotice } = await import('../../src/service/cases/staff-steps.ts');
    await sendNotice(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId: r.caseId });
    await replyToNotice(bot.w.cases, { key: key(), actor: dt(DT.ownContact), caseId: r.caseId, kind: 'dispute', text: 'SECRET DEFENCE we were on time', evidence: [{ kind: 'link', ref: 'https://example.com/defence' }] });
    await proposeDetermination(bot.w.cases, { key: key(), actor: dt(DT.officer), caseId: r.caseId, established: true, terminate: false, reasons: 'INTERNAL GROUNDS' });
    const reporter = await bot.say(DT.otherContact, `violation show ${r.caseId}`);
    expect(reporter).toContain(r.caseId);
    expect(reporter).not.toContain('SECRET DEFENCE');
    expect(reporter).not.toContain('example.com/defence');
    expect(reporter).not.toContain('INTERNAL GROUNDS');
    const accused = await bot.say(DT.ownContact, `violation show ${r.caseId}`);
    expect(accused).toContain('SECRET DEFENCE');
    const staff = await bot.say(DT.officer, `violation show ${r.caseId}`);
    expect(staff).toContain('SECRET DEFENCE');
    expect(staff).toContain('INTERNAL GROUNDS');
  });

  it('伙伴 状态 / partner status: staff and the partner’s own contacts; anyone else is refused in their language', async () => {
    bot = await startDingTalkBot(getDb());
    const zh = await bot.say(DT.finance, '伙伴 状态 P1');
    expect(zh).toContain('Partner One (P1)');
    expect(zh).toContain('有效处罚');
    expect(await bot.say(DT.ownContact, 'partner status P1')).toContain('Valid sanctions');
    const other = await bot.say(DT.otherContact, 'partner status P1');
    expect(other).toMatch(/^⚠️/);
    expect(other).not.toContain('Valid sanctions');
    const stranger = await bot.say(DT.stranger, '伙伴 状态 P1');
    expect(stranger).toMatch(/^⚠️/);
  });

  it('HTTP mode: a signed callback is a command like a Stream one; a wrong signature is refused and nothing is answered', async () => {
    bot = await startDingTalkBot(getDb());
    const now = bot.w.clock.now().getTime();
    const body = JSON.stringify(robotTextMessage({ msgId: 'http-1', from: DT.finance, text: 'violation list' }));
    const deps = { appSecret: bot.fake.clientSecret, clock: bot.w.clock, inbound: bot.inbound };
    const ok = await handleDingTalkHttpCallback({ headers: signedCallbackHeaders(bot.fake.clientSecret, now), body }, deps);
    expect(ok.status).toBe(200);
    await eventually(() => bot!.dms(DT.finance).length === 1, 5000, 'the answer');
    expect(bot.dms(DT.finance)[0]).toContain('Open cases');
    const forged = await handleDingTalkHttpCallback({ headers: signedCallbackHeaders('not-the-secret', now), body: JSON.stringify(robotTextMessage({ msgId: 'http-2', from: DT.finance, text: 'help' })) }, deps);
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.dms(DT.finance)).toHaveLength(1);
  });

  it('a command typed in a group is answered by DM to the sender only', async () => {
    bot = await startDingTalkBot(getDb());
    await bot.say(DT.officer, '@违规机器人 violation list', { group: true });
    const sends = bot.fake.delivered(BATCH_SEND);
    expect(sends.at(-1)!.body.userIds).toEqual([DT.officer]);
    expect(bot.fake.delivered('POST robot/groupMessages/send')).toEqual([]);
  });
});
