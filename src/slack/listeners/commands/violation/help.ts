import { helpReply } from '../../../render/views/help.ts';
import { replyPrivately, textReply } from '../../shared/reply.ts';
import type { Subcommand } from './subcommand.ts';

/** `/violation help`, and an unknown subcommand: the help, privately. */
export const helpSubcommand: Subcommand<'help'> = (req) => replyPrivately(req.ctx, req.to, helpReply(req.f));

export const unknownSubcommand: Subcommand<'unknown'> = (req) => replyPrivately(req.ctx, req.to, helpReply(req.f, req.parsed.text));

/** A known subcommand whose argument is missing or malformed: its usage line. */
export const usageSubcommand: Subcommand<'usage'> = (req) => replyPrivately(req.ctx, req.to, textReply(req.f.t(`usage.${req.parsed.of}`)));
