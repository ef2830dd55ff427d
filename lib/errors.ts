/**
 * The one error table. Domain code throws `AppError` with a code from here; only the GraphQL layer decides how
 * to present it. The page's codes come first; the rest are the API's own.
 *
 * `status` is the HTTP status of a response that carries the error, as the API sends it (lib/graphql/errors.ts
 * reads it from here, the landing page shows it): GraphQL answers 200 with the error in `errors`, next to any data
 * that did succeed; only errors that refuse the whole request set another status.
 */
export const ERROR_CODES = {
  INSUFFICIENT_CREDITS: {
    status: 200,
    description: "Not enough credits for this operation",
    action: "Top up your account balance",
  },
  RATE_LIMIT: {
    status: 429,
    description: "Request limit exceeded",
    action: "Check the X-RateLimit-Reset header",
  },
  INVALID_INPUT: {
    status: 200,
    description: "Invalid parameters were sent",
    action:
      "Check the input against the schema; `extensions.field` names the offending field (a document or variables that cannot be read at all are refused whole, with HTTP 400)",
  },
  PROVIDER_UNAVAILABLE: {
    status: 200,
    description: "The chosen provider is temporarily unavailable",
    action: "Retry later or let the API choose a provider",
  },
  GENERATION_FAILED: {
    status: 200,
    description: "Content generation failed",
    action: "Try again with different parameters",
  },
  UNAUTHENTICATED: {
    status: 401,
    description: "Missing or invalid API key",
    action: "Send `Authorization: Bearer <api key>` with a key from the dashboard",
  },
  FORBIDDEN: {
    status: 200,
    description: "Not allowed: the API key's scopes or limits, or your role in this workspace, do not allow this operation",
    action: "`extensions.required` names the key scope needed (use another key or change its limits); `extensions.capability` names the role's right (ask an owner or admin)",
  },
  WORKSPACE_SUSPENDED: {
    status: 403,
    description: "This workspace is suspended: its API keys and dashboard sessions are refused until it is resumed (generations already running finish)",
    action: "Contact Doitong support",
  },
  NOT_FOUND: {
    status: 200,
    description: "No such object in this account",
    action: "Check the id; objects of other accounts are never visible",
  },
  IDEMPOTENCY_CONFLICT: {
    status: 200,
    description: "This Idempotency-Key was already used with a different request",
    action: "Use a new key for a new request",
  },
  DEADLINE_EXCEEDED: {
    status: 200,
    description: "The generation could not start before its deadline, so it was cancelled and not charged",
    action: "Set a later deadline, or retry when fewer of your generations are waiting",
  },
  WAIT_TIMEOUT: {
    status: 200,
    description: "The result was not ready within the time a synchronous call waits (the /v1 image and speech endpoints)",
    action: "The generation goes on and is charged only if it completes: fetch it by the `generationId` in the error",
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    description: "The GraphQL document is too deep, too large or has too many aliases",
    action: "Split the query into smaller ones",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    description: "The request body is larger than this endpoint accepts",
    action: "Send less; large media goes in as a URL",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description: "A service this request needs (such as email delivery) cannot be reached right now",
    action: "Retry in a few minutes",
  },
  INTERNAL: {
    status: 200,
    description: "Unexpected server error",
    action: "Retry; if it persists, contact support with the request id",
  },
} as const satisfies Record<string, { status: number; description: string; action: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The status of a plain JSON route (sign-up, uploads, callbacks) that answers with one error and no data: what
 * GraphQL sends as 200-with-`errors` becomes the matching HTTP status there.
 */
const PLAIN_STATUS: Partial<Record<ErrorCode, number>> = {
  INSUFFICIENT_CREDITS: 402,
  INVALID_INPUT: 400,
  PROVIDER_UNAVAILABLE: 503,
  GENERATION_FAILED: 502,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  DEADLINE_EXCEEDED: 504,
  WAIT_TIMEOUT: 504,
  INTERNAL: 500,
};

export function plainHttpStatus(code: ErrorCode): number {
  return PLAIN_STATUS[code] ?? ERROR_CODES[code].status;
}

/** A plain JSON route's answer to a refusal: `{ error: { code, message, …details } }` with that code's status. */
export function plainErrorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: plainHttpStatus(error.code), headers });
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts (field path, amounts…) surfaced as GraphQL `extensions`. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/**
 * `reason` is a stable, machine-readable word for why the value was refused (`private-address`…), so a client — the
 * dashboard in the reader's language — can say why without parsing the English message.
 */
export function invalidInput(field: string, message: string, reason?: string): AppError {
  return new AppError("INVALID_INPUT", message, reason ? { field, reason } : { field });
}

export function notFound(what: string, id: string): AppError {
  return new AppError("NOT_FOUND", `${what} ${JSON.stringify(id)} was not found`, { id });
}
