/**
 * RFC 9457 problem details. This table is the only place where an error code meets an HTTP status;
 * it is typed `Record<ErrorCode, …>`, so a new code fails the build until it is mapped here.
 */
import { Type, type Static } from 'typebox';
import { AppError, type ErrorCode } from '../../application/errors.ts';

export const problemByCode: Record<ErrorCode, { readonly status: number; readonly title: string }> = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'E-mail or password is incorrect' },
  account_locked: { status: 423, title: 'Account temporarily locked' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf_invalid: { status: 403, title: 'Missing or invalid CSRF token' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  rate_limited: { status: 429, title: 'Too many requests' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  template_refused: { status: 422, title: 'The message breaks a rule and was not produced' },
  agency_profile_incomplete: { status: 503, title: 'The agency profile is incomplete: letters and messages cannot be sent' },
  insufficient_storage: { status: 507, title: 'The server has no room left to store this upload' },
  internal: { status: 500, title: 'Internal error' },
};

export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'A URI naming the problem type: `urn:amiable:problem:<code>`.' }),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'Stable machine-readable error code; UI messages are keyed by it.' }),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String({ description: 'The request id, to quote when reporting a problem.' })),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  retryAfterSeconds: Type.Optional(Type.Integer()),
  findings: Type.Optional(Type.Array(Type.Object({
    rule: Type.String(), source: Type.String(), mention: Type.Optional(Type.String()),
    message: Type.Object({ fr: Type.String(), en: Type.String() }),
  }), { description: 'template_refused: each rule the message breaks, with its source.' })),
}, { description: 'RFC 9457 problem details' });

export type Problem = Static<typeof ProblemSchema>;

export function problemFor(error: AppError, requestId: string): Problem {
  const { status, title } = problemByCode[error.code];
  return {
    type: `urn:amiable:problem:${error.code}`,
    title,
    status,
    code: error.code,
    // Internal errors never leak their message (it may contain SQL or paths).
    ...(error.code === 'internal' ? {} : { detail: error.message }),
    instance: requestId,
    ...(error.details.errors ? { errors: [...error.details.errors] } : {}),
    ...(error.details.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.details.retryAfterSeconds } : {}),
    ...(error.details.findings ? { findings: error.details.findings as Problem['findings'] } : {}),
  };
}

/** Error responses every route may return, for the OpenAPI document. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const problemResponses = {
  400: problemResponse('Invalid request (`validation_failed`)'),
  401: problemResponse('Not logged in (`unauthenticated`, `invalid_credentials`)'),
  403: problemResponse('Not allowed (`forbidden`, `csrf_invalid`)'),
  404: problemResponse('Not found, or not visible to you (`not_found`)'),
  429: problemResponse('Too many requests (`rate_limited`)'),
  500: problemResponse('Internal error (`internal`)'),
};
