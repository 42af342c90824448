import { WebClient, type Logger as SlackLogger } from '@slack/web-api';

export interface NotifierClientOptions {
  slackApiUrl?: string;
  logger?: SlackLogger;
}

/**
 * The Web API client the outbox delivers through. A 429 pauses its whole
 * queue for `Retry-After` and then retries the call; the outbox retries a
 * failed delivery itself, so the client's own retries must end well within
 * the outbox claim (2 minutes), or a slow retry and the next attempt could
 * both post the message.
 */
export function notifierClient(token: string, opts: NotifierClientOptions = {}): WebClient {
  return new WebClient(token, {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    retryConfig: { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 15_000 },
  });
}
