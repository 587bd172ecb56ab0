/**
 * RFC 9457 problem details as the Amiable API sends them, and the one error type the web app
 * throws for any failed call. Pure (no fetch, no DOM) so it is unit-tested under Node.
 */

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  /** Extension members (e.g. `retryAfterSeconds` on `account_locked`). */
  [member: string]: unknown;
}

/** Codes the client itself produces when there is no usable problem body. */
export const CLIENT_ERROR_CODES = {
  /** fetch() rejected: server down, offline, DNS, CORS. */
  network: 'network_error',
  /** An error response without a problem body (proxy page, crash before the error handler). */
  unknown: 'unknown_error',
} as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.problem = problem;
  }

  /** Seconds to wait before retrying, from the problem body (423 lockout) or a Retry-After header. */
  get retryAfterSeconds(): number | undefined {
    const value = this.problem.retryAfterSeconds;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): ProblemFieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((item) => ({ path: String(item.path ?? ''), message: String(item.message ?? '') }));
}

/**
 * Builds problem details from an error response. The HTTP status is authoritative (a body can lie or
 * be missing); a body that is not a problem object still yields a usable `code` so the UI can show
 * its generic message.
 */
export function parseProblem(status: number, body: unknown, retryAfterHeader?: string | null): ProblemDetails {
  const { type, title, status: _bodyStatus, code, detail, instance, errors, ...extensions } = isRecord(body) ? body : {};
  const problem: ProblemDetails = {
    ...extensions,
    type: optionalString(type) ?? 'about:blank',
    title: optionalString(title) ?? `HTTP ${status}`,
    status,
    code: typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : CLIENT_ERROR_CODES.unknown,
  };
  if (typeof detail === 'string') problem.detail = detail;
  if (typeof instance === 'string') problem.instance = instance;
  const fields = fieldErrors(errors);
  if (fields) problem.errors = fields;
  if (problem.retryAfterSeconds === undefined && retryAfterHeader) {
    // Retry-After may also be an HTTP date; only the delay-seconds form is worth handling here.
    const seconds = Number(retryAfterHeader);
    if (Number.isInteger(seconds) && seconds >= 0) problem.retryAfterSeconds = seconds;
  }
  return problem;
}

export function networkProblem(cause: unknown): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    code: CLIENT_ERROR_CODES.network,
    detail: cause instanceof Error ? cause.message : String(cause),
  };
}
