/**
 * Every failure is a DoitongError (or a subclass picked by `code`), so callers can `catch` by class or switch on
 * `code`. `code` is the API's `errors[].extensions.code`; `field` names the offending input for INVALID_INPUT;
 * `requestId` is what support needs to find the request in our logs.
 */
export interface ErrorDetails {
  code: string;
  field?: string;
  requestId?: string;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** Seconds the API asked to wait before retrying (RATE_LIMIT). */
  retryAfter?: number;
  extensions?: Record<string, unknown>;
}

export class DoitongError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  readonly status: number | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(message: string, details: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = details.code;
    this.field = details.field;
    this.requestId = details.requestId;
    this.status = details.status;
    this.extensions = details.extensions ?? {};
  }
}

/** UNAUTHENTICATED: missing, malformed or revoked API key. */
export class AuthenticationError extends DoitongError {}

/**
 * FORBIDDEN, WORKSPACE_SUSPENDED: the key or person is known but may not do this (a key's scope or limits, a
 * member's role, a suspended workspace). An AuthenticationError too, so code that handles "this key cannot go on"
 * in one place keeps working.
 */
export class ForbiddenError extends AuthenticationError {}

/** RATE_LIMIT: per-minute, daily or queue limit; `retryAfter` says when to come back. */
export class RateLimitError extends DoitongError {
  readonly retryAfter: number | undefined;
  constructor(message: string, details: ErrorDetails) {
    super(message, details);
    this.retryAfter = details.retryAfter;
  }
}

/** INSUFFICIENT_CREDITS, or a cost above the request's maxCost. */
export class InsufficientCreditsError extends DoitongError {}

/** INVALID_INPUT, QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE: the request itself must change. */
export class InvalidInputError extends DoitongError {}

/** NOT_FOUND: no such object in this account. */
export class NotFoundError extends DoitongError {}

/** IDEMPOTENCY_CONFLICT: the Idempotency-Key was used before with a different request. */
export class IdempotencyConflictError extends DoitongError {}

/** PROVIDER_UNAVAILABLE, GENERATION_FAILED, DEADLINE_EXCEEDED: the generation could not be made. */
export class GenerationError extends DoitongError {}

/** INTERNAL, SERVICE_UNAVAILABLE, an HTTP 5xx or a response that is not the API's: retry later. */
export class ServerError extends DoitongError {}

/** The API could not be reached (DNS, refused connection, reset), after the retries. */
export class ConnectionError extends DoitongError {}

const CLASSES: Record<string, new (message: string, details: ErrorDetails) => DoitongError> = {
  UNAUTHENTICATED: AuthenticationError,
  FORBIDDEN: ForbiddenError,
  WORKSPACE_SUSPENDED: ForbiddenError,
  RATE_LIMIT: RateLimitError,
  INSUFFICIENT_CREDITS: InsufficientCreditsError,
  INVALID_INPUT: InvalidInputError,
  QUERY_TOO_COMPLEX: InvalidInputError,
  PAYLOAD_TOO_LARGE: InvalidInputError,
  NOT_FOUND: NotFoundError,
  IDEMPOTENCY_CONFLICT: IdempotencyConflictError,
  PROVIDER_UNAVAILABLE: GenerationError,
  GENERATION_FAILED: GenerationError,
  DEADLINE_EXCEEDED: GenerationError,
  INTERNAL: ServerError,
  SERVICE_UNAVAILABLE: ServerError,
};

/** The class for an API error code; unknown (newer) codes are plain DoitongErrors, so old clients still work. */
export function errorFor(message: string, details: ErrorDetails): DoitongError {
  const Class = CLASSES[details.code] ?? DoitongError;
  return new Class(message, details);
}
