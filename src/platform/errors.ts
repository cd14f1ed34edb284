/**
 * Typed errors thrown by domain code. One platform handler (http.ts) maps them to
 * RFC 9457 problem+json; nothing else builds error answers by hand.
 */
export interface FieldError {
  path: string
  message: string
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Short machine-readable code; also the last segment of the problem `type` URI. */
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title)
    this.name = 'AppError'
  }
}

export class BadRequest extends AppError {
  constructor(detail: string, errors?: FieldError[], code = 'bad_request') {
    super(400, code, 'Bad Request', detail, errors)
  }
}
export class Unauthorized extends AppError {
  constructor(detail = 'Authentication is required.', code = 'unauthorized') {
    super(401, code, 'Unauthorized', detail)
  }
}
export class Forbidden extends AppError {
  constructor(detail = 'You are not allowed to do this.', code = 'forbidden') {
    super(403, code, 'Forbidden', detail)
  }
}
export class NotFound extends AppError {
  constructor(what = 'Resource', code = 'not_found') {
    super(404, code, 'Not Found', `${what} not found.`)
  }
}
export class Conflict extends AppError {
  constructor(detail: string, code = 'conflict') {
    super(409, code, 'Conflict', detail)
  }
}
/** A request that is well-formed but breaks a business rule. */
export class RuleViolation extends AppError {
  constructor(detail: string, code = 'rule_violation', errors?: FieldError[]) {
    super(422, code, 'Unprocessable Content', detail, errors)
  }
}
export class TooManyRequests extends AppError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    code = 'too_many_requests',
  ) {
    super(429, code, 'Too Many Requests', detail)
  }
}

/** A dependency this request needs is not answering; the client may retry later. */
export class ServiceUnavailable extends AppError {
  constructor(detail = 'A service this request needs is not available. Try again shortly.', code = 'service_unavailable') {
    super(503, code, 'Service Unavailable', detail)
  }
}

export const PROBLEM_TYPE_BASE = 'https://emporium.dev/problems/'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
  instance?: string
  [key: string]: unknown
}

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  }
}

export function toProblem(err: AppError): Problem {
  return problem(err.status, err.code, err.title, err.message, err.errors, err.extra)
}
