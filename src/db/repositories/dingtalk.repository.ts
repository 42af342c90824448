import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { dingtalkApiUsage, dingtalkCallbacks, dingtalkUserLocales } from '../schema/index.ts';

/** Adds calls to each (month, API) row in one statement; concurrent writers add, never overwrite. */
export async function addApiUsage(db: Db, rows: readonly { month: string; api: string; calls: number }[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(dingtalkApiUsage)
    .values(rows.map((r) => ({ ...r, updatedAt: at })))
    .onConflictDoUpdate({
      target: [dingtalkApiUsage.month, dingtalkApiUsage.api],
      set: { calls: sql`${dingtalkApiUsage.calls} + excluded.calls`, updatedAt: sql`excluded.updated_at` },
    });
}

export async function apiUsageOfMonth(db: Db, month: string): Promise<{ api: string; calls: number }[]> {
  return db
    .select({ api: dingtalkApiUsage.api, calls: dingtalkApiUsage.calls })
    .from(dingtalkApiUsage)
    .where(eq(dingtalkApiUsage.month, month))
    .orderBy(asc(dingtalkApiUsage.api));
}

/**
 * Records a callback as handled; false when it already was (a re-push or a
 * replay), in which case the caller must do nothing more.
 */
export async function claimCallback(db: Db, msgId: string, topic: string, at: Date): Promise<boolean> {
  const inserted = await db.insert(dingtalkCallbacks).values({ msgId, topic, receivedAt: at }).onConflictDoNothing().returning({ msgId: dingtalkCallbacks.msgId });
  return inserted.length === 1;
}

/** The user's chosen language, default zh-CN (no DingTalk API tells a user's UI language). */
export async function dingtalkLocaleOf(db: Db, userId: string): Promise<'zh-CN' | 'en'> {
  const [row] = await db.select({ locale: dingtalkUserLocales.locale }).from(dingtalkUserLocales).where(eq(dingtalkUserLocales.userId, userId));
  return row?.locale ?? 'zh-CN';
}

export async function setDingtalkLocale(db: Db, userId: string, locale: 'zh-CN' | 'en', at: Date): Promise<void> {
  await db
    .insert(dingtalkUserLocales)
    .values({ userId, locale, updatedAt: at })
    .onConflictDoUpdate({ target: dingtalkUserLocales.userId, set: { locale, updatedAt: at } });
}

/** The user's stored language, or null when they never chose one (then the glue answers in the language they typed). */
export async function storedDingtalkLocale(db: Db, userId: string): Promise<'zh-CN' | 'en' | null> {
  const [row] = await db.select({ locale: dingtalkUserLocales.locale }).from(dingtalkUserLocales).where(eq(dingtalkUserLocales.userId, userId));
  return row?.locale ?? null;
}
