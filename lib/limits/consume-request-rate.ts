import { env } from "../env";
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

/**
 * Counts `points` against the key's own per-minute limit (set below the plan's on the keys page), or returns null
 * when the key has none. Checked before the account's window, so a request the key refuses costs the account
 * nothing.
 */
export async function consumeKeyRate(apiKeyId: string, perMinute: number | null, points: number): Promise<WindowState | null> {
  if (perMinute === null) return null;
  return limiter().consume(`rpm-key:${apiKeyId}:${perMinute}`, points, perMinute, 60);
}

export function keyMinuteLimitError(window: WindowState): AppError {
  return new AppError("RATE_LIMIT", `Rate limit of this API key exceeded: ${window.limit} requests per minute. Retry in ${window.resetSeconds} s.`, {
    limit: "minute",
    scope: "key",
    retryAfter: window.resetSeconds,
  });
}

export function minuteLimitError(window: WindowState): AppError {
  return new AppError("RATE_LIMIT", `Rate limit exceeded: ${window.limit} requests per minute. Retry in ${window.resetSeconds} s.`, {
    limit: "minute",
    retryAfter: window.resetSeconds,
  });
}

/**
 * Counts one dashboard request (a session's read) against the account's UI budget: more generous than the API's
 * (the dashboard polls), at least the API's, and unlimited only where the API is. Generations from the dashboard
 * are not counted here but as API requests (consumeRequestRate), exactly as they would be with a key.
 */
export async function consumeDashboardRate(accountId: string, limits: PlanLimits): Promise<WindowState | null> {
  const perMinute = limits.requestsPerMinute;
  if (perMinute === null) return null;
  const budget = Math.max(env().DOITONG_DASHBOARD_PER_MINUTE, perMinute);
  return limiter().consume(`ui:${accountId}:${budget}`, 1, budget, 60);
}

/** Counts one GraphQL request without a valid key against its client address's budget (DOITONG_ANONYMOUS_PER_MINUTE). */
export async function consumeAnonymousRate(address: string): Promise<WindowState> {
  const perMinute = env().DOITONG_ANONYMOUS_PER_MINUTE;
  return limiter().consume(`anon:${address}:${perMinute}`, 1, perMinute, 60);
}
