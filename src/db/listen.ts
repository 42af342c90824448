import type { Database } from './database.ts';

/**
 * Listens on a PostgreSQL notification channel: `onNotify` for each
 * notification, `onListen` each time the listening connection is (re)made —
 * a notification sent while it was down is lost, so a listener catches up
 * there. Returns how to stop. PostgreSQL only: an embedded PGlite is owned by
 * one process (src/db/data-dir-lock.ts), so no other process can signal it;
 * there it returns a stop that does nothing.
 */
export async function listenTo(database: Database, channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>> {
  if (!database.sql) return async () => {};
  const { unlisten } = await database.sql.listen(channel, onNotify, onListen);
  return unlisten;
}
