// The DingTalk bot with many partners and the H5 partner picker (issue 12)
// served on its own PORT, for the picker's HTTP and browser tests.
import { expect } from 'vitest';
import { AuthCodeExchange } from '../../../src/dingtalk/h5/auth-code.ts';
import { dingtalkH5Handler, H5_PREFIX } from '../../../src/dingtalk/h5/h5-routes.ts';
import type { PartnerPickerLink } from '../../../src/dingtalk/h5/picker-link.ts';
import { startDingTalkHttpServer } from '../../../src/dingtalk/http-server.ts';
import { DingTalkOpenApi } from '../../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../../src/dingtalk/robot-api.ts';
import { silentLogger } from '../../../src/logger.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { CARD_CREATE, startDingTalkBot, type DingTalkBot } from './dingtalk-bot.ts';

export const CORP_ID = 'dingcorp0123';
/** The name of partner P0013: markup that must stay text wherever it is shown. */
export const EVIL = '<img src=x onerror="alert(1)">&</script>';

export interface PickerWorld {
  bot: DingTalkBot;
  url: string;
  jsapiUrl: string;
  stop(): Promise<void>;
}

/** The DingTalk bot with 250 more partners (one with a hostile name) and the H5 picker served on its own PORT. */
export async function startPickerWorld(database: Parameters<typeof startDingTalkBot>[0]): Promise<PickerWorld> {
  const link: PartnerPickerLink = { publicUrl: '', secret: '', now: () => Date.now() };
  const bot = await startDingTalkBot(database, { partnerPicker: link });
  link.secret = bot.fake.clientSecret;
  link.now = () => bot.w.clock.now().getTime();
  const rows = Array.from({ length: 250 }, (_, i) => {
    const id = `P${String(i + 1).padStart(4, '0')}`;
    const name = id === 'P0013' ? `"${EVIL.replaceAll('"', '""')}"` : `Acme ${id}`;
    return `${id},${name},service,silver,,`;
  });
  await importPartners(bot.w.deps, { name: 'many.csv', text: `partner_id,name,category,level,contact_slack_ids,contact_dingtalk_ids\n${rows.join('\n')}\n` });
  const api = new DingTalkOpenApi({ baseUrl: bot.fake.url, clientId: bot.fake.clientId, clientSecret: bot.fake.clientSecret });
  const jsapiUrl = `${bot.fake.url}/jsapi/dingtalk.open.js`;
  const handler = dingtalkH5Handler({
    db: bot.w.db,
    logger: silentLogger,
    robot: new DingTalkRobotApi(api, 'dingrobot'),
    codes: new AuthCodeExchange({ oapiUrl: bot.fake.url, api }),
    secret: bot.fake.clientSecret,
    now: link.now,
    corpId: CORP_ID,
    clientId: bot.fake.clientId,
    jsapiUrl,
    defaultLocale: 'zh-CN',
  });
  const server = await startDingTalkHttpServer({ port: 0, host: '127.0.0.1', checkDatabase: async () => {}, events: undefined, h5: { prefix: H5_PREFIX, handler }, logger: silentLogger });
  link.publicUrl = `http://127.0.0.1:${server.port}`;
  return {
    bot,
    url: link.publicUrl,
    jsapiUrl,
    async stop() {
      await server.stop();
      await bot.stop();
    },
  };
}

/** The report card the robot just sent this person, and its variables. */
export async function reportCardOf(bot: DingTalkBot, userId: string, text = 'violation report'): Promise<{ outTrackId: string; params: Record<string, string> }> {
  await bot.say(userId, text);
  const card = bot.fake.delivered(CARD_CREATE).at(-1)!;
  expect(card.body.openSpaceId).toBe(`dtv1.card//IM_ROBOT.${userId}`);
  return { outTrackId: card.body.outTrackId as string, params: (card.body.cardData as { cardParamMap: Record<string, string> }).cardParamMap };
}

