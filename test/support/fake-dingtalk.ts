// A local stand-in for DingTalk (issue 12): the OpenAPI over HTTP (token,
// robot DMs and group messages, interactive cards) and the Stream gateway
// over WebSocket (the `ws` package). It answers the way the open platform
// does — 400 InvalidAuthentication for an expired token, 403 QpsLimit past
// the per-API rate, flow-controlled ids in batchSend — records every call,
// and re-pushes a callback nobody acked. Facts: /work/wt/notes-dtwire.md.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { keepIdleSocketsOpen } from './keep-alive.ts';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dingtalkSign } from '../../src/dingtalk/callback-signature.ts';

export interface FakeDingTalkOptions {
  clientId?: string;
  clientSecret?: string;
  /** What the token answer states (expireIn, seconds; DingTalk: 7200). */
  expireInSeconds?: number;
  /** How long a token really works, in ms (default: expireIn); shorter = the token "expires early". */
  tokenValidMs?: number;
  /** Requests per second per API before 403 QpsLimit (sliding 1 s window); unset = unlimited. */
  qpsPerApi?: number;
  /** userId → how many batchSend calls report it in flowControlledStaffIdList before it is delivered. */
  flowControlled?: Record<string, number>;
  /** userIds batchSend reports in invalidStaffIdList. */
  unknownUsers?: string[];
  /** An un-acked callback is pushed again after this long (DingTalk: retries for ~60 s). */
  repushAfterMs?: number;
  maxRepushes?: number;
}

export interface ApiCall {
  /** e.g. `POST robot/oToMessages/batchSend`. */
  api: string;
  body: Record<string, unknown>;
  token: string | undefined;
  status: number;
  at: number;
}

export interface StreamAck {
  messageId: string;
  code: number;
  /** The ack's data, parsed ({response} for a callback). */
  data: unknown;
  at: number;
}

export interface FakeDingTalk {
  /** OpenAPI and Stream-gateway base, e.g. http://127.0.0.1:PORT (DINGTALK_API_URL / DINGTALK_STREAM_URL). */
  url: string;
  clientId: string;
  clientSecret: string;
  calls: ApiCall[];
  /** Successful calls (2xx) of one API. */
  delivered(api: string): ApiCall[];
  /** Every answer of one API with this status. */
  answered(api: string, status: number): ApiCall[];
  tokensIssued(): number;
  /**
   * The H5 silent login (issue 12): what the JSAPI's requestAuthCode gives a
   * page opened in DingTalk by this user — a code that the server API
   * topapi/v2/user/getuserinfo turns into the userId once, within 5 minutes.
   */
  issueAuthCode(userId: string): string;
  /** Who the stand-in JSAPI (GET /jsapi/dingtalk.open.js) signs in; undefined: requestAuthCode fails, as outside DingTalk. */
  h5User: string | undefined;
  /** Every token issued so far stops working now. */
  expireTokens(): void;
  stream: {
    connectionsOpened(): number;
    connected(): number;
    acks: StreamAck[];
    /** How many times each messageId was pushed (re-pushes included). */
    pushes: Map<string, number>;
    pongs: unknown[];
    /** Pushes a CALLBACK frame to every open connection; re-pushes it until acked. */
    push(topic: string, data: unknown, messageId?: string): string;
    ping(): void;
    /** Drops every connection, as a gateway restart would. */
    dropConnections(): void;
    /** Sends SYSTEM disconnect, as the gateway does before it goes away. */
    sayDisconnect(): void;
  };
  close(): Promise<void>;
}

