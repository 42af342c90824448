/**
 * One error shape for the whole product: a stable code (`case.not_found`,
 * `import.bad_rows`, ...) and a message for the person who caused it.
 * Adapters map codes to what they show; nothing else is thrown on purpose.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
