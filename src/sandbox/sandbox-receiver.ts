import type { App, Receiver } from '@slack/bolt';

/** Slack waits this long for an ack, then tells the person the app did not respond. */
export const ACK_TIMEOUT_MS = 3000;

export type AckOutcome = { acked: true; response: unknown; ms: number } | { acked: false; ms: number };

/**
 * Bolt's custom-receiver seam (bolt-js src/types/receiver.ts): what the page
 * sends arrives here as the body Slack would have posted, goes through
 * `app.processEvent` like any request, and the first ack is the answer.
 * The listeners cannot tell it from Slack's HTTP requests.
 */
export class SandboxReceiver implements Receiver {
  private app: App | undefined;

  private readonly onError: (e: unknown) => void;
  constructor(onError: (e: unknown) => void = () => {}) {
    this.onError = onError;
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Dispatches one request; resolves with its ack, or `acked: false` after Slack's 3 s. */
  async dispatch(body: Record<string, unknown>, timeoutMs = ACK_TIMEOUT_MS): Promise<AckOutcome> {
    const app = this.app;
    if (!app) throw new Error('the sandbox receiver is not attached to an app yet');
    const started = Date.now();
    let settle: (o: AckOutcome) => void = () => {};
    const outcome = new Promise<AckOutcome>((resolve) => {
      settle = resolve;
    });
    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      settle({ acked: true, response, ms: Date.now() - started });
    };
    const timer = setTimeout(() => settle({ acked: false, ms: Date.now() - started }), timeoutMs);
    app.processEvent({ body, ack }).catch((e: unknown) => this.onError(e));
    try {
      return await outcome;
    } finally {
      clearTimeout(timer);
    }
  }
}
