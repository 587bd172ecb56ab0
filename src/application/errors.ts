/**
 * The one error type (DESIGN.md §3.4). Codes are a closed set; the HTTP edge maps each to a status in
 * a table typed `Record<ErrorCode, …>`, so adding a code here fails the build until it is mapped.
 * User-facing text comes from the UI catalogue, keyed by code; `message` is for logs and developers.
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'forbidden',
  'csrf_invalid',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'service_unavailable',
  'template_refused',
  'agency_profile_incomplete',
  // ── operations (issue #9) ──
  'insufficient_storage',
  // ── Creditor API (issue #7 part B) ──
  'idempotency_key_reused',
  'idempotency_in_progress',
  'case_not_recallable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { readonly errors?: readonly FieldProblem[]; readonly retryAfterSeconds?: number; readonly findings?: readonly unknown[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
/** A refused input field: the message, and the same message against the field's JSON pointer. */
export const invalidField = (path: string, message: string) => new AppError('validation_failed', message, { errors: [{ path, message }] });
