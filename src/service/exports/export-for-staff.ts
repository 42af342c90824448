import type { Db } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { exportTable, type ExportRequest, type ExportTable } from './export-data.ts';

/**
 * Data out through a chat platform (issue 11). R-CONFIDENTIAL: staff see
 * every case, and an export shows no more than staff see (less: no text any
 * party wrote, src/domain/exports/case-export.ts), so every staff role may
 * export; a partner's contact or anyone else may not, since the file spans
 * every partner. The CLI needs no check: its operator holds every role.
 */
export async function exportForStaff(db: Db, actor: Actor, req: ExportRequest): Promise<ExportTable> {
  const access = await loadAccess(db, actor);
  if (!isStaff(access)) {
    throw new DomainError('access.staff_only', 'Only staff (officer, approver, finance or admin) can export data.', { permission: 'data.export' });
  }
  return exportTable(db, req);
}
