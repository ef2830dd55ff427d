import {
  AuthenticationError,
  ConnectionError,
  DoitongError,
  GenerationError,
  IdempotencyConflictError,
  InsufficientCreditsError,
  InvalidInputError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from "../errors.js";

/**
 * The CLI's exit codes, one per error class, so scripts can branch without parsing messages. Documented in the
 * package README and `doitong --help`; keep the three in step.
 */
export const EXIT = {
  OK: 0,
  /** The generation finished FAILED or CANCELLED (with --wait), or an unexpected error. */
  FAILED: 1,
  /** Wrong command line (unknown command, missing argument, bad --option). */
  USAGE: 2,
  /** UNAUTHENTICATED: no DOITONG_API_KEY, or the key is wrong or revoked; FORBIDDEN, WORKSPACE_SUSPENDED. */
  AUTH: 3,
  /** INVALID_INPUT (and QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE, IDEMPOTENCY_CONFLICT): change the request. */
  INVALID_INPUT: 4,
  /** NOT_FOUND: no such generation in this account. */
  NOT_FOUND: 5,
  /** INSUFFICIENT_CREDITS (or above --max-cost). */
  CREDITS: 6,
  /** RATE_LIMIT, still refused after the retries. */
  RATE_LIMIT: 7,
  /** PROVIDER_UNAVAILABLE, GENERATION_FAILED, DEADLINE_EXCEEDED. */
  GENERATION: 8,
  /** The API could not be reached or failed (INTERNAL, SERVICE_UNAVAILABLE, 5xx, network). */
  SERVER: 9,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof AuthenticationError) return EXIT.AUTH;
  if (error instanceof InvalidInputError || error instanceof IdempotencyConflictError) return EXIT.INVALID_INPUT;
  if (error instanceof NotFoundError) return EXIT.NOT_FOUND;
  if (error instanceof InsufficientCreditsError) return EXIT.CREDITS;
  if (error instanceof RateLimitError) return EXIT.RATE_LIMIT;
  if (error instanceof GenerationError) return EXIT.GENERATION;
  if (error instanceof ServerError || error instanceof ConnectionError) return EXIT.SERVER;
  if (error instanceof UsageError) return EXIT.USAGE;
  if (error instanceof DoitongError) return EXIT.FAILED;
  return EXIT.FAILED;
}

/** A mistake on the command line, reported with the usage text. */
export class UsageError extends Error {}
