import { db } from "../db";
import { AppError } from "../errors";
import { consumeKeyRate, consumeRequestRate, keyMinuteLimitError, minuteLimitError } from "../limits/consume-request-rate";
import type { ResponseMeta } from "../limits/response-meta";
import { authenticateApiKeyOrThrow, bearerToken } from "./api-keys";
import type { ApiKeyCaller } from "./caller";

/**
 * The REST-style entry points (/v1, /mcp): an API key in `Authorization: Bearer`, never the dashboard's cookie —
 * so no session and no CSRF question arises — then one request counted against the account's per-minute limit,
 * exactly as the GraphQL endpoint counts a document (lib/graphql/yoga.ts). The window goes into `meta` for the
 * response headers whether or not the request fits; one that does not fit throws RATE_LIMIT with retryAfter.
 */
export async function authenticateApiRequestOrThrow(request: Request, meta: ResponseMeta, points = 1): Promise<ApiKeyCaller> {
  const caller = await authenticateApiKeyOrThrow(await db(), bearerToken(request.headers.get("authorization")));
  meta.limits = caller.limits;
  const keyWindow = await consumeKeyRate(caller.apiKeyId, caller.key.rpmLimit, points);
  if (keyWindow && !keyWindow.allowed) {
    meta.window = keyWindow;
    meta.retryAfter = keyWindow.resetSeconds;
    throw keyMinuteLimitError(keyWindow);
  }
  const window = await consumeRequestRate(caller.accountId, caller.limits, points);
  meta.window = window;
  if (window && !window.allowed) {
    meta.retryAfter = window.resetSeconds;
    throw minuteLimitError(window);
  }
  return caller;
}

/** Records what an error tells the response headers (Retry-After of a limit), as GraphQL's startGeneration does. */
export function noteRetryAfter(error: unknown, meta: ResponseMeta): void {
  if (error instanceof AppError && typeof error.details.retryAfter === "number") meta.retryAfter = error.details.retryAfter;
}
