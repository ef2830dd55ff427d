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
export declare class DoitongError extends Error {
    readonly code: string;
    readonly field: string | undefined;
    readonly requestId: string | undefined;
    readonly status: number | undefined;
    readonly extensions: Record<string, unknown>;
    constructor(message: string, details: ErrorDetails);
}
/** UNAUTHENTICATED: missing, malformed or revoked API key. */
export declare class AuthenticationError extends DoitongError {
}
/** RATE_LIMIT: per-minute, daily or queue limit; `retryAfter` says when to come back. */
export declare class RateLimitError extends DoitongError {
    readonly retryAfter: number | undefined;
    constructor(message: string, details: ErrorDetails);
}
/** INSUFFICIENT_CREDITS, or a cost above the request's maxCost. */
export declare class InsufficientCreditsError extends DoitongError {
}
/** INVALID_INPUT, QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE: the request itself must change. */
export declare class InvalidInputError extends DoitongError {
}
/** NOT_FOUND: no such object in this account. */
export declare class NotFoundError extends DoitongError {
}
/** IDEMPOTENCY_CONFLICT: the Idempotency-Key was used before with a different request. */
export declare class IdempotencyConflictError extends DoitongError {
}
/** PROVIDER_UNAVAILABLE, GENERATION_FAILED, DEADLINE_EXCEEDED: the generation could not be made. */
export declare class GenerationError extends DoitongError {
}
/** INTERNAL, SERVICE_UNAVAILABLE, an HTTP 5xx or a response that is not the API's: retry later. */
export declare class ServerError extends DoitongError {
}
/** The API could not be reached (DNS, refused connection, reset), after the retries. */
export declare class ConnectionError extends DoitongError {
}
/** The class for an API error code; unknown (newer) codes are plain DoitongErrors, so old clients still work. */
export declare function errorFor(message: string, details: ErrorDetails): DoitongError;
