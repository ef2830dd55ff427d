/**
 * Retry-After (RFC 9110 §10.2.3), the one parser for every answer we read it from (vendors, webhook receivers):
 * delay-seconds or an HTTP-date, as seconds from `now`, never negative; undefined when absent or unreadable. Each
 * caller caps it by its own policy (a vendor's 429 waits at most 2 min in the request; a webhook up to 24 h).
 * Fractional seconds, which the RFC does not allow but some servers send, are read as given.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
