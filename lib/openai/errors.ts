import { AppError, type ErrorCode, ERROR_CODES, plainHttpStatus } from "../errors";
import { newId } from "../ids";
import { logger } from "../log";
import { currentRequestId } from "../request-context";

const log = logger("openai");

/**
 * Errors in OpenAI's shape — `{ error: { message, type, code, param } }` — with our table code in `code`, so the
 * official SDKs raise their own classes (BadRequestError, AuthenticationError, RateLimitError…), and with the HTTP
 * status OpenAI uses for the same situation (API reference "Error codes", checked against openai@7.60.0's
 * core/error.js, Dec 2026): 400 bad input, 401 bad key, 404 unknown object, 409 conflict, 429 both for request
 * limits and for an exhausted balance (OpenAI's `insufficient_quota`), 5xx for our and vendors' failures.
 */
const OPENAI_STATUS: Partial<Record<ErrorCode, number>> = {
  INSUFFICIENT_CREDITS: 429,
  PROVIDER_UNAVAILABLE: 503,
  GENERATION_FAILED: 500,
};

const OPENAI_TYPE: Partial<Record<ErrorCode, string>> = {
  INSUFFICIENT_CREDITS: "insufficient_quota",
  RATE_LIMIT: "requests",
  PROVIDER_UNAVAILABLE: "server_error",
  GENERATION_FAILED: "server_error",
  WAIT_TIMEOUT: "server_error",
  DEADLINE_EXCEEDED: "server_error",
  SERVICE_UNAVAILABLE: "server_error",
  INTERNAL: "server_error",
};

/**
 * Retrying these cannot help (the balance is still empty, the same request fails the same way, the generation is
 * still running): `x-should-retry: false` stops the openai SDKs' automatic retries, which they apply to 429 and 5xx.
 */
const NO_RETRY: ReadonlySet<ErrorCode> = new Set(["INSUFFICIENT_CREDITS", "GENERATION_FAILED", "WAIT_TIMEOUT", "DEADLINE_EXCEEDED", "INTERNAL"]);

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: ErrorCode; param: string | null; generation_id?: string; request_id?: string };
}

/** Our field paths as the OpenAI request names them (`options.aspectRatio` is what `size` became). */
export type ParamNames = Readonly<Record<string, string>>;

export function openAIError(error: unknown, params: ParamNames = {}): { status: number; body: OpenAIErrorBody; headers: Record<string, string> } {
  if (!(error instanceof AppError)) {
    const requestId = currentRequestId() ?? newId("req");
    log.error({ err: error, requestId }, "internal error in a /v1 request");
    return {
      status: 500,
      headers: {},
      body: { error: { message: `${ERROR_CODES.INTERNAL.description} (request ${requestId})`, type: "server_error", code: "INTERNAL", param: null, request_id: requestId } },
    };
  }
  const field = typeof error.details.field === "string" ? error.details.field : undefined;
  const generationId = typeof error.details.generationId === "string" ? error.details.generationId : undefined;
  const status = OPENAI_STATUS[error.code] ?? plainHttpStatus(error.code);
  return {
    status: status === 200 ? 400 : status,
    headers: NO_RETRY.has(error.code) ? { "x-should-retry": "false" } : {},
    body: {
      error: {
        message: error.message,
        type: OPENAI_TYPE[error.code] ?? "invalid_request_error",
        code: error.code,
        param: field === undefined ? null : renameParam(field, params),
        ...(generationId ? { generation_id: generationId } : {}),
      },
    },
  };
}

function renameParam(field: string, params: ParamNames): string {
  if (params[field]) return params[field];
  const prefix = Object.keys(params).find((p) => p.endsWith(".*") && field.startsWith(p.slice(0, -1)));
  return prefix ? params[prefix] : field;
}
