import type { Db } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey, isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { Clock } from '../clock.ts';
import { exportTable, type ExportRequest, type ExportTable } from './export-data.ts';

/**
 * Data out through a chat platform (issue 11). R-CONFIDENTIAL: staff see
 * every case, and an export shows no more than staff see (less: no text any
 * party wrote, src/domain/exports/case-export.ts), so every staff role may
 * export; a partner's contact or anyone else may not, since the file spans
 * every partner. The CLI needs no check: its operator holds every role.
 */
export async function exportForStaff(deps: { db: Db; clock: Clock }, actor: Actor, req: ExportRequest): Promise<ExportTable> {
  const access = await loadAccess(deps.db, actor);
  if (!isStaff(access)) {
    throw new DomainError('access.staff_only', 'Only staff (officer, approver, finance or admin) can export data.', { permission: 'data.export' });
  }
  const table = await exportTable(deps.db, req);
  // Who took which data out, and how much, is on the record like any step of a case.
  await appendAudit(deps.db, {
    actor: actorKey(actor),
    action: 'data.exported',
    subject: `${req.kind}:${req.from}..${req.to}`,
    payload: { kind: req.kind, from: req.from, to: req.to, rows: table.rows.length, ...(req.ledgerKinds ? { ledgerKinds: [...req.ledgerKinds] } : {}) },
    at: deps.clock.now(),
  });
  return table;
}
