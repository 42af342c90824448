import type { Logger } from '../logger.ts';
import type { Clock } from '../service/clock.ts';
import { verifyDingTalkCallback } from './callback-signature.ts';
import { answerCardCallback, isCardCallback } from './http-card-callback.ts';
import type { DingTalkInbound } from './inbound.ts';
import { TOPIC_ROBOT } from './stream-client.ts';

/**
 * HTTP callback mode (DINGTALK_MODE=http): a robot message or a card
 * callback (http-card-callback.ts) POSTed to /dingtalk/events. Nothing happens unless the signature is DingTalk's and
 * no more than an hour old. Transport-free: the server hands in the headers
 * and the raw body and writes back what this returns.
 */
export async function handleDingTalkHttpCallback(
  request: { headers: Record<string, string | string[] | undefined>; body: string },
  deps: { appSecret: string; clock: Clock; inbound: DingTalkInbound; logger?: Logger },
): Promise<{ status: number; body: unknown }> {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const check = verifyDingTalkCallback({ timestamp: header('timestamp'), sign: header('sign') }, deps.appSecret, deps.clock.now().getTime());
  if (!check.ok) return { status: 401, body: { error: `signature ${check.reason}` } };
  let data: unknown;
  try {
    data = JSON.parse(request.body);
  } catch {
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  if (isCardCallback(data)) return { status: 200, body: await answerCardCallback(data, deps) };
  const msgId = (data as { msgId?: unknown }).msgId;
  await deps.inbound.handle(TOPIC_ROBOT, data, typeof msgId === 'string' ? msgId : '');
  return { status: 200, body: {} };
}
