import { shanghaiDateOf, type LocalDate } from '../../../../domain/dates.ts';
import { isDomainError } from '../../../../domain/errors.ts';
import { parseExportKind, parseExportRange, type ExportKind, type ExportRange } from '../../../../domain/exports/export-request.ts';
import { exportFileName, renderExport } from '../../../../service/exports/export-data.ts';
import { exportForStaff } from '../../../../service/exports/export-for-staff.ts';
import { sendFileToPerson } from '../../../files/send-file.ts';
import { escapeAndClip } from '../../../render/mrkdwn.ts';
import type { Fmt } from '../../../render/views/format.ts';
import { actorOf } from '../../../slack-context.ts';
import { answerPrivately, replyPrivately, textReply } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `reason` null: nothing was given, so the usage alone answers. */
type Parsed = { ok: true; kind: ExportKind; range: ExportRange } | { ok: false; reason: string | null };

/**
 * `/violation export KIND [FROM] [TO]` → what to export, or why not, in the
 * reader's words. Without days: this month so far; with one: from it to today
 * (issue 11). The days mean what `cli export` says (export-request.ts).
 */
export function exportRequestOf(words: readonly string[], today: LocalDate, f: Fmt): Parsed {
  const [kindWord, from = `${today.slice(0, 8)}01`, to = today, ...extra] = words;
  if (kindWord === undefined) return { ok: false, reason: null };
  if (extra.length > 0) return { ok: false, reason: f.t('dataExport.tooMany') };
  try {
    const kind = parseExportKind(kindWord.toLowerCase());
    return { ok: true, kind, range: parseExportRange(from, to) };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const d = e.details as { value?: string; from?: string; to?: string } | undefined;
    if (e.code === 'export.bad_kind') return { ok: false, reason: f.t('dataExport.badKind', { text: escapeAndClip(kindWord, 40) }) };
    if (e.code === 'export.bad_date') return { ok: false, reason: f.t('dataExport.badDate', { text: escapeAndClip(d?.value ?? '', 40) }) };
    return { ok: false, reason: f.t('dataExport.badRange', { from: d?.from, to: d?.to }) };
  }
}

/**
 * Staff get the CSV (the very text `cli export` prints) as a file in their
 * DM; the answer here says it went. A mistake in the words gets the usage,
 * privately, and nothing is read or sent; anyone not staff is refused
 * (R-CONFIDENTIAL, export-for-staff.ts).
 */
export const exportSubcommand: Subcommand<'export'> = async (req) => {
  const { ctx, f, to } = req;
  const parsed = exportRequestOf(req.parsed.words, shanghaiDateOf(ctx.cases.clock.now()), f);
  if (!parsed.ok) return replyPrivately(ctx, to, textReply(parsed.reason === null ? f.t('dataExport.usage') : `:warning: ${parsed.reason}\n${f.t('dataExport.usage')}`));
  const { kind, range } = parsed;
  const words = { kind: f.t(`dataExport.kind.${kind}`), from: range.from, to: range.to };
  await answerPrivately(ctx, to, f, where(req), async () => {
    const table = await exportForStaff(ctx.cases, actorOf(req.command.user_id), { kind, ...range });
    if (table.rows.length === 0) return textReply(f.t('dataExport.empty', words));
    const filename = exportFileName(kind, range, 'csv');
    const count = table.rows.length;
    await sendFileToPerson(req.client, req.command.user_id, {
      filename, title: f.t('dataExport.title', words), content: renderExport(table, 'csv'), comment: f.t('dataExport.comment', { ...words, count }),
    });
    ctx.logger.info('export sent', { userId: req.command.user_id, kind, from: range.from, to: range.to, rows: count });
    return textReply(f.t('dataExport.sent', { ...words, file: filename, count }));
  });
};
