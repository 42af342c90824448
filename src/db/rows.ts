/** `execute` gives rows as an array on postgres.js and as `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  return (rows ?? []) as T[];
}

export function firstRow<T>(result: unknown): T | undefined {
  return rowsOf<T>(result)[0];
}
