import type { WindowState } from "./limiter";
import type { PlanLimits } from "./plans";

/** What a request's execution learned that belongs in the HTTP response headers rather than the body. */
export interface ResponseMeta {
  limits?: PlanLimits;
  window?: WindowState | null;
  retryAfter?: number;
  replayed?: boolean;
}

const metas = new WeakMap<Request, ResponseMeta>();

export function responseMeta(request: Request): ResponseMeta {
  let meta = metas.get(request);
  if (!meta) metas.set(request, (meta = {}));
  return meta;
}

/** X-RateLimit-* (as the product page's clients read them) and the IETF RateLimit-Policy / RateLimit fields. */
export function rateLimitHeaders(meta: ResponseMeta): Record<string, string> {
  const headers: Record<string, string> = {};
  const policies: string[] = [];
  if (meta.limits?.requestsPerMinute) policies.push(`"minute";q=${meta.limits.requestsPerMinute};w=60`);
  if (meta.limits?.daily) policies.push(`"day";q=${meta.limits.daily};w=86400`);
  if (policies.length) headers["RateLimit-Policy"] = policies.join(", ");
  const w = meta.window;
  if (w) {
    headers["X-RateLimit-Limit"] = String(w.limit);
    headers["X-RateLimit-Remaining"] = String(w.remaining);
    headers["X-RateLimit-Reset"] = String(w.resetSeconds);
    headers["RateLimit"] = `"minute";r=${w.remaining};t=${w.resetSeconds}`;
  }
  if (meta.retryAfter !== undefined) headers["Retry-After"] = String(meta.retryAfter);
  if (meta.replayed) headers["Idempotent-Replayed"] = "true";
  return headers;
}
