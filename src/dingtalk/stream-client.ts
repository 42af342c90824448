import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';

/**
 * DingTalk Stream mode (issue 12): an outbound WebSocket, so no public URL.
 * Protocol as in open-dingtalk/dingtalk-stream-sdk-nodejs (src/client.ts):
 * POST /v1.0/gateway/connections/open {clientId, clientSecret, ua,
 * subscriptions:[{type, topic}]} → {endpoint, ticket}; connect to
 * `endpoint?ticket=…`; frames {specVersion, type: SYSTEM|EVENT|CALLBACK,
 * headers: {messageId, topic, …}, data: string}. Every CALLBACK is acked
 * with its messageId ({code: 200, headers: {contentType, messageId},
 * message: 'OK', data: JSON {response}}) or DingTalk pushes it again for
 * about 60 s. Our own client, on Node 22's global WebSocket, so the gateway
 * URL can be a local fake.
 */
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface StreamFrame {
  specVersion?: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: { messageId: string; topic: string; contentType?: string; [k: string]: unknown };
  data: string;
}

/**
 * Handles one callback; its result is the `response` of the ack (a card
 * callback's answer updates the card at no API cost). Throwing leaves the
 * callback un-acked, so DingTalk pushes it again.
 */
export type StreamCallbackHandler = (topic: string, data: unknown, messageId: string) => Promise<unknown>;

export interface StreamClientOptions {
  /** Base of the gateway's connections/open (DINGTALK_STREAM_URL, default the OpenAPI base). */
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  topics?: readonly string[];
  onCallback: StreamCallbackHandler;
  /** DingTalk waits 2 s for a card answer: ack by then, with the handler's answer if it has one. */
  answerWithinMs?: number;
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  logger?: Logger;
  fetch?: typeof fetch;
}

export class DingTalkStreamClient {
  private readonly opts: StreamClientOptions;
  private readonly logger: Logger;
  private socket: WebSocket | undefined;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Resolved on each (re)connection; tests wait on it. */
  connections = 0;

  constructor(opts: StreamClientOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connects; resolves once the socket is open (rejects if the first attempt fails). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.addEventListener('close', () => resolve(), { once: true });
        socket.close();
      });
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private async openTicket(): Promise<string> {
    const fetchFn = this.opts.fetch ?? fetch;
    const res = await fetchFn(`${this.opts.gatewayUrl.replace(/\/+$/, '')}/v1.0/gateway/connections/open`, {
      method: 'POST',
      // Without Accept: application/json the gateway answers XML (SDK comment).
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.opts.clientId,
        clientSecret: this.opts.clientSecret,
        ua: 'violation-bot',
        subscriptions: (this.opts.topics ?? [TOPIC_ROBOT, TOPIC_CARD]).map((topic) => ({ type: 'CALLBACK', topic })),
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string; code?: string; message?: string };
    if (!res.ok || !body.endpoint || !body.ticket) {
      throw new Error(`DingTalk Stream gateway refused the connection (HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''})`.trim());
    }
    const url = new URL(body.endpoint);
    url.searchParams.set('ticket', body.ticket);
    return url.toString();
  }

  private async connect(): Promise<void> {
    const url = await this.openTicket();
    const socket = new WebSocket(url);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('DingTalk Stream WebSocket failed to open')), { once: true });
    });
    this.attempts = 0;
    this.connections++;
    this.logger.info('dingtalk stream connected');
    socket.addEventListener('message', (ev) => this.onFrame(socket, String(ev.data)));
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.socket = undefined;
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const base = this.opts.reconnectDelayMs ?? 1000;
    const delay = Math.min(base * 2 ** this.attempts, this.opts.maxReconnectDelayMs ?? 30_000);
    this.attempts++;
    this.logger.warn('dingtalk stream disconnected; reconnecting', { inMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((e: unknown) => {
        this.logger.warn('dingtalk stream reconnect failed', { error: e instanceof Error ? e.message : String(e) });
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private onFrame(socket: WebSocket, raw: string): void {
    let frame: StreamFrame;
    try {
      frame = JSON.parse(raw) as StreamFrame;
    } catch {
      this.logger.warn('dingtalk stream: unreadable frame');
      return;
    }
    if (frame.type === 'SYSTEM') return this.onSystem(socket, frame);
    if (frame.type === 'CALLBACK' || frame.type === 'EVENT') {
      const work = this.onCallback(socket, frame);
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
  }

  private onSystem(socket: WebSocket, frame: StreamFrame): void {
    if (frame.headers.topic === 'ping') {
      socket.send(JSON.stringify({ code: 200, headers: frame.headers, message: 'OK', data: frame.data }));
    } else if (frame.headers.topic === 'disconnect') {
      // The gateway is about to go away: close now, and reconnect through a fresh ticket.
      socket.close();
    }
  }

  private async onCallback(socket: WebSocket, frame: StreamFrame): Promise<void> {
    const messageId = frame.headers.messageId;
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      data = frame.data;
    }
    let acked = false;
    const ack = (response: unknown) => {
      if (acked || socket.readyState !== WebSocket.OPEN) return;
      acked = true;
      const payload = frame.type === 'EVENT' ? { status: 'SUCCESS' } : { response: response ?? null };
      socket.send(JSON.stringify({ code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify(payload) }));
    };
    const handled = this.opts.onCallback(frame.headers.topic, data, messageId);
    // Past the budget, ack without an answer: the handler goes on and may update the card by API later.
    const timer = setTimeout(() => ack(null), this.opts.answerWithinMs ?? 1500);
    try {
      ack(await handled);
    } catch (e) {
      // Not acked (unless the budget already passed): DingTalk pushes it again.
      this.logger.error('dingtalk callback failed', { topic: frame.headers.topic, messageId, error: e instanceof Error ? e.message : String(e) });
    } finally {
      clearTimeout(timer);
    }
  }
}
