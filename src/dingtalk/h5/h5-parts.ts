import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DingTalkConfig } from '../../config/dingtalk-config.ts';
import type { DingTalkH5Config } from '../../config/dingtalk-h5-config.ts';
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import type { Clock } from '../../service/clock.ts';
import type { DingTalkOpenApi } from '../openapi-client.ts';
import type { DingTalkRobotApi } from '../robot-api.ts';
import type { ApiMeter } from '../usage-meter.ts';
import { AuthCodeExchange } from './auth-code.ts';
import { dingtalkH5Handler, H5_PREFIX, H5_ROUTES } from './h5-routes.ts';
import type { PartnerPickerLink } from './picker-link.ts';

/** The H5 partner picker as the bot runs it: the card's link, and the routes to serve on PORT. */
export interface PartnerPickerParts {
  link: PartnerPickerLink;
  prefix: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** As Bolt custom routes, when Slack serves the PORT. */
  routes: { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
}

export function partnerPickerParts(config: DingTalkConfig & { h5: DingTalkH5Config }, deps: { db: Db; api: DingTalkOpenApi; robot: DingTalkRobotApi; meter: ApiMeter; logger: Logger; clock: Clock }): PartnerPickerParts {
  const now = () => deps.clock.now().getTime();
  const handler = dingtalkH5Handler({
    db: deps.db,
    logger: deps.logger,
    robot: deps.robot,
    codes: new AuthCodeExchange({ oapiUrl: config.h5.oapiUrl, api: deps.api, meter: deps.meter, now }),
    secret: config.clientSecret,
    now,
    corpId: config.h5.corpId,
    clientId: config.clientId,
    jsapiUrl: config.h5.jsapiUrl,
    defaultLocale: config.defaultLocale,
  });
  return {
    link: { publicUrl: config.h5.publicUrl, secret: config.clientSecret, now },
    prefix: H5_PREFIX,
    handler,
    routes: H5_ROUTES.map((r) => ({ path: r.path, method: [r.method], handler })),
  };
}
