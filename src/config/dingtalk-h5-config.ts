import { z } from 'zod';
import { ConfigError } from './slack-config.ts';

/**
 * The H5 partner picker's settings (issue 12), all optional: without
 * DINGTALK_H5_URL the report card lists the first partners only, as before.
 * - DINGTALK_H5_URL: the bot's public base URL as DingTalk clients reach it
 *   (the H5 app's home page domain); the card links to
 *   <DINGTALK_H5_URL>/dingtalk/h5/partners.
 * - DINGTALK_CORP_ID: the organisation's CorpId (the JSAPI's silent login asks for it).
 * - DINGTALK_OAPI_URL: DingTalk's older server API, where an auth code becomes a userId (tests: the fake).
 * - DINGTALK_JSAPI_URL: DingTalk's JSAPI script the page loads (tests: the fake's stand-in).
 */
export interface DingTalkH5Config {
  publicUrl: string;
  corpId: string;
  oapiUrl: string;
  jsapiUrl: string;
}

export const DINGTALK_OAPI_URL = 'https://oapi.dingtalk.com';
/** The JSAPI build the page loads unless told otherwise (check DingTalk's JSAPI docs for a newer one). */
export const DINGTALK_JSAPI_URL = 'https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

const schema = z.object({
  DINGTALK_H5_URL: httpUrl,
  DINGTALK_CORP_ID: z.string({ error: 'is missing' }).regex(/^\S+$/, 'must be the CorpId (no spaces)'),
  DINGTALK_OAPI_URL: httpUrl.default(DINGTALK_OAPI_URL),
  DINGTALK_JSAPI_URL: httpUrl.default(DINGTALK_JSAPI_URL),
});

const HOW_TO_FIX: Record<string, string> = {
  DINGTALK_H5_URL: 'set it to the bot’s public https base URL (the H5 app’s home page domain), or leave it unset to list only the first partners on the report card',
  DINGTALK_CORP_ID: 'set it to the CorpId shown in the DingTalk developer console (open-dev.dingtalk.com, top right), needed with DINGTALK_H5_URL',
  DINGTALK_OAPI_URL: 'leave it unset for DingTalk itself, or give an http(s) URL such as http://127.0.0.1:9999',
  DINGTALK_JSAPI_URL: 'leave it unset for DingTalk’s JSAPI script, or give the http(s) URL of another build',
};

/** null when DINGTALK_H5_URL is unset; ConfigError naming the first bad setting otherwise. */
export function loadDingTalkH5Config(env: NodeJS.ProcessEnv): DingTalkH5Config | null {
  const values = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in HOW_TO_FIX && v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
  if (values.DINGTALK_H5_URL === undefined) return null;
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'DINGTALK_H5_URL');
    const what = values[variable] === undefined ? 'is missing' : issue.message;
    throw new ConfigError(variable, `${variable} ${what}: ${HOW_TO_FIX[variable]}.`);
  }
  const e = parsed.data;
  return { publicUrl: e.DINGTALK_H5_URL, corpId: e.DINGTALK_CORP_ID, oapiUrl: e.DINGTALK_OAPI_URL, jsapiUrl: e.DINGTALK_JSAPI_URL };
}
