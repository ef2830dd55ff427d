import { AppError } from "../errors";
import { limiter, type WindowState } from "./limiter";
import type { PlanLimits } from "./plans";

/**
 * Counts `points` API requests against the account's per-minute limit (a document with several `generate`
 * fields counts each). Returns the window — allowed or not — for the response headers, or null when the account
 * has no per-minute limit.
 */
export async function consumeRequestRate(accountId: string, limits: PlanLimits, points: number): Promise<WindowState | null> {
  const perMinute = limits.requestsPerMinute;
  if (perMinute === null) return null;
  // The limit is part of the key: a plan change starts a fresh window at the new limit on the next request.
  return limiter().consume(`rpm:${accountId}:${perMinute}`, points, perMinute, 60);
}

export function minuteLimitError(window: WindowState): AppError {
  return new AppError("RATE_LIMIT", `Rate limit exceeded: ${window.limit} requests per minute. Retry in ${window.resetSeconds} s.`, {
    limit: "minute",
    retryAfter: window.resetSeconds,
  });
}