export async function startFakeDingTalk(options: FakeDingTalkOptions = {}): Promise<FakeDingTalk> {
  const clientId = options.clientId ?? 'dingfakeclient';
  const clientSecret = options.clientSecret ?? 'fake-secret-0123456789';
  const expireIn = options.expireInSeconds ?? 7200;
  const validMs = options.tokenValidMs ?? expireIn * 1000;
  const tokens = new Map<string, number>(); // token → valid until (epoch ms)
  let tokenCount = 0;
  const calls: ApiCall[] = [];
  const windows = new Map<string, number[]>();
  const flowControlled = new Map(Object.entries(options.flowControlled ?? {}));
  const unknownUsers = new Set(options.unknownUsers ?? []);
  const tickets = new Set<string>();
  const authCodes = new Map<string, { userId: string; until: number }>();
  let connectionsOpened = 0;

  function overQps(api: string, now: number): boolean {
    if (options.qpsPerApi === undefined) return false;
    const recent = (windows.get(api) ?? []).filter((t) => now - t < 1000);
    windows.set(api, recent);
    if (recent.length >= options.qpsPerApi) return true;
    recent.push(now);
    return false;
  }

  function answer(api: string, body: Record<string, unknown>, token: string | undefined): { status: number; json: unknown } {
    const now = Date.now();
    if (overQps(api, now)) return { status: 403, json: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: `qps limit of ${api}`, requestid: randomUUID() } };
    if (api === 'POST v1.0/oauth2/accessToken') {
      if (body.appKey !== clientId || body.appSecret !== clientSecret) return { status: 400, json: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' } };
      const value = `tok-${++tokenCount}-${randomUUID()}`;
      tokens.set(value, now + validMs);
      return { status: 200, json: { accessToken: value, expireIn } };
    }
    if (api === 'POST v1.0/gateway/connections/open') {
      if (body.clientId !== clientId || body.clientSecret !== clientSecret) return { status: 400, json: { code: 'invalidClientIdOrSecret', message: 'bad client' } };
      const ticket = randomUUID();
      tickets.add(ticket);
      return { status: 200, json: { endpoint: `${wsBase}/connect`, ticket } };
    }
    const until = token === undefined ? undefined : tokens.get(token);
    if (api === 'POST topapi/v2/user/getuserinfo') {
      // The older server API (oapi): HTTP 200 with an errcode; the token is the same app token, in the query.
      if (until === undefined || now >= until) return { status: 200, json: { errcode: 40014, errmsg: '不合法的access_token', request_id: randomUUID() } };
      const code = typeof body.code === 'string' ? authCodes.get(body.code) : undefined;
      // A code works once and for 5 minutes; a forged, used or old one is unknown.
      if (code) authCodes.delete(body.code as string);
      if (!code || now > code.until) return { status: 200, json: { errcode: 40078, errmsg: '不存在的临时授权码', request_id: randomUUID() } };
      return { status: 200, json: { errcode: 0, errmsg: 'ok', result: { userid: code.userId, device_id: 'fake-device', sys: false, sys_level: 0, name: code.userId }, request_id: randomUUID() } };
    }
    if (until === undefined || now >= until) return { status: 400, json: { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: randomUUID() } };
    if (JSON.stringify(body).match(/"isAtAll"\s*:\s*true|@all\b|@所有人/i)) return { status: 400, json: { code: 'fake.atAll', message: 'the fake refuses @all: the bot must never send it' } };
    switch (api) {
      case 'POST v1.0/robot/oToMessages/batchSend': {
        const ids = body.userIds as string[];
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) return { status: 400, json: { code: 'param.userIdsInvalid', message: 'userIds: 1 to 20' } };
        if (typeof body.robotCode !== 'string' || typeof body.msgKey !== 'string' || typeof body.msgParam !== 'string') return { status: 400, json: { code: 'param.invalid', message: 'robotCode, msgKey, msgParam (a JSON string) required' } };
        const flowControlledStaffIdList = ids.filter((id) => {
          const left = flowControlled.get(id) ?? 0;
          if (left > 0) flowControlled.set(id, left - 1);
          return left > 0;
        });
        return { status: 200, json: { processQueryKey: randomUUID(), invalidStaffIdList: ids.filter((id) => unknownUsers.has(id)), flowControlledStaffIdList } };
      }
      case 'POST v1.0/robot/groupMessages/send':
        if (typeof body.openConversationId !== 'string' || typeof body.msgParam !== 'string') return { status: 400, json: { code: 'param.invalid', message: 'openConversationId and msgParam required' } };
        return { status: 200, json: { processQueryKey: randomUUID() } };
      case 'POST v1.0/card/instances/createAndDeliver': {
        const spaceId = String(body.openSpaceId ?? '');
        if (!body.outTrackId || !body.cardTemplateId || !/^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.\S+$/.test(spaceId)) return { status: 400, json: { code: 'param.invalid', message: 'outTrackId, cardTemplateId, openSpaceId' } };
        const spaceType = spaceId.includes('IM_ROBOT') ? 'IM_ROBOT' : 'IM_GROUP';
        return { status: 200, json: { success: true, result: { outTrackId: body.outTrackId, deliverResults: [{ spaceType, spaceId: spaceId.split('.').slice(1).join('.'), success: true }] } } };
      }
      case 'PUT v1.0/card/instances':
        if (!body.outTrackId) return { status: 400, json: { code: 'param.outTrackIdEmpty', message: 'outTrackId' } };
        return { status: 200, json: { success: true, result: true } };
      default:
        return { status: 404, json: { code: 'NotFound', message: api } };
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/jsapi/dingtalk.open.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(standInJsapi(fakeApi.h5User === undefined ? undefined : fakeApi.issueAuthCode(fakeApi.h5User)));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'badJson', message: 'not JSON' }));
      return;
    }
    const api = `${req.method} ${(req.url ?? '').replace(/^\//, '').split('?')[0]}`;
    const token = (req.headers['x-acs-dingtalk-access-token'] as string | undefined) ?? new URL(req.url ?? '/', 'http://x').searchParams.get('access_token') ?? undefined;
    const { status, json } = answer(api, body, token);
    calls.push({ api: api.replace(' v1.0/', ' '), body, token, status, at: Date.now() });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch(() => res.writeHead(500).end());
  });
  keepIdleSocketsOpen(server);
  const wss = new WebSocketServer({ server, path: '/connect' });
  const sockets = new Set<WebSocket>();
  const acks: StreamAck[] = [];
  const pushes = new Map<string, number>();
  const pongs: unknown[] = [];
  const unacked = new Map<string, NodeJS.Timeout>();

  wss.on('connection', (ws, req) => {
    const ticket = new URL(req.url ?? '', 'http://x').searchParams.get('ticket') ?? '';
    if (!tickets.delete(ticket)) {
      ws.close(4401, 'bad ticket');
      return;
    }
    connectionsOpened++;
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { code: number; headers: { messageId?: string; topic?: string }; data: string };
      if (msg.headers.topic === 'ping') {
        pongs.push(msg);
        return;
      }
      const messageId = msg.headers.messageId ?? '';
      let data: unknown = msg.data;
      try {
        data = JSON.parse(msg.data);
      } catch {
        // kept raw
      }
      acks.push({ messageId, code: msg.code, data, at: Date.now() });
      clearTimeout(unacked.get(messageId));
      unacked.delete(messageId);
    });
  });

  function send(frame: unknown): void {
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  function push(topic: string, data: unknown, messageId: string = randomUUID(), round = 0): string {
    pushes.set(messageId, (pushes.get(messageId) ?? 0) + 1);
    send({ specVersion: '1.0', type: 'CALLBACK', headers: { appId: clientId, connectionId: 'fake', contentType: 'application/json', messageId, time: String(Date.now()), topic }, data: JSON.stringify(data) });
    if (round < (options.maxRepushes ?? 3)) {
      const timer = setTimeout(() => {
        if (unacked.has(messageId)) push(topic, data, messageId, round + 1);
      }, options.repushAfterMs ?? 500);
      unacked.set(messageId, timer);
    }
    return messageId;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const wsBase = `ws://127.0.0.1:${port}`;

  const fakeApi: FakeDingTalk = {
    url,
    clientId,
    clientSecret,
    calls,
    delivered: (api) => calls.filter((c) => c.api === api && c.status >= 200 && c.status < 300),
    answered: (api, status) => calls.filter((c) => c.api === api && c.status === status),
    tokensIssued: () => tokenCount,
    issueAuthCode: (userId) => {
      const code = randomUUID().replaceAll('-', '');
      authCodes.set(code, { userId, until: Date.now() + 5 * 60_000 });
      return code;
    },
    h5User: undefined,
    expireTokens: () => {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
    stream: {
      connectionsOpened: () => connectionsOpened,
      connected: () => sockets.size,
      acks,
      pushes,
      pongs,
      push: (topic, data, messageId) => push(topic, data, messageId),
      ping: () => send({ specVersion: '1.0', type: 'SYSTEM', headers: { messageId: randomUUID(), topic: 'ping', contentType: 'application/json', time: String(Date.now()) }, data: JSON.stringify({ opaque: randomUUID() }) }),
      dropConnections: () => {
        for (const ws of sockets) ws.terminate();
      },
      sayDisconnect: () => send({ specVersion: '1.0', type: 'SYSTEM', headers: { messageId: randomUUID(), topic: 'disconnect', contentType: 'application/json', time: String(Date.now()) }, data: '{}' }),
    },
    close: async () => {
      for (const t of unacked.values()) clearTimeout(t);
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fakeApi;
}

/**
 * A stand-in for DingTalk's JSAPI script, for a page opened in a plain
 * browser: `dd.runtime.permission.requestAuthCode` hands over the code the
 * fake issued to its h5User when the script was fetched (or fails, as
 * outside DingTalk), and checks that the page asked with a corpId.
 */
function standInJsapi(code: string | undefined): string {
  return `window.dd = {
  ready: function (fn) { setTimeout(fn, 0); },
  runtime: { permission: { requestAuthCode: function (o) {
    setTimeout(function () {
      if (!o || !o.corpId) return o.onFail({ errorMessage: 'corpId required' });
      ${code === undefined ? "o.onFail({ errorMessage: 'not in DingTalk' });" : `o.onSuccess({ code: ${JSON.stringify(code)} });`}
    }, 0);
  } } }
};
`;
}

/** The headers DingTalk puts on an HTTP callback (sign = Base64 HmacSHA256(appSecret, timestamp\nappSecret)). */
export function signedCallbackHeaders(appSecret: string, timestampMs: number): { timestamp: string; sign: string } {
  const timestamp = String(timestampMs);
  return { timestamp, sign: dingtalkSign(timestamp, appSecret) };
}

/** A robot text message as DingTalk delivers it on /v1.0/im/bot/messages/get. */
export function robotTextMessage(opts: { msgId: string; from: string; text: string; group?: boolean; nick?: string }): Record<string, unknown> {
  return {
    conversationId: opts.group ? 'cidFakeGroup==' : 'cidFakeDm==',
    chatbotCorpId: 'dingcorp',
    chatbotUserId: '$:LWCP_v1:$bot',
    msgId: opts.msgId,
    senderNick: opts.nick ?? 'Tester',
    isAdmin: false,
    senderStaffId: opts.from,
    sessionWebhookExpiredTime: Date.now() + 3_600_000,
    createAt: Date.now(),
    senderCorpId: 'dingcorp',
    conversationType: opts.group ? '2' : '1',
    senderId: `$:LWCP_v1:$${opts.from}`,
    sessionWebhook: 'http://127.0.0.1:1/session',
    robotCode: 'dingfakeclient',
    msgtype: 'text',
    text: { content: opts.text },
  };
}

/** Polls until `check` is true (or fails after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The environment `npm start` needs to serve DingTalk against this fake (the app's credentials, the robot, the two groups). */
export function dingtalkEnvFor(fake: FakeDingTalk): Record<string, string> {
  return {
    DINGTALK_CLIENT_ID: fake.clientId,
    DINGTALK_CLIENT_SECRET: fake.clientSecret,
    DINGTALK_ROBOT_CODE: 'dingrobot',
    DINGTALK_API_URL: fake.url,
    DINGTALK_APPROVALS_CONVERSATION: 'cidApprovals==',
    DINGTALK_NOTICES_CONVERSATION: 'cidNotices==',
  };
}
